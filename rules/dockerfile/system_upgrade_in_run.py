"""LK308 system-upgrade-in-run: ``apt-get upgrade`` and the like upgrade the whole base image."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import find_invocations, iter_runs

#: tool → (whole-system upgrade subcommands, options taking a value).
_UPGRADES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "apt-get": (
        frozenset({"upgrade", "dist-upgrade", "full-upgrade"}),
        frozenset({"-o", "-c", "-t", "--option", "--config-file", "--target-release"}),
    ),
    "apt": (
        frozenset({"upgrade", "dist-upgrade", "full-upgrade"}),
        frozenset({"-o", "-c", "-t", "--option", "--config-file", "--target-release"}),
    ),
    "apk": (
        frozenset({"upgrade"}),
        frozenset({"-X", "--repository", "-p", "--root", "--arch", "--cache-dir"}),
    ),
    "yum": (
        frozenset({"update", "upgrade"}),
        frozenset({"-c", "--config", "--enablerepo", "--disablerepo", "--exclude", "-x",
                   "--releasever", "--installroot", "--setopt"}),
    ),
    "dnf": (
        frozenset({"update", "upgrade"}),
        frozenset({"-c", "--config", "--enablerepo", "--disablerepo", "--exclude", "-x",
                   "--releasever", "--installroot", "--setopt"}),
    ),
    "microdnf": (
        frozenset({"update", "upgrade"}),
        frozenset({"--enablerepo", "--disablerepo", "--setopt", "--config"}),
    ),
}  # fmt: skip


class SystemUpgradeInRun(Rule):
    """## What it does
    Flags RUN commands that upgrade every package of the base image:
    `apt-get upgrade` / `dist-upgrade` / `full-upgrade` (and `apt`),
    `apk upgrade`, and `yum`/`dnf`/`microdnf` `update`/`upgrade` without package
    names. Upgrading named packages (`apt-get upgrade -y openssl`, `yum update curl`)
    is left alone; `zypper dist-upgrade` has its own rule (zypper-dist-upgrade).

    It is off by default: upgrading at build time also pulls security fixes
    that a slow-moving base image lacks, and many teams do it on purpose.
    Turn it on when your images must be reproducible from the base image alone.

    ## Why is this bad?
    The result depends on the day of the build: two builds of the same
    Dockerfile install different package versions, so an image cannot be
    reproduced and a regression cannot be traced to a change. It also hides
    that the base image is out of date; the maintained fix is a newer base
    image (a newer tag or digest), rebuilt regularly.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get -y upgrade
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12.7
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    ```

    ## References
    - [Docker: best practices, apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    - [Docker: rebuild images often](https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often)
    """

    code = "LK308"
    name = "system-upgrade-in-run"
    summary = "A RUN upgrades every package of the base image, so builds are not reproducible"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each whole-system upgrade on its subcommand."""
        for run in iter_runs(dockerfile):
            for tool, (subcommands, takes_value) in _UPGRADES.items():
                for call in find_invocations(run, (tool,), subcommands, takes_value):
                    if call.operands:
                        continue  # named packages only (``apt-get upgrade -y openssl``)
                    label = f"{call.command.name} {call.subcommand.value}"
                    yield Problem(
                        call.subcommand.range,
                        f"'{label}' upgrades every package of the base image to whatever is "
                        "current on build day, so rebuilds differ; use a newer base image "
                        "tag or digest instead, and pin the packages you install",
                    )

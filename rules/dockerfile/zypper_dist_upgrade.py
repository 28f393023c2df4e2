"""LK135 zypper-dist-upgrade: ``zypper dist-upgrade`` in a build."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import ZYPPER_TAKES_VALUE
from ._run_commands import find_invocations, iter_runs


class ZypperDistUpgrade(Rule):
    """## What it does
    Flags `zypper dist-upgrade` (`zypper dup`) in RUN instructions.

    ## Why is this bad?
    A distribution upgrade inside a build moves the whole image to whatever
    the repositories offer that day, possibly to a new release, so builds are
    not reproducible and packages may change behind the base image's back.
    Pick a newer base image instead, or update single packages.

    ## Example
    ```dockerfile
    RUN zypper --non-interactive dup
    ```

    ## Use instead
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper --non-interactive update curl
    ```

    ## References
    - [zypper(8): dist-upgrade](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "LK135"
    name = "zypper-dist-upgrade"
    summary = "`zypper dist-upgrade` in a build upgrades the whole distribution"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3035",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each ``zypper dist-upgrade``."""
        for run in iter_runs(dockerfile):
            for call in find_invocations(
                run, ("zypper",), ("dist-upgrade", "dup"), ZYPPER_TAKES_VALUE
            ):
                yield Problem(
                    call.subcommand.range,
                    f"'zypper {call.subcommand.value}' upgrades the whole distribution during the "
                    "build; use a newer base image or update single packages",
                )

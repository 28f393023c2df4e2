"""LK139 dnf-cache-not-cleaned: `dnf install` without cleaning its cache in the same RUN."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import RPM_TAKES_VALUE
from ._rpm import cache_problem, uncleaned

CACHE_DIRS = ("/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5")
# dnf also answers to short aliases (`in`, `up`, `up-min`, `rei`), listed in its manual.
SUBCOMMANDS = (
    *("install", "groupinstall", "localinstall", "update", "upgrade", "reinstall"),
    *("in", "up", "upgrade-minimal", "update-minimal", "up-min", "rei"),
)
CLEAN_TOOLS = ("dnf", "dnf5", "microdnf", "yum")
CLEAN_WORDS = (("clean", "all"), ("clean", "packages"))


class DnfCacheNotCleaned(Rule):
    """## What it does
    Flags `dnf install` (and the other subcommands that download packages, also
    under their short aliases such as `in` and `up`) in
    a RUN that does not clean the package cache afterwards with `dnf clean all` (or
    remove `/var/cache/dnf`). `microdnf` and `dnf5` are checked the same way, and the
    message names the tool's own clean command (ubi-minimal images have no `dnf`).
    Only stages that end up in the image are checked: the last stage and the
    stages it is built `FROM`. A RUN with a cache or tmpfs mount on the cache
    directory is fine. `ONBUILD RUN` triggers and `RUN <<EOF`
    scripts are checked too.

    ## Why is this bad?
    The downloaded packages and metadata stay in the layer and make the image
    larger; cleaning in a later RUN does not shrink the earlier layer.

    ## Example
    ```dockerfile
    RUN dnf install -y httpd
    ```

    ## Use instead
    ```dockerfile
    RUN dnf install -y httpd && dnf clean all
    ```

    ## References
    - [dnf: clean command](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command-label)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK139"
    name = "dnf-cache-not-cleaned"
    summary = "`dnf install` without `dnf clean all` in the same RUN"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3040",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each call whose cache stays in the layer."""
        found = uncleaned(
            dockerfile,
            ("dnf", "dnf5", "microdnf"),
            SUBCOMMANDS,
            RPM_TAKES_VALUE,
            CACHE_DIRS,
            CLEAN_TOOLS,
            CLEAN_WORDS,
        )
        for _run, call in found:
            # Name the tool that ran: ubi-minimal images have microdnf and no dnf.
            yield cache_problem(call, f"{call.command.name} clean all")

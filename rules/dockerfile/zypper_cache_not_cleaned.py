"""LK136 zypper-cache-not-cleaned: `zypper install` without cleaning its cache in the same RUN."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import ZYPPER_TAKES_VALUE
from ._rpm import cache_problem, uncleaned

CACHE_DIRS = ("/var/cache/zypp",)
SUBCOMMANDS = ("install", "in", "update", "up", "patch", "dist-upgrade", "dup")
CLEAN_TOOLS = ("zypper",)
CLEAN_WORDS = (("clean",), ("cc",))


class ZypperCacheNotCleaned(Rule):
    """## What it does
    Flags `zypper install` (and the other subcommands that download packages) in
    a RUN that does not clean the package cache afterwards with `zypper clean --all` (or
    remove `/var/cache/zypp`). Only stages that end up in the image are checked: the last
    stage and the stages it is built `FROM`. A RUN with a cache or tmpfs mount
    on the cache directory is fine. `ONBUILD RUN` triggers and `RUN <<EOF`
    scripts are checked too.

    ## Why is this bad?
    The downloaded packages and metadata stay in the layer and make the image
    larger; cleaning in a later RUN does not shrink the earlier layer.

    ## Example
    ```dockerfile
    RUN zypper install -y httpd
    ```

    ## Use instead
    ```dockerfile
    RUN zypper install -y httpd && zypper clean --all
    ```

    ## References
    - [zypper(8): clean](https://en.opensuse.org/SDB:Zypper_manual)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK136"
    name = "zypper-cache-not-cleaned"
    summary = "`zypper install` without `zypper clean --all` in the same RUN"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3036",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each call whose cache stays in the layer."""
        found = uncleaned(
            dockerfile,
            ("zypper",),
            SUBCOMMANDS,
            ZYPPER_TAKES_VALUE,
            CACHE_DIRS,
            CLEAN_TOOLS,
            CLEAN_WORDS,
        )
        for _run, call in found:
            yield cache_problem(call, "zypper clean --all")

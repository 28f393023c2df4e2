"""LK132 yum-cache-not-cleaned: `yum install` without cleaning its cache in the same RUN."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import RPM_TAKES_VALUE
from ._rpm import cache_problem, uncleaned

CACHE_DIRS = ("/var/cache/yum",)
SUBCOMMANDS = ("install", "groupinstall", "localinstall", "update", "upgrade", "reinstall")
CLEAN_TOOLS = ("yum", "dnf")
CLEAN_WORDS = (("clean", "all"), ("clean", "packages"))


class YumCacheNotCleaned(Rule):
    """## What it does
    Flags `yum install` (and the other subcommands that download packages) in
    a RUN that does not clean the package cache afterwards with `yum clean all` (or
    remove `/var/cache/yum`). Only stages that end up in the image are checked: the last
    stage and the stages it is built `FROM`. A RUN with a cache or tmpfs mount
    on the cache directory is fine. `ONBUILD RUN` triggers and `RUN <<EOF`
    scripts are checked too.

    ## Why is this bad?
    The downloaded packages and metadata stay in the layer and make the image
    larger; cleaning in a later RUN does not shrink the earlier layer.

    ## Example
    ```dockerfile
    RUN yum install -y httpd
    ```

    ## Use instead
    ```dockerfile
    RUN yum install -y httpd && yum clean all
    ```

    ## References
    - [yum(8): clean](https://man7.org/linux/man-pages/man8/yum.8.html)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK132"
    name = "yum-cache-not-cleaned"
    summary = "`yum install` without `yum clean all` in the same RUN"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3032",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each call whose cache stays in the layer."""
        found = uncleaned(
            dockerfile, ("yum",), SUBCOMMANDS, RPM_TAKES_VALUE, CACHE_DIRS, CLEAN_TOOLS, CLEAN_WORDS
        )
        for _run, call in found:
            yield cache_problem(call, "yum clean all")

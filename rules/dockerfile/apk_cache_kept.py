"""LK129 apk-cache-kept: ``apk add`` without ``--no-cache``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

from ._pkg import APK_TAKES_VALUE, cache_problems, later_command, runs_subcommand
from ._run_commands import (
    Invocation,
    RunInfo,
    covers,
    flag_problem,
    has_cache_mount,
    options_from_variable,
    removes_path,
)

APK_CACHE = ("/var/cache/apk", "/etc/apk/cache")


class ApkCacheKept(Rule):
    """## What it does
    Flags `apk add` without `--no-cache` in stages that end up in the image (the
    last stage and the stages it is built `FROM`). It is fine when the RUN has a
    cache or tmpfs mount on `/var/cache/apk` (or `/etc/apk/cache`), or later
    removes `/var/cache/apk/*` or runs `apk cache clean`, and for
    `apk add --no-network` (nothing is downloaded). `ONBUILD RUN` triggers
    and `RUN <<EOF` scripts are checked too.

    ## Why is this bad?
    Without `--no-cache`, apk keeps the package index it downloaded (a few
    megabytes per repository) in `/var/cache/apk`, and it stays in the layer.

    ## Example
    ```dockerfile
    RUN apk update && apk add curl
    ```

    ## Use instead
    ```dockerfile
    RUN apk add --no-cache curl
    ```

    ## Fix safety
    The fix inserts `--no-cache` right after `add`. It is safe: apk then fetches
    the index itself without storing it, and installs the same packages.

    ## References
    - [Alpine: apk add --no-cache](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK129"
    name = "apk-cache-kept"
    summary = "`apk add` without `--no-cache` leaves the package index in the image"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3019",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each apk add that keeps the index."""
        for run, call in cache_problems(dockerfile, ("apk",), ("add",), APK_TAKES_VALUE, _kept):
            message = (
                "apk add keeps the downloaded package index in /var/cache/apk; add '--no-cache'"
            )
            yield flag_problem(run, call, message, "--no-cache")


def _kept(run: RunInfo, call: Invocation) -> bool:
    if call.has_option("--no-cache", "--no-network") or options_from_variable(call):
        return False
    if has_cache_mount(run.instruction, covers(*APK_CACHE)):
        return False
    return not later_command(run, call, _cleans)


def _cleans(command: SimpleCommand) -> bool:
    return removes_path(command, APK_CACHE) or runs_subcommand(command, ("apk",), "cache", "clean")

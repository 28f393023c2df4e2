"""LK126 pip-cache-kept: ``pip install`` keeps its download cache in the image."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

from ._pkg import PIP_TAKES_VALUE, cache_problems, later_command, runs_subcommand
from ._run_commands import (
    Invocation,
    RunInfo,
    env_assigned,
    flag_problem,
    has_cache_mount,
    options_from_variable,
    removes_path,
    stage_env,
)


class PipCacheKept(Rule):
    """## What it does
    Flags `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir` (or a start of
    it pip accepts, such as `--no-cache`) in stages that end up in the image (the last stage and
    the stages it is built `FROM`). It is fine when `PIP_NO_CACHE_DIR` is set (by `ENV`, as
    `PIP_NO_CACHE_DIR=1 pip ...`, with `env` or `export`), when the RUN has a cache or tmpfs
    mount on pip's cache (`/root/.cache/pip`, any `…/.cache`, or `$PIP_CACHE_DIR`), or when the
    RUN later runs `pip cache purge` or removes `~/.cache/pip`. `ONBUILD RUN` triggers and
    `RUN <<EOF` scripts are checked too; `pipx`, `pipenv` and `uv` are other tools and not
    checked.

    ## Why is this bad?
    pip keeps every downloaded wheel in `~/.cache/pip`. In an image that cache
    is dead weight, often tens or hundreds of megabytes, because the packages
    are already installed.

    ## Example
    ```dockerfile
    RUN pip install -r requirements.txt
    ```

    ## Use instead
    ```dockerfile
    RUN pip install --no-cache-dir -r requirements.txt
    ```
    or keep the cache between builds without shipping it:
    ```dockerfile
    RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
    ```

    ## Fix safety
    The fix inserts `--no-cache-dir` right after `install`. It is safe: the
    same packages are installed; only the cache is not written.

    ## References
    - [pip: caching](https://pip.pypa.io/en/stable/topics/caching/)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK126"
    name = "pip-cache-kept"
    summary = "`pip install` without `--no-cache-dir` leaves pip's cache in the image"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3042",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each pip install that writes its cache into the layer."""
        for run, call in cache_problems(dockerfile, ("pip",), ("install",), PIP_TAKES_VALUE, _kept):
            message = (
                f"{call.command.name} install keeps downloaded packages in pip's cache inside "
                "the image; add '--no-cache-dir' (or set PIP_NO_CACHE_DIR=1)"
            )
            yield flag_problem(run, call, message, "--no-cache-dir")


#: pip accepts any unambiguous start of a long option: `--no-cache` is `--no-cache-dir`.
_NO_CACHE_SPELLINGS = (
    "--no-cache-dir",
    "--no-cache-di",
    "--no-cache-d",
    "--no-cache-",
    "--no-cache",
)


def _kept(run: RunInfo, call: Invocation) -> bool:
    if call.has_option(*_NO_CACHE_SPELLINGS) or env_assigned(run, call.command, "PIP_NO_CACHE_DIR"):
        return False
    if options_from_variable(call):
        return False
    custom = stage_env(run).get("PIP_CACHE_DIR") or ""
    if has_cache_mount(run.instruction, lambda target: _pip_cache_target(target, custom)):
        return False
    return not later_command(run, call, _purges)


def _pip_cache_target(target: str, custom: str) -> bool:
    return (
        target.endswith(("/.cache", "/.cache/pip"))
        or "pip" in target.rsplit("/", 1)[-1]
        or (bool(custom) and target == custom.rstrip("/"))
    )


def _purges(command: SimpleCommand) -> bool:
    if runs_subcommand(command, ("pip", "pip3"), "cache", "purge"):
        return True
    return removes_path(command, ("/root/.cache",))

"""LK151 npm-cache-kept: ``npm install``/``npm ci`` leaves npm's cache in the image."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import NPM_TAKES_VALUE, cache_problems, later_command, runs_subcommand
from ._run_commands import Invocation, RunInfo, has_cache_mount, removes_path

NPM_CACHES = ("/root/.npm", "/home/node/.npm")


class NpmCacheKept(Rule):
    """## What it does
    Flags `npm install`/`npm i`/`npm ci` in a RUN that does not clean npm's
    cache afterwards (`npm cache clean --force`, or removing `~/.npm`). Only
    stages that end up in the image are checked (the last stage and the
    stages it is built `FROM`): a builder stage whose `node_modules` is copied
    elsewhere is fine. A cache or tmpfs mount on `…/.npm`, a `--cache` option
    pointing at a mount, or running a script afterwards (which may clean up)
    is fine too. `ONBUILD RUN` triggers and `RUN <<EOF` scripts are checked.

    ## Why is this bad?
    npm keeps a copy of every package tarball it downloads in `~/.npm/_cacache`,
    so the image holds the dependencies twice: unpacked in `node_modules` and
    packed in the cache, often tens of megabytes.

    ## Example
    ```dockerfile
    RUN npm ci --omit=dev
    ```

    ## Use instead
    ```dockerfile
    RUN npm ci --omit=dev && npm cache clean --force
    ```
    or with BuildKit:
    ```dockerfile
    RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
    ```

    ## References
    - [npm cache](https://docs.npmjs.com/cli/commands/npm-cache)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK151"
    name = "npm-cache-kept"
    summary = "`npm install`/`npm ci` without cleaning npm's cache in the same RUN"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each npm install whose cache stays in the layer."""
        subcommands = ("install", "i", "ci", "add", "isntall", "in", "clean-install")
        for _run, call in cache_problems(dockerfile, ("npm",), subcommands, NPM_TAKES_VALUE, _kept):
            yield Problem(
                call.subcommand.range,
                f"npm {call.subcommand.value} keeps every downloaded package in ~/.npm inside "
                "the image; run 'npm cache clean --force' at the end of the same RUN "
                "(or use a cache mount)",
            )


def _kept(run: RunInfo, call: Invocation) -> bool:
    custom = [value.rstrip("/") for value in call.option_values("--cache")]
    if has_cache_mount(
        run.instruction, lambda target: target.endswith("/.npm") or target in custom
    ):
        return False
    return not later_command(run, call, _cleans)


def _cleans(command: SimpleCommand) -> bool:
    return (
        runs_subcommand(command, ("npm",), "cache", "clean")
        # ``clear`` and ``rm`` are older spellings of ``npm cache clean``.
        or runs_subcommand(command, ("npm",), "cache", "clear")
        or runs_subcommand(command, ("npm",), "cache", "rm")
        or removes_path(command, NPM_CACHES)
    )

"""LK143 yarn-cache-kept: ``yarn install`` without ``yarn cache clean`` in the same RUN."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import runs_subcommand
from ._run_commands import (
    final_image_stages,
    has_cache_mount,
    iter_runs,
    removes_path,
    runs_script,
)

YARN_TAKES_VALUE = frozenset({"--cwd", "--modules-folder", "--cache-folder", "--network-timeout"})
YARN_CACHES = ("/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/root/.yarn")
# A bare `yarn` installs, but with one of these it only prints something and downloads nothing.
YARN_INFO_OPTIONS = ("--version", "-v", "--help", "-h")


class YarnCacheKept(Rule):
    """## What it does
    Flags `yarn install` (also a bare `yarn` with only options, `yarn add` and
    `yarn global add`; not `yarn --version` or `yarn --help`, which download
    nothing) in a RUN that does not run `yarn cache clean` afterwards. Only
    stages that end up in the image are checked (the last stage and the stages
    it is built `FROM`). A cache or tmpfs mount whose target holds `yarn` (or
    is a `.cache` directory), removing the cache directory, or running a
    script afterwards (which may clean it) is fine.
    `ONBUILD RUN` triggers and `RUN <<EOF` scripts are checked too.

    ## Why is this bad?
    Yarn keeps a copy of every package it downloads in its cache, so the image
    holds each dependency twice: in `node_modules` and in the cache.

    ## Example
    ```dockerfile
    RUN yarn install --frozen-lockfile
    ```

    ## Use instead
    ```dockerfile
    RUN yarn install --frozen-lockfile && yarn cache clean
    ```
    or with BuildKit:
    ```dockerfile
    RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
    ```

    ## References
    - [yarn cache clean](https://classic.yarnpkg.com/en/docs/cli/cache)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK143"
    name = "yarn-cache-kept"
    summary = "`yarn install` without `yarn cache clean` keeps yarn's cache in the image"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3060",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each yarn install whose cache stays in the layer."""
        shipped = final_image_stages(dockerfile)
        for run in iter_runs(dockerfile):
            if run.stage.index not in shipped and not run.onbuild:
                continue
            if has_cache_mount(run.instruction, _yarn_target):
                continue
            for command in run.commands:
                where = _install_word(command)
                if where is None:
                    continue
                later = run.commands_after(command)
                if any(_cleans(other) or runs_script(other) for other in later):
                    continue
                yield Problem(
                    where.range,
                    "yarn keeps every downloaded package in its cache inside the image; run "
                    "'yarn cache clean' at the end of the same RUN (or use a cache mount)",
                )


def _install_word(command: SimpleCommand) -> ShellWord | None:
    if command.name != "yarn" or command.name_word is None:
        return None
    positional = command.positional(YARN_TAKES_VALUE)
    values = [word.value for word in positional]
    if not values:
        if command.has_option(*YARN_INFO_OPTIONS, takes_value=YARN_TAKES_VALUE):
            return None
        return command.name_word
    if values[0] in ("install", "add"):
        return positional[0]
    if values[:2] == ["global", "add"]:
        return positional[1]
    return None


def _yarn_target(target: str) -> bool:
    return "yarn" in target or target.endswith("/.cache")


def _cleans(command: SimpleCommand) -> bool:
    return runs_subcommand(command, ("yarn",), "cache", "clean") or removes_path(
        command, YARN_CACHES
    )

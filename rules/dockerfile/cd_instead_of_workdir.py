"""LK147 cd-instead-of-workdir: a RUN that starts with ``cd <dir>``."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Option, Rule, RuleContext

from ._run_commands import RunInfo, iter_runs, mount_targets, removes_path

#: Scratch directories: changing into them for one RUN is what WORKDIR is not for.
SCRATCH = ("/tmp", "/var/tmp", "/dev/shm")
#: Mounts of these types exist only while their RUN runs, like a scratch directory.
RUN_ONLY_MOUNTS = ("bind", "cache", "tmpfs")


class CdInsteadOfWorkdir(Rule):
    """## What it does
    Flags a RUN whose first command changes to a fixed directory
    (`RUN cd /app && npm install`), and a RUN that does nothing but `cd`.
    Left alone by default: `cd` later in a command chain, into scratch
    directories (`/tmp`), into a directory the same RUN removes again (a
    download-and-build directory), into a `--mount` target of the RUN (or below
    one: it exists only during that RUN), into variables or `-`. With the option
    `every-cd = true`, every `cd` is flagged, as hadolint does.

    ## Why is this bad?
    Each RUN starts a new shell in the WORKDIR, so a `cd` lasts only for that
    RUN: `RUN cd /app` alone does nothing, and repeating `cd /app &&` in every
    RUN is noise that breaks as soon as one RUN forgets it. `WORKDIR` sets the
    directory once for all following instructions (and creates it).

    ## Example
    ```dockerfile
    RUN cd /app && npm ci
    RUN cd /app && npm run build
    ```

    ## Use instead
    ```dockerfile
    WORKDIR /app
    RUN npm ci
    RUN npm run build
    ```

    ## Options
    - `every-cd` (bool, default `false`): flag every `cd` in RUN instructions.

    ## References
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    - [Docker: best practices for WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    """

    code = "LK147"
    name = "cd-instead-of-workdir"
    summary = "RUN starting with `cd <dir>`; set the directory with WORKDIR"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3003",)
    options = (
        Option("every-cd", False, "flag every `cd` in RUN instructions (hadolint's behaviour)"),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag leading ``cd`` commands (or all, with ``every-cd``)."""
        every = bool(context.options.get("every-cd", False))
        for run in iter_runs(dockerfile, onbuild=False):
            commands = [command for command in run.commands if not command.in_substitution]
            cds = [command for command in commands if command.name == "cd"]
            if not cds:
                continue
            if every:
                for command in cds:
                    yield _problem(command, "changes directory")
                continue
            if all(command.name == "cd" for command in commands):
                yield _problem(cds[-1], "only changes directory, which has no effect")
                continue
            first = commands[0]
            if first.name == "cd" and first.depth == 0 and _fixed_directory(run, first):
                yield _problem(first, "starts by changing directory")


def _fixed_directory(run: RunInfo, command: SimpleCommand) -> bool:
    """Whether the ``cd`` goes to a literal absolute path that outlives the RUN."""
    if len(command.args) != 1:
        return False
    word = command.args[0]
    target = word.value
    if word.has_expansion or "$" in target or not target.startswith("/"):
        return False
    target = posixpath.normpath(target)
    scratch = (*SCRATCH, *mount_targets(run.instruction, RUN_ONLY_MOUNTS))
    if target == "/" or any(target == d or target.startswith(d + "/") for d in scratch):
        return False
    later = run.commands_after(command)
    return not any(removes_path(other, (target,)) for other in later)


def _problem(command: SimpleCommand, what: str) -> Problem:
    assert command.range is not None
    target = command.args[0].value if command.args else "~"
    return Problem(
        command.range,
        f"This RUN {what} ('cd {target}'); a cd lasts only for one RUN, so set the "
        f"directory with 'WORKDIR {target}' instead",
    )

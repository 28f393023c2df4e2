"""LK149 pipe-without-pipefail: a pipeline in RUN whose shell ignores failures on its left."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import RunInfo, iter_runs

#: Commands that cannot fail in a way that matters on the left of a pipe.
HARMLESS = frozenset({"echo", "printf", "yes", "true", ":"})


class PipeWithoutPipefail(Rule):
    """## What it does
    Flags the first pipeline (`a | b`) of a shell-form RUN when the shell in
    force does not have `pipefail` set: neither the `SHELL` instruction
    (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, also `-eo pipefail`) nor a
    `set -o pipefail` earlier in the same script. Pipelines whose left-hand
    commands are `echo`, `printf`, `yes` or `true` are left alone: they cannot
    fail in a way that matters. Non-POSIX shells (PowerShell, cmd) and
    `ONBUILD` triggers (which run with the child image's shell) are skipped.

    ## Why is this bad?
    A POSIX shell takes a pipeline's exit status from its last command only.
    In `curl -fsSL https://example.com/install.sh | sh`, a failed download
    still lets the RUN succeed (running an empty or partial script), and the
    build goes on with a broken image.

    ## Example
    ```dockerfile
    RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt
    ```

    ## Use instead
    ```dockerfile
    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt
    ```
    On images without bash, `/bin/ash` (Alpine) also knows `-o pipefail`.

    ## References
    - [Docker: best practices, using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    """

    code = "LK149"
    name = "pipe-without-pipefail"
    summary = "Pipeline in RUN without `pipefail`: failures left of `|` are ignored"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL4006",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the first risky pipeline of each RUN."""
        for run in iter_runs(dockerfile, onbuild=False):
            if run.exec_form or shell_has_pipefail(run.stage.shell_before(run.outer)):
                continue
            problem = _first_pipeline(run)
            if problem is not None:
                yield problem


def shell_has_pipefail(shell: Sequence[str]) -> bool:
    """Whether a SHELL list sets ``-o pipefail`` (``-o``, ``-eo``, ``-euxo`` ...)."""
    for position, item in enumerate(shell[1:], start=1):
        if (
            item == "pipefail"
            and shell[position - 1].startswith("-")
            and "o" in shell[position - 1]
        ):
            return True
        if item in ("-opipefail", "--pipefail"):
            return True
    return False


def _sets_pipefail(command: SimpleCommand) -> bool:
    if command.name != "set":
        return False
    values = [word.value for word in command.args]
    return any(
        value == "pipefail" and position and values[position - 1].lstrip("-+").endswith("o")
        for position, value in enumerate(values)
    )


def _first_pipeline(run: RunInfo) -> Problem | None:
    for script in run.scripts:
        pipeline: list[SimpleCommand] = []
        commands: list[SimpleCommand | None] = [
            command for command in script.commands if not command.in_substitution
        ]
        for command in [*commands, None]:
            if command is not None and _sets_pipefail(command):
                return None  # the rest of the script runs with pipefail
            if command is not None and command.connector in ("|", "|&") and pipeline:
                pipeline.append(command)
                continue
            if len(pipeline) > 1:
                problem = _pipeline_problem(run, pipeline)
                if problem is not None:
                    return problem
            pipeline = [command] if command is not None else []
    return None


def _suggested_shell(run: RunInfo) -> str:
    image = run.stage.chain()[-1].image.expanded.lower()
    if "alpine" in image or "busybox" in image:
        return '["/bin/ash", "-eo", "pipefail", "-c"]'
    return '["/bin/bash", "-o", "pipefail", "-c"]'


def _pipeline_problem(run: RunInfo, pipeline: list[SimpleCommand]) -> Problem | None:
    left = pipeline[:-1]
    if all(command.name in HARMLESS for command in left):
        return None
    first = next(command for command in left if command.name not in HARMLESS)
    where = first.range
    if where is None or first.name is None:
        return None
    following = pipeline[pipeline.index(first) + 1].name or "the next command"
    return Problem(
        where,
        f"'{first.name}' pipes into '{following}', but without 'pipefail' a failure of "
        f"'{first.name}' is ignored; add SHELL {_suggested_shell(run)} before this RUN "
        "(or 'set -o pipefail' in the script)",
    )

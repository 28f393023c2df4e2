"""LK142 consecutive-run-instructions: short RUNs in a row that could be one."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Instruction
from lintkit.rule import FileKind, Rule, RuleContext

#: RUNs with more commands than this are left alone (they are already consolidated).
MAX_COMMANDS = 2


class ConsecutiveRunInstructions(Rule):
    """## What it does
    Flags a RUN that directly follows another RUN (comments in between do not
    count as a break) when both have the same flags (`--mount`, `--network`)
    and at most two commands each. Any other instruction in between resets
    the count, and so does a Windows `setx`, which changes the environment
    only for the processes of later RUNs.

    ## Why is this bad?
    Each RUN makes a layer. A row of tiny RUNs adds layers, and files written
    in one and deleted in the next still take space in the image. Joining them
    with `&&` keeps the image smaller and the steps together.

    ## Example
    ```dockerfile
    RUN mkdir -p /app/data
    RUN chown app /app/data
    ```

    ## Use instead
    ```dockerfile
    RUN mkdir -p /app/data && chown app /app/data
    ```

    ## References
    - [Docker: best practices, minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    """

    code = "LK142"
    name = "consecutive-run-instructions"
    summary = "Short RUN instructions in a row; join them into one"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3059",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each short RUN that follows another short RUN with the same flags."""
        for stage in dockerfile.stages:
            previous: tuple[Instruction, tuple[tuple[str, str | None], ...], int] | None = None
            for instruction in stage.instructions:
                if instruction.keyword != "RUN":
                    previous = None
                    continue
                flags = tuple((flag.name, flag.value) for flag in instruction.flags)
                commands = [
                    command
                    for script in dockerfile.run_scripts(instruction)
                    for command in script.commands
                    if not command.in_substitution and command.words
                ]
                count = len(commands)
                if (
                    previous is not None
                    and previous[1] == flags
                    and count <= MAX_COMMANDS
                    and previous[2] <= MAX_COMMANDS
                ):
                    line = previous[0].range.start.line + 1
                    yield Problem(
                        instruction.keyword_range,
                        f"This RUN directly follows the short RUN on line {line}; join them "
                        "with '&&' into one RUN to save a layer",
                    )
                # NOTE: `setx` changes the environment only for processes started later, so
                # a RUN after it (which may need the new PATH) must stay a separate RUN.
                if any(
                    command.name is not None and command.name.lower() == "setx"
                    for command in commands
                ):
                    previous = None
                    continue
                previous = (instruction, flags, count)

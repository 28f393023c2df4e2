"""LK278 empty-continuation-line: a blank line inside a continued instruction."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Instruction
from lintkit.fixers.dockerfile_edits import delete_lines
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.source import SourceText


class EmptyContinuationLine(Rule):
    r"""## What it does
    Flags blank lines inside an instruction continued with `\` (or the
    `# escape=` character), such as a blank line in the middle of a long `RUN`.
    Here-document bodies are not concerned.

    ## Why is this bad?
    Docker skips such a blank line and keeps reading the instruction, so the
    line after it is still part of the instruction even though it looks like a
    new one. This is how a forgotten `\` at the end of the last line silently
    swallows the next instruction. Docker warns about it and has announced that
    it will become an error.

    ## Example
    ```dockerfile
    RUN apt-get update && \

        apt-get install -y curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && \
        apt-get install -y curl
    ```

    ## Fix safety
    The fix deletes the blank lines. It is safe: Docker ignores them already,
    so the instruction stays exactly what Docker reads.

    ## References
    - [Build checks: NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
    - [Dockerfile reference: escape directive](https://docs.docker.com/reference/dockerfile/#escape)
    """

    code = "LK278"
    name = "empty-continuation-line"
    summary = "Blank line inside a continued instruction"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("NoEmptyContinuation",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Report the first blank line of each instruction and delete them all."""
        source = dockerfile.source
        for instruction in dockerfile.instructions:
            if instruction.range.start.line == instruction.range.end.line:
                continue
            blanks = _blank_lines(source, instruction)
            if not blanks:
                continue
            first = blanks[0]
            start = source.line_starts[first]
            where = source.range(start, start + len(source.line_text(first)))
            count = len(blanks)
            lines = "a blank line" if count == 1 else f"{count} blank lines"
            fix = Fix.safe(
                f"Remove {lines}",
                *(delete_lines(source, line, line) for line in blanks),
            )
            pronoun = "it" if count == 1 else "them"
            yield Problem(
                where,
                f"{lines.capitalize()} inside the {instruction.keyword} that starts on line "
                f"{instruction.range.start.line + 1}: Docker skips {pronoun} and keeps reading "
                f"the instruction; remove {pronoun} (or end the instruction on the line before)",
                fix=fix,
            )


def _blank_lines(source: SourceText, instruction: Instruction) -> list[int]:
    body_lines: set[int] = set()
    for heredoc in instruction.heredocs:
        body_lines.update(range(heredoc.range.start.line, heredoc.range.end.line + 1))
    return [
        line
        for line in range(instruction.range.start.line + 1, instruction.range.end.line)
        if line not in body_lines and not source.line_text(line).strip()
    ]

"""LK264 inconsistent-instruction-casing: instruction keywords in more than one case."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import is_uniform_case


class InconsistentInstructionCasing(Rule):
    """## What it does
    Flags instruction keywords whose case differs from the case most keywords
    of the file use (upper case wins a tie), and keywords in mixed case such as
    `Run`. Triggers inside `ONBUILD` are not counted.

    ## Why is this bad?
    Docker reads keywords in any case, but a file that mixes `RUN` and `run`
    is harder to read and to search, and usually shows copy-pasted parts that
    were never reviewed together. Upper case is the common convention.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    run apk add --no-cache curl
    COPY app /app
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    RUN apk add --no-cache curl
    COPY app /app
    ```

    ## Fix safety
    The fix rewrites the keyword in the majority case. It is safe: keywords are
    not case-sensitive.

    ## References
    - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    - [Build checks: ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    """

    code = "LK264"
    name = "inconsistent-instruction-casing"
    summary = "Instruction keyword not in the case the rest of the file uses"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("ConsistentInstructionCasing",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag keywords not in the majority case and rewrite them."""
        lower = upper = 0
        for instruction in dockerfile.instructions:
            written = instruction.written_keyword
            if not is_uniform_case(written):
                continue
            if written == written.lower():
                lower += 1
            else:
                upper += 1
        majority_lower = lower > upper
        casing = "lower case" if majority_lower else "upper case"
        for instruction in dockerfile.instructions:
            written = instruction.written_keyword
            wanted = written.lower() if majority_lower else written.upper()
            if written == wanted:
                continue
            message = (
                f"'{written}' is not in {casing}, as most instructions in this file are; "
                f"write '{wanted}'"
            )
            if not is_uniform_case(written):
                message = f"'{written}' mixes upper and lower case; write '{wanted}' ({casing})"
            edit = Edit(
                instruction.keyword_range.start.offset, instruction.keyword_range.end.offset, wanted
            )
            yield Problem(
                instruction.keyword_range, message, fix=Fix.safe(f"Write '{wanted}'", edit)
            )

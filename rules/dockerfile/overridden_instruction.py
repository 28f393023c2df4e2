"""LK252 overridden-instruction: a CMD, ENTRYPOINT or HEALTHCHECK replaced later in its stage."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Instruction
from lintkit.rule import FileKind, Rule, RuleContext

_SINGLE = ("CMD", "ENTRYPOINT", "HEALTHCHECK")


class OverriddenInstruction(Rule):
    """## What it does
    Flags a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that is followed by another
    instruction of the same kind in the same stage. The earlier one is reported,
    because it is the one that has no effect. Triggers inside `ONBUILD` are not
    counted.

    ## Why is this bad?
    An image has one command, one entrypoint and one health check: each of
    these instructions replaces the previous one. The earlier instruction is
    dead code that readers may believe is in force, and is often the result of
    an edit that forgot to remove it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    CMD ["python", "-m", "http.server"]
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## References
    - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    - [Build checks: MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    """

    code = "LK252"
    name = "overridden-instruction"
    summary = "`CMD`, `ENTRYPOINT` or `HEALTHCHECK` overridden later in the same stage"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3012", "DL4003", "DL4004", "MultipleInstructionsDisallowed")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Report every such instruction that a later one of the same kind replaces."""
        for stage in dockerfile.stages:
            last: dict[str, Instruction] = {}
            for instruction in stage.instructions:
                keyword = instruction.keyword
                if keyword not in _SINGLE:
                    continue
                earlier = last.get(keyword)
                if earlier is not None:
                    later = instruction.range.start.line + 1
                    where = f"stage '{stage.name}'" if stage.name else f"stage {stage.index}"
                    yield Problem(
                        earlier.keyword_range,
                        f"This {keyword} has no effect: the {keyword} on line {later} replaces "
                        f"it in {where}; remove one of them",
                    )
                last[keyword] = instruction

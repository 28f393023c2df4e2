"""LK268 instruction-before-from: an instruction other than ARG before the first FROM."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext


class InstructionBeforeFrom(Rule):
    """## What it does
    Flags instructions other than `ARG` that come before the first `FROM`
    (parser directives and comments are fine).

    ## Why is this bad?
    Only `ARG` may precede `FROM`: a build starts with a base image, and
    anything else before it has no stage to act on. Docker stops with an error,
    so such a file cannot be built; it is often a fragment or a template that
    was renamed to `Dockerfile`.

    ## Example
    ```dockerfile
    LABEL org.opencontainers.image.source="https://example.com/repo"
    FROM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="https://example.com/repo"
    ```

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    - [Dockerfile reference: how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    """

    code = "LK268"
    name = "instruction-before-from"
    summary = "Instruction other than `ARG` before the first `FROM`"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3061",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each non-ARG instruction before the first FROM."""
        for instruction in dockerfile.instructions:
            if instruction.keyword == "FROM":
                return
            if instruction.keyword == "ARG":
                continue
            yield Problem(
                instruction.keyword_range,
                f"{instruction.keyword} comes before the first FROM, where only ARG is "
                "allowed; Docker cannot build this file (move it after FROM)",
            )

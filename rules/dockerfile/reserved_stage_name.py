"""LK261 reserved-stage-name: a stage called ``scratch`` or ``context``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

_RESERVED = {
    "scratch": "the empty base image",
    "context": "the build context in 'COPY --from' and 'RUN --mount'",
}


class ReservedStageName(Rule):
    """## What it does
    Flags stages named `scratch` or `context` (in any case).

    ## Why is this bad?
    Both names already mean something to Docker: `scratch` is the empty base
    image and `context` is the build context. A stage with such a name is
    ambiguous: `FROM scratch` after it no longer reliably means the empty image,
    and readers cannot tell which one a reference means.

    ## Example
    ```dockerfile
    FROM alpine:3.20 AS scratch
    RUN apk add --no-cache curl
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20 AS tools
    RUN apk add --no-cache curl
    ```

    ## References
    - [Build checks: ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    """

    code = "LK261"
    name = "reserved-stage-name"
    summary = "Stage named `scratch` or `context`"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3063", "ReservedStageName")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag stage names Docker reserves."""
        for stage in dockerfile.stages:
            if stage.name in _RESERVED and stage.name_word is not None:
                yield Problem(
                    stage.name_word.range,
                    f"Stage name '{stage.name_word.value}' is reserved: it already means "
                    f"{_RESERVED[stage.name]}; choose another name",
                )

"""LK259 copy-from-own-stage: ``COPY --from`` naming the stage it is in."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Copy
from lintkit.rule import FileKind, Rule, RuleContext


class CopyFromOwnStage(Rule):
    """## What it does
    Flags `COPY --from=<stage>` inside that same stage, by name or by number.

    ## Why is this bad?
    A stage cannot read its own result while it is being built: Docker stops
    with a circular dependency error. The intended source is usually an
    earlier stage, or the build context (no `--from`).

    ## Example
    ```dockerfile
    FROM node:22 AS build
    COPY --from=build /app/dist /srv/
    ```

    ## Use instead
    ```dockerfile
    FROM node:22 AS build
    RUN cp -r /app/dist /srv/
    ```

    ## References
    - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    """

    code = "LK259"
    name = "copy-from-own-stage"
    summary = "`COPY --from` refers to the stage it is in"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3023",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag COPY --from values that resolve to the current stage."""
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if not isinstance(instruction, Copy):
                    continue
                flag = instruction.flag("from")
                if flag is None or not flag.value or flag.value_range is None:
                    continue
                reference = flag.value
                own = reference == str(stage.index) or (
                    stage.name is not None and reference.lower() == stage.name
                )
                if own:
                    shown = f"'{stage.name}'" if stage.name else str(stage.index)
                    yield Problem(
                        flag.value_range,
                        f"COPY --from={reference} copies from stage {shown}, the stage it is "
                        "in; a stage cannot read its own result (copy from an earlier stage "
                        "or from the build context)",
                    )

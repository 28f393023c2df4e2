"""LK270 relative-copy-destination: COPY to a relative path with no WORKDIR set."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import Copy
from lintkit.rule import FileKind, Rule, RuleContext

_ABSOLUTE = re.compile(r"^(?:/|\\|[A-Za-z]:|\$|%)")


class RelativeCopyDestination(Rule):
    """## What it does
    Flags `COPY` to a relative destination (`COPY app.py .`, `COPY conf/ etc/`)
    in a stage where no `WORKDIR` was set before it, in that stage or in the
    stages it builds on. Stages built on `scratch` (directly or through
    earlier stages) are left alone: their working directory is always `/`.

    ## Why is this bad?
    A relative destination is resolved against the working directory, which
    then comes from the base image: `/` for most images, but `/usr/src/app`,
    `/go` or `/home/node` for others, and it changes when the base image does.
    Files end up somewhere the rest of the file may not expect.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY requirements.txt .
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY requirements.txt .
    ```

    ## References
    - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    """

    code = "LK270"
    name = "relative-copy-destination"
    summary = "`COPY` to a relative path before any `WORKDIR`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3045",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag relative COPY destinations not preceded by a WORKDIR."""
        for stage in dockerfile.stages:
            inherited = any(
                instruction.keyword == "WORKDIR"
                for parent in stage.chain()[1:]
                for instruction in parent.instructions
            )
            # scratch has no image config, so its working directory is always /.
            if inherited or stage.chain()[-1].image.is_scratch:
                continue
            yield from _check_stage(stage)


def _check_stage(stage: Stage) -> Iterator[Problem]:
    for instruction in stage.instructions:
        if instruction.keyword == "WORKDIR":
            return
        if not isinstance(instruction, Copy) or instruction.destination is None:
            continue
        value = instruction.destination.value
        if not value or _ABSOLUTE.match(value):
            continue
        yield Problem(
            instruction.destination.range,
            f"COPY to the relative path '{value}' before any WORKDIR: where it lands "
            "depends on the base image; set WORKDIR first or use an absolute path",
        )

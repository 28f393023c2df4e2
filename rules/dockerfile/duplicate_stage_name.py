"""LK260 duplicate-stage-name: two stages with the same name."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.rule import FileKind, Rule, RuleContext


class DuplicateStageName(Rule):
    """## What it does
    Flags a `FROM … AS <name>` whose name (compared without regard to case, as
    Docker does) was already given to an earlier stage.

    ## Why is this bad?
    Stage names identify stages for `COPY --from`, `FROM <stage>` and
    `docker build --target`. With two stages of one name, references silently
    pick one of them (the nearest earlier one for `COPY --from`), and newer
    Docker versions refuse the file.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS build
    RUN go build -o /out/server ./cmd/server
    FROM node:22 AS build
    RUN npm run build
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build-server
    RUN go build -o /out/server ./cmd/server
    FROM node:22 AS build-web
    RUN npm run build
    ```

    ## References
    - [Multi-stage builds: name your stages](https://docs.docker.com/build/building/multi-stage/#name-your-build-stages)
    - [Build checks: DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    """

    code = "LK260"
    name = "duplicate-stage-name"
    summary = "Stage name used by an earlier stage"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3024", "DuplicateStageName")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each stage whose name an earlier stage already has."""
        seen: dict[str, Stage] = {}
        for stage in dockerfile.stages:
            if stage.name is None or stage.name_word is None:
                continue
            first = seen.get(stage.name)
            if first is None:
                seen[stage.name] = stage
                continue
            line = first.from_instruction.range.start.line + 1
            yield Problem(
                stage.name_word.range,
                f"Stage name '{stage.name_word.value}' is already used by the stage on line "
                f"{line}; give each stage its own name",
            )

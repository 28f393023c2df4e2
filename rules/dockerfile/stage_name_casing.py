"""LK262 stage-name-casing: a stage name with capital letters."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import Flag
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext


class StageNameCasing(Rule):
    """## What it does
    Flags stage names that are not all lower case (`FROM node:22 AS Build`).

    ## Why is this bad?
    Docker lower-cases stage names, so `Build`, `build` and `BUILD` are one
    stage. Writing it in several ways (or in capitals) suggests they differ,
    makes searching the file harder, and `--target` values copied from the file
    look inconsistent. Lower case is the convention BuildKit checks for.

    ## Example
    ```dockerfile
    FROM node:22 AS Build
    RUN npm ci && npm run build
    FROM nginx:1.27
    COPY --from=Build /app/dist /usr/share/nginx/html
    ```

    ## Use instead
    ```dockerfile
    FROM node:22 AS build
    RUN npm ci && npm run build
    FROM nginx:1.27
    COPY --from=build /app/dist /usr/share/nginx/html
    ```

    ## Fix safety
    The fix lower-cases the name and every reference to the stage in the file
    (`FROM <stage>`, `COPY --from=`, `RUN --mount=…,from=`). It is safe when all
    references are literal; when some reference uses a variable (which might
    resolve to this stage) it is offered as unsafe. Scripts outside the file
    that pass `--target` are matched without regard to case by Docker.

    ## References
    - [Build checks: StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "LK262"
    name = "stage-name-casing"
    summary = "Stage name not in lower case"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("StageNameCasing",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each stage name with capitals and lower-case it with its references."""
        for stage in dockerfile.stages:
            word = stage.name_word
            if word is None or word.value == word.value.lower():
                continue
            lower = word.value.lower()
            message = f"Stage name '{word.value}' should be lower case: '{lower}'"
            if word.raw != word.value:
                yield Problem(word.range, message)
                continue
            edits, certain = _reference_edits(dockerfile, stage)
            edits.insert(0, Edit(word.range.start.offset, word.range.end.offset, lower))
            title = f"Rename the stage to '{lower}' everywhere"
            fix = Fix.safe(title, *edits) if certain else Fix.unsafe(title, *edits)
            yield Problem(word.range, message, fix=fix)


def _reference_edits(dockerfile: Dockerfile, target: Stage) -> tuple[list[Edit], bool]:
    """Edits lower-casing literal references to ``target``; False if some reference is unknown."""
    assert target.name is not None
    edits: list[Edit] = []
    certain = True
    for stage in dockerfile.stages[target.index + 1 :]:
        image = stage.from_instruction.image
        if image is not None:
            if "$" in image.raw:
                certain = False
            elif stage.parent is target and image.raw != image.raw.lower():
                edits.append(Edit(image.range.start.offset, image.range.end.offset, target.name))
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            for flag in instruction.flags:
                found = _flag_reference(flag)
                if found is None:
                    continue
                value, start = found
                if "$" in value:
                    certain = False
                elif value.lower() == target.name and value != target.name:
                    if dockerfile.stage_named(value) is not target:
                        continue
                    if dockerfile.source.text[start : start + len(value)] != value:
                        certain = False  # quoted or escaped: not edited
                        continue
                    edits.append(Edit(start, start + len(value), target.name))
    return edits, certain


def _flag_reference(flag: Flag) -> tuple[str, int] | None:
    """The stage reference of ``--from=`` or ``--mount=…,from=`` and its file offset."""
    if flag.value is None or flag.value_range is None:
        return None
    base = flag.value_range.start.offset
    if flag.name == "from":
        return flag.value, base
    if flag.name != "mount":
        return None
    position = 0
    for part in flag.value.split(","):
        key, equals, value = part.partition("=")
        if equals and key.strip().lower() == "from" and value:
            return value, base + position + part.index("=") + 1
        position += len(part) + 1
    return None

"""LK258 unknown-copy-from-stage: ``COPY --from`` naming a stage that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Copy
from lintkit.rule import FileKind, Rule, RuleContext


class UnknownCopyFromStage(Rule):
    """## What it does
    Flags `COPY --from=<ref>` when `<ref>` looks like a reference to a build
    stage but no stage matches it: a stage number beyond the last stage, or a
    plain name that is not a stage but is one letter or two away from a
    stage's name. Other names are taken for what Docker takes them: images
    (`COPY --from=busybox:1.36 …`), and are left alone.

    ## Why is this bad?
    When `--from` does not match a stage, Docker treats it as an image name and
    tries to pull it: a typo in a stage name fails the build with a confusing
    "pull access denied" error, or worse, copies from an unrelated public
    image of that name.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS builder
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static
    COPY --from=bulder /out/app /app
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS builder
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static
    COPY --from=builder /out/app /app
    ```

    ## References
    - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "LK258"
    name = "unknown-copy-from-stage"
    summary = "`COPY --from` names a stage that does not exist"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3022",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check the ``--from`` of every COPY in a stage."""
        names = [stage.name for stage in dockerfile.stages if stage.name]
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if not isinstance(instruction, Copy):
                    continue
                flag = instruction.flag("from")
                if flag is None or not flag.value or flag.value_range is None:
                    continue
                reference = flag.value
                if "$" in reference:
                    continue
                if reference.isdigit():
                    if int(reference) >= len(dockerfile.stages):
                        count = len(dockerfile.stages)
                        yield Problem(
                            flag.value_range,
                            f"COPY --from={reference} refers to stage {reference}, but the "
                            f"file has {count} stage{'s' if count != 1 else ''} (numbered from "
                            "0); name the stage with 'AS <name>' and use the name",
                        )
                    continue
                if dockerfile.stage_named(reference) is not None:
                    continue
                if any(char in reference for char in "/:.@"):
                    continue
                import difflib  # only to suggest a spelling

                close = difflib.get_close_matches(reference.lower(), names, n=1, cutoff=0.75)
                if close:
                    yield Problem(
                        flag.value_range,
                        f"COPY --from={reference} matches no stage, so Docker will pull an "
                        f"image called '{reference}'; did you mean the stage '{close[0]}'?",
                    )

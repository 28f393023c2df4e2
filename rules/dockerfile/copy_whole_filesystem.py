"""LK275 copy-whole-filesystem: ``COPY --from=<stage> / /``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Copy
from lintkit.rule import FileKind, Rule, RuleContext


class CopyWholeFilesystem(Rule):
    """## What it does
    Flags `COPY --from=<stage> / /`: copying the whole root file system of an
    earlier stage over the current one. Stages built `FROM scratch` or from a
    base chosen by a variable, stages that only name an image
    (`FROM tonistiigi/xx AS xx` with no instructions) and images
    from a registry are left alone: small tool images (such as
    `tonistiigi/xx`) are designed to be copied this way, and lintkit cannot see
    what an image holds.

    ## Why is this bad?
    It copies everything, including `/etc/passwd`, package databases, caches
    and whatever the other image's base contained, on top of this stage's own
    files. The result mixes two distributions' system files in ways neither
    expects, bloats the image and hides what the stage really needs. Copy the
    directories you need, or build `FROM` that stage instead.

    ## Example
    ```dockerfile
    FROM alpine:3.20 AS tools
    RUN apk add --no-cache jq
    FROM debian:12-slim
    COPY --from=tools / /
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20 AS tools
    RUN apk add --no-cache jq
    FROM debian:12-slim
    COPY --from=tools /usr/bin/jq /usr/local/bin/jq
    ```

    ## References
    - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    """

    code = "LK275"
    name = "copy-whole-filesystem"
    summary = "`COPY --from=… / /` copies a whole file system over this stage"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3067",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag COPY --from with ``/`` as both source and destination."""
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if not isinstance(instruction, Copy) or instruction.destination is None:
                    continue
                flag = instruction.flag("from")
                if flag is None or not flag.value:
                    continue
                sources = [word.value for word in instruction.sources]
                if sources != ["/"] or instruction.destination.value != "/":
                    continue
                source_stage = dockerfile.stage_for_reference(flag.value, stage.index)
                if source_stage is None:
                    # An image: tool images built FROM scratch (tonistiigi/xx, docker CLI
                    # images) are meant to be copied like this, and we cannot tell them apart.
                    continue
                chain = source_stage.chain()
                root = chain[-1].image
                if root.is_scratch or root.unresolved or not any(st.instructions for st in chain):
                    # FROM scratch, a base chosen by a variable (often another stage:
                    # FROM binaries-$TARGETOS), or only an alias of an image (FROM x AS y).
                    continue
                yield Problem(
                    instruction.range,
                    f"COPY --from={flag.value} / / copies the whole file system of stage "
                    f"'{flag.value}' over this stage; copy only the paths it needs",
                )

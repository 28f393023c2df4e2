"""LK267 redundant-target-platform: ``FROM --platform=$TARGETPLATFORM``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

_TARGET = re.compile(r"^(?:\$TARGETPLATFORM|\$\{TARGETPLATFORM\})$")


class RedundantTargetPlatform(Rule):
    """## What it does
    Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

    ## Why is this bad?
    Every stage is built for the target platform unless told otherwise, so the
    flag says nothing; readers may take it for a cross-compilation set-up,
    which uses `$BUILDPLATFORM` instead.

    ## Example
    ```dockerfile
    FROM --platform=$TARGETPLATFORM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    ```

    ## Fix safety
    The fix removes the flag. It is safe: the stage keeps building for the
    target platform. It is not offered when the file gives `TARGETPLATFORM` a
    default with a global `ARG`, because then the flag may differ from the
    default.

    ## References
    - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    - [Build checks: RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    """

    code = "LK267"
    name = "redundant-target-platform"
    summary = "`FROM --platform=$TARGETPLATFORM` repeats the default"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3065", "RedundantTargetPlatform")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag and remove --platform flags that only repeat the target platform."""
        if dockerfile.global_args.get("TARGETPLATFORM") is not None:
            return
        text = dockerfile.source.text
        for stage in dockerfile.stages:
            flag = stage.from_instruction.flag("platform")
            if flag is None or flag.value is None or not _TARGET.match(flag.value):
                continue
            end = flag.range.end.offset
            while end < len(text) and text[end] in " \t":
                end += 1
            fix = Fix.safe("Remove the --platform flag", Edit(flag.range.start.offset, end, ""))
            yield Problem(
                flag.range,
                f"--platform={flag.value} is redundant: every stage is built for the target "
                "platform by default; remove it",
                fix=fix,
            )

"""LK277 inline-ignore-comment: a comment that silences lint findings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

_PRAGMA = re.compile(r"^(?:hadolint\s+(?:global\s+)?ignore\s*=|lintkit:\s*ignore)", re.IGNORECASE)


class InlineIgnoreComment(Rule):
    """## What it does
    Flags comments that silence findings: `# lintkit: ignore…` and hadolint's
    `# hadolint ignore=…` / `# hadolint global ignore=…`, including those inside
    an instruction's continuation lines. Off by default: turn it on where every
    exception must go through the shared configuration instead.

    ## Why is this bad?
    Inline suppressions are invisible to whoever reviews the configuration; they
    accumulate, outlive the reason they were added and hide new findings on the
    same instruction. Some teams prefer every exception to be listed, with its
    reason, in one place.

    ## Example
    ```dockerfile
    # hadolint ignore=DL3008
    RUN apt-get update && apt-get install -y curl
    ```

    ## Use instead
    List the exception under `per-file-ignores` in the configuration, or
    fix the finding:
    ```dockerfile
    RUN apt-get update && apt-get install -y curl=8.5.0-2
    ```

    ## References
    - [hadolint: inline ignores](https://github.com/hadolint/hadolint#inline-ignores)
    """

    code = "LK277"
    name = "inline-ignore-comment"
    summary = "Comment that silences lint findings"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL1001",)
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag every suppression comment."""
        comments = list(dockerfile.syntax.comments)
        for instruction in dockerfile.instructions:
            comments.extend(instruction.comments)
        comments.sort(key=lambda comment: comment.range.start.offset)
        for comment in comments:
            if _PRAGMA.match(comment.text):
                yield Problem(
                    comment.range,
                    "This comment silences lint findings; fix them or list the exception in "
                    "the configuration, where it is reviewed",
                )

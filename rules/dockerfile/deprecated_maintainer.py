"""LK250 deprecated-maintainer: the MAINTAINER instruction."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.fixers.dockerfile_edits import double_quoted, replace
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

AUTHORS_LABEL = "org.opencontainers.image.authors"


class DeprecatedMaintainer(Rule):
    """## What it does
    Flags `MAINTAINER` instructions.

    ## Why is this bad?
    `MAINTAINER` has been deprecated since Docker 1.13. It fills a legacy
    `Author` field that most tools no longer show; labels are the supported way
    to record who maintains an image, and the OCI annotation
    `org.opencontainers.image.authors` is the one registries and scanners read.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    MAINTAINER Jane Doe <jane@example.com>
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    ```

    ## Fix safety
    The fix replaces the instruction with the `LABEL` above, quoting the text so
    that it reads back unchanged (a `$` stays literal, as it was). It is safe: the
    build does not depend on the author field. It is not offered when a comment
    sits inside the instruction's continuation lines, because it would be lost.

    ## References
    - [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    - [Build checks: MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "LK250"
    name = "deprecated-maintainer"
    summary = "`MAINTAINER` is deprecated; use an `org.opencontainers.image.authors` label"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL4000", "MaintainerDeprecated")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each MAINTAINER and offer the equivalent LABEL."""
        for instruction in dockerfile.instructions:
            if instruction.keyword != "MAINTAINER":
                continue
            author = " ".join(instruction.arguments.split())
            message = (
                f"MAINTAINER is deprecated; record the author as 'LABEL {AUTHORS_LABEL}=…' instead"
            )
            if instruction.comments or instruction.heredocs:
                yield Problem(
                    instruction.range,
                    message,
                    unfixable_reason="a comment inside the instruction would be lost",
                )
                continue
            keyword = "label" if instruction.written_keyword.islower() else "LABEL"
            text = f"{keyword} {AUTHORS_LABEL}={double_quoted(author, dockerfile.escape)}"
            fix = Fix.safe(
                f"Replace with {keyword} {AUTHORS_LABEL}", replace(instruction.range, text)
            )
            yield Problem(instruction.range, message, fix=fix)

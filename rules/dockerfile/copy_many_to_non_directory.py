"""LK257 copy-many-to-non-directory: several COPY/ADD sources, destination without ``/``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import CopyLike
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import with_triggers


class CopyManyToNonDirectory(Rule):
    """## What it does
    Flags `COPY` and `ADD` instructions with more than one source (here-documents
    count) whose destination does not end with `/`. Destinations that use a
    variable, `.` and `..` are left alone.

    ## Why is this bad?
    Several sources can only be copied into a directory. Docker requires the
    destination to say so with a trailing `/`; without it the build fails, or
    the meaning depends on whether the path already exists in the base image.

    ## Example
    ```dockerfile
    FROM node:22
    COPY package.json package-lock.json /app
    ```

    ## Use instead
    ```dockerfile
    FROM node:22
    COPY package.json package-lock.json /app/
    ```

    ## Fix safety
    The fix appends `/` to the destination. It is unsafe only in the sense that
    it changes what the instruction does when the path exists as a file; review
    it when the destination was meant to be a file.

    ## References
    - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    """

    code = "LK257"
    name = "copy-many-to-non-directory"
    summary = "`COPY`/`ADD` with several sources needs a destination ending in `/`"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL3021",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag multi-source copies into a destination that is not written as a directory."""
        for instruction in with_triggers(dockerfile.instructions):
            if not isinstance(instruction, CopyLike) or instruction.destination is None:
                continue
            count = len(instruction.sources) + len(instruction.heredocs)
            if count < 2:
                continue
            destination = instruction.destination
            value = destination.value
            if "$" in value or value.endswith(("/", "\\", "/.", "\\.")) or value in (".", ".."):
                continue
            if destination.raw.endswith(("\\", "`")):
                continue
            end = destination.range.end.offset
            fix = None
            if destination.raw == value:
                fix = Fix.unsafe(f"Write '{value}/'", Edit(end, end, "/"))
            elif destination.raw.endswith(('"', "'")):
                # Quoted destination: the slash goes inside the closing quote.
                fix = Fix.unsafe(f"Write '{value}/'", Edit(end - 1, end - 1, "/"))
            yield Problem(
                destination.range,
                f"{instruction.keyword} copies {count} sources into '{value}', which does not "
                f"end with '/'; write '{value}/' to copy them into that directory",
                fix=fix,
            )

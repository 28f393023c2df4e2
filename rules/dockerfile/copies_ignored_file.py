"""LK154 copies-ignored-file: COPY/ADD of a path that ``.dockerignore`` leaves out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Add, CopyLike
from lintkit.dockerignore import clean_path
from lintkit.rule import FileKind, Rule, RuleContext

from ._context import context_ignore_file

_REMOTE_RE = re.compile(r"^([a-z][a-z0-9+.-]*://|git@)", re.IGNORECASE)
_WHOLE_CONTEXT = frozenset({"*", "**", "**/*"})


class CopiesIgnoredFile(Rule):
    """## What it does
    Flags a `COPY` or `ADD` source that the build context's ignore file
    (`<Dockerfile>.dockerignore`, else `.dockerignore` next to the Dockerfile)
    excludes, with Docker's own pattern rules (patterns are anchored at the
    context root; `**` spans directories). Like BuildKit's check, it stays
    silent when the ignore file has `!` exceptions (a directory may be excluded
    while a file in it is re-included), and flags `COPY .` only when a pattern
    (`*`, `**`, `**/*`) excludes everything. `COPY --from=…`, URLs, sources
    built from variables and wildcard sources are not checked.

    ## Why is this bad?
    An excluded file never reaches the builder: the COPY fails with "not
    found", or a directory arrives without the excluded files, and the image
    silently lacks what the Dockerfile asks for.

    ## Example
    `.dockerignore`:
    ```text
    config
    ```
    ```dockerfile
    COPY config/app.yaml /etc/app/
    ```

    ## Use instead
    Stop excluding what the image needs, for example with an exception:
    ```text
    config
    !config/app.yaml
    ```

    ## References
    - [Build checks: CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
    - [Docker: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    """

    code = "LK154"
    name = "copies-ignored-file"
    summary = "COPY/ADD source excluded by `.dockerignore`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("CopyIgnoredFile",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each excluded source."""
        copies = [
            instruction
            for instruction in dockerfile.instructions
            if isinstance(instruction, CopyLike) and instruction.flag("from") is None
        ]
        if not copies:
            return
        found = context_ignore_file(context)
        if found is None:
            return
        name, ignore = found
        if ignore.has_exceptions:
            return
        whole = any(pattern.pattern in _WHOLE_CONTEXT for pattern in ignore.patterns)
        for instruction in copies:
            keyword = "ADD" if isinstance(instruction, Add) else "COPY"
            for source in instruction.sources:
                value = source.value
                # LIMITATION: wildcard sources are not expanded (lintkit does not list the
                # context), so a glob whose every match is excluded goes unreported.
                if "$" in source.raw or _REMOTE_RE.match(value) or any(c in value for c in "*?["):
                    continue
                path = clean_path(value)
                if path == "." and not whole:
                    continue
                pattern = ignore.deciding_pattern(path)
                if pattern is None or pattern.exception:
                    continue
                yield Problem(
                    source.range,
                    f"{keyword} source '{value}' is excluded by {name} (pattern "
                    f"'{pattern.pattern}' on line {pattern.line}), so it never reaches the "
                    "builder; stop excluding it or copy something else",
                )

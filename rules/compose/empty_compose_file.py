"""LK600 empty-compose-file: a compose file with nothing in it."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.compose.model import ComposeFile
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext


class EmptyComposeFile(Rule):
    """## What it does
    Reports a compose file that is empty, holds only comments, or is a bare
    `null` document.

    ## Why is this bad?
    Docker Compose refuses to start from an empty file, and an override file
    that is empty by accident usually means a change was lost.

    ## Example
    ```yaml
    # services will go here
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```
    Or delete the file if it is not needed.
    """

    code = "LK600"
    name = "empty-compose-file"
    summary = "The compose file has no content"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report the file once, at its start, when it has no content."""
        if compose.is_empty:
            yield Problem(
                compose.source.range(0, 0),
                "The compose file is empty; Docker Compose needs at least a 'services' mapping",
            )

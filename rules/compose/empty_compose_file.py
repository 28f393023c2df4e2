"""LK600 empty-compose-file: a compose file with nothing in it."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.compose.merge import DEFAULT_FILES
from lintkit.compose.model import ComposeFile
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext


class EmptyComposeFile(Rule):
    """## What it does
    Reports a compose file that is empty, holds only comments, or is a bare
    `null` document. An override or other extra file (not `compose.yaml`,
    `docker-compose.yml`, ...) that holds only comments is a placeholder kept
    on purpose, and Compose accepts it after the main file: it is left alone.

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
        if compose.is_empty and not _placeholder_layer(compose):
            yield Problem(
                compose.source.range(0, 0),
                "The compose file is empty; Docker Compose needs at least a 'services' mapping",
            )


def _placeholder_layer(compose: ComposeFile) -> bool:
    """Whether the file is a layer written as comments only, to be filled in later.

    Compose accepts an empty file after the main one (an override, or a later ``-f`` file),
    and comments show the emptiness is meant; only a main file (``compose.yaml``, ...) must
    hold the project itself.
    """
    if compose.source.path.name in DEFAULT_FILES:
        return False
    return any(line.lstrip().startswith("#") for line in compose.source.text.splitlines())

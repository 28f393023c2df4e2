"""LK704 duplicate-key: a key written twice in one YAML mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class DuplicateKey(Rule):
    """## What it does
    Reports a key written a second time in the same mapping, at the second
    occurrence. A key that overrides one brought in by a `<<:` merge key is
    not a duplicate and is left alone.

    ## Why is this bad?
    Docker Compose v2 refuses a file with a repeated key. Tools built on
    PyYAML (docker-compose 1.x, many scripts) silently keep the last value
    instead, so the same file means different things to different tools, and
    the first value, which a reader sees first, is the one that is ignored.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
        image: nginx:1.26
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
    ```

    ## References
    - [YAML 1.2: mapping keys must be unique](https://yaml.org/spec/1.2.2/#mapping)
    - [Compose file reference: merge and override](https://docs.docker.com/reference/compose-file/merge/)
    """

    code = "LK704"
    name = "duplicate-key"
    summary = "A key is written twice in one mapping"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each repeated key where it is written again."""
        for duplicate in compose.duplicates:
            first_line = duplicate.first.start.line + 1
            yield Problem(
                duplicate.duplicate,
                f"Key '{duplicate.key}' is already set in this mapping on line {first_line}; "
                "Docker Compose refuses the file and other YAML tools keep only the last value. "
                "Remove one of them",
            )

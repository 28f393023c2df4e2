"""LK613 duplicate-environment-variable: a variable set twice in a service's environment list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class DuplicateEnvironmentVariable(Rule):
    """## What it does
    Reports a variable set a second time in the list form of a service's
    `environment` (`- LOG_LEVEL=info` ... `- LOG_LEVEL=debug`), at the second
    entry. A key repeated in the mapping form is a duplicate YAML key and is
    reported by `duplicate-key`; the very same entry written twice makes
    Compose refuse the file and is reported by `invalid-compose-schema`.

    ## Why is this bad?
    Only the last value is used. A reader who finds the first one believes
    the service runs with it, and editing it has no effect.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        environment:
          - LOG_LEVEL=info
          - PORT=8000
          - LOG_LEVEL=debug
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        environment:
          - PORT=8000
          - LOG_LEVEL=debug
    ```

    ## References
    - [Compose file reference: environment](https://docs.docker.com/reference/compose-file/services/#environment)
    """

    code = "LK613"
    name = "duplicate-environment-variable"
    summary = "A variable is set twice in a service's environment list"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each repeated variable at its later entry."""
        found = h.Collector()
        for service in compose.services.values():
            values: dict[str, list[str | None]] = {}
            for item in service.environment:
                values.setdefault(item.name, []).append(item.value)
            for duplicate in service.environment_duplicates:
                if len(set(values.get(duplicate.key, []))) == 1:
                    # The same entry twice: Compose refuses the file, which
                    # invalid-compose-schema reports as an error.
                    continue
                found.add(
                    duplicate.duplicate,
                    service.name,
                    f"{{who}}: environment variable '{duplicate.key}' is already set on line "
                    f"{duplicate.first.start.line + 1}; only the last value is used, so remove "
                    "one of them",
                )
        yield from found.problems()

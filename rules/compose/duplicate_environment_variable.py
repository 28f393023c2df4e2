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
    entry. The very same entry written twice (`- TZ=UTC` ... `- TZ=UTC`) is
    only noise: it is reported at the `style` level, which does not fail a
    run with the default failure threshold. A key repeated in the mapping form
    is a duplicate YAML key and is reported by `duplicate-key`.

    ## Why is this bad?
    Compose keeps only the last value, without a word. A reader who finds the
    first one believes the service runs with it, and editing it has no
    effect. An entry repeated with the same value changes nothing, and Compose
    (2.24.2 and later) drops it before validating the file, but it is one more
    line to keep in step.

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
        changed = h.Collector()
        repeated = h.Collector()
        for service in compose.services.values():
            duplicates = service.environment_duplicates
            if not duplicates:
                continue
            value_at = {
                item.key_range.start.offset: item.value
                for item in service.environment
                if item.entry is None
            }
            for duplicate in duplicates:
                line = duplicate.first.start.line + 1
                before = value_at.get(duplicate.first.start.offset)
                if value_at.get(duplicate.duplicate.start.offset) == before:
                    repeated.add(
                        duplicate.duplicate,
                        service.name,
                        f"{{who}}: environment variable '{duplicate.key}' is already set to the "
                        f"same value on line {line}; the repeat changes nothing, so remove it",
                    )
                else:
                    changed.add(
                        duplicate.duplicate,
                        service.name,
                        f"{{who}}: environment variable '{duplicate.key}' is already set on line "
                        f"{line}; only the last value is used, so remove one of them",
                    )
        yield from changed.problems()
        for problem in repeated.problems():
            yield Problem(problem.range, problem.message, severity=Severity.STYLE)

"""LK617 invalid-container-name: a container_name Docker does not accept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

# Docker's rule for container names: a letter or digit, then letters, digits, '_', '.', '-'.
_VALID = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


class InvalidContainerName(Rule):
    """## What it does
    Reports a `container_name` that Docker refuses: it must start with a
    letter or a digit, be at least two characters long and use only letters,
    digits, `_`, `.` and `-`. Names written with `${VAR}` are checked with the
    values known from `.env` and left alone otherwise.

    ## Why is this bad?
    Docker rejects the name when the container is created, so the service
    does not start; the schema alone does not catch it.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        container_name: my web
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        container_name: my-web
    ```

    ## References
    - [Compose file reference: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    """

    code = "LK617"
    name = "invalid-container-name"
    summary = "A container_name Docker does not accept"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("service-container-name-regex",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report container names that do not match Docker's pattern."""
        found = h.Collector()
        for service in compose.services.values():
            node = service.get("container_name")
            text = service.container_name
            if node is None or text is None:
                continue
            value = h.resolved(compose, text)
            if value is None or _VALID.fullmatch(value):
                continue
            shown = f"'{text}'" if value == text else f"'{text}' (which resolves to '{value}')"
            found.add(
                node.range,
                service.name,
                f"{{who}}: container_name {shown} is not a valid container name; use at least "
                "two characters, starting with a letter or digit, then only letters, digits, "
                "'_', '.' and '-'",
            )
        yield from found.problems()

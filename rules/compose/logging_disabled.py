"""LK517 logging-disabled: a service whose output is thrown away."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class LoggingDisabled(Rule):
    """## What it does
    Reports `logging: {driver: none}` (and the legacy `log_driver: none`).

    ## Why is this bad?
    With the `none` driver, nothing the container writes to stdout or stderr is
    kept: `docker compose logs` shows nothing, and errors, crashes and signs
    of an intrusion leave no trace. To limit disk use, keep a driver and cap
    its size (`max-size`, `max-file`) instead.

    ## Example
    ```yaml
    services:
      worker:
        image: example/worker:2.1
        logging:
          driver: none
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: example/worker:2.1
        logging:
          driver: local
          options:
            max-size: 10m
            max-file: "3"
    ```

    ## References
    - [Compose file reference: logging](https://docs.docker.com/reference/compose-file/services/#logging)
    - [Docker: configure logging drivers](https://docs.docker.com/engine/logging/configure/)
    """

    code = "LK517"
    name = "logging-disabled"
    summary = "Service logging driver is `none`"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0014",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report the ``none`` logging driver."""
        found = h.Collector()
        for service in compose.services.values():
            for node in (h.path_get(service.get("logging"), "driver"), service.get("log_driver")):
                text = h.node_text(node)
                if node is None or text is None:
                    continue
                value = h.resolved(compose, text)
                if value is None or value.strip().lower() != "none":
                    continue
                found.add(
                    node.range,
                    service.name,
                    "{who}: the 'none' logging driver discards everything the container "
                    "prints; keep a driver and cap its size with 'max-size' and 'max-file'",
                )
        yield from found.problems()

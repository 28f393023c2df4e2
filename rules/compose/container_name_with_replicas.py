"""LK608 container-name-with-replicas: a fixed container name on a service run more than once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class ContainerNameWithReplicas(Rule):
    """## What it does
    Reports a service that sets `container_name` and asks for more than one
    container with `deploy.replicas` or `scale`. Counts written with `${VAR}`
    whose value is not known are left alone.

    ## Why is this bad?
    Container names are unique on a Docker host, so only one container can
    carry the name: Compose refuses to scale such a service.

    ## Example
    ```yaml
    services:
      worker:
        image: example/worker:2.0
        container_name: worker
        deploy:
          replicas: 3
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: example/worker:2.0
        deploy:
          replicas: 3
    ```

    ## References
    - [Compose file reference: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    - [Compose file reference: deploy.replicas](https://docs.docker.com/reference/compose-file/deploy/#replicas)
    """

    code = "LK608"
    name = "container-name-with-replicas"
    summary = "A service with a fixed container name runs more than one container"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``container_name`` on services with more than one replica."""
        found = h.Collector()
        for service in compose.services.values():
            name_node = service.get("container_name")
            count_text = service.replicas
            if name_node is None or service.container_name is None or count_text is None:
                continue
            count = h.resolved(compose, count_text)
            if count is None or not count.strip().isdigit() or int(count) <= 1:
                continue
            found.add(
                name_node.range,
                service.name,
                f"{{who}}: container_name '{service.container_name}' is fixed, but {int(count)} "
                "containers are requested; container names must be unique, so remove "
                "container_name or run one replica",
            )
        yield from found.problems()

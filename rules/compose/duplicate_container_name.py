"""LK609 duplicate-container-name: two services use the same container_name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.merge import MScalar
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class DuplicateContainerName(Rule):
    """## What it does
    Reports a `container_name` already used by another service of the merged
    project (this file, its override and included files), at the second use.
    Services in profiles that are never enabled together, and names written
    with `${VAR}` whose value is not known, are left alone.

    ## Why is this bad?
    Container names are unique on a Docker host: the second container cannot
    be created and `docker compose up` fails.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.0
        container_name: backend
      worker:
        image: example/worker:2.0
        container_name: backend
    ```

    ## Use instead
    Give each service its own name, or drop `container_name` and let Compose
    name the containers.

    ## References
    - [Compose file reference: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    """

    code = "LK609"
    name = "duplicate-container-name"
    summary = "Two services use the same container_name"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("no-duplicate-container-names",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each reuse of a container name, where it is written in this file."""
        seen = st.view(compose, context)
        first: dict[str, tuple[str, set[str]]] = {}
        for service_name, service in seen.services.items():
            node = service.get("container_name")
            if not isinstance(node, MScalar) or node.text is None:
                continue
            value = h.resolved(compose, node.text)
            if value is None or not value:
                continue
            profiles = st.profiles_of(service)
            earlier = first.get(value)
            if earlier is None:
                first[value] = (service_name, profiles)
                continue
            if not st.may_run_together(earlier[1], profiles) or not seen.own(node):
                continue
            yield Problem(
                node.origin.range,
                f"Service '{service_name}': container_name '{value}' is already used by "
                f"service '{earlier[0]}'; container names must be unique on a host",
            )

"""LK520 shared-mount-propagation: a bind mount that propagates mounts back to the host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

_SHARED = ("shared", "rshared")


class SharedMountPropagation(Rule):
    """## What it does
    Reports bind mounts with `shared` or `rshared` propagation, in the short
    syntax (`/mnt:/mnt:rshared`) and the long one (`bind: {propagation:
    rshared}`).

    ## Why is this bad?
    With shared propagation, mounts made inside the container appear on the
    host (and the other way round). A compromised container can then mount
    file systems over host paths that host processes use. Docker's default,
    `rprivate`, keeps the two apart; only storage and backup agents that must
    see host mounts need anything else (`rslave` is enough in most cases).

    ## Example
    ```yaml
    services:
      agent:
        image: example/agent:3.0
        volumes:
          - /mnt/storage:/mnt/storage:rshared
    ```

    ## Use instead
    ```yaml
    services:
      agent:
        image: example/agent:3.0
        volumes:
          - /mnt/storage:/mnt/storage:rslave
    ```

    ## References
    - [Docker: bind propagation](https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation)
    - [Compose file reference: volumes](https://docs.docker.com/reference/compose-file/services/#volumes)
    """

    code = "LK520"
    name = "shared-mount-propagation"
    summary = "A bind mount uses shared propagation"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0017",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``shared``/``rshared`` propagation."""
        found = h.Collector()
        for service in compose.services.values():
            for volume in h.service_volumes(compose, service):
                if volume.long_syntax:
                    node = h.path_get(volume.node, "bind", "propagation")
                    mode = (h.node_text(node) or "").strip().lower()
                else:
                    node = volume.node
                    parts = (volume.mode or "").lower().split(",")
                    mode = next((part for part in parts if part in _SHARED), "")
                if node is None or mode not in _SHARED:
                    continue
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: '{mode}' mount propagation lets mounts made in the container "
                    "reach the host; use the default, or 'rslave' if it must see host mounts",
                )
        yield from found.problems()

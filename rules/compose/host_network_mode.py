"""LK507 host-network-mode: a service that shares the host's network stack."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class HostNetworkMode(Rule):
    """## What it does
    Reports `network_mode: host` (and the legacy `net: host`). `${VAR}` values
    are checked with their default when they have one, and left alone
    otherwise.

    ## Why is this bad?
    With the host's network stack the container is not network-isolated: every
    port it opens is open on every host interface (ignoring `ports:` and
    bypassing Docker's firewall rules), and it can reach services the host
    binds to `127.0.0.1`, such as admin interfaces and metadata endpoints.
    Service discovery by name on compose networks does not work either.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        network_mode: host
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        ports:
          - "127.0.0.1:8080:8080"
    ```
    Some workloads (multicast discovery, DHCP, some VPNs) truly need the host
    network; suppress the finding on that line with a reason.

    ## References
    - [Compose file reference: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    - [Docker: host network driver](https://docs.docker.com/engine/network/drivers/host/)
    """

    code = "LK507"
    name = "host-network-mode"
    summary = "Service uses the host's network stack"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0008",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``network_mode: host``."""
        found = h.Collector()
        for service in compose.services.values():
            for key in ("network_mode", "net"):
                node = service.get(key)
                text = h.node_text(node)
                if node is None or text is None:
                    continue
                value = h.resolved(compose, text)
                if value is None or value.strip().lower() != "host":
                    continue
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: '{key}: host' removes network isolation and opens every port it "
                    "listens on, on all host interfaces; use a compose network and publish "
                    "only the ports it needs",
                )
        yield from found.problems()

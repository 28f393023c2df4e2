"""LK513 port-on-all-interfaces: a port published without a host IP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class PortOnAllInterfaces(Rule):
    """## What it does
    Reports a `ports` entry without a host IP (`"8080:80"`, `"3000"`), so the
    port listens on every interface of the host. Database and broker ports are
    reported by `database-port-on-all-interfaces` instead. Entries with a host
    IP (also an explicit `0.0.0.0`) and entries whose `${VAR}` values are not
    known are left alone.

    This rule is off by default: publishing a web server to the network is
    often exactly what the file is for. Turn it on for stacks that sit behind
    a reverse proxy or are meant for local development.

    ## Why is this bad?
    A published port without a host IP is reachable from every network the
    host is on, and Docker's port publishing bypasses host firewalls such as
    `ufw`. Admin consoles, debug ports and development servers are then open
    to anyone who can reach the machine.

    ## Example
    ```yaml
    services:
      admin:
        image: example/admin:1.2
        ports:
          - "8080:80"
    ```

    ## Use instead
    ```yaml
    services:
      admin:
        image: example/admin:1.2
        ports:
          - "127.0.0.1:8080:80"
    ```

    ## Fix safety
    The fix adds the host IP `127.0.0.1`. It is unsafe: other machines can no
    longer connect. It is refused for entries under a shared YAML anchor and
    entries written with `${VAR}` or over several lines.

    ## References
    - [Compose file reference: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Docker: published ports and firewalls](https://docs.docker.com/engine/network/packet-filtering-firewalls/)
    """

    code = "LK513"
    name = "port-on-all-interfaces"
    summary = "A port is published on all host interfaces"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("CL-0005", "no-unbound-port-interfaces")
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report non-database ports published without a host IP."""
        found = h.Collector()
        for service in compose.services.values():
            for port in h.open_ports(compose, service):
                if port.database is not None:
                    continue
                fix, reason = h.localhost_fix(compose, port.node)
                random = "" if port.published else " (on a random host port)"
                found.add(
                    port.node.range,
                    service.name,
                    f"{{who}}: publishes port '{port.shown}'{random} on all host interfaces; "
                    "bind it to 127.0.0.1 unless other machines must reach it",
                    fix,
                    reason,
                )
        yield from found.problems()

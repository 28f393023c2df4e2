"""LK512 database-port-on-all-interfaces: a data store's port published to every interface."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class DatabasePortOnAllInterfaces(Rule):
    """## What it does
    Reports a `ports` entry that publishes a database or message-broker port
    (container port 5432, 3306, 6379, 27017, 9200, 5672, 11211, 1433, 9042,
    9092, ...) without a host IP, so it listens on every interface of the host.
    Entries with a host IP (`127.0.0.1:5432:5432`, `${BIND_IP}:5432:5432`, also
    an explicit `0.0.0.0`), and entries whose `${VAR}` values are not known,
    are left alone. Other ports are reported by `port-on-all-interfaces`
    (off by default).

    ## Why is this bad?
    `"5432:5432"` publishes the database to every network the host is on,
    not just to the developer's machine; Docker's port publishing also
    bypasses host firewalls such as `ufw`. Databases left open this way with
    default or example passwords are found and hijacked by scanners within
    hours. Other services reach the database over the compose network anyway;
    the port is only needed for tools on the host.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
        ports:
          - "5432:5432"
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:16
        ports:
          - "127.0.0.1:5432:5432"
    ```
    Or drop `ports:` entirely when only other services use the database.

    ## Fix safety
    The fix adds the host IP `127.0.0.1` (`127.0.0.1:5432:5432`, or
    `host_ip: 127.0.0.1` in the long syntax). It is unsafe: clients on other
    machines can no longer connect. It is refused for entries under a shared
    YAML anchor and entries written with `${VAR}` or over several lines.

    ## References
    - [Compose file reference: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Docker: published ports and firewalls](https://docs.docker.com/engine/network/packet-filtering-firewalls/)
    """

    code = "LK512"
    name = "database-port-on-all-interfaces"
    summary = "A database port is published on all host interfaces"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("CL-0005", "no-unbound-port-interfaces")

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report database ports published without a host IP."""
        found = h.Collector()
        for service in compose.services.values():
            for port in h.open_ports(compose, service):
                if port.database is None:
                    continue
                fix, reason = h.localhost_fix(compose, port.node)
                random = "" if port.published else " (on a random host port)"
                found.add(
                    port.node.range,
                    service.name,
                    f"{{who}}: publishes {port.database} port '{port.shown}'{random} on all host "
                    "interfaces; bind it to 127.0.0.1 (or drop it if only other services "
                    "connect)",
                    fix,
                    reason,
                )
        yield from found.problems()

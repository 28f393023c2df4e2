"""LK508 host-namespace-shared: a service that joins the host's PID, IPC, UTS or user namespace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

_EFFECTS = {
    "pid": "lets it see and signal every host process",
    "ipc": "lets it read and write the host's shared memory",
    "uts": "lets it change the host's hostname",
    "userns_mode": "turns off user-namespace remapping, so root inside is root on the host",
    "cgroup": "puts it in the host's cgroup namespace, exposing the host's cgroup tree",
}


class HostNamespaceShared(Rule):
    """## What it does
    Reports `pid: host`, `ipc: host`, `uts: host`, `userns_mode: host` and
    `cgroup: host`. `${VAR}` values are checked with their default when they
    have one, and left alone otherwise. `network_mode: host` is reported by
    `host-network-mode`.

    ## Why is this bad?
    Namespaces are what separates a container from the host. Sharing the PID
    namespace lets the container see, trace and kill host processes (and read
    their environment through `/proc`); the IPC namespace exposes the host's
    shared memory; the UTS namespace lets it rename the host;
    `userns_mode: host` switches off the daemon's user-namespace remapping for
    this container. Each one weakens isolation for a specific need; make sure
    the need is real.

    ## Example
    ```yaml
    services:
      debug:
        image: example/tools:1.0
        pid: host
    ```

    ## Use instead
    ```yaml
    services:
      debug:
        image: example/tools:1.0
        pid: "service:app"  # share with one service, not the host
    ```

    ## References
    - [Compose file reference: pid](https://docs.docker.com/reference/compose-file/services/#pid)
    - [Compose file reference: ipc](https://docs.docker.com/reference/compose-file/services/#ipc)
    - [Compose file reference: uts](https://docs.docker.com/reference/compose-file/services/#uts)
    - [Compose file reference: userns_mode](https://docs.docker.com/reference/compose-file/services/#userns_mode)
    - [Docker: isolate containers with a user namespace](https://docs.docker.com/engine/security/userns-remap/)
    """

    code = "LK508"
    name = "host-namespace-shared"
    summary = "Service shares a host namespace (pid, ipc, uts, userns, cgroup)"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0010",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report host namespace sharing."""
        found = h.Collector()
        for service in compose.services.values():
            for key, effect in _EFFECTS.items():
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
                    f"{{who}}: '{key}: host' {effect}; remove it unless the service really "
                    "needs it",
                )
        yield from found.problems()

"""LK504 privileged-service: a service run with ``privileged: true``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class PrivilegedService(Rule):
    """## What it does
    Reports `privileged: true` on a service. `${VAR}` values are left alone.

    ## Why is this bad?
    A privileged container gets every capability, every host device and no
    seccomp, AppArmor or SELinux confinement. Root in such a container is, for
    practical purposes, root on the host: it can mount the host's disks, load
    kernel modules and escape the container. Very few workloads need this;
    most need one capability (`cap_add`) or one device (`devices`).

    ## Example
    ```yaml
    services:
      agent:
        image: example/agent:3.0
        privileged: true
    ```

    ## Use instead
    ```yaml
    services:
      agent:
        image: example/agent:3.0
        cap_add:
          - NET_ADMIN
        devices:
          - /dev/net/tun
    ```

    ## References
    - [Compose file reference: privileged](https://docs.docker.com/reference/compose-file/services/#privileged)
    - [Docker run reference: runtime privilege](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    """

    code = "LK504"
    name = "privileged-service"
    summary = "Service runs privileged"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0002",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``privileged: true``."""
        found = h.Collector()
        for service in compose.services.values():
            node = service.get("privileged")
            if node is None or h.node_flag(node) is not True:
                continue
            found.add(
                node.range,
                service.name,
                "{who}: 'privileged: true' gives the container every capability and host "
                "device, so root inside is root on the host; grant only the capabilities "
                "or devices it needs",
            )
        yield from found.problems()

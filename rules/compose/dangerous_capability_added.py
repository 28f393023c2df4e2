"""LK509 dangerous-capability-added: ``cap_add`` grants a capability that reaches the host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

# What each capability lets a process in the container do to (or learn about) the host.
_DANGEROUS = {
    "ALL": "grants every capability, as good as 'privileged'",
    "SYS_ADMIN": "allows mounts and many kernel operations, a common escape route",
    "SYS_MODULE": "allows loading kernel modules into the host kernel",
    "SYS_RAWIO": "allows raw access to host memory and I/O ports",
    "SYS_PTRACE": "allows tracing processes and reading their memory",
    "SYS_BOOT": "allows rebooting the host",
    "SYS_TIME": "allows setting the host's clock",
    "DAC_READ_SEARCH": "allows reading any file by handle, a known escape route",
    "NET_ADMIN": "allows changing network interfaces, routes and firewall rules",
    "MAC_ADMIN": "allows changing the AppArmor/SELinux policy",
    "MAC_OVERRIDE": "allows bypassing the AppArmor/SELinux policy",
    "BPF": "allows loading eBPF programs into the kernel",
    "PERFMON": "allows kernel performance monitoring, which leaks host data",
    "SYSLOG": "allows reading the kernel log, which leaks kernel addresses",
    "LINUX_IMMUTABLE": "allows changing immutable file flags",
    "SYS_RESOURCE": "allows overriding resource limits",
}


class DangerousCapabilityAdded(Rule):
    """## What it does
    Reports `cap_add` entries that grant a capability reaching beyond the
    container: `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `SYS_PTRACE`,
    `SYS_BOOT`, `SYS_TIME`, `DAC_READ_SEARCH`, `NET_ADMIN`, `MAC_ADMIN`,
    `MAC_OVERRIDE`, `BPF`, `PERFMON`, `SYSLOG`, `LINUX_IMMUTABLE` and
    `SYS_RESOURCE` (with or without the `CAP_` prefix, in any case). Harmless
    additions such as `NET_BIND_SERVICE` are left alone.

    ## Why is this bad?
    These capabilities let a process act on the host kernel or on other
    processes: mount file systems, load modules, trace processes, read files
    past permission checks, or reconfigure the network. Several are known
    container escape routes. Grant one only when the service cannot work
    without it, and prefer a narrower one (`NET_BIND_SERVICE`, a device entry).

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        cap_add:
          - SYS_ADMIN
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        cap_drop:
          - ALL
        cap_add:
          - NET_BIND_SERVICE
    ```
    VPN clients and similar tools that need `NET_ADMIN` can suppress the
    finding on that line with a reason.

    ## References
    - [Compose file reference: cap_add](https://docs.docker.com/reference/compose-file/services/#cap_add)
    - [Docker run reference: Linux capabilities](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    - [capabilities(7)](https://man7.org/linux/man-pages/man7/capabilities.7.html)
    """

    code = "LK509"
    name = "dangerous-capability-added"
    summary = "Service adds a capability that reaches the host"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0011", "CL-0024", "CL-0027", "CL-0028", "CL-0029", "CL-0030")

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report dangerous ``cap_add`` entries."""
        found = h.Collector()
        for service in compose.services.values():
            for text, node in service.cap_add:
                value = h.resolved(compose, text)
                if value is None:
                    continue
                name = value.strip().upper().removeprefix("CAP_")
                effect = _DANGEROUS.get(name)
                if effect is None:
                    continue
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: 'cap_add: {name}' {effect}; remove it unless the service "
                    "cannot work without it",
                )
        yield from found.problems()

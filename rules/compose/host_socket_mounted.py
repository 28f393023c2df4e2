"""LK505 host-socket-mounted: the Docker socket (or another runtime's) mounted into a service."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

# Socket file names of container runtimes and init systems that control the host.
LOG = logging.getLogger(__name__)

_SOCKETS = {
    "docker.sock": "Docker",
    "containerd.sock": "containerd",
    "podman.sock": "Podman",
    "crio.sock": "CRI-O",
    "cri-dockerd.sock": "cri-dockerd",
    "dockershim.sock": "dockershim",
    "buildkitd.sock": "BuildKit",
    "kubelet.sock": "kubelet",
}
_SYSTEMD = ("/run/systemd/private", "/var/run/systemd/private", "/run/dbus/system_bus_socket",
            "/var/run/dbus/system_bus_socket")  # fmt: skip
_WINDOWS_PIPE = re.compile(r"^[\\/]{2}\.[\\/]pipe[\\/]docker_engine$", re.IGNORECASE)


class HostSocketMounted(Rule):
    """## What it does
    Reports a bind mount of a container runtime's control socket: Docker
    (`/var/run/docker.sock`, also the Windows pipe `//./pipe/docker_engine`),
    containerd, Podman, CRI-O, BuildKit or the kubelet, and systemd's or the
    system D-Bus control sockets. Sources written with `${VAR}` are checked
    with their default value when they have one, and left alone otherwise.
    Mounting a whole directory such as `/var/run` is reported by
    `sensitive-host-path-mounted` instead. Services whose image is a socket
    proxy (`tecnativa/docker-socket-proxy` and the like) are left alone:
    holding the socket and filtering calls to it is their purpose.

    ## Why is this bad?
    Whoever can talk to the runtime's socket can start a privileged container
    that mounts the host's root filesystem: access to the socket is root on the
    host. Mounting it read-only (`:ro`) does not help, because API calls are
    not file writes. Tools that need it (reverse proxies, dashboards, CI
    runners, updaters) should be trusted like root, or talk to a socket proxy
    that allows only the calls they need.

    ## Example
    ```yaml
    services:
      proxy:
        image: traefik:v3.1
        volumes:
          - /var/run/docker.sock:/var/run/docker.sock:ro
    ```

    ## Use instead
    ```yaml
    services:
      socket-proxy:
        image: tecnativa/docker-socket-proxy:0.2
        environment:
          CONTAINERS: 1
        volumes:
          - /var/run/docker.sock:/var/run/docker.sock:ro
      proxy:
        image: traefik:v3.1
        environment:
          DOCKER_HOST: tcp://socket-proxy:2375
    ```
    The proxy still holds the socket, but the exposed service only gets the
    read-only calls it needs; suppress the finding on that one line with a
    reason.

    ## References
    - [Docker: protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
    - [Docker security: attack surface of the daemon](https://docs.docker.com/engine/security/#docker-daemon-attack-surface)
    - [Compose file reference: volumes](https://docs.docker.com/reference/compose-file/services/#volumes)
    """

    code = "LK505"
    name = "host-socket-mounted"
    summary = "A container runtime's control socket is mounted into the service"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0001",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report bind mounts of control sockets."""
        found = h.Collector()
        for service in compose.services.values():
            image = (service.image or "").lower()
            if "socket-proxy" in image or "socket_proxy" in image:
                LOG.debug("service %s is a socket proxy; its socket mount is its job", service.name)
                continue
            for volume in h.service_volumes(compose, service):
                if volume.source is None:
                    continue
                raw = h.resolved(compose, volume.source)
                if raw is not None and _WINDOWS_PIPE.match(raw.strip()):
                    runtime = "Docker"
                else:
                    source = h.bind_source(compose, volume)
                    if source is None:
                        continue
                    runtime = _runtime(source) or ""
                    if not runtime:
                        continue
                found.add(
                    h.volume_range(volume),
                    service.name,
                    f"{{who}}: mounts the {runtime} control socket, which gives full control "
                    "of the host (even read-only); remove it or put a socket proxy that "
                    "allows only the needed calls in between",
                )
        yield from found.problems()


def _runtime(source: str) -> str | None:
    if source in _SYSTEMD:
        return "systemd" if "systemd" in source else "D-Bus system bus"
    name = source.rsplit("/", 1)[-1]
    return _SOCKETS.get(name)

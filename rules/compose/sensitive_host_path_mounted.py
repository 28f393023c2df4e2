"""LK506 sensitive-host-path-mounted: a host system directory bind-mounted into a service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

# Host directories whose content controls or discloses the whole host. Only these exact paths
# (and the few files below) are reported: sub-paths such as /etc/localtime, /dev/dri or
# /sys/fs/cgroup are common, narrow and mostly harmless mounts.
_DIRECTORIES = frozenset(
    (
        "/", "/etc", "/proc", "/sys", "/root", "/boot", "/dev", "/run", "/var/run", "/lib/modules",
        "/usr", "/bin", "/sbin", "/lib", "/lib64", "/var", "/var/lib", "/var/lib/docker",
        "/var/lib/containerd", "/var/lib/kubelet", "/etc/kubernetes", "/home",
    )
)  # fmt: skip
_FILES = frozenset(
    ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh", "/root/.ssh")
)


class SensitiveHostPathMounted(Rule):
    """## What it does
    Reports a bind mount of a host system directory: `/`, `/etc`, `/proc`,
    `/sys`, `/dev`, `/boot`, `/root`, `/run`, `/var/run`, `/lib/modules`,
    `/usr`, `/var/lib/docker`, `/home` and similar, and of a few secret files
    (`/etc/shadow`, `/etc/sudoers`, `/root/.ssh`). Only these paths themselves
    are reported: narrow mounts below them (`/etc/localtime`, `/dev/dri`,
    `/sys/fs/cgroup`) are left alone. Sources written with `${VAR}` are checked
    with their default value when they have one, and left alone otherwise.
    Runtime sockets are reported by `host-socket-mounted`.

    ## Why is this bad?
    These paths hold the host's configuration, credentials, kernel interfaces
    and devices. Writable, they let the container change the host (add a user,
    a cron job, a kernel module); even read-only they disclose secrets such as
    password hashes and keys. A container with such a mount is not isolated
    from its host.

    ## Example
    ```yaml
    services:
      backup:
        image: example/backup:1.0
        volumes:
          - /:/host
    ```

    ## Use instead
    ```yaml
    services:
      backup:
        image: example/backup:1.0
        volumes:
          - /srv/app-data:/data:ro
    ```
    Monitoring agents that need `/proc` or `/sys` should mount them read-only
    and suppress the finding on that line with a reason.

    ## References
    - [Compose file reference: volumes](https://docs.docker.com/reference/compose-file/services/#volumes)
    - [Docker: bind mounts](https://docs.docker.com/engine/storage/bind-mounts/)
    """

    code = "LK506"
    name = "sensitive-host-path-mounted"
    summary = "A host system directory is mounted into the service"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0013", "CL-0025")

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report bind mounts of sensitive host paths."""
        found = h.Collector()
        for service in compose.services.values():
            for volume in h.service_volumes(compose, service):
                source = h.bind_source(compose, volume)
                if source is None or (source not in _DIRECTORIES and source not in _FILES):
                    continue
                if volume.read_only:
                    effect = "exposes the host's system files to it (read-only)"
                else:
                    effect = "lets it change the host's system files"
                found.add(
                    h.volume_range(volume),
                    service.name,
                    f"{{who}}: mounting the host path '{source}' {effect}; mount only the "
                    "files or directories it needs",
                )
        yield from found.problems()

"""LK519 host-device-exposed: a host disk or memory device passed into a service."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

# Raw memory, I/O ports and block devices: access to them is access to the whole host.
_DANGEROUS = re.compile(
    r"^/dev/(?:mem|kmem|port|sd[a-z]+\d*|hd[a-z]+\d*|vd[a-z]+\d*|xvd[a-z]+\d*|nvme\d+(?:n\d+)?(?:p\d+)?"
    r"|disk/.*|mapper/.*|dm-\d+|md\d+|mmcblk\d+(?:p\d+)?)$"
)


class HostDeviceExposed(Rule):
    """## What it does
    Reports `devices` entries that pass a host disk or raw memory device into
    the container: `/dev/mem`, `/dev/kmem`, `/dev/port`, `/dev/sd*`,
    `/dev/nvme*`, `/dev/vd*`, `/dev/xvd*`, `/dev/hd*`, `/dev/mmcblk*`,
    `/dev/dm-*`, `/dev/md*`, `/dev/mapper/*` and `/dev/disk/*`. Common narrow
    devices (`/dev/dri`, `/dev/net/tun`, `/dev/fuse`, serial adapters) are
    left alone.

    ## Why is this bad?
    Raw access to a host disk lets the container read and write every file on
    it, bypassing permissions, and `/dev/mem` or `/dev/port` expose the host's
    memory and hardware. Such a container can take over the host.

    ## Example
    ```yaml
    services:
      tool:
        image: example/tool:1.0
        devices:
          - /dev/sda:/dev/sda
    ```

    ## Use instead
    ```yaml
    services:
      tool:
        image: example/tool:1.0
        volumes:
          - /srv/tool-data:/data
    ```

    ## References
    - [Compose file reference: devices](https://docs.docker.com/reference/compose-file/services/#devices)
    - [Docker run reference: --device](https://docs.docker.com/reference/cli/docker/container/run/#device)
    """

    code = "LK519"
    name = "host-device-exposed"
    summary = "A host disk or memory device is passed into the service"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0016",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report dangerous ``devices`` entries."""
        found = h.Collector()
        for service in compose.services.values():
            node = service.get("devices")
            if not h.is_seq(node):
                continue
            for text, item in service.strings("devices"):
                value = h.resolved(compose, text)
                if value is None:
                    continue
                device = h.normalise_path(value.split(":", 1)[0].strip())
                if not _DANGEROUS.match(device):
                    continue
                found.add(
                    item.range,
                    service.name,
                    f"{{who}}: passing the host device '{device}' gives raw access to host "
                    "disks or memory; mount only the directories it needs",
                )
        yield from found.problems()

"""Compose file format versions: which key exists in which format, and what Engine each needs.

Facts come from ``/work/shared/reference/compose-versions.md`` (a diff of docker-compose's final
2.x/3.x JSON schemas, docker/cli's 3.x schemas and the Compose Specification schema).
Nothing here reads YAML: rules walk the file and ask :data:`KEYS` about each key path.

Key paths use ``*`` for a user-chosen name (a service, a network, ...), ``[]`` for a list item
written in long syntax, and ``x-*`` for extension keys.

LIMITATION: the 2.x column is what the *last* docker-compose 1.x release accepted. Keys it
retro-added to older 2.x schemas (top-level ``x-*`` in 2.0-2.3, ``blkio_config``, ``dns_opt``
in 2.0/2.1) count as available there, so a file run with an older docker-compose can still be
refused for them. The 3.x column follows the Docker CLI's schemas (``docker stack deploy``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lintkit.records import field, record

#: A compose format version as (major, minor): ``(2, 4)``, ``(3, 8)``.
FormatVersion = tuple[int, int]

#: Versions docker-compose 1.x (2.x) and docker/cli (3.x) know.
KNOWN_VERSIONS: tuple[FormatVersion, ...] = (
    *((2, minor) for minor in range(5)),
    *((3, minor) for minor in range(14)),
)

#: Minimum Docker Engine for each format (Docker's compatibility matrix). 3.9 and later are
#: known only to ``docker stack deploy``: the value is the first Docker CLI release with it.
MIN_ENGINE: dict[FormatVersion, str] = {
    (1, 0): "1.9.1",
    (2, 0): "1.10.0",
    (2, 1): "1.12.0",
    (2, 2): "1.13.0",
    (2, 3): "17.06.0",
    (2, 4): "17.12.0",
    (3, 0): "1.13.0",
    (3, 1): "1.13.1",
    (3, 2): "17.04.0",
    (3, 3): "17.06.0",
    (3, 4): "17.09.0",
    (3, 5): "17.12.0",
    (3, 6): "18.02.0",
    (3, 7): "18.06.0",
    (3, 8): "19.03.0",
    (3, 9): "20.10.0",
    (3, 10): "23.0.0",
    (3, 11): "24.0.0",
    (3, 12): "25.0.0",
    (3, 13): "27.0.1",
}
#: Minimum Docker Engine for the Compose Specification (files without a meaningful version).
SPEC_MIN_ENGINE = "19.03.0"

# One row per key path: path, first 2.x version, first 3.x version ("-": none in that line),
# and whether the Compose Specification accepts it (y/n). Rows after the versioned ones are
# the spec-only paths (top-most only; their children are not listed).
_TABLE = """\
configs - 3.3 y
configs.*.external - 3.3 y
configs.*.external.name - 3.3 y
configs.*.file - 3.3 y
configs.*.labels - 3.3 y
configs.*.name - 3.5 y
configs.*.template_driver - 3.8 y
configs.*.x-* - 3.7 y
networks 2.0 3.0 y
networks.*.attachable - 3.2 y
networks.*.driver 2.0 3.0 y
networks.*.driver_opts 2.0 3.0 y
networks.*.enable_ipv6 2.1 - y
networks.*.external 2.0 3.0 y
networks.*.external.name 2.0 3.0 y
networks.*.internal 2.0 3.0 y
networks.*.ipam 2.0 3.0 y
networks.*.ipam.config 2.0 3.0 y
networks.*.ipam.config[].aux_addresses 2.0 - y
networks.*.ipam.config[].gateway 2.0 - y
networks.*.ipam.config[].ip_range 2.0 - y
networks.*.ipam.config[].subnet 2.0 3.0 y
networks.*.ipam.driver 2.0 3.0 y
networks.*.ipam.options 2.0 - y
networks.*.labels 2.1 3.0 y
networks.*.name 2.1 3.5 y
networks.*.x-* 2.4 3.7 y
secrets - 3.1 y
secrets.*.driver - 3.8 y
secrets.*.driver_opts - 3.8 y
secrets.*.external - 3.1 y
secrets.*.external.name - 3.1 y
secrets.*.file - 3.1 y
secrets.*.labels - 3.1 y
secrets.*.name - 3.5 y
secrets.*.template_driver - 3.8 y
secrets.*.x-* - 3.7 y
services 2.0 3.0 y
services.*.blkio_config 2.0 - y
services.*.blkio_config.device_read_bps 2.0 - y
services.*.blkio_config.device_read_bps[].path 2.0 - y
services.*.blkio_config.device_read_bps[].rate 2.0 - y
services.*.blkio_config.device_read_iops 2.0 - y
services.*.blkio_config.device_read_iops[].path 2.0 - y
services.*.blkio_config.device_read_iops[].rate 2.0 - y
services.*.blkio_config.device_write_bps 2.0 - y
services.*.blkio_config.device_write_bps[].path 2.0 - y
services.*.blkio_config.device_write_bps[].rate 2.0 - y
services.*.blkio_config.device_write_iops 2.0 - y
services.*.blkio_config.device_write_iops[].path 2.0 - y
services.*.blkio_config.device_write_iops[].rate 2.0 - y
services.*.blkio_config.weight 2.0 - y
services.*.blkio_config.weight_device 2.0 - y
services.*.blkio_config.weight_device[].path 2.0 - y
services.*.blkio_config.weight_device[].weight 2.0 - y
services.*.build 2.0 3.0 y
services.*.build.args 2.0 3.0 y
services.*.build.cache_from 2.2 3.2 y
services.*.build.context 2.0 3.0 y
services.*.build.dockerfile 2.0 3.0 y
services.*.build.extra_hosts 2.3 3.9 y
services.*.build.isolation 2.1 - y
services.*.build.labels 2.1 3.3 y
services.*.build.network 2.2 3.4 y
services.*.build.shm_size 2.3 3.5 y
services.*.build.target 2.3 3.4 y
services.*.cap_add 2.0 3.0 y
services.*.cap_drop 2.0 3.0 y
services.*.cgroup_parent 2.0 3.0 y
services.*.cgroupns_mode - 3.9 n
services.*.command 2.0 3.0 y
services.*.configs - 3.3 y
services.*.configs[].gid - 3.3 y
services.*.configs[].mode - 3.3 y
services.*.configs[].source - 3.3 y
services.*.configs[].target - 3.3 y
services.*.configs[].uid - 3.3 y
services.*.container_name 2.0 3.0 y
services.*.cpu_count 2.2 - y
services.*.cpu_percent 2.2 - y
services.*.cpu_period 2.1 - y
services.*.cpu_quota 2.0 - y
services.*.cpu_rt_period 2.2 - y
services.*.cpu_rt_runtime 2.2 - y
services.*.cpu_shares 2.0 - y
services.*.cpus 2.2 - y
services.*.cpuset 2.0 - y
services.*.credential_spec - 3.3 y
services.*.credential_spec.config - 3.8 y
services.*.credential_spec.file - 3.3 y
services.*.credential_spec.registry - 3.3 y
services.*.depends_on 2.0 3.0 y
services.*.depends_on.*.condition 2.1 - y
services.*.deploy - 3.0 y
services.*.deploy.endpoint_mode - 3.2 y
services.*.deploy.labels - 3.0 y
services.*.deploy.mode - 3.0 y
services.*.deploy.placement - 3.0 y
services.*.deploy.placement.constraints - 3.0 y
services.*.deploy.placement.max_replicas_per_node - 3.8 y
services.*.deploy.placement.preferences - 3.3 y
services.*.deploy.placement.preferences[].spread - 3.3 y
services.*.deploy.replicas - 3.0 y
services.*.deploy.resources - 3.0 y
services.*.deploy.resources.limits - 3.0 y
services.*.deploy.resources.limits.cpus - 3.0 y
services.*.deploy.resources.limits.memory - 3.0 y
services.*.deploy.resources.limits.pids - 3.9 y
services.*.deploy.resources.reservations - 3.0 y
services.*.deploy.resources.reservations.cpus - 3.0 y
services.*.deploy.resources.reservations.generic_resources - 3.5 y
services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec - 3.5 y
services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec.kind - 3.5 y
services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec.value - 3.5 y
services.*.deploy.resources.reservations.memory - 3.0 y
services.*.deploy.restart_policy - 3.0 y
services.*.deploy.restart_policy.condition - 3.0 y
services.*.deploy.restart_policy.delay - 3.0 y
services.*.deploy.restart_policy.max_attempts - 3.0 y
services.*.deploy.restart_policy.window - 3.0 y
services.*.deploy.rollback_config - 3.7 y
services.*.deploy.rollback_config.delay - 3.7 y
services.*.deploy.rollback_config.failure_action - 3.7 y
services.*.deploy.rollback_config.max_failure_ratio - 3.7 y
services.*.deploy.rollback_config.monitor - 3.7 y
services.*.deploy.rollback_config.order - 3.7 y
services.*.deploy.rollback_config.parallelism - 3.7 y
services.*.deploy.update_config - 3.0 y
services.*.deploy.update_config.delay - 3.0 y
services.*.deploy.update_config.failure_action - 3.0 y
services.*.deploy.update_config.max_failure_ratio - 3.0 y
services.*.deploy.update_config.monitor - 3.0 y
services.*.deploy.update_config.order - 3.4 y
services.*.deploy.update_config.parallelism - 3.0 y
services.*.device_cgroup_rules 2.3 - y
services.*.devices 2.0 3.0 y
services.*.dns 2.0 3.0 y
services.*.dns_opt 2.0 - y
services.*.dns_search 2.0 3.0 y
services.*.domainname 2.0 3.0 y
services.*.entrypoint 2.0 3.0 y
services.*.env_file 2.0 3.0 y
services.*.environment 2.0 3.0 y
services.*.expose 2.0 3.0 y
services.*.extends 2.0 - y
services.*.extends.file 2.0 - y
services.*.extends.service 2.0 - y
services.*.external_links 2.0 3.0 y
services.*.extra_hosts 2.0 3.0 y
services.*.group_add 2.0 - y
services.*.healthcheck 2.1 3.0 y
services.*.healthcheck.disable 2.1 3.0 y
services.*.healthcheck.interval 2.1 3.0 y
services.*.healthcheck.retries 2.1 3.0 y
services.*.healthcheck.start_period 2.3 3.4 y
services.*.healthcheck.test 2.1 3.0 y
services.*.healthcheck.timeout 2.1 3.0 y
services.*.hostname 2.0 3.0 y
services.*.image 2.0 3.0 y
services.*.init 2.2 3.7 y
services.*.ipc 2.0 3.0 y
services.*.isolation 2.1 3.5 y
services.*.labels 2.0 3.0 y
services.*.links 2.0 3.0 y
services.*.logging 2.0 3.0 y
services.*.logging.driver 2.0 3.0 y
services.*.logging.options 2.0 3.0 y
services.*.mac_address 2.0 3.0 y
services.*.mem_limit 2.0 - y
services.*.mem_reservation 2.0 - y
services.*.mem_swappiness 2.0 - y
services.*.memswap_limit 2.0 - y
services.*.network_mode 2.0 3.0 y
services.*.networks 2.0 3.0 y
services.*.networks.*.aliases 2.0 3.0 y
services.*.networks.*.ipv4_address 2.0 3.0 y
services.*.networks.*.ipv6_address 2.0 3.0 y
services.*.networks.*.link_local_ips 2.1 - y
services.*.networks.*.priority 2.0 - y
services.*.oom_kill_disable 2.1 - y
services.*.oom_score_adj 2.0 3.13 y
services.*.pid 2.0 3.0 y
services.*.pids_limit 2.1 - y
services.*.platform 2.4 - y
services.*.ports 2.0 3.0 y
services.*.ports[].mode - 3.2 y
services.*.ports[].protocol - 3.2 y
services.*.ports[].published - 3.2 y
services.*.ports[].target - 3.2 y
services.*.privileged 2.0 3.0 y
services.*.read_only 2.0 3.0 y
services.*.restart 2.0 3.0 y
services.*.runtime 2.3 - y
services.*.scale 2.2 - y
services.*.secrets - 3.1 y
services.*.secrets[].gid - 3.1 y
services.*.secrets[].mode - 3.1 y
services.*.secrets[].source - 3.1 y
services.*.secrets[].target - 3.1 y
services.*.secrets[].uid - 3.1 y
services.*.security_opt 2.0 3.0 y
services.*.shm_size 2.0 3.0 y
services.*.stdin_open 2.0 3.0 y
services.*.stop_grace_period 2.0 3.0 y
services.*.stop_signal 2.0 3.0 y
services.*.storage_opt 2.1 - y
services.*.sysctls 2.1 3.0 y
services.*.tmpfs 2.0 3.0 y
services.*.tty 2.0 3.0 y
services.*.ulimits 2.0 3.0 y
services.*.ulimits.*.hard 2.0 3.0 y
services.*.ulimits.*.soft 2.0 3.0 y
services.*.user 2.0 3.0 y
services.*.userns_mode 2.1 3.0 y
services.*.volume_driver 2.0 - n
services.*.volumes 2.0 3.0 y
services.*.volumes[].bind 2.3 3.2 y
services.*.volumes[].bind.propagation 2.3 3.2 y
services.*.volumes[].consistency 2.3 3.2 y
services.*.volumes[].read_only 2.3 3.2 y
services.*.volumes[].source 2.3 3.2 y
services.*.volumes[].target 2.3 3.2 y
services.*.volumes[].tmpfs 2.3 3.6 y
services.*.volumes[].tmpfs.size 2.3 3.6 y
services.*.volumes[].type 2.3 3.2 y
services.*.volumes[].volume 2.3 3.2 y
services.*.volumes[].volume.nocopy 2.3 3.2 y
services.*.volumes_from 2.0 - y
services.*.working_dir 2.0 3.0 y
services.*.x-* 2.4 3.7 y
version 2.0 3.0 y
volumes 2.0 3.0 y
volumes.*.driver 2.0 3.0 y
volumes.*.driver_opts 2.0 3.0 y
volumes.*.external 2.0 3.0 y
volumes.*.external.name 2.0 3.0 y
volumes.*.labels 2.1 3.0 y
volumes.*.name 2.1 3.4 y
volumes.*.x-* 2.4 3.7 y
x-* 2.0 3.4 y
configs.*.content - - y
configs.*.environment - - y
include - - y
models - - y
name - - y
networks.*.enable_ipv4 - - y
networks.*.external.x-* - - y
networks.*.ipam.config[].x-* - - y
networks.*.ipam.x-* - - y
secrets.*.environment - - y
services.*.annotations - - y
services.*.attach - - y
services.*.build.additional_contexts - - y
services.*.build.cache_to - - y
services.*.build.dockerfile_inline - - y
services.*.build.entitlements - - y
services.*.build.no_cache - - y
services.*.build.platforms - - y
services.*.build.privileged - - y
services.*.build.provenance - - y
services.*.build.pull - - y
services.*.build.sbom - - y
services.*.build.secrets - - y
services.*.build.ssh - - y
services.*.build.tags - - y
services.*.build.ulimits - - y
services.*.build.x-* - - y
services.*.cgroup - - y
services.*.configs[].x-* - - y
services.*.credential_spec.x-* - - y
services.*.depends_on.*.required - - y
services.*.depends_on.*.restart - - y
services.*.depends_on.*.x-* - - y
services.*.deploy.placement.preferences[].x-* - - y
services.*.deploy.placement.x-* - - y
services.*.deploy.resources.limits.x-* - - y
services.*.deploy.resources.reservations.devices - - y
services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec.x-* - - y
services.*.deploy.resources.reservations.generic_resources[].x-* - - y
services.*.deploy.resources.reservations.x-* - - y
services.*.deploy.resources.x-* - - y
services.*.deploy.restart_policy.x-* - - y
services.*.deploy.rollback_config.x-* - - y
services.*.deploy.update_config.x-* - - y
services.*.deploy.x-* - - y
services.*.develop - - y
services.*.devices[].permissions - - y
services.*.devices[].source - - y
services.*.devices[].target - - y
services.*.devices[].x-* - - y
services.*.env_file[].format - - y
services.*.env_file[].path - - y
services.*.env_file[].required - - y
services.*.gpus - - y
services.*.healthcheck.start_interval - 3.12 y
services.*.healthcheck.x-* - - y
services.*.label_file - - y
services.*.logging.x-* - - y
services.*.models - - y
services.*.networks.*.driver_opts - 3.13 y
services.*.networks.*.gw_priority - - y
services.*.networks.*.interface_name - - y
services.*.networks.*.mac_address - - y
services.*.networks.*.x-* - - y
services.*.ports[].app_protocol - - y
services.*.ports[].host_ip - - y
services.*.ports[].name - - y
services.*.ports[].x-* - - y
services.*.post_start - - y
services.*.pre_stop - - y
services.*.profiles - - y
services.*.provider - - y
services.*.pull_policy - - y
services.*.pull_refresh_after - - y
services.*.secrets[].x-* - - y
services.*.ulimits.*.x-* - - y
services.*.use_api_socket - - y
services.*.uts - - y
services.*.volumes[].bind.create_host_path - - y
services.*.volumes[].bind.recursive - - y
services.*.volumes[].bind.selinux - - y
services.*.volumes[].bind.x-* - - y
services.*.volumes[].image - - y
services.*.volumes[].tmpfs.mode - - y
services.*.volumes[].tmpfs.x-* - - y
services.*.volumes[].volume.labels - - y
services.*.volumes[].volume.subpath - - y
services.*.volumes[].volume.x-* - - y
services.*.volumes[].x-* - - y
volumes.*.external.x-* - - y
"""

_VERSION = re.compile(r"^\s*(\d+)(?:\.(\d+))?\s*$")


def parse_version(text: str | None) -> FormatVersion | None:
    """Read a ``version:`` value (``"3"``, ``"2.4"``, ``3.8``); ``None`` if it is not a known one.

    ``"3"`` means 3.0 and ``"2"`` means 2.0, as docker-compose read them.
    """
    if text is None:
        return None
    match = _VERSION.match(text)
    if match is None:
        return None
    version = (int(match.group(1)), int(match.group(2) or 0))
    return version if version in KNOWN_VERSIONS else None


def format_version(version: FormatVersion) -> str:
    """``(3, 8)`` → ``"3.8"``."""
    return f"{version[0]}.{version[1]}"


def _parse_one(text: str) -> FormatVersion | None:
    if text == "-":
        return None
    major, _, minor = text.partition(".")
    return int(major), int(minor)


@record
class KeyInfo:
    """Where one key path exists.

    Attributes:
        path: the key path (``services.*.deploy``).
        since_v2: the first 2.x format that accepts it, ``None`` if no 2.x format does.
        since_v3: the first 3.x format that accepts it, ``None`` if no 3.x format does.
        in_spec: whether the Compose Specification (docker compose v2) accepts it.
    """

    path: str
    since_v2: FormatVersion | None
    since_v3: FormatVersion | None
    in_spec: bool

    def since(self, major: int) -> FormatVersion | None:
        """The first version of the ``major`` line (2 or 3) that accepts the key."""
        return self.since_v2 if major == 2 else self.since_v3 if major == 3 else None

    def supported_in(self, version: FormatVersion) -> bool:
        """Whether the format ``version`` accepts the key."""
        first = self.since(version[0])
        return first is not None and version >= first


@record(frozen=False)
class KeyNode:
    """A level of the key-path tree; ``info`` is set when the path to here is a table row."""

    info: KeyInfo | None = None
    children: dict[str, KeyNode] = field(default_factory=dict)

    def child(self, key: str) -> KeyNode | None:
        """The node for a written mapping key: the exact key, else ``x-*``, else a name (``*``)."""
        found = self.children.get(key)
        if found is None and key.startswith("x-"):
            found = self.children.get("x-*")
        if found is None:
            found = self.children.get("*")
        return found

    def item(self) -> KeyNode | None:
        """The node for a long-syntax list item (``[]``)."""
        return self.children.get("[]")


def _segments(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("."):
        if part.endswith("[]"):
            parts.extend((part[:-2], "[]"))
        else:
            parts.append(part)
    return parts


@lru_cache(maxsize=1)
def key_tree() -> KeyNode:
    """The table as a tree from the top level (built once, on first use)."""
    root = KeyNode()
    for line in _TABLE.splitlines():
        path, since_v2, since_v3, spec = line.split()
        node = root
        for segment in _segments(path):
            node = node.children.setdefault(segment, KeyNode())
        node.info = KeyInfo(path, _parse_one(since_v2), _parse_one(since_v3), spec == "y")
    return root


def key_info(path: str) -> KeyInfo | None:
    """The row of an exact key path as written in the table (``services.*.ports[].target``)."""
    node: KeyNode | None = key_tree()
    for segment in _segments(path):
        node = node.children.get(segment) if node is not None else None
    return node.info if node is not None else None


def _engine_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def engine_older(engine: str, required: str) -> bool:
    """Whether Docker Engine ``engine`` (``"18.09"``, ``"1.13.1"``) is older than ``required``."""
    have = _engine_tuple(engine)
    need = _engine_tuple(required)
    width = max(len(have), len(need))
    return have + (0,) * (width - len(have)) < need + (0,) * (width - len(need))


def valid_engine(text: str) -> bool:
    """Whether ``text`` looks like an Engine version (``18.09``, ``20.10.7``, ``1.13.1``)."""
    return re.fullmatch(r"\d+(?:\.\d+){0,2}", text.strip()) is not None

"""Shared helpers of the compose hardening and security rules (LK500-LK549).

Only compose rules import this module, so it imports the compose modules at the top: a
Dockerfile run never loads it (the rule registry loads each kind's rules when a file of that
kind is linted first). Importing them inside the helpers cost more than the helpers' work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from lintkit.compose.interpolation import has_interpolation
from lintkit.compose.loader import MapEntry, YamlMap, YamlNode, YamlScalar, YamlSeq
from lintkit.compose.model import (
    ComposeFile,
    KeyValue,
    Service,
    Volume,
    bool_of,
    parse_port,
    parse_volume,
    text_of,
)
from lintkit.diagnostics import Edit, Fix, Problem
from lintkit.fixers.yaml_edits import (
    YamlEditRefused,
    append_to_mapping,
    append_to_sequence,
    file_sequences_are_flush,
)
from lintkit.records import field, record
from lintkit.source import Range

LOG = logging.getLogger(__name__)


def who(names: Sequence[str]) -> str:
    """``Service 'a'`` or ``Services 'a', 'b'`` (a node shared through an anchor)."""
    if len(names) == 1:
        return f"Service '{names[0]}'"
    return "Services " + ", ".join(f"'{name}'" for name in names)


@record(frozen=False)
class _Finding:
    range: Range
    services: list[str]
    template: str
    fix: Fix | None = None
    unfixable_reason: str | None = None


@record(frozen=False)
class Collector:
    """Gathers findings so that a node reached from several services is reported once.

    A value defined under an anchor and used by three services is one place to edit; reporting
    it three times at the same range would only repeat the same line in the output.
    """

    _found: dict[tuple[int, int], _Finding] = field(default_factory=dict)

    def add(
        self,
        where: Range,
        service: str,
        template: str,
        fix: Fix | None = None,
        unfixable_reason: str | None = None,
    ) -> None:
        """Record a finding; ``{who}`` in ``template`` becomes the services' names at the end."""
        key = (where.start.offset, where.end.offset)
        found = self._found.get(key)
        if found is None:
            self._found[key] = _Finding(where, [service], template, fix, unfixable_reason)
        elif service not in found.services:
            found.services.append(service)

    def problems(self) -> Iterator[Problem]:
        """The findings, in the order first seen."""
        for found in self._found.values():
            yield Problem(
                found.range,
                found.template.replace("{who}", who(found.services), 1),
                fix=found.fix,
                unfixable_reason=found.unfixable_reason,
            )


def has_variables(text: str) -> bool:
    """Whether ``text`` uses ``$VAR``/``${VAR}`` interpolation."""
    return has_interpolation(text)


def resolved(compose: ComposeFile, text: str) -> str | None:
    """``text`` after interpolation, or ``None`` when a variable's value is not known."""
    if not has_variables(text):
        return text.replace("$$", "$")
    result = compose.interpolate(text)
    return result.value if result.is_known else None


def node_text(node: YamlNode | None) -> str | None:
    """A scalar node's text (``None`` for null, lists and mappings)."""
    return text_of(node)


def node_flag(node: YamlNode | None) -> bool | None:
    """A boolean node's value (``None`` when not a boolean, e.g. ``${VAR}``)."""
    return bool_of(node)


def is_seq(node: YamlNode | None) -> bool:
    """Whether ``node`` is a sequence."""
    return node is not None and node.kind == "seq"


def path_get(node: YamlNode | None, *keys: str) -> YamlNode | None:
    """Follow mapping keys (``deploy``, ``resources``, ``limits``); ``None`` when any is missing."""
    for key in keys:
        if not isinstance(node, YamlMap):
            return None
        node = node.get(key)
    return node


def normalise_path(path: str) -> str:
    """A host path without repeated or trailing slashes, ``./`` parts kept as written."""
    while "//" in path:
        path = path.replace("//", "/")
    if len(path) > 1:
        path = path.rstrip("/")
    return path


def bind_source(compose: ComposeFile, volume: Volume) -> str | None:
    """The host path of a bind mount after interpolation (``None`` when not a bind or unknown)."""
    if volume.source is None:
        return None
    source = resolved(compose, volume.source)
    if source is None:
        return None
    if volume.long_syntax and volume.type != "bind":
        return None
    if not source.startswith("/"):
        return None
    return normalise_path(source)


def service_uses_extends(service: Service) -> bool:
    """Whether the service inherits settings through ``extends`` (not visible in this file)."""
    # LIMITATION: the "missing X" rules skip such services instead of reading the merged project
    # (lintkit.compose.merge); a base service that lacks the setting goes unreported there.
    return service.get("extends") is not None


# -- fixes ----------------------------------------------------------------------------------


def service_refusal(service: Service) -> str | None:
    """Why new keys cannot be added to this service's mapping, or ``None`` when they can."""
    node = service.node
    if node.shared:
        return (
            f"service '{service.name}' is defined under a YAML anchor that other places use; "
            "adding the key there would change them too"
        )
    if node.flow:
        return f"service '{service.name}' is written in flow style ({{...}})"
    if not node.written:
        return f"service '{service.name}' has no settings to place the new key next to"
    return None


def entry_refusal(service: Service, entry: MapEntry) -> str | None:
    """Why an existing entry of a service cannot be edited in place, or ``None``."""
    if entry.merged:
        return (
            f"'{entry.key_text}' of service '{service.name}' comes from a '<<' merge key; "
            "changing it at the anchor would change every service that merges it"
        )
    if entry.value_alias is not None or entry.value.shared:
        return (
            f"'{entry.key_text}' of service '{service.name}' is an alias of an anchored value; "
            "changing it there would change every place that uses the anchor"
        )
    return None


def sequence_lines(compose: ComposeFile, key: str, items: Sequence[str]) -> list[str]:
    """Lines for a new ``key:`` with a block list, in the file's sequence style.

    The lines are meant for :func:`lintkit.fixers.yaml_edits.append_to_mapping`.
    """
    flush = compose.root is not None and file_sequences_are_flush(compose.root)
    prefix = "- " if flush else "\t- "
    return [f"{key}:", *(prefix + item for item in items)]


def add_to_service(compose: ComposeFile, service: Service, lines: Sequence[str]) -> Edit | str:
    """An edit appending ``lines`` to the service mapping, or the reason it cannot be made."""
    reason = service_refusal(service)
    if reason is not None:
        return reason
    try:
        return append_to_mapping(compose.source, service.node, lines)
    except YamlEditRefused as exc:
        return f"service '{service.name}': {exc.reason}"


def append_item(compose: ComposeFile, sequence: YamlNode, item: str) -> Edit | str:
    """An edit adding ``item`` to a list, or the reason it cannot be made."""
    if not isinstance(sequence, YamlSeq):
        return "the setting is not a list"
    try:
        return append_to_sequence(compose.source, sequence, item)
    except YamlEditRefused as exc:
        return exc.reason


def volume_range(volume: Volume) -> Range:
    """Where to report a volume: the ``source`` value in the long form, else the whole entry."""
    source = path_get(volume.node, "source") if volume.long_syntax else None
    return source.range if source is not None else volume.range


def environment_value_range(compose: ComposeFile, item: KeyValue) -> Range:
    """Where the value of an ``environment`` entry is written.

    That is the text after ``=`` in the list form and the value node in the map form; the whole
    entry when that cannot be told.
    """
    node = item.node
    if item.entry is not None or node.range.start.line != node.range.end.line:
        return node.range
    text = compose.source.text
    equals = text.find("=", item.key_range.end.offset, node.range.end.offset)
    if equals == -1:
        return node.range
    end = node.range.end.offset
    if text[end - 1 : end] in ("'", '"') and text[node.range.start.offset] == text[end - 1]:
        end -= 1
    return compose.source.range(equals + 1, max(end, equals + 1))


# -- published ports ------------------------------------------------------------------------

#: Container ports that only data stores and brokers use: they should never face a network by
#: accident, whatever the image.
DATABASE_PORTS = {
    5432: "PostgreSQL", 6432: "PgBouncer", 3306: "MySQL/MariaDB", 6379: "Redis",
    27017: "MongoDB", 27018: "MongoDB", 27019: "MongoDB", 11211: "Memcached",
    1433: "SQL Server", 1521: "Oracle", 5984: "CouchDB", 9042: "Cassandra",
    26257: "CockroachDB", 28015: "RethinkDB", 5672: "RabbitMQ",
}  # fmt: skip
#: Ports that data stores use but other programs too (9200 is also ownCloud's, 8123 Home
#: Assistant's): reported only when the image's name shows the data store.
SHARED_DATABASE_PORTS = {
    9200: ("Elasticsearch", ("elasticsearch", "opensearch")),
    9300: ("Elasticsearch", ("elasticsearch", "opensearch")),
    8086: ("InfluxDB", ("influxdb",)),
    7474: ("Neo4j", ("neo4j",)),
    7687: ("Neo4j", ("neo4j",)),
    2379: ("etcd", ("etcd",)),
    8529: ("ArangoDB", ("arangodb",)),
    9092: ("Kafka", ("kafka", "redpanda")),
    2181: ("ZooKeeper", ("zookeeper",)),
    4222: ("NATS", ("nats",)),
    8123: ("ClickHouse", ("clickhouse",)),
    8091: ("Couchbase", ("couchbase",)),
    61616: ("ActiveMQ", ("activemq", "artemis")),
    5671: ("RabbitMQ", ("rabbitmq",)),
}


@record
class OpenPort:
    """A published port bound to every host interface (no host IP given)."""

    node: YamlNode
    published: str | None
    target: str
    database: str | None

    @property
    def shown(self) -> str:
        """``8080:80`` / ``80`` (random host port) for messages."""
        return f"{self.published}:{self.target}" if self.published else self.target


def open_ports(compose: ComposeFile, service: Service) -> Iterator[OpenPort]:
    """Published ports of ``service`` that bind every interface, interpolated when possible.

    Entries whose interpolation is unknown are skipped: a ``${VAR}`` may well hold a host IP.
    An explicit ``0.0.0.0``/``::`` is a deliberate choice and is not returned either.
    """
    if compose is not service.compose:
        return iter(_open_ports(compose, service))
    # Two rules ask for the same service's ports.
    return iter(service.cached("hardening.open_ports", lambda: _open_ports(compose, service)))


def _open_ports(compose: ComposeFile, service: Service) -> list[OpenPort]:
    return list(_iter_open_ports(compose, service))


def _iter_open_ports(compose: ComposeFile, service: Service) -> Iterator[OpenPort]:

    ports = service.get("ports")
    if not isinstance(ports, YamlSeq):
        return
    image = (resolved(compose, service.image or "") or "").lower()
    for item in ports.items:
        if isinstance(item, YamlMap):
            raw = item.to_python()
            if any(isinstance(v, str) and has_variables(v) for v in raw.values()):
                continue
            port = parse_port(item)
        elif isinstance(item, YamlScalar) and not item.is_null:
            text = resolved(compose, item.value)
            if text is None:
                continue
            port = parse_port(YamlScalar(range=item.range, value=text))
        else:
            continue
        if not port.valid or port.host_ip is not None or port.target is None:
            continue
        database = _database(port.target_range, image)
        yield OpenPort(item, port.published, port.target.strip(), database)


def _database(target: tuple[int, int] | None, image: str) -> str | None:
    """The data store a container port belongs to, if it clearly belongs to one."""
    if target is None:
        return None
    first, last = target
    for number, name in DATABASE_PORTS.items():
        if first <= number <= last:
            return name
    repository = image.split("@", 1)[0].rsplit(":", 1)[0] if image else ""
    for number, (name, words) in SHARED_DATABASE_PORTS.items():
        if first <= number <= last and any(word in repository for word in words):
            return name
    return None


def localhost_fix(compose: ComposeFile, node: YamlNode) -> tuple[Fix | None, str | None]:
    """An unsafe fix binding a published port to ``127.0.0.1``, or why none is offered."""
    title = "Publish the port on 127.0.0.1 only"
    if node.shared:
        return None, "the port is defined under a YAML anchor that other places use"
    if isinstance(node, YamlMap):
        try:
            edit = append_to_mapping(compose.source, node, ["host_ip: 127.0.0.1"])
        except YamlEditRefused as exc:
            return None, exc.reason
        return Fix.unsafe(title, edit), None
    if not isinstance(node, YamlScalar) or node.range.start.line != node.range.end.line:
        return None, "the port is not written on one line"
    if has_variables(node.value):
        return None, "the port uses ${VAR} interpolation"
    spec = node.value.strip()
    start = node.range.start.offset + (1 if node.style.quoted else 0)
    if compose.source.text[start : start + len(spec)] != spec:
        return None, "the port text holds escapes or spaces"
    host = "127.0.0.1:" if ":" in spec.split("/")[0] else "127.0.0.1::"
    return Fix.unsafe(title, Edit(start, start, host)), None


def memory_limit(service: Service) -> YamlNode | None:
    """The node setting a memory limit (``mem_limit`` or ``deploy.resources.limits.memory``)."""
    node = service.get("mem_limit")
    if node is not None and node_text(node) is not None:
        return node
    node = path_get(service.get("deploy"), "resources", "limits", "memory")
    return node if node_text(node) is not None else None


def cpu_limit(service: Service) -> YamlNode | None:
    """The node setting a CPU limit (``cpus``, ``cpu_quota``... or ``deploy`` limits)."""
    for key in ("cpus", "cpu_quota", "cpu_count", "cpu_percent"):
        node = service.get(key)
        if node is not None and node_text(node) is not None:
            return node
    node = path_get(service.get("deploy"), "resources", "limits", "cpus")
    return node if node_text(node) is not None else None


def service_volumes(compose: ComposeFile, service: Service) -> list[Volume]:
    """The service's ``volumes`` entries, parsed after interpolation where values are known.

    The model parses the text as written, which splits ``${SOCK:-/var/run/docker.sock}:/s`` at
    the colon inside the braces; interpolating first gives the path compose would mount. Entries
    whose interpolation is unknown are parsed as written (their source then holds ``$``).
    """
    if compose is not service.compose:
        return _service_volumes(compose, service)
    return service.cached("hardening.service_volumes", lambda: _service_volumes(compose, service))


def _service_volumes(compose: ComposeFile, service: Service) -> list[Volume]:

    node = service.get("volumes")
    if not isinstance(node, YamlSeq):
        return []
    result = []
    for item in node.items:
        if isinstance(item, YamlScalar) and not item.is_null and has_variables(item.value):
            text = resolved(compose, item.value)
            if text is not None:
                item = YamlScalar(range=item.range, value=text, style=item.style)
        result.append(parse_volume(item))
    return result

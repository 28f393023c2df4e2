"""The compose file as rules see it: services with typed accessors, all backed by positioned nodes.

``parse_compose(source)`` reads one file. Every accessor hands back the YAML node it came from,
so a rule can report at ``node.range`` and a fixer can edit there. A value that came in through
an alias or a ``<<`` merge points at the anchor's definition (the one place to edit it) and
``node.shared`` / ``MapEntry.editable`` tell a fixer to refuse.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from lintkit import project_files
from lintkit.compose.interpolation import Interpolated, interpolate
from lintkit.compose.loader import (
    DEFAULT_MAX_BYTES,
    DuplicateKey,
    MapEntry,
    YamlDocument,
    YamlMap,
    YamlNode,
    YamlScalar,
    YamlSeq,
    load_yaml,
)
from lintkit.errors import ParseError
from lintkit.records import field, record
from lintkit.source import Position, Range, SourceText

LOG = logging.getLogger(__name__)

_T = TypeVar("_T")

TOP_LEVEL_KEYS = frozenset(
    (
        "version",
        "name",
        "include",
        "services",
        "networks",
        "volumes",
        "secrets",
        "configs",
        "models",
    )
)
# Keys that only make sense in a service definition: a format-1 file (no `services:`) is one
# whose top-level values are mappings using at least one of these.
LEGACY_SERVICE_KEYS = frozenset(
    (
        "image", "build", "command", "ports", "links", "net", "volumes", "volumes_from",
        "environment", "env_file", "expose", "external_links", "dns", "restart", "entrypoint",
        "container_name", "labels", "log_driver", "cap_add", "cap_drop", "privileged", "user",
        "working_dir", "mem_limit", "extends", "hostname", "devices", "stdin_open", "tty",
    )
)  # fmt: skip


def text_of(node: YamlNode | None) -> str | None:
    """Return a scalar node's text as Compose sees it (``None`` for null, maps and lists)."""
    if not isinstance(node, YamlScalar) or node.is_null:
        return None
    # The written text: `80` stays "80" and `1.10` stays "1.10", which is what rules compare.
    return node.value


def bool_of(node: YamlNode | None) -> bool | None:
    """Return a boolean setting (``true``/``false``; compose also accepts the strings)."""
    if not isinstance(node, YamlScalar):
        return None
    value = node.resolved
    if isinstance(value, bool):
        return value
    lowered = node.value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return None


def _strings(node: YamlNode | None) -> list[tuple[str, YamlNode]]:
    """A string or list of strings, with each item's node."""
    if isinstance(node, YamlScalar):
        text = text_of(node)
        return [(text, node)] if text is not None else []
    if isinstance(node, YamlSeq):
        return [(text, item) for item in node.items if (text := text_of(item)) is not None]
    return []


class KeyValue:
    """One entry of an environment/labels/args setting (list form ``K=V`` or map form).

    ``value`` is ``None`` when no value is given (``- KEY`` or ``KEY:``): compose then takes it
    from the shell environment. ``node`` is the list item or the map value; ``entry`` the map
    entry in map form. :attr:`key_range` is worked out when first asked: most entries are
    never reported.
    """

    __slots__ = ("_key_range", "entry", "name", "node", "value")

    def __init__(
        self, name: str, value: str | None, node: YamlNode, entry: MapEntry | None = None
    ) -> None:
        self.name = name
        self.value = value
        self.node = node
        self.entry = entry
        self._key_range: Range | None = None

    def __repr__(self) -> str:
        return f"KeyValue(name={self.name!r}, value={self.value!r})"

    @property
    def range(self) -> Range:
        """Where the whole entry is written (the list item, or the value in map form)."""
        return self.node.range

    @property
    def key_range(self) -> Range:
        """Where the name is written."""
        found = self._key_range
        if found is None:
            found = self._key_range = self._locate_key()
        return found

    def _locate_key(self) -> Range:
        if self.entry is not None:
            return self.entry.key.range
        item = self.node
        assert isinstance(item, YamlScalar)
        name = item.value.partition("=")[0]
        if item.range.start.line == item.range.end.line and "\\" not in name:
            # LIMITATION: exact for plain and simply quoted items; an item whose key holds an
            # escape sequence gets the whole item's range.
            shift = 1 if item.style.quoted else 0
            return Range(
                _shift(item.range.start, shift),
                _shift(item.range.start, shift + len(name.rstrip())),
            )
        return item.range


def key_values(node: YamlNode | None) -> tuple[list[KeyValue], list[DuplicateKey]]:
    """Read a list-or-map setting; duplicates (same name twice) are returned separately."""
    items: list[KeyValue] = []
    if isinstance(node, YamlMap):
        for entry in node.entries:
            items.append(KeyValue(entry.key_text, text_of(entry.value), entry.value, entry))
    elif isinstance(node, YamlSeq):
        for item in node.items:
            if not isinstance(item, YamlScalar) or item.is_null:
                continue
            name, sep, value = item.value.partition("=")
            items.append(KeyValue(name.strip(), value if sep else None, item))
    seen: dict[str, KeyValue] = {}
    duplicates: list[DuplicateKey] = []
    for kv in items:
        first = seen.get(kv.name)
        if first is not None and kv.entry is None:
            duplicates.append(DuplicateKey(kv.name, first.key_range, kv.key_range))
        seen[kv.name] = kv
    return items, duplicates


def _shift(position: Position, columns: int) -> Position:
    return Position(position.line, position.column + columns, position.offset + columns)


@record
class Port:
    """A ``ports`` entry in short (``"127.0.0.1:8080:80/udp"``) or long syntax.

    ``published``/``target`` keep the text (``"8000-8010"``, ``"${PORT}"``); the ``*_start`` /
    ``*_end`` numbers are set when the text is a number or a range. ``host_ip`` is ``None`` when
    the port binds every interface.
    """

    node: YamlNode
    target: str | None
    published: str | None = None
    host_ip: str | None = None
    protocol: str = "tcp"
    mode: str | None = None
    long_syntax: bool = False
    interpolated: bool = False
    valid: bool = True

    @property
    def range(self) -> Range:
        """Where the entry is written."""
        return self.node.range

    @property
    def published_range(self) -> tuple[int, int] | None:
        """The published port numbers as (first, last), if known."""
        return _port_range(self.published)

    @property
    def target_range(self) -> tuple[int, int] | None:
        """The container port numbers as (first, last), if known."""
        return _port_range(self.target)


def _port_range(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text.strip())
    if match is None:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def _split_port_spec(spec: str) -> tuple[str | None, str | None, str]:
    """``[HOST_IP:][PUBLISHED:]TARGET`` → (host IP, published, target)."""
    if "${" in spec:
        # Colons inside ``${VAR:-default}`` do not separate parts.
        pieces = _split_outside_braces(spec)
        published = pieces[-2] if len(pieces) > 1 else None
        return ":".join(pieces[:-2]) or None, published, pieces[-1]
    if spec.startswith("["):  # [::1]:8080:80
        close = spec.find("]")
        if close != -1:
            published, _, target = spec[close + 2 :].rpartition(":")
            return spec[1:close], published or None, target
    if spec.count(":") > 2:
        # An unbracketed IPv6 address: the last two parts are ports.
        head, published, target = spec.rsplit(":", 2)
        return head, published, target
    parts = spec.rsplit(":", 2)
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        return None, parts[0], parts[1]
    return None, None, parts[0]


def parse_port(node: YamlNode) -> Port:
    """Parse one ``ports`` entry (either syntax)."""
    if isinstance(node, YamlMap):
        return Port(
            node=node,
            target=text_of(node.get("target")),
            published=text_of(node.get("published")),
            host_ip=text_of(node.get("host_ip")),
            protocol=(text_of(node.get("protocol")) or "tcp").lower(),
            mode=text_of(node.get("mode")),
            long_syntax=True,
            interpolated="$" in str(node.to_python()),
        )
    text = text_of(node)
    if text is None:
        return Port(node=node, target=None, valid=False)
    spec = text.strip()
    protocol = "tcp"
    if "/" in spec[spec.rfind("}") + 1 :]:
        spec, _, protocol = spec.rpartition("/")
    host_ip, published, target = _split_port_spec(spec)
    valid = _port_range(target) is not None or "$" in text
    return Port(
        node=node,
        target=target,
        published=published or None,
        host_ip=host_ip or None,
        protocol=protocol.lower() or "tcp",
        interpolated="$" in text,
        valid=valid,
    )


@record
class Volume:
    """A service ``volumes`` entry. ``type`` is ``bind``, ``volume``, ``tmpfs`` (or as written)."""

    node: YamlNode
    type: str
    target: str | None
    source: str | None = None
    mode: str | None = None
    read_only: bool = False
    long_syntax: bool = False

    @property
    def range(self) -> Range:
        """Where the entry is written."""
        return self.node.range

    @property
    def is_bind(self) -> bool:
        """Whether a host path is mounted."""
        return self.type == "bind"


_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


def _looks_like_path(source: str) -> bool:
    return source.startswith((".", "/", "~", "$", "\\")) or bool(_WINDOWS_PATH.match(source))


def _split_outside_braces(text: str) -> list[str]:
    """Split on colons that are not inside ``${...}`` (``${SRC:-/data}:/data`` has two parts)."""
    parts = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "{" and index and text[index - 1] == "$":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif char == ":" and not depth:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def parse_volume(node: YamlNode) -> Volume:
    """Parse one service ``volumes`` entry (``SOURCE:TARGET:MODE`` or the long form)."""
    if isinstance(node, YamlMap):
        kind = text_of(node.get("type")) or "volume"
        return Volume(
            node=node,
            type=kind,
            target=text_of(node.get("target")),
            source=text_of(node.get("source")),
            read_only=bool_of(node.get("read_only")) is True,
            long_syntax=True,
        )
    text = text_of(node) or ""
    drive = ""
    rest = text
    # ``v:/data`` is a volume named "v"; only ``C:\`` or ``C:/`` followed by another colon
    # (``C:/src:/app``) is a Windows drive.
    if _WINDOWS_PATH.match(text) and text.count(":") >= 2:
        drive, rest = text[:2], text[2:]
    parts = _split_outside_braces(rest)
    parts[0] = drive + parts[0]
    source: str | None
    mode: str | None = None
    if len(parts) == 1:
        source, target = None, parts[0]
    else:
        source, target = parts[0], parts[1]
        if len(parts) > 2:
            mode = ":".join(parts[2:])
        if len(parts) > 2 and len(target) == 1 and target.isalpha() and parts[2][:1] in "\\/":
            # C:\data:D:\data - the target carries a drive letter too.
            target = target + ":" + parts[2]
            mode = ":".join(parts[3:]) or None
    # No source: an anonymous volume.
    kind = "bind" if source is not None and _looks_like_path(source) else "volume"
    read_only = mode is not None and "ro" in mode.split(",")
    return Volume(
        node=node, type=kind, target=target, source=source, mode=mode, read_only=read_only
    )


@record
class Dependency:
    """A ``depends_on`` entry."""

    service: str
    node: YamlNode
    condition: str = "service_started"
    required: bool = True
    restart: bool = False


@record
class Build:
    """A service's ``build`` (``build: ./dir`` or the mapping form)."""

    node: YamlNode
    context: str | None
    dockerfile: str | None = None
    target: str | None = None
    args: tuple[KeyValue, ...] = ()
    dockerfile_inline: str | None = None


@record
class EnvFile:
    """An ``env_file`` entry."""

    path: str
    node: YamlNode
    required: bool = True


@record(frozen=False)
class Service:
    """One service definition; ``node`` is its mapping (``None`` content reads as empty)."""

    name: str
    node: YamlMap
    name_node: YamlNode
    compose: ComposeFile = field(repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def cached(self, key: str, make: Callable[[], _T]) -> _T:
        """``make()``, worked out once per service and ``key``, then shared.

        Several rules parse the same settings of each service (volumes, ports, environment,
        the image): the model never changes once read, so the answer is kept. Callers must
        not change what they get back.
        """
        cache = self._cache
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
        found = cache[key] = make()
        return found

    @property
    def name_range(self) -> Range:
        """Where the service's name is written."""
        return self.name_node.range

    # -- generic access ---------------------------------------------------------------------
    def get(self, key: str) -> YamlNode | None:
        """Return the value node of ``key`` (merges applied), or ``None``."""
        return self.node.get(key)

    def entry(self, key: str) -> MapEntry | None:
        """Return the key/value entry of ``key`` (says whether it was merged/aliased)."""
        return self.node.entry(key)

    def __contains__(self, key: object) -> bool:
        return key in self.node

    def range_of(self, key: str) -> Range | None:
        """Where the value of ``key`` is written (at the anchor when merged)."""
        node = self.get(key)
        return node.range if node is not None else None

    def key_range(self, key: str) -> Range | None:
        """Where ``key`` itself is written (at the anchor when merged)."""
        entry = self.entry(key)
        return entry.key.range if entry is not None else None

    def text(self, key: str) -> str | None:
        """Return the text of a scalar setting."""
        return text_of(self.get(key))

    def flag(self, key: str) -> bool | None:
        """Return a boolean setting."""
        return bool_of(self.get(key))

    def strings(self, key: str) -> list[tuple[str, YamlNode]]:
        """Return a string-or-list setting as (text, node) pairs."""
        return _strings(self.get(key))

    def interpolate(self, key: str) -> Interpolated | None:
        """Return a scalar setting after interpolation (``None`` when absent or not a scalar)."""
        text = self.text(key)
        return None if text is None else interpolate(text, self.compose.env)

    # -- typed accessors --------------------------------------------------------------------
    @property
    def image(self) -> str | None:
        """The ``image`` text as written (see :meth:`interpolate` for the substituted value)."""
        return self.text("image")

    @property
    def image_node(self) -> YamlNode | None:
        """The ``image`` value node."""
        return self.get("image")

    @property
    def build(self) -> Build | None:
        """The ``build`` setting in either form."""
        node = self.get("build")
        if node is None:
            return None
        if isinstance(node, YamlMap):
            args, _ = key_values(node.get("args"))
            return Build(
                node=node,
                context=text_of(node.get("context")) or ".",
                dockerfile=text_of(node.get("dockerfile")),
                target=text_of(node.get("target")),
                args=tuple(args),
                dockerfile_inline=text_of(node.get("dockerfile_inline")),
            )
        return Build(node=node, context=text_of(node))

    @property
    def ports(self) -> list[Port]:
        """The ``ports`` entries, parsed."""
        return self.cached("ports", self._ports)

    def _ports(self) -> list[Port]:
        node = self.get("ports")
        return [parse_port(item) for item in node.items] if isinstance(node, YamlSeq) else []

    @property
    def expose(self) -> list[tuple[str, YamlNode]]:
        """The ``expose`` entries."""
        return self.strings("expose")

    @property
    def volumes(self) -> list[Volume]:
        """The service's ``volumes`` entries, parsed."""
        return self.cached("volumes", self._volumes)

    def _volumes(self) -> list[Volume]:
        node = self.get("volumes")
        return [parse_volume(item) for item in node.items] if isinstance(node, YamlSeq) else []

    @property
    def networks(self) -> dict[str, YamlNode | None]:
        """Network names (list or map form) mapped to their settings (``None`` in list form)."""
        node = self.get("networks")
        if isinstance(node, YamlSeq):
            return {text: None for text, _ in _strings(node)}
        if isinstance(node, YamlMap):
            return {key: (None if _is_null(value) else value) for key, value in node.items()}
        return {}

    @property
    def depends_on(self) -> list[Dependency]:
        """``depends_on`` in list or map form, with conditions."""
        node = self.get("depends_on")
        if isinstance(node, YamlSeq):
            return [Dependency(text, item) for text, item in _strings(node)]
        result: list[Dependency] = []
        if isinstance(node, YamlMap):
            for entry in node.entries:
                value = entry.value
                settings = value if isinstance(value, YamlMap) else None
                condition = text_of(settings.get("condition")) if settings else None
                required = bool_of(settings.get("required")) if settings else None
                restart = bool_of(settings.get("restart")) if settings else None
                result.append(
                    Dependency(
                        entry.key_text,
                        entry.key,
                        condition or "service_started",
                        required is not False,
                        restart is True,
                    )
                )
        return result

    @property
    def environment(self) -> list[KeyValue]:
        """``environment`` in list or map form."""
        return self._environment()[0]

    def _environment(self) -> tuple[list[KeyValue], list[DuplicateKey]]:
        return self.cached("environment", lambda: key_values(self.get("environment")))

    @property
    def environment_duplicates(self) -> list[DuplicateKey]:
        """Variables set twice in the list form of ``environment``.

        Duplicate keys in the map form are YAML duplicate keys, see ``ComposeFile.duplicates``.
        """
        return self._environment()[1]

    @property
    def labels(self) -> list[KeyValue]:
        """``labels`` in list or map form."""
        return key_values(self.get("labels"))[0]

    @property
    def env_file(self) -> list[EnvFile]:
        """``env_file`` as a string, a list of strings or a list of ``{path, required}``."""
        node = self.get("env_file")
        items: list[YamlNode] = []
        if isinstance(node, YamlSeq):
            items = node.items
        elif node is not None:
            items = [node]
        result = []
        for item in items:
            if isinstance(item, YamlMap):
                path = text_of(item.get("path"))
                if path is not None:
                    required = bool_of(item.get("required"))
                    result.append(EnvFile(path, item, required is not False))
            elif (path := text_of(item)) is not None:
                result.append(EnvFile(path, item))
        return result

    @property
    def healthcheck(self) -> YamlMap | None:
        """The ``healthcheck`` mapping."""
        node = self.get("healthcheck")
        return node if isinstance(node, YamlMap) else None

    @property
    def deploy(self) -> YamlMap | None:
        """The ``deploy`` mapping."""
        node = self.get("deploy")
        return node if isinstance(node, YamlMap) else None

    @property
    def logging(self) -> YamlMap | None:
        """The ``logging`` mapping."""
        node = self.get("logging")
        return node if isinstance(node, YamlMap) else None

    @property
    def extends(self) -> YamlNode | None:
        """The ``extends`` value (a service name, or ``{service, file}``)."""
        return self.get("extends")

    @property
    def restart(self) -> str | None:
        """The ``restart`` policy text."""
        return self.text("restart")

    @property
    def user(self) -> str | None:
        """The ``user`` text (``1000``, ``app:app``...)."""
        return self.text("user")

    @property
    def read_only(self) -> bool | None:
        """The ``read_only`` flag."""
        return self.flag("read_only")

    @property
    def privileged(self) -> bool | None:
        """The ``privileged`` flag."""
        return self.flag("privileged")

    @property
    def security_opt(self) -> list[tuple[str, YamlNode]]:
        """``security_opt`` entries."""
        return self.strings("security_opt")

    @property
    def cap_add(self) -> list[tuple[str, YamlNode]]:
        """``cap_add`` entries."""
        return self.strings("cap_add")

    @property
    def cap_drop(self) -> list[tuple[str, YamlNode]]:
        """``cap_drop`` entries."""
        return self.strings("cap_drop")

    @property
    def profiles(self) -> list[str]:
        """The service's profiles (empty: always started)."""
        return [text for text, _ in self.strings("profiles")]

    @property
    def network_mode(self) -> str | None:
        """``network_mode`` (``host``, ``service:x``...)."""
        return self.text("network_mode")

    @property
    def pid(self) -> str | None:
        """``pid`` mode."""
        return self.text("pid")

    @property
    def ipc(self) -> str | None:
        """``ipc`` mode."""
        return self.text("ipc")

    @property
    def pids_limit(self) -> str | None:
        """``pids_limit`` as text."""
        return self.text("pids_limit")

    @property
    def mem_limit(self) -> str | None:
        """``mem_limit`` as text."""
        return self.text("mem_limit")

    @property
    def container_name(self) -> str | None:
        """``container_name``."""
        return self.text("container_name")

    @property
    def replicas(self) -> str | None:
        """``deploy.replicas``, else ``scale``, as text."""
        deploy = self.deploy
        if deploy is not None and deploy.get("replicas") is not None:
            return text_of(deploy.get("replicas"))
        return self.text("scale")


def _is_null(node: YamlNode) -> bool:
    return isinstance(node, YamlScalar) and node.is_null


@record(frozen=False)
class ComposeFile:
    """One compose file, read.

    Attributes:
        source: the file's text.
        document: the YAML read from it (``None`` when there is no document).
        root: the top-level mapping (``None`` when the file is empty).
        env: variables used for interpolation (``.env`` plus what the caller passed).
        services: service name → :class:`Service`, in file order.
        duplicates: keys written twice in one mapping (compose v2 refuses the file).
        is_empty: no content at all (compose refuses: "empty compose file").
        is_legacy: a format-1 file (services at the top level, no ``services:`` key).
        extra_documents: root nodes of any further ``---`` documents.
    """

    source: SourceText
    document: YamlDocument | None
    root: YamlMap | None
    env: Mapping[str, str]
    services: dict[str, Service] = field(default_factory=dict)
    is_legacy: bool = False

    @property
    def is_empty(self) -> bool:
        """Whether the file holds no compose content (empty, only comments, or ``null``)."""
        return self.root is None

    @property
    def duplicates(self) -> list[DuplicateKey]:
        """Keys written twice in one mapping."""
        return self.document.duplicates if self.document is not None else []

    @property
    def extra_documents(self) -> list[YamlNode]:
        """Documents after the first ``---``.

        LIMITATION: only the first document feeds ``services`` and the other accessors; later
        documents are exposed here for a rule to flag, not merged, so their content is not linted.
        """
        return self.document.roots[1:] if self.document is not None else []

    def get(self, key: str) -> YamlNode | None:
        """Return a top-level value node."""
        return self.root.get(key) if self.root is not None else None

    def entry(self, key: str) -> MapEntry | None:
        """Return a top-level entry."""
        return self.root.entry(key) if self.root is not None else None

    def _map(self, key: str) -> YamlMap | None:
        node = self.get(key)
        return node if isinstance(node, YamlMap) else None

    @property
    def version_node(self) -> YamlNode | None:
        """The ``version`` value node."""
        return self.get("version")

    @property
    def version(self) -> str | None:
        """The ``version`` text (``"3.8"``), ``None`` when absent."""
        return text_of(self.version_node)

    @property
    def name(self) -> str | None:
        """The project ``name``."""
        return text_of(self.get("name"))

    @property
    def volumes(self) -> YamlMap | None:
        """Top-level ``volumes``."""
        return self._map("volumes")

    @property
    def networks(self) -> YamlMap | None:
        """Top-level ``networks``."""
        return self._map("networks")

    @property
    def secrets(self) -> YamlMap | None:
        """Top-level ``secrets``."""
        return self._map("secrets")

    @property
    def configs(self) -> YamlMap | None:
        """Top-level ``configs``."""
        return self._map("configs")

    @property
    def include(self) -> YamlNode | None:
        """Top-level ``include``."""
        return self.get("include")

    @property
    def extensions(self) -> dict[str, MapEntry]:
        """Top-level ``x-*`` entries."""
        if self.root is None:
            return {}
        return {e.key_text: e for e in self.root.entries if e.key_text.startswith("x-")}

    def interpolate(self, text: str) -> Interpolated:
        """Interpolate ``text`` with this file's environment."""
        return interpolate(text, self.env)

    def iter_services(self) -> Iterator[Service]:
        """Services in file order."""
        return iter(self.services.values())

    @staticmethod
    def location(node: YamlNode) -> Range:
        """Where to report a finding about ``node``: its definition (the anchor when aliased)."""
        return node.range


def _is_legacy(root: YamlMap) -> bool:
    if "services" in root or not root.entries:
        return False
    if any(key in TOP_LEVEL_KEYS - {"volumes"} for key in root):
        return False
    candidates = [(k, v) for k, v in root.items() if not k.startswith("x-")]
    if not candidates:
        return False
    return all(
        isinstance(value, YamlMap) and any(key in LEGACY_SERVICE_KEYS for key in value)
        for _, value in candidates
    )


def parse_compose(
    source: SourceText,
    *,
    env: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ComposeFile:
    """Read one compose file.

    Args:
        source: the file.
        env: variables for interpolation (callers merge ``.env`` into it; see ``merge.py``).
        max_bytes: refuse larger files.

    Raises:
        ParseError: when the YAML is invalid or the top level is not a mapping.

    Inside :func:`lintkit.project_files.remembering_reads` (a batch), a file read again with
    the same text and variables gives the model read before: an override file is linted on
    its own and read again as part of its main file's project, and the other way round. The
    model is never changed after it is built, so sharing it cannot change a finding.
    """
    memo = project_files.batch_memo("compose.parse_compose")
    if memo is None:
        return _parse(source, env, max_bytes)
    # The SourceText compares path, text and bytes; the variables keep their order.
    key = (source, tuple(env.items()) if env else (), max_bytes)
    found = memo.get(key)
    if found is None:
        found = _parse(source, env, max_bytes)
        if len(memo) >= _MAX_SHARED_MODELS:
            # A batch lints a directory's files one after the other: the oldest entries are
            # the least likely to be asked for again.
            del memo[next(iter(memo))]
        memo[key] = found
    assert isinstance(found, ComposeFile)
    return found


# Parsed models kept per batch (a model is a few times the size of its text).
_MAX_SHARED_MODELS = 64


def _parse(source: SourceText, env: Mapping[str, str] | None, max_bytes: int) -> ComposeFile:
    document = load_yaml(source, max_bytes=max_bytes)
    root_node = document.root
    root: YamlMap | None
    if root_node is None or (isinstance(root_node, YamlScalar) and root_node.is_null):
        root = None
    elif isinstance(root_node, YamlMap):
        root = root_node
    else:
        what = "a list" if isinstance(root_node, YamlSeq) else "a single value"
        start = root_node.range.start
        raise ParseError(
            f"the top level of a compose file must be a mapping (services:, volumes: ...), "
            f"not {what}",
            start.line,
            start.column,
        )
    compose = ComposeFile(source=source, document=document, root=root, env=dict(env or {}))
    if root is None:
        return compose
    services_entries: list[MapEntry] = []
    services_node = root.get("services")
    if isinstance(services_node, YamlMap):
        services_entries = services_node.entries
    elif services_node is None and _is_legacy(root):
        compose.is_legacy = True
        services_entries = [e for e in root.entries if not e.key_text.startswith("x-")]
    for entry in services_entries:
        value = entry.value
        # `web:` with no settings: an empty service, positioned where the value would be.
        mapping = value if isinstance(value, YamlMap) else YamlMap(range=value.range)
        compose.services[entry.key_text] = Service(entry.key_text, mapping, entry.key, compose)
    LOG.debug("compose file %s: %d services", source.path, len(compose.services))
    return compose

"""The project Compose would run: main file, override, ``include:``, ``extends:``, ``.env``.

``load_project(path, root=...)`` reads every file the project consists of (never outside
``root``) and merges them per the Compose merge rules. The result is a tree of
:class:`MNode` values whose :attr:`MNode.origin` says in which file and at which range a user
would edit that value. Anything that stops a file from being read (missing, outside the root,
invalid YAML, an ``extends`` cycle) becomes a :class:`ProjectProblem`, never an exception.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from lintkit import project_files
from lintkit.compose.interpolation import parse_dotenv
from lintkit.compose.loader import MapEntry, ScalarStyle, YamlMap, YamlNode, YamlScalar, YamlSeq
from lintkit.compose.model import ComposeFile, parse_compose, parse_port, parse_volume, text_of
from lintkit.compose.yaml11 import Scalar
from lintkit.errors import ParseError
from lintkit.records import record
from lintkit.source import Position, Range, SourceDecodeError, SourceText

LOG = logging.getLogger(__name__)

DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
MAX_INCLUDE_DEPTH = 10
MAX_EXTENDS_DEPTH = 20
RESET_TAG = "!reset"
OVERRIDE_TAG = "!override"

# Service keys whose list replaces the earlier one instead of being appended to.
_REPLACED = frozenset(("command", "entrypoint"))
# Service keys written as a list or a mapping; both are merged key by key.
_KEYED = frozenset(("environment", "labels", "annotations", "sysctls", "extra_hosts"))
# Service keys written as a string or a list; a string is a one-item list.
_LISTS = frozenset(("dns", "dns_search", "env_file", "tmpfs", "label_file", "expose"))
_UNIQUE = frozenset(("ports", "volumes", "secrets", "configs"))


class Origin(NamedTuple):
    """Where a merged value comes from: the file, its node, and whether editing it is safe."""

    path: Path
    node: YamlNode
    editable: bool = True

    @property
    def range(self) -> Range:
        """The value's range in :attr:`path`."""
        return self.node.range


# The merged nodes are plain classes with ``__slots__``: a project makes one per value of every
# file, and dataclass instances (each with its own ``__dict__``) cost twice the memory and a
# good share of the time spent building the view.


class MNode:
    """A value of the merged project."""

    __slots__ = ("origin",)

    def __init__(self, origin: Origin) -> None:
        self.origin = origin

    def __repr__(self) -> str:
        return f"{type(self).__name__}(origin={self.origin!r})"

    def to_python(self) -> object:
        """Plain Python value."""
        raise NotImplementedError


class MScalar(MNode):
    """A scalar: ``value`` as Compose reads it, ``text`` as written (``None`` for null)."""

    __slots__ = ("text", "value")

    def __init__(self, origin: Origin, value: Scalar = None, text: str | None = None) -> None:
        self.origin = origin
        self.value = value
        self.text = text

    def to_python(self) -> object:
        """The Compose value."""
        return self.value


class MMap(MNode):
    """A mapping; ``keys`` holds the origin of each key where one was written."""

    __slots__ = ("entries", "keys")

    def __init__(
        self,
        origin: Origin,
        entries: dict[str, MNode] | None = None,
        keys: dict[str, Origin] | None = None,
    ) -> None:
        self.origin = origin
        self.entries: dict[str, MNode] = {} if entries is None else entries
        self.keys: dict[str, Origin] = {} if keys is None else keys

    def get(self, key: str) -> MNode | None:
        """Return the value of ``key``."""
        return self.entries.get(key)

    def to_python(self) -> object:
        """A dict of plain values."""
        return {key: value.to_python() for key, value in self.entries.items()}


class MSeq(MNode):
    """A sequence."""

    __slots__ = ("items",)

    def __init__(self, origin: Origin, items: list[MNode] | None = None) -> None:
        self.origin = origin
        self.items: list[MNode] = [] if items is None else items

    def to_python(self) -> object:
        """A list of plain values."""
        return [item.to_python() for item in self.items]


@record
class ProjectProblem:
    """Something that stopped part of the project from being read."""

    path: Path
    range: Range | None
    message: str


@record(frozen=False)
class Project:
    """The merged project.

    Attributes:
        root: the directory files may be read from.
        files: the compose files read, in merge order (main, overrides, included, extended).
        env: the variables used (``.env`` then the explicit mapping).
        model: the merged top level (``services``, ``volumes``, ...).
        problems: files that could not be read, cycles, references that lead nowhere.
    """

    root: Path
    files: dict[Path, ComposeFile]
    env: dict[str, str]
    model: MMap
    problems: list[ProjectProblem]
    profiles: tuple[str, ...] = ()

    @property
    def services(self) -> dict[str, MMap]:
        """Every service of the project (profiles not applied)."""
        node = self.model.get("services")
        if not isinstance(node, MMap):
            return {}
        return {name: value for name, value in node.entries.items() if isinstance(value, MMap)}

    def active_services(self, profiles: Iterable[str] | None = None) -> dict[str, MMap]:
        """Services Compose would start with ``profiles`` enabled (default ``COMPOSE_PROFILES``)."""
        enabled = set(self.profiles if profiles is None else profiles)
        result = {}
        for name, service in self.services.items():
            node = service.get("profiles")
            wanted = (
                {str(item.to_python()) for item in node.items} if isinstance(node, MSeq) else set()
            )
            if not wanted or "*" in enabled or wanted & enabled:
                result[name] = service
        return result


# --- conversion --------------------------------------------------------------------------------


def _convert(
    node: YamlNode, path: Path, editable: bool = True, skip: YamlNode | None = None
) -> MNode:
    """``node`` as merged nodes; the entries of ``skip`` (a ``services`` mapping) are left empty.

    ``_file_model`` passes the ``services`` mapping as ``skip``: each service is converted
    by ``_resolve_extends`` anyway, so converting it here too would be thrown away.
    """
    ok = editable and not node.shared
    origin = Origin(path, node, ok)
    if isinstance(node, YamlScalar):
        value = node.resolved
        # text_of(node), inlined: this runs once per value of every file of the project.
        text = None if value is None and node.style is ScalarStyle.PLAIN else node.value
        return MScalar(origin, value, text)
    if isinstance(node, YamlMap):
        result = MMap(origin)
        entries = result.entries
        keys = result.keys
        for entry in node.entries:
            entry_ok = ok and entry.editable
            key = entry.key_text
            value_node = entry.value
            if key == "services" and value_node is skip and isinstance(value_node, YamlMap):
                inner = MMap(Origin(path, value_node, entry_ok and not value_node.shared))
                inner_ok = inner.origin.editable
                for service in value_node.entries:
                    inner.keys[service.key_text] = Origin(
                        path, service.key, inner_ok and service.editable
                    )
                entries[key] = inner
            else:
                entries[key] = _convert(value_node, path, entry_ok)
            keys[key] = Origin(path, entry.key, entry_ok)
        return result
    assert isinstance(node, YamlSeq)
    return MSeq(
        origin,
        [
            _convert(item, path, ok and alias is None)
            for item, alias in zip(node.items, node.aliases, strict=False)
        ],
    )


def _convert_some(node: YamlMap, path: Path, editable: bool, keys: frozenset[str]) -> MMap:
    """``_convert(node)`` holding only the entries named in ``keys``."""
    ok = editable and not node.shared
    result = MMap(Origin(path, node, ok))
    entries = result.entries
    origins = result.keys
    for entry in node.entries:
        key = entry.key_text
        if key in keys:
            entry_ok = ok and entry.editable
            entries[key] = _convert(entry.value, path, entry_ok)
            origins[key] = Origin(path, entry.key, entry_ok)
    return result


def _tag(node: MNode) -> str | None:
    return node.origin.node.tag


def _scalar_text(node: MNode | None) -> str | None:
    return node.text if isinstance(node, MScalar) else None


def _normalise_service(service: MNode) -> MNode:
    """Bring list-or-map and string-or-list settings to one form so that merging is by key."""
    if not isinstance(service, MMap):
        return service
    for key, value in list(service.entries.items()):
        if key in _KEYED and isinstance(value, MSeq):
            mapping = MMap(value.origin)
            for item in value.items:
                text = _scalar_text(item)
                if text is None:
                    continue
                separator = ":" if key == "extra_hosts" and "=" not in text else "="
                name, sep, rest = text.partition(separator)
                mapping.entries[name.strip()] = MScalar(
                    item.origin, rest if sep else None, rest if sep else None
                )
                mapping.keys[name.strip()] = item.origin
            service.entries[key] = mapping
        elif key in _LISTS and isinstance(value, MScalar):
            service.entries[key] = MSeq(value.origin, [value])
        elif key in ("depends_on", "networks") and isinstance(value, MSeq):
            mapping = MMap(value.origin)
            for item in value.items:
                text = _scalar_text(item)
                if text is None:
                    continue
                if key == "depends_on":
                    settings = MMap(item.origin)
                    settings.entries["condition"] = MScalar(
                        item.origin, "service_started", "service_started"
                    )
                    mapping.entries[text] = settings
                else:
                    mapping.entries[text] = MScalar(item.origin, None, None)
                mapping.keys[text] = item.origin
            service.entries[key] = mapping
        elif key == "build" and isinstance(value, MScalar):
            mapping = MMap(value.origin)
            mapping.entries["context"] = value
            service.entries[key] = mapping
    return service


def _unique_key(key: str, item: MNode) -> str:
    node = item.origin.node
    if key == "ports":
        port = parse_port(node)
        return f"{port.host_ip}|{port.published}|{port.target}|{port.protocol}"
    if key == "volumes":
        return f"volume:{parse_volume(node).target}"
    # secrets / configs: the target, which defaults to the source name.
    if isinstance(item, MMap):
        target = _scalar_text(item.get("target")) or _scalar_text(item.get("source"))
        return f"target:{target}"
    return f"target:{_scalar_text(item)}"


def _merge(base: MNode | None, over: MNode, where: tuple[str, ...]) -> MNode | None:
    """Merge ``over`` onto ``base`` the way Compose merges an override file."""
    tag = _tag(over)
    if tag == RESET_TAG:
        return None
    if base is None or tag == OVERRIDE_TAG:
        return over
    if isinstance(base, MMap) and isinstance(over, MMap):
        merged = MMap(over.origin, dict(base.entries), dict(base.keys))
        for key, value in over.entries.items():
            result = _merge(base.entries.get(key), value, (*where, key))
            if result is None:
                merged.entries.pop(key, None)
                merged.keys.pop(key, None)
            else:
                merged.entries[key] = result
                if key in over.keys:
                    merged.keys[key] = over.keys[key]
        return merged
    if isinstance(base, MSeq) and isinstance(over, MSeq):
        in_service = len(where) == 3 and where[0] == "services"
        last = where[-1] if where else ""
        if (in_service and last in _REPLACED) or where[-2:] == ("healthcheck", "test"):
            return over
        if in_service and last in _UNIQUE:
            by_key: dict[str, MNode] = {}
            for item in [*base.items, *over.items]:
                by_key[_unique_key(last, item)] = item
            return MSeq(over.origin, list(by_key.values()))
        return MSeq(over.origin, [*base.items, *over.items])
    return over


# --- reading files -----------------------------------------------------------------------------


class _Loader:
    def __init__(
        self, root: Path, env: Mapping[str, str], service_keys: frozenset[str] | None = None
    ) -> None:
        self.root = project_files.resolved(root)
        self.env = dict(env)
        self.service_keys = service_keys
        self.files: dict[Path, ComposeFile] = {}
        self.problems: list[ProjectProblem] = []

    def problem(self, path: Path, node: YamlNode | None, message: str) -> None:
        LOG.debug("project problem in %s: %s", path, message)
        self.problems.append(ProjectProblem(path, node.range if node else None, message))

    def inside(self, candidate: Path) -> Path | None:
        resolved = project_files.resolved(candidate)
        return resolved if resolved.is_relative_to(self.root) else None

    def read(self, path: Path, referrer: Path | None, node: YamlNode | None) -> ComposeFile | None:
        """Read one compose file inside the root; report (at the referring node) if impossible."""
        where = referrer or path
        resolved = self.inside(path)
        if resolved is None:
            self.problem(where, node, f"{path} is outside the project root {self.root}; not read")
            return None
        if resolved in self.files:
            return self.files[resolved]
        try:
            source = SourceText.from_bytes(resolved, project_files.read_bytes(resolved))
        except FileNotFoundError:
            self.problem(where, node, f"{path} does not exist")
            return None
        except (OSError, SourceDecodeError) as exc:
            self.problem(where, node, f"{path} cannot be read: {exc}")
            return None
        try:
            compose = parse_compose(source, env=self.env)
        except ParseError as exc:
            position = Position(exc.line, exc.column, source.offset(exc.line, exc.column))
            self.problems.append(ProjectProblem(resolved, Range(position, position), exc.message))
            return None
        self.files[resolved] = compose
        return compose


def _services_of(compose: ComposeFile) -> Iterator[tuple[str, MapEntry]]:
    services = compose.get("services")
    if isinstance(services, YamlMap):
        for entry in services.entries:
            yield entry.key_text, entry
    elif compose.is_legacy and compose.root is not None:
        # A format-1 file: the services are the top-level entries (see ComposeFile.is_legacy).
        for entry in compose.root.entries:
            if entry.key_text in compose.services:
                yield entry.key_text, entry


def _file_model(compose: ComposeFile, loader: _Loader, depth: int) -> MMap:
    """One file's content as merged nodes, with ``extends`` and ``include`` resolved."""
    path = compose.source.path
    root = compose.root
    if root is None:
        return MMap(Origin(path, YamlMap(range=Range(Position(0, 0, 0), Position(0, 0, 0)))))
    model = _convert(root, path, skip=root.get("services"))
    assert isinstance(model, MMap)
    model.entries.pop("version", None)
    if compose.is_legacy:
        # Give a format-1 file's top-level services their modern place, so the project view
        # (and every rule using it) sees them as Compose v1 did.
        legacy = MMap(model.origin)
        for name, _ in _services_of(compose):
            legacy.entries[name] = model.entries.pop(name)
            if name in model.keys:
                legacy.keys[name] = model.keys.pop(name)
        model.entries["services"] = legacy
    services = model.get("services")
    if isinstance(services, MMap):
        for name, entry in _services_of(compose):
            resolved = _resolve_extends(compose, name, entry, loader, [])
            if resolved is not None:
                services.entries[name] = resolved
    include = root.get("include")
    if include is not None:
        model.entries.pop("include", None)
        _apply_include(model, compose, include, loader, depth)
    return model


def _resolve_extends(
    compose: ComposeFile, name: str, entry: MapEntry, loader: _Loader, chain: list[str]
) -> MNode | None:
    path = compose.source.path
    value = entry.value
    keys = loader.service_keys
    if keys is not None and isinstance(value, YamlMap):
        service = _normalise_service(_convert_some(value, path, entry.editable, keys))
    else:
        service = _normalise_service(_convert(value, path, entry.editable))
    link = f"{path}:{name}"
    if link in chain or len(chain) > MAX_EXTENDS_DEPTH:
        cycle = " -> ".join([*(c.rsplit(":", 1)[-1] for c in chain), name])
        loader.problem(path, entry.key, f"extends cycle: {cycle}")
        return service
    extends = entry.value.get("extends") if isinstance(entry.value, YamlMap) else None
    if extends is None:
        return service
    assert isinstance(service, MMap)
    service.entries.pop("extends", None)
    if isinstance(extends, YamlMap):
        base_name = text_of(extends.get("service"))
        file_text = text_of(extends.get("file"))
    else:
        base_name, file_text = text_of(extends), None
    if base_name is None:
        loader.problem(path, extends, f"service {name}: extends needs a service name")
        return service
    target = compose
    if file_text is not None:
        other = loader.read(path.parent / file_text, path, extends)
        if other is None:
            return service
        target = other
    base_entry = next((e for n, e in _services_of(target) if n == base_name), None)
    if base_entry is None:
        loader.problem(
            path, extends, f"service {name} extends {base_name!r}, which is not defined there"
        )
        return service
    # LIMITATION: relative paths (build context, bind mounts) in a service extended from another
    # file keep their text; Compose rebases them on that file's directory.
    base = _resolve_extends(target, base_name, base_entry, loader, [*chain, link])
    return _merge(base, service, ("services", name)) or service


def _include_paths(item: YamlNode) -> list[tuple[str, YamlNode]]:
    if isinstance(item, YamlMap):
        paths = item.get("path")
        if isinstance(paths, YamlSeq):
            return [(text, node) for node in paths.items if (text := text_of(node))]
        text = text_of(paths)
        return [(text, paths)] if text and paths is not None else []
    text = text_of(item)
    return [(text, item)] if text else []


def _apply_include(
    model: MMap, compose: ComposeFile, include: YamlNode, loader: _Loader, depth: int
) -> None:
    path = compose.source.path
    if depth >= MAX_INCLUDE_DEPTH:
        loader.problem(path, include, "include nests too deeply (or includes itself)")
        return
    items = include.items if isinstance(include, YamlSeq) else [include]
    for item in items:
        files = _include_paths(item)
        if not files:
            loader.problem(path, item, "include entry without a path")
            continue
        included: MNode | None = None
        for text, node in files:
            other = loader.read(path.parent / text, path, node)
            if other is None:
                continue
            sub = _file_model(other, loader, depth + 1)
            included = sub if included is None else _merge(included, sub, ())
        if not isinstance(included, MMap):
            continue
        for section, value in included.entries.items():
            if not isinstance(value, MMap):
                continue
            mine = model.entries.get(section)
            if mine is None:
                model.entries[section] = value
                continue
            if not isinstance(mine, MMap):
                continue
            for key, resource in value.entries.items():
                present = mine.entries.get(key)
                if present is None or _tag(present) == RESET_TAG:
                    # A definition reset here is gone before Compose imports the included one.
                    mine.entries[key] = resource
                    mine.keys.pop(key, None)
                    continue
                # NOTE: Compose 5.0 (compose-go 2.10) merges the definition already in the
                # model over the included one; every Compose 2.x refused the project instead.
                LOG.debug("%s.%s in %s merged over the included one", section, key, path)
                mine.entries[key] = _merge(resource, present, (section, key)) or present


def _default_files(directory: Path) -> tuple[Path | None, Path | None]:
    main = next(
        (directory / n for n in DEFAULT_FILES if project_files.is_file(directory / n)), None
    )
    if main is None:
        return None, None
    stem, suffix = main.name.rsplit(".", 1)
    override = next(
        (
            directory / f"{stem}.override.{ext}"
            for ext in (suffix, "yaml" if suffix == "yml" else "yml")
            if project_files.is_file(directory / f"{stem}.override.{ext}")
        ),
        None,
    )
    return main, override


def load_project(
    path: Path,
    *,
    root: Path | None = None,
    env: Mapping[str, str] | None = None,
    profiles: Sequence[str] | None = None,
    preloaded: Mapping[Path, ComposeFile] | None = None,
    service_keys: frozenset[str] | None = None,
) -> Project:
    """Read and merge the project Compose would run for ``path``.

    Args:
        path: a compose file, or the directory holding one. For a directory, ``COMPOSE_FILE``
            from ``.env`` (or ``env``) picks the files; otherwise ``compose.yaml`` (or the older
            names) plus its ``.override`` file. For a file named like a default file, its
            override beside it is merged too.
        root: files outside this directory are never read (default: the file's directory).
        env: variables that win over ``.env`` (as the shell environment does for Compose).
        profiles: enabled profiles (default: ``COMPOSE_PROFILES``).
        preloaded: files already read (keyed by path), used instead of reading the disk: the
            linted file's text may be an editor's unsaved buffer.
        service_keys: keep only these settings of each service (default: all). Converting
            every setting of every service was most of the time a project took to build, and
            the rules read a handful of them.

    Returns:
        The merged project; reading problems are in ``Project.problems``.
    """
    directory = path if project_files.is_dir(path) else path.parent
    root_dir = project_files.resolved(root or directory)
    problems: list[ProjectProblem] = []
    dotenv: dict[str, str] = {}
    dotenv_path = directory / ".env"
    if project_files.resolved(dotenv_path).is_relative_to(root_dir) and project_files.exists(
        dotenv_path
    ):
        try:
            parsed = parse_dotenv(project_files.read_text(dotenv_path), env)
            dotenv = parsed.values
            for line, message in parsed.problems:
                position = Position(line, 0, 0)
                problems.append(ProjectProblem(dotenv_path, Range(position, position), message))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ProjectProblem(dotenv_path, None, f"cannot read .env: {exc}"))
    variables = {**dotenv, **(env or {})}
    loader = _Loader(root_dir, variables, service_keys)
    loader.problems.extend(problems)
    for known, preread in (preloaded or {}).items():
        loader.files[project_files.resolved(known)] = preread
    files: list[Path] = []
    compose_file = variables.get("COMPOSE_FILE")
    if project_files.is_dir(path) and compose_file:
        separator = variables.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        files = [directory / part for part in compose_file.split(separator) if part.strip()]
    elif project_files.is_dir(path):
        main, override = _default_files(directory)
        if main is None:
            loader.problem(directory, None, "no compose.yaml (or docker-compose.yml) found")
        files = [p for p in (main, override) if p is not None]
    else:
        files = [path]
        if path.name in DEFAULT_FILES:
            main, override = _default_files(directory)
            if override is not None and main is not None and main.name == path.name:
                files.append(override)
    model: MNode | None = None
    for file in files:
        compose = loader.read(file, None, None)
        if compose is None:
            continue
        file_model = _file_model(compose, loader, 0)
        model = file_model if model is None else _merge(model, file_model, ())
    if not isinstance(model, MMap):
        empty = YamlMap(range=Range(Position(0, 0, 0), Position(0, 0, 0)))
        model = MMap(Origin(path, empty))
    enabled = profiles
    if enabled is None:
        enabled = [p for p in variables.get("COMPOSE_PROFILES", "").split(",") if p.strip()]
    return Project(root_dir, loader.files, variables, model, loader.problems, tuple(enabled))

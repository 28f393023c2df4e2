"""Shared helpers of the compose structure rules (LK600-LK649): the project a file belongs to.

Compose rarely runs one file alone: ``compose.yaml`` is merged with ``compose.override.yaml``
beside it, with the files it ``include``s and the services it ``extends``, or with the files
``COMPOSE_FILE`` in ``.env`` lists. The structure rules therefore look at the *project* a
linted file belongs to, but report only what is written in the linted file itself (each file
is linted in its own turn, so nothing is reported twice and suppression comments work):

- references (``depends_on``, named volumes, networks, secrets, configs) resolve against every
  file of the project and against the other compose files in the same directory (``-f``
  variants such as ``docker-compose.prod.yml`` are usually combined with the main file);
- clashes (published ports, container names) and dependency cycles are computed on the merged
  project, and reported where the linted file writes them;
- a *fragment* (an ``*.override.yml`` without its main file, or a file another compose file
  includes) is never asked to be complete on its own.

Only compose rules import this module, so it imports the compose modules at the top: a
Dockerfile run never loads it (the rule registry loads each kind's rules when a file of that
kind is linted first).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lintkit import project_files
from lintkit.compose.interpolation import environment_for, has_interpolation
from lintkit.compose.loader import YamlMap, YamlNode, YamlSeq
from lintkit.compose.merge import (
    DEFAULT_FILES,
    MMap,
    MNode,
    MScalar,
    MSeq,
    Origin,
    Project,
    _file_model,
    _Loader,
    load_project,
)
from lintkit.compose.model import ComposeFile, EnvFile, Service, parse_compose, text_of
from lintkit.engine import kind_from_name
from lintkit.errors import ParseError
from lintkit.records import field, record
from lintkit.rule import FileKind
from lintkit.source import Position, Range, SourceDecodeError, SourceText

if TYPE_CHECKING:
    from lintkit.rule import RuleContext

LOG = logging.getLogger(__name__)

SECTIONS = ("volumes", "networks", "secrets", "configs")
SINGULAR = {"volumes": "volume", "networks": "network", "secrets": "secret", "configs": "config"}
_OVERRIDE_NAME = re.compile(r"^(?P<stem>.+)\.override\.ya?ml$", re.I)
# A remote include/extends source: a URL scheme (not a Windows drive letter) or a Git address.
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]+:|git@)")
# Settings that share a namespace with another service when written `service:<name>`.
NAMESPACE_KEYS = ("network_mode", "pid", "ipc", "uts", "cgroup")
# Networks every service can use without a definition.
BUILTIN_NETWORKS = frozenset(("default", "host", "bridge", "none"))
# The service settings the merged project of a view holds (``View.services``): the rules read
# only these, and converting every setting of every service cost a fifth of a file's time.
# A rule that reads another merged setting must add it here; a test compares all findings
# with and without this list on projects that use each setting.
VIEW_SERVICE_KEYS = frozenset(
    (
        "build", "cgroup", "container_name", "depends_on", "image", "ipc", "links",
        "network_mode", "pid", "ports", "profiles", "provider", "uts", "volumes_from",
    )
)  # fmt: skip


@record(frozen=False)
class Names:
    """Names defined and used across the files related to the linted one."""

    services: set[str] = field(default_factory=set)
    service_files: dict[str, int] = field(default_factory=dict)
    defined: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SECTIONS})
    used: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SECTIONS})
    # (resolved file, service) pairs that a service of another file names in ``extends``
    extended: set[tuple[Path, str]] = field(default_factory=set)


@record(frozen=False)
class Above:
    """What the compose files in the folders above the linted one define.

    Attributes:
        services: the services they define.
        defined: their top-level volumes, networks, secrets and configs, by section.
        base: one of them defines such resources and no service: a base that only makes
            sense combined with other files (``-f base.yml -f suite/compose.yml``).
        layered: the linted file is evidently combined with one of them: below such a base,
            or using a resource that only they define.
    """

    services: set[str] = field(default_factory=set)
    defined: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SECTIONS})
    base: bool = False
    layered: bool = False


@record(frozen=False)
class View:
    """The linted file in its project.

    Attributes:
        compose: the linted file.
        project: the merged project the file belongs to (always set; a lone file is a project
            of one).
        fragment: the file is partial by design (an override or included file whose main file
            was not found), so it is not expected to define what it refers to.
        names: definitions and uses across the project and the sibling compose files.
        complete: every file the project refers to could be read (no unresolved include/extends).
        is_main: the file is the one the project starts from (not an override, an included file
            or a later file of ``COMPOSE_FILE``).
        above: what the compose files of the folders above define (read on first use, through
            :func:`above`).
        example: what an example override file beside the linted file defines (read on first
            use, through :func:`override_example`).
    """

    compose: ComposeFile
    project: Project
    fragment: bool
    names: Names
    complete: bool
    is_main: bool = True
    above: Above | None = None
    example: Names | None = None

    def own(self, node: MNode) -> bool:
        """Whether a merged value is written in the linted file."""
        return node.origin.path == self.compose.source.path

    @property
    def services(self) -> dict[str, MMap]:
        """The merged services of the project, holding only :data:`VIEW_SERVICE_KEYS`."""
        return self.project.services


_memo: tuple[ComposeFile, View] | None = None


def view(compose: ComposeFile, context: RuleContext) -> View:
    """The project view of ``compose``, computed once per linted file and shared by the rules."""
    global _memo
    memo = _memo  # read once: the language server may lint from several threads
    if memo is not None and memo[0] is compose:
        return memo[1]
    result = _build(compose, context)
    _memo = (compose, result)
    return result


def _on_disk(path: Path) -> bool:
    """Whether the linted text is a file on disk (not standard input or a test string)."""
    try:
        return project_files.is_file(path)
    except OSError:
        return False


def _build(compose: ComposeFile, context: RuleContext) -> View:

    path = compose.source.path
    on_disk = _on_disk(path)
    root = project_files.resolved(context.project_root or path.parent) if on_disk else None
    fragment = False
    main: Path | None = None
    extra_env: dict[str, str] | None = None
    first: Path | None = None  # the first of several listed files (COMPOSE_FILE, dev container)
    resolved_path = project_files.resolved(path)
    if on_disk and root is not None and resolved_path.is_relative_to(root):
        directory = path.parent
        listed = _compose_file_list(compose, directory)
        override = _OVERRIDE_NAME.match(path.name)
        overlay = _devcontainer_files(path)
        if listed and resolved_path in listed:
            main, first = directory, listed[0]
        elif overlay:
            # A dev container merges the files devcontainer.json lists, in that order.
            main, first = directory, project_files.resolved(directory / overlay[0])
            extra_env = {"COMPOSE_FILE": "\n".join(overlay), "COMPOSE_PATH_SEPARATOR": "\n"}
        elif override is not None:
            base = _base_of_override(directory, override.group("stem"))
            main = base
            fragment = base is None
        elif path.name in DEFAULT_FILES or _refers_out(compose):
            main = path
        if main is None or main == path or fragment:
            includer = _includer(path, root)
            if includer is not None:
                main, fragment = includer, False
    if main is not None and root is not None:
        project = load_project(
            main,
            root=root,
            env=extra_env,
            preloaded={path: compose},
            service_keys=VIEW_SERVICE_KEYS,
        )
    else:
        project = _lone_project(compose)
    names = Names()
    files = list(project.files.values())
    if not any(f is compose for f in files):
        files.append(compose)
    if on_disk and root is not None:
        files.extend(_siblings(path, root, project.files))
    for file in files:
        _collect(file, names)
    complete = not any(
        "does not exist" in p.message or "cannot be read" in p.message or "outside" in p.message
        for p in project.problems
    )
    LOG.debug(
        "compose view of %s: %d file(s), fragment=%s, complete=%s",
        path,
        len(files),
        fragment,
        complete,
    )
    is_main = not fragment and (main is None or main == path or first == resolved_path)
    return View(compose, project, fragment, names, complete, is_main)


def _lone_project(compose: ComposeFile) -> Project:

    root = compose.source.path.parent
    loader = _Loader(root, compose.env, VIEW_SERVICE_KEYS)
    loader.files[project_files.resolved(compose.source.path)] = compose
    model = _file_model(compose, loader, 0)
    if not isinstance(model, MMap):  # pragma: no cover - _file_model always returns a mapping
        empty = YamlMap(range=Range(Position(0, 0, 0), Position(0, 0, 0)))
        model = MMap(Origin(compose.source.path, empty))
    return Project(root, dict(loader.files), dict(compose.env), model, loader.problems)


def _compose_file_list(compose: ComposeFile, directory: Path) -> list[Path]:
    """The files ``COMPOSE_FILE`` (from ``.env``) names, resolved, in order."""
    listed = compose.env.get("COMPOSE_FILE")
    if not listed:
        return []
    separator = compose.env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
    return [
        project_files.resolved(directory / part.strip())
        for part in listed.split(separator)
        if part.strip()
    ]


def _base_of_override(directory: Path, stem: str) -> Path | None:
    for suffix in ("yaml", "yml"):
        candidate = directory / f"{stem}.{suffix}"
        if project_files.exists(candidate) and project_files.is_file(candidate):
            return candidate
    return None


def _refers_out(compose: ComposeFile) -> bool:
    """Whether the file includes others or extends services from other files."""
    if compose.include is not None:
        return True
    for service in compose.services.values():
        extends = service.extends
        if extends is not None and extends.kind == "map" and "file" in extends.to_python():
            return True
    return False


#: Every compose file name matches this (casefolded); it matches a few other names too.
_COMPOSE_GLOB = "*compose*.y*ml"


def _candidates(directory: Path) -> Iterator[Path]:
    """Compose files in ``directory`` (by name), sorted so results do not depend on the disk."""
    for name in project_files.names_matching(directory, _COMPOSE_GLOB):
        entry = directory / name
        if kind_from_name(entry) is FileKind.COMPOSE and project_files.is_file(entry):
            yield entry


def _mentions(candidate: Path, target: Path) -> bool:
    try:
        text = project_files.read_text(candidate)
    except (OSError, UnicodeDecodeError):
        return False
    return "include" in text and target.name in text


def _includer(path: Path, root: Path) -> Path | None:
    """A compose file in this or the parent directory whose project includes ``path``.

    The default file names (``compose.yaml``, ...) are tried first: a file may be included by
    the main file and also reached from a ``-f`` variant (through ``extends``, say), and the
    project Compose runs without ``-f`` is the one that defines what the file refers to.
    """
    target = project_files.resolved(path)
    for directory in (path.parent, path.parent.parent):
        if not project_files.resolved(directory).is_relative_to(root):
            continue
        candidates = sorted(
            _candidates(directory),
            key=lambda c: DEFAULT_FILES.index(c.name) if c.name in DEFAULT_FILES else 99,
        )
        for candidate in candidates:
            if project_files.resolved(candidate) == target or not _mentions(candidate, path):
                continue
            # Only the files read matter here, not the services' settings.
            project = load_project(candidate, root=root, service_keys=frozenset())
            if target in project.files:
                LOG.debug("%s is included by %s", path, candidate)
                return candidate
    return None


def above(compose: ComposeFile, context: RuleContext) -> Above:
    """What the compose files (any compose name) of the folders above ``compose`` define.

    Up to the project root. A file in a subfolder that names a service or uses a resource
    such a file defines is usually combined with it: ``-f docker-compose.yml -f
    sub/docker-compose.extra.yml`` (paths in every ``-f`` file resolve from the first
    file's folder, so overlays can live anywhere). Computed once per linted file.
    """
    seen = view(compose, context)
    found = seen.above
    if found is None:
        found = seen.above = _above(compose, context)
        found.layered = found.base or _uses_only_above(compose, seen.names, found)
    return found


def service_from_above(compose: ComposeFile, context: RuleContext, name: str) -> bool:
    """Whether the service ``name`` may come from a compose file of a folder above.

    It may when such a file defines it, or when ``compose`` is evidently combined with such a
    file (:attr:`Above.layered`): the services of the whole ``-f`` list are then unknown.
    """
    found = above(compose, context)
    return found.layered or name in found.services


def _uses_only_above(compose: ComposeFile, names: Names, found: Above) -> bool:
    """Whether a service of ``compose`` uses a resource only a file above defines."""
    return any(
        name not in names.defined[section]
        and name in found.defined[section]
        and not (section == "networks" and name in BUILTIN_NETWORKS)
        for service in compose.services.values()
        for section, name, _node in uses(service)
    )


def _above(compose: ComposeFile, context: RuleContext) -> Above:
    found = Above()
    root = _root(compose, context)
    if root is None:
        return found
    directory = project_files.resolved(compose.source.path.parent)
    while directory != root and directory.is_relative_to(root):
        directory = directory.parent
        for candidate in _candidates(directory):
            parsed = _read_compose(candidate, environment_for(candidate, None, root))
            if parsed is None:
                continue
            names = Names()
            _collect(parsed, names)
            found.services.update(names.services)
            for section in SECTIONS:
                found.defined[section].update(names.defined[section])
            if not names.services and any(names.defined.values()):
                found.base = True
    LOG.debug(
        "compose files above %s: base=%s, %d service(s)",
        compose.source.path,
        found.base,
        len(found.services),
    )
    return found


#: How a project ships the override file users copy and fill in (``compose.override.yaml``
#: itself is then usually git-ignored).
_EXAMPLE_SUFFIXES = ("example", "sample", "dist")


def override_example(compose: ComposeFile, context: RuleContext) -> Names:
    """What an example of the override file beside ``compose`` defines.

    Some projects keep required definitions (the secrets to fill in, say) in
    ``compose.override.yaml.example`` and have users copy it to ``compose.override.yaml``,
    which Compose merges with ``compose.yaml``. Empty unless ``compose`` is a default compose
    file on disk with such an example beside it and no real override file (a real one is
    part of the project already). Computed once per linted file.
    """
    seen = view(compose, context)
    found = seen.example
    if found is None:
        found = seen.example = _override_example(compose, context)
    return found


def _override_example(compose: ComposeFile, context: RuleContext) -> Names:
    found = Names()
    path = compose.source.path
    if path.name not in DEFAULT_FILES or _root(compose, context) is None:
        return found
    stem = path.name.rsplit(".", 1)[0]
    # One recorded listing answers both questions, so the cache notices a real override or
    # an example that appears later.
    present = project_files.names_matching(path.parent, f"{stem}.override.*")
    overrides = {f"{stem}.override.{ext}" for ext in ("yaml", "yml")}
    if overrides & set(present):
        return found
    examples = {f"{override}.{suffix}" for override in overrides for suffix in _EXAMPLE_SUFFIXES}
    for name in present:
        if name not in examples:
            continue
        candidate = path.parent / name
        parsed = _read_compose(candidate, compose.env)
        if parsed is None:
            continue
        _collect(parsed, found)
        LOG.debug("override example %s stands in for the missing override", candidate)
    return found


def _siblings(path: Path, root: Path, known: Mapping[Path, ComposeFile]) -> Iterator[ComposeFile]:
    """The other compose files of the directory, parsed (unreadable ones are skipped).

    A file the project read already (``known``, by resolved path) is reused when it was read
    with the same variables, instead of being parsed a second time.
    """
    target = project_files.resolved(path)
    for candidate in _candidates(path.parent):
        resolved = project_files.resolved(candidate)
        if resolved == target:
            continue
        env = environment_for(candidate, None, root)
        read = known.get(resolved)
        if read is not None and read.env == env:
            yield read
            continue
        parsed = _read_compose(candidate, env)
        if parsed is not None:
            yield parsed


def _read_compose(path: Path, env: Mapping[str, str]) -> ComposeFile | None:
    """``path`` parsed with ``env``, or ``None`` when it cannot be read (logged)."""
    try:
        source = SourceText.from_bytes(path, project_files.read_bytes(path))
        return parse_compose(source, env=env)
    except (OSError, SourceDecodeError, ParseError, RecursionError) as exc:
        LOG.debug("compose file %s not read: %s", path, exc)
        return None


def _collect(compose: ComposeFile, names: Names) -> None:
    """Add what ``compose`` defines and uses to ``names``."""
    names.services.update(compose.services)
    for name in compose.services:
        names.service_files[name] = names.service_files.get(name, 0) + 1
    for section in SECTIONS:
        defined = compose.get(section)
        if defined is not None and defined.kind == "map":
            names.defined[section].update(defined.to_python() or {})
    for service in compose.services.values():
        for section, used, _node in uses(service):
            names.used[section].add(used)
        extends = service.extends
        if extends is None or extends.kind != "map":
            continue
        target = extends.to_python()
        file, base = target.get("file"), target.get("service")
        if isinstance(file, str) and isinstance(base, str) and not h_has_variables(file):
            names.extended.add((project_files.resolved(compose.source.path.parent / file), base))


def uses(service: object) -> Iterator[tuple[str, str, YamlNode]]:
    """``(section, name, node)`` for each named volume, network, secret and config a service uses.

    ``node`` is where the name is written (the list item, or the key in mapping form).
    """
    assert isinstance(service, Service)
    for volume in service.volumes:
        if volume.source and (volume.type == "volume" or h_has_variables(volume.source)):
            yield "volumes", volume.source, volume.node
    networks = service.get("networks")
    if isinstance(networks, YamlSeq):
        for item in networks.items:
            if (name := text_of(item)) is not None:
                yield "networks", name, item
    elif isinstance(networks, YamlMap):
        for entry in networks.entries:
            yield "networks", entry.key_text, entry.key
    build = service.get("build")
    lists = [(s, service.get(s)) for s in ("secrets", "configs")]
    if isinstance(build, YamlMap):
        lists.append(("secrets", build.get("secrets")))
    for section, node in lists:
        if not isinstance(node, YamlSeq):
            continue
        for item in node.items:
            source = item.get("source") if isinstance(item, YamlMap) else item
            if (name := text_of(source)) is not None and source is not None:
                yield section, name, source


def is_outside_message(message: str) -> bool:
    """Whether a project problem is about a file outside the project root."""
    return "outside the project root" in message


def tidy(message: str, compose: ComposeFile) -> str | None:
    """A project problem's message in the user's terms (paths as written, relative to the file).

    ``None`` for a reference to a remote source (``oci://``, a Git URL): lintkit does not fetch
    those, and Compose may well find them.
    """
    directory = str(compose.source.path.parent)
    if directory not in (".", ""):
        message = message.replace(directory + "/", "").replace(directory + "\\", "")
    missing = re.fullmatch(r"(?P<path>.+) does not exist", message)
    if missing is not None:
        written = missing.group("path")
        if _REMOTE.match(written):
            return None
        return f"The file '{written}' does not exist; Compose cannot load the project without it"
    unreadable = re.fullmatch(r"(?P<path>.+?) cannot be read: (?P<why>.+)", message)
    if unreadable is not None:
        return f"The file '{unreadable.group('path')}' cannot be read ({unreadable.group('why')})"
    cycle = re.fullmatch(r"extends cycle: (?P<loop>.+)", message)
    if cycle is not None:
        return (
            f"Services extend each other in a loop ({cycle.group('loop')}); Compose cannot "
            "resolve them. Remove one of the 'extends'"
        )
    extends = re.fullmatch(r"service (?P<name>\S+) extends (?P<rest>.+)", message)
    if extends is not None:
        return f"Service '{extends.group('name')}' extends {extends.group('rest')}"
    return message[:1].upper() + message[1:]


def _root(compose: ComposeFile, context: RuleContext) -> Path | None:
    path = compose.source.path
    if not _on_disk(path):
        return None
    return project_files.resolved(context.project_root or path.parent)


def leaves_root(compose: ComposeFile, context: RuleContext, text: str) -> bool:
    """Whether a path written in ``compose`` (relative to its directory) leaves the project."""
    root = _root(compose, context)
    if root is None or h_has_variables(text) or Path(text).is_absolute():
        return False  # an absolute path is a deliberate host path, not a slip out of the project
    return not project_files.resolved(compose.source.path.parent / text).is_relative_to(root)


def h_has_variables(text: str) -> bool:
    """Whether ``text`` uses interpolation."""
    return has_interpolation(text)


def env_files(
    compose: ComposeFile, context: RuleContext
) -> Iterator[tuple[str, EnvFile, Path | None]]:
    """``(service, entry, path)`` for each ``env_file`` of a file on disk.

    ``path`` is the resolved file inside the project root, ``None`` when the entry's path is
    not known (``${VAR}``) or leads out of the project.
    """
    root = _root(compose, context)
    if root is None:
        return
    for service in compose.services.values():
        for env_file in service.env_file:
            text = env_file.path
            if h_has_variables(text):
                result = compose.interpolate(text)
                if not result.is_known:
                    yield service.name, env_file, None
                    continue
                text = result.value
            candidate = project_files.resolved(compose.source.path.parent / text)
            yield service.name, env_file, candidate if candidate.is_relative_to(root) else None


def build_dockerfile(compose: ComposeFile, service: object, context: RuleContext) -> object | None:
    """The parsed Dockerfile a service builds, when it can be read inside the project.

    ``None`` for remote contexts, inline Dockerfiles, paths with unknown ``${VAR}``, files that
    are missing, outside the project, or do not parse.
    """
    assert isinstance(service, Service)
    build = service.build
    path = compose.source.path
    if build is None or build.dockerfile_inline is not None or not _on_disk(path):
        return None
    context_text = build.context or "."
    dockerfile_text = build.dockerfile or "Dockerfile"
    if any(h_has_variables(t) for t in (context_text, dockerfile_text)):
        return None
    if "://" in context_text or context_text.startswith(("git@", "github.com/")):
        return None
    directory = path.parent / context_text
    text = context.read_sibling(dockerfile_text, base=directory)
    if text is None:
        return None
    # Imported only now: most compose files name no Dockerfile that can be read here, and the
    # Dockerfile stack costs more to import than a whole compose lint.
    from lintkit.dockerfile.model import parse_dockerfile

    try:
        return parse_dockerfile(SourceText.from_text(text, directory / dockerfile_text))
    except (ParseError, RecursionError, ValueError) as exc:
        LOG.debug("Dockerfile of service %s not parsed: %s", service.name, exc)
        return None


_DEVCONTAINER_FILES = re.compile(r'"dockerComposeFile"\s*:\s*\[(?P<items>[^\]]*)\]')


def _devcontainer_files(path: Path) -> list[str] | None:
    """The compose files a ``devcontainer.json`` beside ``path`` merges, when there are several.

    Dev container compose files (``.devcontainer/docker-compose.yml``) are usually overlays of
    the project's own compose file, listed together in ``devcontainer.json``.
    """
    candidate = path.parent / "devcontainer.json"
    if not project_files.exists(candidate):  # recorded, so the cache notices a new one
        return None
    try:
        text = project_files.read_text(candidate)
    except (OSError, UnicodeDecodeError):
        return None
    match = _DEVCONTAINER_FILES.search(text)
    if match is None:
        return None
    files = re.findall(r'"([^"]+)"', match.group("items"))
    if len(files) < 2 or not any(Path(f).name == path.name for f in files):
        return None
    return files


def profiles_of(service: MMap) -> set[str]:
    """The profiles of a merged service (empty: always started)."""
    node = service.get("profiles")
    if isinstance(node, MSeq):
        return {str(item.value) for item in node.items if isinstance(item, MScalar)}
    return set()


def may_run_together(first: set[str], second: set[str]) -> bool:
    """Whether services with these profiles can be started together.

    Services in disjoint profile sets are treated as alternatives (``--profile dev`` or
    ``--profile prod``), which is how such files are used in practice.
    """
    return not first or not second or bool(first & second)

"""Text edits that turn a legacy (format 1) compose file into a Compose Specification file.

A format-1 file lists its services at the top level. The migration moves them under a new
``services:`` key by indenting every line after the file's leading comments by the file's own
indent step (comments too), and rewrites the few keys that changed meaning or name:

- ``net: host|bridge|none|container:x`` → ``network_mode`` (``service:x`` when x is a service);
- ``dockerfile: X`` beside ``build: ctx`` → ``build:`` with ``context`` and ``dockerfile``;
- ``log_driver`` / ``log_opt`` → ``logging:`` with ``driver`` / ``options``;
- ``volume_driver: d`` → ``driver: d`` on the named volumes the service mounts;
- ``volumes_from: [name]`` naming a container, not a service → ``container:name``;
- named volumes, which format 1 created on the fly, are declared under a top-level
  ``volumes:`` with ``name:`` set to the same name, so the same Docker volume is used.

Everything else (comments, quoting, blank lines, line endings, anchors) is kept as written.
What has no equivalent raises :class:`MigrationRefused` with the reason.

LIMITATION: ``extends: {file: other.yml}`` is kept as written; when that file is in format 1
too it has to be migrated separately, or Compose cannot read it. Behaviour that changes with
the format rather than with a key (the project network instead of the default bridge, container
names) is not rewritten: the fix is unsafe for that reason.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from lintkit.compose.loader import ScalarStyle, YamlMap, YamlScalar, YamlSeq
from lintkit.compose.model import parse_volume, text_of
from lintkit.compose.yaml11 import compose_value, yaml11_value
from lintkit.diagnostics import Edit
from lintkit.fixers.yaml_edits import indent_step, quote
from lintkit.records import field, record

if TYPE_CHECKING:
    from lintkit.compose.loader import MapEntry, YamlNode
    from lintkit.compose.model import ComposeFile
    from lintkit.source import SourceText

LOG = logging.getLogger(__name__)

_NETWORK_MODES = ("host", "bridge", "none")
_VOLUME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_BLOCK_HEADER = re.compile(r"^[|>][+-]?[1-9]")


class MigrationRefused(Exception):
    """The file cannot be migrated automatically; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@record(frozen=False)
class _Plan:
    source: SourceText
    step: str
    #: Original line → the lines that replace it (final indentation included); [] deletes it.
    replaced: dict[int, list[str]] = field(default_factory=dict)
    #: Original line → (start column, end column, text) substitutions within that line.
    substituted: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: Line → number of extra indent steps (beyond the one every moved line gets).
    deeper: dict[int, int] = field(default_factory=dict)
    volumes: dict[str, str | None] = field(default_factory=dict)

    def line(self, number: int) -> str:
        return self.source.line_text(number)

    def replace(self, number: int, lines: list[str]) -> None:
        if number in self.replaced or number in self.substituted:
            raise MigrationRefused(f"line {number + 1} would need two changes at once")
        self.replaced[number] = lines

    def substitute(self, node: YamlNode, text: str) -> None:
        start, end = node.range.start, node.range.end
        if start.line != end.line:
            raise MigrationRefused(f"the value on line {start.line + 1} spans several lines")
        if start.line in self.replaced:
            raise MigrationRefused(f"line {start.line + 1} would need two changes at once")
        self.substituted.setdefault(start.line, []).append((start.column, end.column, text))


def migrate_legacy(compose: ComposeFile) -> list[Edit]:
    """Edits that move a format-1 file's services under ``services:`` and modernise their keys.

    Raises:
        MigrationRefused: when part of the file has no equivalent or cannot be edited safely.
    """
    root = compose.root
    document = compose.document
    if root is None or document is None or not compose.is_legacy:
        raise MigrationRefused("the file is not a legacy (format 1) compose file")
    if len(document.roots) > 1:
        raise MigrationRefused("the file holds several YAML documents")
    if root.flow:
        raise MigrationRefused("the top level is written in flow style ({...})")
    for entry in root.written:
        key = entry.key_text
        if key == "<<" or entry.merged:
            raise MigrationRefused("the top level uses a '<<' merge key")
        if key.startswith("x-"):
            raise MigrationRefused(f"the top-level extension '{key}' would have to stay outside")
    _refuse_indented_block_scalars(compose.source, root)
    source = compose.source
    plan = _Plan(source, " " * indent_step(source))
    names = set(compose.services)
    _refuse_merged_legacy_keys(root)
    done: set[int] = set()
    for entry in root.written:
        mapping = entry.value
        if not isinstance(mapping, YamlMap) or id(mapping) in done:
            continue
        done.add(id(mapping))
        _migrate_service(plan, entry.key_text, mapping, names)
        _collect_volumes(plan, entry.key_text, mapping)
    edits = _edits(plan, _services_line(source, root))
    text = source.text
    if plan.volumes:
        newline = source.newline
        block = ["volumes:"]
        for name, driver in plan.volumes.items():
            block += [f"{plan.step}{name}:", f"{plan.step * 2}name: {name}"]
            if driver is not None:
                block.append(f"{plan.step * 2}driver: {driver}")
        lead = "" if not text or text.endswith("\n") else newline
        edits.append(Edit(len(text), len(text), lead + newline.join(block) + newline))
    return edits


def _refuse_indented_block_scalars(source: SourceText, root: YamlNode) -> None:
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, YamlMap):
            for entry in node.written:
                stack += [entry.key, entry.value]
        elif isinstance(node, YamlSeq):
            stack += node.items
        elif isinstance(node, YamlScalar) and node.style in (
            ScalarStyle.LITERAL,
            ScalarStyle.FOLDED,
        ):
            # A header such as `|2` fixes the content's indentation; indenting would change it.
            # (A block scalar's range starts at its header.)
            offset = node.range.start.offset
            if _BLOCK_HEADER.match(source.text[offset : offset + 4]):
                raise MigrationRefused(
                    f"the block scalar on line {node.range.start.line + 1} sets its "
                    "indentation explicitly"
                )


def _services_line(source: SourceText, root: YamlMap) -> int:
    """The line before which ``services:`` goes: after the file's leading comment block.

    Comments written right above the first service, separated from what precedes them by a
    blank line, move with it; any other leading comments (a file header) stay at the top.
    """
    first = root.written[0].key.range.start.line
    attached = first
    while attached > 0 and source.line_text(attached - 1).lstrip().startswith("#"):
        attached -= 1
    if attached < first and attached > 0 and not source.line_text(attached - 1).strip():
        return attached
    return first


_RENAMED = ("net", "dockerfile", "log_driver", "log_opt", "volume_driver", "volumes_from")


def _refuse_merged_legacy_keys(root: YamlMap) -> None:
    """Refuse keys to rewrite that a ``<<`` merge brings from outside the services."""
    services = [entry.value for entry in root.written if isinstance(entry.value, YamlMap)]
    rewritten = {id(entry.key) for mapping in services for entry in mapping.written}
    for name, mapping in zip(
        (e.key_text for e in root.written if isinstance(e.value, YamlMap)), services, strict=True
    ):
        for key in _RENAMED:
            entry = mapping.entry(key)
            if entry is not None and entry.merged and id(entry.key) not in rewritten:
                raise MigrationRefused(
                    f"'{key}' of service '{name}' comes from a '<<' merge of a mapping that is "
                    "not a service; rewrite it by hand"
                )


def _written(mapping: YamlMap, key: str) -> MapEntry | None:
    for entry in reversed(mapping.written):
        if entry.key_text == key:
            return entry
    return None


def _single_line(plan: _Plan, service: str, entry: MapEntry) -> str:
    """The value text of an entry written on one line (``key: value``), else refuse."""
    value = entry.value
    if (
        not isinstance(value, YamlScalar)
        or value.range.start.line != entry.key.range.start.line
        or value.range.end.line != value.range.start.line
        or entry.value_alias is not None
    ):
        raise MigrationRefused(
            f"'{entry.key_text}' of service '{service}' is not a single value on its own line"
        )
    before = plan.line(entry.key.range.start.line)[: entry.key.range.start.column]
    if before.strip(" -"):
        raise MigrationRefused(
            f"'{entry.key_text}' of service '{service}' shares its line with other keys"
        )
    return value.value


def _rendered(node: YamlScalar, text: str) -> str:
    if node.style is ScalarStyle.SINGLE_QUOTED:
        return "'" + text.replace("'", "''") + "'"
    if node.style is ScalarStyle.DOUBLE_QUOTED:
        return quote(text)
    return text


def _migrate_service(plan: _Plan, service: str, mapping: YamlMap, names: set[str]) -> None:
    changed = [key for key in _RENAMED if _written(mapping, key) is not None]
    if not changed:
        return
    if mapping.flow:
        raise MigrationRefused(
            f"service '{service}' is written in flow style ({{...}}) and uses "
            f"'{changed[0]}', which has to be rewritten"
        )
    _net(plan, service, mapping, names)
    _dockerfile(plan, service, mapping)
    _logging(plan, service, mapping)
    _volume_driver(plan, service, mapping)
    _volumes_from(plan, service, mapping, names)


def _net(plan: _Plan, service: str, mapping: YamlMap, names: set[str]) -> None:
    entry = _written(mapping, "net")
    if entry is None:
        return
    value = _single_line(plan, service, entry)
    if "network_mode" in mapping:
        raise MigrationRefused(f"service '{service}' sets both 'net' and 'network_mode'")
    target: str
    if value in _NETWORK_MODES:
        target = value
    elif value.startswith("container:") and "$" not in value:
        other = value[len("container:") :]
        target = f"service:{other}" if other in names else value
    else:
        raise MigrationRefused(
            f"service '{service}' joins the network '{value}' with 'net'; declare it under "
            "'networks:' by hand"
        )
    assert isinstance(entry.value, YamlScalar)
    plan.substitute(entry.key, "network_mode")
    if target != value:
        plan.substitute(entry.value, _rendered(entry.value, target))


def _dockerfile(plan: _Plan, service: str, mapping: YamlMap) -> None:
    entry = _written(mapping, "dockerfile")
    if entry is None:
        return
    build = _written(mapping, "build")
    if build is None:
        raise MigrationRefused(f"service '{service}' sets 'dockerfile' without 'build'")
    _single_line(plan, service, entry)
    _single_line(plan, service, build)
    step = plan.step
    build_line = build.key.range.start.line
    column = build.key.range.start.column
    text = plan.line(build_line)
    value = build.value.range
    child = step + " " * column + step
    plan.replace(
        build_line,
        [
            step + text[: value.start.column].rstrip(),
            child + "context: " + text[value.start.column :],
        ],
    )
    line = entry.key.range.start.line
    dockerfile = plan.line(line)
    plan.replaced[build_line].append(
        child + "dockerfile" + dockerfile[entry.key.range.end.column :]
    )
    plan.replace(line, [])


def _logging(plan: _Plan, service: str, mapping: YamlMap) -> None:
    driver = _written(mapping, "log_driver")
    options = _written(mapping, "log_opt")
    if driver is None and options is None:
        return
    if "logging" in mapping:
        raise MigrationRefused(
            f"service '{service}' sets both 'logging' and 'log_driver'/'log_opt'"
        )
    step = plan.step
    children: list[str] = []
    anchor = options if options is not None else driver
    assert anchor is not None
    column = anchor.key.range.start.column
    child = step + " " * column + step
    if driver is not None:
        _single_line(plan, service, driver)
        line = driver.key.range.start.line
        children.append(child + "driver" + plan.line(line)[driver.key.range.end.column :])
        if options is not None:
            plan.replace(line, [])
    if options is not None:
        line = options.key.range.start.line
        before = plan.line(line)[:column]
        if before.strip():
            raise MigrationRefused(
                f"'log_opt' of service '{service}' shares its line with other keys"
            )
        children.append(child + "options" + plan.line(line)[options.key.range.end.column :])
        end = options.value.range.end.line
        for number in range(line + 1, end + 1):
            plan.deeper[number] = 1
    plan.replace(anchor.key.range.start.line, [step + " " * column + "logging:", *children])


def _volume_driver(plan: _Plan, service: str, mapping: YamlMap) -> None:
    entry = _written(mapping, "volume_driver")
    if entry is None:
        return
    driver = _single_line(plan, service, entry)
    if "$" in driver or not _VOLUME_NAME.match(driver.replace("/", "").replace(":", "")):
        raise MigrationRefused(f"the volume driver '{driver}' of service '{service}' is not plain")
    volumes = mapping.get("volumes")
    items = volumes.items if isinstance(volumes, YamlSeq) else []
    for item in items:
        volume = parse_volume(item)
        if volume.long_syntax or volume.type != "volume" or volume.source is None:
            raise MigrationRefused(
                f"service '{service}' sets 'volume_driver' but also mounts "
                f"'{text_of(item) or 'a long-syntax volume'}', which is not a named volume; "
                "the Compose Specification sets drivers only on named volumes"
            )
        known = plan.volumes.get(volume.source)
        if known is not None and known != driver:
            raise MigrationRefused(
                f"the volume '{volume.source}' is used with two drivers ('{known}', '{driver}')"
            )
        plan.volumes[volume.source] = driver
    plan.replace(entry.key.range.start.line, [])


def _volumes_from(plan: _Plan, service: str, mapping: YamlMap, names: set[str]) -> None:
    entry = _written(mapping, "volumes_from")
    if entry is None:
        return
    value = entry.value
    items = value.items if isinstance(value, YamlSeq) else [value]
    for item in items:
        if not isinstance(item, YamlScalar):
            raise MigrationRefused(f"'volumes_from' of service '{service}' is not a plain list")
        name = item.value.split(":", 1)[0]
        if name in names or item.value.startswith(("container:", "service:")):
            continue
        if "$" in item.value:
            raise MigrationRefused(f"'volumes_from' of service '{service}' uses a variable")
        # Format 1 accepted a container name here; the specification needs the prefix.
        plan.substitute(item, _rendered(item, "container:" + item.value))


def _plain_name(name: str) -> bool:
    """Whether ``name`` can be written as a plain YAML key and value and stay that text."""
    return (
        _VOLUME_NAME.match(name) is not None
        and isinstance(compose_value(name), str)
        and isinstance(yaml11_value(name), str)
    )


def _collect_volumes(plan: _Plan, service: str, mapping: YamlMap) -> None:
    volumes = mapping.get("volumes")
    if not isinstance(volumes, YamlSeq):
        return
    for item in volumes.items:
        volume = parse_volume(item)
        if volume.long_syntax or volume.type != "volume" or volume.source is None:
            continue
        if not _plain_name(volume.source):
            raise MigrationRefused(
                f"service '{service}' mounts the volume '{volume.source}', whose name cannot be "
                "declared as written"
            )
        plan.volumes.setdefault(volume.source, None)


def _edits(plan: _Plan, services_line: int) -> list[Edit]:
    source = plan.source
    text = source.text
    starts = source.line_starts
    newline = source.newline
    edits: list[Edit] = []
    count = source.line_count
    for number in range(count):
        start = starts[number]
        original = plan.line(number)
        end = start + len(original)
        header = ("services:" + newline) if number == services_line else ""
        if number < services_line:
            continue
        if number in plan.replaced:
            lines = plan.replaced[number]
            if not lines:
                stop = starts[number + 1] if number + 1 < len(starts) else len(text)
                edits.append(Edit(start, stop, header))
            else:
                edits.append(Edit(start, end, header + newline.join(lines)))
            continue
        if number in plan.substituted:
            line = original
            for begin, finish, replacement in sorted(plan.substituted[number], reverse=True):
                line = line[:begin] + replacement + line[finish:]
            indent = plan.step * (1 + plan.deeper.get(number, 0))
            edits.append(Edit(start, end, header + indent + line))
            continue
        if not original.strip():
            if header:
                edits.append(Edit(start, start, header))
            continue
        indent = plan.step * (1 + plan.deeper.get(number, 0))
        edits.append(Edit(start, start, header + indent))
    return edits

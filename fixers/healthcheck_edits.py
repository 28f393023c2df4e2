"""Edits that give a compose service a healthcheck and make dependants wait for it.

Used by the health rules (LK110-LK112). Every function raises
:class:`~lintkit.fixers.yaml_edits.YamlEditRefused` with a reason the user can read when the
edit would touch YAML anchors, aliases or merged values, or a layout it cannot follow.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lintkit.compose.loader import YamlMap, YamlScalar, YamlSeq
from lintkit.compose.model import ComposeFile, Service
from lintkit.diagnostics import Edit
from lintkit.fixers.yaml_edits import YamlEditRefused, append_to_mapping, indent_step, replace_node

HEALTHY = "service_healthy"
STARTED = "service_started"
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def _version(compose: ComposeFile) -> tuple[int, int] | None:
    text = compose.version
    if text is None:
        return None
    match = re.match(r"^\s*(\d+)(?:\.(\d+))?", text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2) or 0)


def _check_service_editable(compose: ComposeFile, service: Service) -> None:
    parent = compose.get("services")
    entry = parent.entry(service.name) if isinstance(parent, YamlMap) else None
    if entry is None or not entry.editable or service.node.shared:
        raise YamlEditRefused(
            f"service '{service.name}' is defined through a YAML anchor, alias or merge key; "
            "an edit there would change other services too"
        )


def add_healthcheck(compose: ComposeFile, service: Service, test: str) -> Edit:
    """Append a ``healthcheck:`` block with ``test`` (a flow list) to the service.

    Raises:
        YamlEditRefused: when the file format predates healthchecks, the service already has
            a ``healthcheck`` key, or the service mapping is shared or in flow style.
    """
    _check_service_editable(compose, service)
    version = _version(compose)
    if compose.is_legacy or (version is not None and version < (2, 1)):
        raise YamlEditRefused("the file's format version has no healthcheck support")
    if "healthcheck" in service.node:
        raise YamlEditRefused(f"service '{service.name}' already has a healthcheck key")
    if service.node.range.end.column == 0:
        # The service ends with a block scalar whose range runs into the next line.
        raise YamlEditRefused(f"service '{service.name}' ends with a multi-line value")
    lines = [
        "healthcheck:",
        f"\ttest: {test}",
        "\tinterval: 10s",
        "\ttimeout: 5s",
        "\tretries: 5",
    ]
    if version is None or version >= (3, 4) or (2, 3) <= version < (3, 0):
        lines.append("\tstart_period: 30s")
    return append_to_mapping(compose.source, service.node, lines, step=_service_step(service))


def _service_step(service: Service) -> int:
    """How far the service's settings sit in from its name: the nesting step to follow.

    Files that put services 4 columns in often nest everything else by 2, so the first
    nesting of the file is not the step to copy inside a service.
    """
    mapping = service.node
    written = mapping.written or mapping.entries
    if written and not mapping.flow:
        step = written[0].key.range.start.column - service.name_node.range.start.column
        if 0 < step <= 8:
            return step
    return indent_step(service.compose.source)


def await_healthy(
    compose: ComposeFile, service: Service, dependencies: Collection[str]
) -> list[Edit]:
    """Make ``service`` wait for each of ``dependencies`` with ``condition: service_healthy``.

    A list-form ``depends_on`` becomes the map form (other entries keep the list form's
    meaning, ``service_started``); in the map form only the conditions change.

    Raises:
        YamlEditRefused: for anchors/aliases/merge keys, a list form in a format version
            without conditions (2.0 and every 3.x), or a layout this edit cannot follow.
    """
    _check_service_editable(compose, service)
    entry = service.entry("depends_on")
    if entry is None or not entry.editable:
        raise YamlEditRefused(
            f"the depends_on of '{service.name}' comes from a YAML anchor or merge key"
        )
    node = entry.value
    version = _version(compose)
    # The map form only changes the value of a 'condition:' the file already writes, so the
    # declared version cannot make it less portable than it is.
    if compose.is_legacy or (
        not isinstance(node, YamlMap)
        and version is not None
        and (version < (2, 1) or version[0] == 3)
    ):
        raise YamlEditRefused(
            f"the file declares version '{compose.version}', whose format has no depends_on "
            "conditions (docker-compose v1 rejects them); remove the obsolete version key first"
        )
    source = compose.source
    if isinstance(node, YamlMap):
        edits = []
        for dependency in dependencies:
            item = node.entry(dependency)
            settings = item.value if item is not None else None
            condition = settings.get("condition") if isinstance(settings, YamlMap) else None
            if not isinstance(condition, YamlScalar) or item is None or not item.editable:
                raise YamlEditRefused(
                    f"write 'condition: service_healthy' under '{dependency}' by hand"
                )
            edits.append(replace_node(condition, HEALTHY))
        return edits
    if not isinstance(node, YamlSeq) or not node.items:
        raise YamlEditRefused("depends_on is neither a list nor a mapping")
    if any(alias is not None for alias in node.aliases):
        raise YamlEditRefused("depends_on lists a YAML alias")
    names: list[tuple[str, str]] = []
    for element in node.items:
        if (
            not isinstance(element, YamlScalar)
            or element.is_null
            or not _PLAIN_NAME.match(element.value)
        ):
            raise YamlEditRefused("depends_on holds an entry that is not a plain service name")
        written = source.text[element.range.start.offset : element.range.end.offset]
        names.append((element.value, written))
    if node.flow:
        body = ", ".join(
            f"{raw}: {{condition: {HEALTHY if name in dependencies else STARTED}}}"
            for name, raw in names
        )
        return [replace_node(node, "{" + body + "}")]
    column = entry.key.range.start.column
    return [_block_list_to_map(compose, column, node, names, dependencies, _service_step(service))]


def _block_list_to_map(
    compose: ComposeFile,
    parent_column: int,
    node: YamlSeq,
    names: list[tuple[str, str]],
    dependencies: Collection[str],
    step: int,
) -> Edit:
    """Rewrite a block list into the map form, item by item, keeping comments between items."""
    source = compose.source
    newline = source.newline
    first_line = source.position(node.items[0].range.start.offset).line
    start = source.line_starts[first_line]
    pieces: list[str] = []
    cursor = start
    for item, (name, raw) in zip(node.items, names, strict=True):
        line = item.range.start.line
        if item.range.end.line != line:
            raise YamlEditRefused("a depends_on entry spans several lines")
        line_start = source.line_starts[line]
        before = source.text[line_start : item.range.start.offset]
        if before.strip() != "-":
            raise YamlEditRefused("a depends_on entry shares its line with other content")
        dash_column = before.index("-")
        column = parent_column + step if dash_column <= parent_column else dash_column
        condition = HEALTHY if name in dependencies else STARTED
        line_end = _line_end(source.text, item.range.end.offset)
        pieces.append(source.text[cursor:line_start])
        # The key replaces the dash and the name; a comment after the name stays on its line.
        pieces.append(" " * column + raw + ":" + source.text[item.range.end.offset : line_end])
        pieces.append(newline + " " * (column + step) + f"condition: {condition}")
        cursor = line_end
    return Edit(start, cursor, "".join(pieces))


def _line_end(text: str, offset: int) -> int:
    """Offset of the line break (CRLF or LF) ending the line that holds ``offset``."""
    end = text.find("\n", offset)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end

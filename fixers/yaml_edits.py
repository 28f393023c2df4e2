"""Text edits on YAML files that follow the file's own layout.

Fixes never re-dump YAML: they insert or replace text at node positions, so
comments, quoting, key order and line endings elsewhere stay byte for byte.
New lines copy the indentation of their siblings and the file's indent step;
block sequences keep their style (indented or flush with the parent key).
"""

from __future__ import annotations

from collections.abc import Sequence

from lintkit.compose.loader import YamlMap, YamlNode, YamlScalar, YamlSeq
from lintkit.diagnostics import Edit
from lintkit.source import SourceText


class YamlEditRefused(Exception):
    """An edit cannot be made without risking the file's meaning; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def indent_step(source: SourceText) -> int:
    """The file's indentation step (2 or 4 spaces, whichever nesting it uses first)."""
    previous = 0
    for line in source.text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if indent > previous:
            return max(1, min(indent - previous, 8))
        previous = indent
    return 2


def _end_of_line(source: SourceText, offset: int) -> int:
    """Offset just before the line break of the line holding ``offset``."""
    newline = source.text.find("\n", offset)
    end = len(source.text) if newline == -1 else newline
    if end > 0 and source.text[end - 1] == "\r":
        end -= 1
    return end


def _key_column(mapping: YamlMap) -> int:
    written = mapping.written or mapping.entries
    if written:
        return written[0].key.range.start.column
    return mapping.range.start.column


def _line_has_only(source: SourceText, offset: int, column: int) -> bool:
    """Whether the text before ``column`` on the line of ``offset`` is blank."""
    line = source.position(offset).line
    return not source.line_text(line)[:column].strip(" -")


def append_to_mapping(
    source: SourceText, mapping: YamlMap, lines: Sequence[str], *, step: int | None = None
) -> Edit:
    """Insert entries after the last entry of a block mapping.

    ``lines`` are written relative to the mapping's key column; each leading tab
    character stands for one indentation step, so callers can describe nested
    values without knowing the file's indent.

    Raises:
        YamlEditRefused: for flow mappings (``{a: 1}``) and empty mappings.
    """
    if mapping.flow:
        raise YamlEditRefused("the mapping is written in flow style ({...})")
    if not (mapping.written or mapping.entries):
        raise YamlEditRefused("the mapping is empty")
    unit = " " * (step or indent_step(source))
    column = _key_column(mapping)
    newline = source.newline
    text = "".join(
        newline + " " * column + unit * (len(line) - len(line.lstrip("\t"))) + line.lstrip("\t")
        for line in lines
    )
    return Edit(
        _end_of_line(source, mapping.range.end.offset),
        _end_of_line(source, mapping.range.end.offset),
        text,
    )


def insert_after_key(
    source: SourceText,
    mapping: YamlMap,
    key: str,
    lines: Sequence[str],
    *,
    step: int | None = None,
) -> Edit:
    """Insert entries right after ``key``'s entry (or at the end when ``key`` is missing)."""
    entry = mapping.entry(key)
    if entry is None or entry.merged:
        return append_to_mapping(source, mapping, lines, step=step)
    if mapping.flow:
        raise YamlEditRefused("the mapping is written in flow style ({...})")
    unit = " " * (step or indent_step(source))
    column = entry.key.range.start.column
    at = _end_of_line(source, entry.value.range.end.offset)
    text = "".join(
        source.newline
        + " " * column
        + unit * (len(line) - len(line.lstrip("\t")))
        + line.lstrip("\t")
        for line in lines
    )
    return Edit(at, at, text)


def append_to_sequence(source: SourceText, sequence: YamlSeq, item: str) -> Edit:
    """Add an item at the end of a sequence, in its style (block dash or flow ``[...]``).

    Raises:
        YamlEditRefused: for an empty block sequence (no item to copy the layout from).
    """
    if sequence.flow:
        close = source.text.rfind("]", 0, sequence.range.end.offset)
        if close == -1:
            raise YamlEditRefused("cannot find the end of the flow sequence")
        separator = ", " if sequence.items else ""
        return Edit(close, close, separator + item)
    if not sequence.items:
        raise YamlEditRefused("the sequence is empty")
    first = sequence.items[0]
    dash = source.text.rfind("-", 0, first.range.start.offset)
    dash_column = source.position(dash).column
    gap = first.range.start.column - dash_column - 1
    at = _end_of_line(source, sequence.range.end.offset)
    return Edit(at, at, source.newline + " " * dash_column + "-" + " " * max(gap, 1) + item)


def replace_node(node: YamlNode, text: str) -> Edit:
    """Replace a node's text (scalar or flow collection) with ``text``."""
    return Edit(node.range.start.offset, node.range.end.offset, text)


def remove_entry(source: SourceText, mapping: YamlMap, key: str) -> Edit:
    """Delete a block-mapping entry with its whole lines (comments on other lines stay).

    Raises:
        YamlEditRefused: when the entry shares its lines with other content.
    """
    entry = mapping.entry(key)
    if entry is None or entry.merged or mapping.flow:
        raise YamlEditRefused(f"'{key}' cannot be removed on its own")
    start = source.line_starts[entry.key.range.start.line]
    if not _line_has_only(source, entry.key.range.start.offset, entry.key.range.start.column):
        raise YamlEditRefused(f"'{key}' shares its line with other content")
    end_line = source.position(entry.value.range.end.offset).line
    if isinstance(entry.value, YamlScalar) and entry.value.range.end.column == 0:
        end_line -= 1
    end = (
        source.line_starts[end_line + 1]
        if end_line + 1 < len(source.line_starts)
        else len(source.text)
    )
    return Edit(start, end, "")


def quote(text: str) -> str:
    """A double-quoted YAML scalar for ``text``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def file_sequences_are_flush(root: YamlNode) -> bool:
    """Whether the file writes block lists flush with their key (``- item`` at the key's column).

    Judged by the first block list under a mapping key; ``False`` when the file has none.
    """
    stack: list[YamlNode] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, YamlMap):
            for entry in node.written:
                value = entry.value
                if (
                    isinstance(value, YamlSeq)
                    and not value.flow
                    and value.items
                    and entry.value_alias is None
                    and value.range.start.line > entry.key.range.start.line
                ):
                    return value.range.start.column == entry.key.range.start.column
            stack.extend(reversed([entry.value for entry in node.written]))
        elif isinstance(node, YamlSeq):
            stack.extend(reversed(node.items))
    return False

"""Read YAML into lintkit's own node tree, with exact positions and bounded work.

The tree is built from the event stream of PyYAML's libyaml-backed parser (pure-Python parser
when libyaml is missing). Events, not ``yaml.compose``, because libyaml's composer recurses in C
and crashes the interpreter on deeply nested input; the event loop here is iterative and stops
at the depth limit. Marks are character offsets into the text we pass in (the BOM-free
``SourceText.text``), so positions come from ``SourceText.position(offset)`` and agree with CRLF
files and non-ASCII content.

Rules never see PyYAML objects: they get :class:`YamlMap`, :class:`YamlSeq` and
:class:`YamlScalar`. Aliases are not copied: an alias yields the anchored node itself, so every
position points at the definition, the one place a user would edit. Merge keys (``<<``) are
applied as Compose applies them; each :class:`MapEntry` says whether it was merged or aliased.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from lintkit.compose.yaml11 import Scalar, compose_value, yaml11_value
from lintkit.errors import ParseError
from lintkit.records import record
from lintkit.source import Position, Range, SourceText

LOG = logging.getLogger(__name__)

if TYPE_CHECKING:
    import yaml

#: PyYAML's parser class: libyaml's when PyYAML was built with it, else the pure-Python one.
#: Chosen on first use, because importing PyYAML costs more than the rest of a small run.
_Loader: Any = None


def _yaml() -> tuple[Any, Any]:
    """The ``yaml`` module and the parser class to read with."""
    global _Loader
    import yaml

    if _Loader is None:
        _Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, _Loader


DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 100
DEFAULT_MAX_NODES = 100_000

MERGE_TAG = "tag:yaml.org,2002:merge"


class ScalarStyle(enum.Enum):
    """How a scalar is written in the file."""

    PLAIN = "plain"
    SINGLE_QUOTED = "single"
    DOUBLE_QUOTED = "double"
    LITERAL = "literal"
    FOLDED = "folded"

    @property
    def quoted(self) -> bool:
        """Whether the scalar is in single or double quotes."""
        return self in (ScalarStyle.SINGLE_QUOTED, ScalarStyle.DOUBLE_QUOTED)


_STYLES = {
    None: ScalarStyle.PLAIN,
    "": ScalarStyle.PLAIN,
    "'": ScalarStyle.SINGLE_QUOTED,
    '"': ScalarStyle.DOUBLE_QUOTED,
    "|": ScalarStyle.LITERAL,
    ">": ScalarStyle.FOLDED,
}


def _unlocated(start: int, end: int) -> Range:
    raise AssertionError("a node built outside the loader is always given its range")


class YamlNode:
    """A node of the YAML tree.

    Attributes:
        range: where the node's content is written (after any ``&anchor``/``!tag``).
        tag: the explicit tag (``!reset``, ``tag:yaml.org,2002:str``), ``None`` when implicit.
        anchor: the anchor name defined on this node, if any.
        shared: True when the node lies in an anchored subtree that an alias refers to, so an
            edit here changes every place that uses the anchor. Fixers must refuse then.
        properties_range: where ``&anchor``/``!tag`` are written, when present.

    Nodes are plain classes with ``__slots__`` rather than dataclasses, and the loader gives
    each node its two offsets and works out :attr:`range` (line and column) only when someone
    asks: most nodes of a file are never reported, and building positions for all of them was
    a third of the time a file took to read.
    """

    __slots__ = (
        "_end",
        "_locate",
        "_range",
        "_start",
        "anchor",
        "properties_range",
        "shared",
        "size",
        "tag",
    )

    _range: Range | None
    _start: int
    _end: int
    _locate: Callable[[int, int], Range]
    tag: str | None
    anchor: str | None
    shared: bool
    properties_range: Range | None
    size: int

    def __init__(
        self,
        range: Range,
        tag: str | None = None,
        anchor: str | None = None,
        shared: bool = False,
        properties_range: Range | None = None,
        size: int = 1,
    ) -> None:
        self._range = range
        self._start = range.start.offset
        self._end = range.end.offset
        self._locate = _unlocated
        self.tag = tag
        self.anchor = anchor
        self.shared = shared
        self.properties_range = properties_range
        self.size = size

    @property
    def range(self) -> Range:
        """Where the node's content is written (after any ``&anchor``/``!tag``)."""
        found = self._range
        if found is None:
            found = self._range = self._locate(self._start, self._end)
        return found

    @range.setter
    def range(self, value: Range) -> None:
        self._range = value
        self._start = value.start.offset
        self._end = value.end.offset

    @property
    def kind(self) -> str:
        """``"map"``, ``"seq"`` or ``"scalar"``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        start, end = self.range.start, self.range.end
        where = f"{start.line}:{start.column}-{end.line}:{end.column}"
        detail = repr(self.value) if isinstance(self, YamlScalar) else f"{len(self)} items"
        return f"{type(self).__name__}({detail} @ {where})"

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        # A node is always "there", even an empty mapping: `if service.get("ports"):` must not
        # confuse an empty value with a missing key.
        return True

    def to_python(self) -> Any:
        """Return the plain Python value (dicts, lists, Compose v2 scalar values)."""
        raise NotImplementedError


class YamlScalar(YamlNode):
    """A scalar. ``value`` is the text after YAML unquoting/folding, before any typing."""

    __slots__ = ("_resolved", "style", "value")

    value: str
    style: ScalarStyle
    _resolved: tuple[Scalar] | None

    def __init__(
        self,
        range: Range,
        tag: str | None = None,
        anchor: str | None = None,
        shared: bool = False,
        properties_range: Range | None = None,
        size: int = 1,
        value: str = "",
        style: ScalarStyle = ScalarStyle.PLAIN,
    ) -> None:
        super().__init__(range, tag, anchor, shared, properties_range, size)
        self.value = value
        self.style = style
        self._resolved = None

    @property
    def kind(self) -> str:
        """Always ``"scalar"``."""
        return "scalar"

    @property
    def resolved(self) -> Scalar:
        """The value as Compose v2 reads it (YAML 1.2 core); quoted/tagged scalars stay strings."""
        # Worked out once: rules, the merged view and the schema check all ask for it.
        found = self._resolved
        if found is None:
            found = self._resolved = (self._resolve(),)
        return found[0]

    def _resolve(self) -> Scalar:
        if self.style is not ScalarStyle.PLAIN:
            return self.value
        if self.tag is not None and self.tag not in ("!", "tag:yaml.org,2002:null"):
            if self.tag == "tag:yaml.org,2002:str":
                return self.value
            return compose_value(self.value)
        return compose_value(self.value)

    @property
    def yaml11(self) -> Scalar:
        """The value as a YAML 1.1 reader (docker-compose v1, PyYAML) reads it."""
        if self.style is not ScalarStyle.PLAIN or self.tag is not None:
            return self.value
        return yaml11_value(self.value)

    @property
    def is_null(self) -> bool:
        """Whether the scalar is ``null``, ``~`` or empty (and not quoted)."""
        return self.style is ScalarStyle.PLAIN and self.resolved is None

    @property
    def text(self) -> str:
        """The scalar's string value (same as ``value``)."""
        return self.value

    def to_python(self) -> Any:
        """Return :attr:`resolved`."""
        return self.resolved


class MapEntry:
    """One key/value pair of a mapping.

    Attributes:
        key: the key node.
        value: the value node (for an alias, the anchored node itself).
        merged: the entry came in through a ``<<`` merge key; its nodes belong to the anchor.
        value_alias: where ``*name`` is written when the value was given as an alias.
        merge_range: for a merged entry, the range of the ``<<`` value that brought it in.
        key_text: the key as a string (``str()`` of a non-scalar key's Python value).
    """

    __slots__ = ("key", "key_text", "merge_range", "merged", "value", "value_alias")

    def __init__(
        self,
        key: YamlNode,
        value: YamlNode,
        merged: bool = False,
        value_alias: Range | None = None,
        merge_range: Range | None = None,
    ) -> None:
        self.key = key
        self.value = value
        self.merged = merged
        self.value_alias = value_alias
        self.merge_range = merge_range
        # Computed once: every lookup and every rule reads it.
        self.key_text: str = key.value if isinstance(key, YamlScalar) else str(key.to_python())

    def __repr__(self) -> str:
        return (
            f"MapEntry(key={self.key!r}, value={self.value!r}, merged={self.merged!r}, "
            f"value_alias={self.value_alias!r}, merge_range={self.merge_range!r})"
        )

    @property
    def editable(self) -> bool:
        """Whether editing this entry's value text changes only this entry."""
        return not (self.merged or self.value_alias is not None or self.value.shared)


class YamlMap(YamlNode):
    """A mapping. ``entries`` is the effective content (merges applied, later duplicates win).

    ``written`` holds the entries as written (``<<`` entries and duplicates included), in order.
    """

    __slots__ = ("_index", "entries", "flow", "written")

    entries: list[MapEntry]
    written: list[MapEntry]
    flow: bool
    _index: dict[str, MapEntry]

    def __init__(
        self,
        range: Range,
        tag: str | None = None,
        anchor: str | None = None,
        shared: bool = False,
        properties_range: Range | None = None,
        size: int = 1,
        entries: list[MapEntry] | None = None,
        written: list[MapEntry] | None = None,
        flow: bool = False,
    ) -> None:
        super().__init__(range, tag, anchor, shared, properties_range, size)
        self.entries = [] if entries is None else entries
        self.written = [] if written is None else written
        self.flow = flow
        self._index = {entry.key_text: entry for entry in self.entries}

    @property
    def kind(self) -> str:
        """Always ``"map"``."""
        return "map"

    def entry(self, key: str) -> MapEntry | None:
        """Return the effective entry for ``key``."""
        return self._index.get(key)

    def get(self, key: str) -> YamlNode | None:
        """Return the effective value node for ``key``."""
        entry = self._index.get(key)
        return entry.value if entry is not None else None

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def keys(self) -> list[str]:
        """Effective keys in order."""
        return [entry.key_text for entry in self.entries]

    def items(self) -> Iterator[tuple[str, YamlNode]]:
        """Effective ``(key, value node)`` pairs in order."""
        for entry in self.entries:
            yield entry.key_text, entry.value

    def __len__(self) -> int:
        return len(self.entries)

    def to_python(self) -> Any:
        """Return a dict of plain values."""
        return {entry.key_text: entry.value.to_python() for entry in self.entries}


class YamlSeq(YamlNode):
    """A sequence. ``aliases[i]`` is where ``*name`` is written when item ``i`` was an alias."""

    __slots__ = ("aliases", "flow", "items")

    items: list[YamlNode]
    aliases: list[Range | None]
    flow: bool

    def __init__(
        self,
        range: Range,
        tag: str | None = None,
        anchor: str | None = None,
        shared: bool = False,
        properties_range: Range | None = None,
        size: int = 1,
        items: list[YamlNode] | None = None,
        aliases: list[Range | None] | None = None,
        flow: bool = False,
    ) -> None:
        super().__init__(range, tag, anchor, shared, properties_range, size)
        self.items = [] if items is None else items
        self.aliases = [] if aliases is None else aliases
        self.flow = flow

    @property
    def kind(self) -> str:
        """Always ``"seq"``."""
        return "seq"

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[YamlNode]:
        return iter(self.items)

    def to_python(self) -> Any:
        """Return a list of plain values."""
        return [item.to_python() for item in self.items]


@record
class DuplicateKey:
    """A key written twice in one mapping: Compose v2 rejects such a file."""

    key: str
    first: Range
    duplicate: Range


@record(frozen=False)
class YamlDocument:
    """The documents of one YAML stream and what was noticed while reading them."""

    source: SourceText
    roots: list[YamlNode]
    duplicates: list[DuplicateKey]
    anchors: dict[str, YamlNode]

    @property
    def root(self) -> YamlNode | None:
        """The first document's root node (``None`` for a file without any document)."""
        return self.roots[0] if self.roots else None


# --- building -------------------------------------------------------------------------------


class _Open:
    """A container whose end event has not arrived yet."""

    __slots__ = (
        "anchor",
        "key_alias",
        "last_end",
        "merge_entries",
        "merges",
        "node",
        "pending_key",
        "seen",
        "start",
    )

    def __init__(self, node: YamlMap | YamlSeq, start: int, anchor: str | None) -> None:
        self.node = node
        self.start = start
        self.anchor = anchor
        self.pending_key: YamlNode | None = None
        self.key_alias = False
        # Merge keys are rare: their lists are made when the first one is met.
        self.merges: list[tuple[YamlNode, Range]] | None = None
        self.merge_entries: set[int] | None = None
        self.seen: dict[str, MapEntry] = {}
        self.last_end = -1


_PROPERTY = re.compile(r"(?:[&!][^\s,\[\]{}]*|#[^\n]*|\s+)")
_PLAIN = ScalarStyle.PLAIN
_BLOCK_STYLES = (ScalarStyle.LITERAL, ScalarStyle.FOLDED)


class _Builder:
    def __init__(self, source: SourceText, max_depth: int, max_nodes: int) -> None:
        self.source = source
        self.text = source.text
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.anchors: dict[str, YamlNode] = {}
        self.open_anchors: set[str] = set()
        self.aliased: set[int] = set()
        self.stack: list[_Open] = []
        self.roots: list[YamlNode] = []
        self.duplicates: list[DuplicateKey] = []
        self.total = 0
        self.expanded = 0
        # Positions are worked out from offsets only when a node's range is asked for.
        self.locate: Callable[[int, int], Range] = source.range
        # libyaml does not count a BOM at the start of the stream; a second BOM (the first is
        # never in SourceText.text) is skipped before parsing and added back here.
        self.shift = 1 if source.text.startswith("\ufeff") else 0

    def error(self, message: str, offset: int) -> ParseError:
        pos = self.source.position(offset)
        return ParseError(message, pos.line, pos.column)

    def content_start(self, start: int, end: int) -> int:
        """Skip ``&anchor``, ``!tag``, comments and blanks written before a node's content."""
        offset = start
        while offset < end:
            match = _PROPERTY.match(self.text, offset)
            if match is None or match.end() == offset:
                break
            offset = match.end()
        return min(offset, end)

    def properties(self, start: int, end: int) -> tuple[int, Range]:
        """Where the content of a node written with an anchor or tag starts, and their range."""
        content = self.content_start(start, end)
        text = self.text[start:content].rstrip()
        return content, self.locate(start, start + len(text))

    def count(self, node: YamlNode, alias: bool, offset: int) -> None:
        # Aliases are not copied, so memory stays linear; but anything that walks the values
        # (``to_python``, the merged view) visits a node once per alias, so that is bounded.
        self.total += 1
        if not alias:
            return
        self.expanded += node.size
        if self.expanded > self.max_nodes:
            raise self.error(
                f"the document expands to more than {self.max_nodes} nodes "
                "(aliases referring to aliases, as in a 'billion laughs' file)",
                offset,
            )

    def run(self, events: Iterator[yaml.Event]) -> None:
        yaml, _ = _yaml()
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        alias_event = yaml.AliasEvent
        document_start = yaml.DocumentStartEvent
        scalar = self.scalar
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                scalar(event)
            elif kind is mapping_end or kind is sequence_end:
                self.end(event)
            elif kind is mapping_start or kind is sequence_start:
                self.start(event, kind is mapping_start)
            elif kind is alias_event:
                self.alias(event)
            elif kind is document_start:
                self.anchors.clear()

    def scalar(self, event: Any) -> None:
        shift = self.shift
        start = event.start_mark.index + shift
        end = event.end_mark.index + shift
        anchor = event.anchor
        tag = event.tag
        props = None
        if anchor is not None or tag is not None:
            start, props = self.properties(start, end)
        style = _STYLES.get(event.style, _PLAIN)
        if style in _BLOCK_STYLES:
            # The event ends after the trailing blank lines; the value ends at its last character.
            end = start + len(self.text[start:end].rstrip())
        if tag is not None and event.implicit[0] and style is _PLAIN:
            tag = None
        node = YamlScalar.__new__(YamlScalar)
        node._range = None
        node._start = start
        node._end = end
        node._locate = self.locate
        node.tag = tag
        node.anchor = anchor
        node.shared = False
        node.properties_range = props
        node.size = 1
        node.value = event.value
        node.style = style
        node._resolved = None
        self.add(node, None, start)

    def start(self, event: Any, is_map: bool) -> None:
        if len(self.stack) >= self.max_depth:
            raise self.error(
                f"the YAML nests deeper than {self.max_depth} levels",
                (event.start_mark.index + self.shift),
            )
        shift = self.shift
        start = event.start_mark.index + shift
        end = event.end_mark.index + shift
        anchor = event.anchor
        props = None
        if anchor is not None or event.tag is not None:
            start, props = self.properties(start, end)
        node: YamlMap | YamlSeq
        if is_map:
            node = YamlMap.__new__(YamlMap)
            node.entries = []
            node.written = []
            node._index = {}
        else:
            node = YamlSeq.__new__(YamlSeq)
            node.items = []
            node.aliases = []
        node._range = None
        node._start = start
        node._end = start
        node._locate = self.locate
        node.tag = None if event.implicit else event.tag
        node.anchor = anchor
        node.shared = False
        node.properties_range = props
        node.size = 1
        node.flow = bool(event.flow_style)
        if anchor is not None:
            self.open_anchors.add(anchor)
        self.stack.append(_Open(node, start, anchor))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        node = frame.node
        # A block container ends with its last child, not where the parser noticed its end
        # (after trailing comments and blank lines).
        if node.flow:
            node._end = event.end_mark.index + self.shift
        else:
            node._end = frame.last_end if frame.last_end > frame.start else frame.start
        size = 1
        if isinstance(node, YamlMap):
            self.finish_map(node, frame)
            for entry in node.entries:
                size += entry.key.size + entry.value.size
        else:
            for item in node.items:
                size += item.size
        node.size = size
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
        self.add(node, None, frame.start)

    def alias(self, event: Any) -> None:
        name = event.anchor
        start = event.start_mark.index + self.shift
        if name in self.open_anchors:
            raise self.error(f"alias *{name} refers to a node that contains it", start)
        target = self.anchors.get(name)
        if target is None:
            raise self.error(
                f"alias *{name} refers to an anchor that is not defined before it", start
            )
        self.aliased.add(id(target))
        self.add(target, self.locate(start, (event.end_mark.index + self.shift)), start)

    def add(self, node: YamlNode, alias: Range | None, start: int) -> None:
        if alias is None:
            if node.anchor is not None:
                self.anchors[node.anchor] = node
            self.total += 1
            end = node._end
        else:
            self.count(node, True, start)
            end = alias.end.offset
        if not self.stack:
            self.roots.append(node)
            return
        frame = self.stack[-1]
        if end > frame.last_end:
            frame.last_end = end
        parent = frame.node
        if isinstance(parent, YamlSeq):
            parent.items.append(node)
            parent.aliases.append(alias)
            return
        key = frame.pending_key
        if key is None:
            frame.pending_key = node
            frame.key_alias = alias is not None
            return
        frame.pending_key = None
        entry = MapEntry(key, node, False, alias)
        parent.written.append(entry)
        key_tag = key.tag
        if key_tag == MERGE_TAG or (
            isinstance(key, YamlScalar)
            and not frame.key_alias
            and key.style is _PLAIN
            and key.value == "<<"
            and key_tag is None
        ):
            if frame.merges is None or frame.merge_entries is None:
                frame.merges = []
                frame.merge_entries = set()
            frame.merges.append((node, (alias or node.range)))
            frame.merge_entries.add(id(entry))
            return
        text = entry.key_text
        seen = frame.seen
        first = seen.get(text)
        if first is not None:
            self.duplicates.append(DuplicateKey(text, first.key.range, key.range))
        seen[text] = entry

    def finish_map(self, node: YamlMap, frame: _Open) -> None:
        local = frame.seen
        if frame.merges is None and len(local) == len(node.written):
            # No merge key and no duplicate: the entries are the written ones, in order.
            node.entries = list(node.written)
            node._index = local
            return
        merge_entries = frame.merge_entries or set()
        merged: dict[str, MapEntry] = {}
        for value, where in frame.merges or ():
            sources: list[YamlNode]
            if isinstance(value, YamlMap):
                sources = [value]
            elif isinstance(value, YamlSeq) and all(isinstance(i, YamlMap) for i in value.items):
                sources = value.items
            else:
                raise self.error(
                    "the merge key '<<' needs a mapping or a list of mappings (e.g. <<: *defaults)",
                    where.start.offset,
                )
            for source in sources:
                assert isinstance(source, YamlMap)
                for entry in source.entries:
                    key = entry.key_text
                    # Earlier sources win over later ones; written keys win over all.
                    if key in local or key in merged:
                        continue
                    merged[key] = MapEntry(entry.key, entry.value, True, entry.value_alias, where)
        entries: list[MapEntry] = []
        index: dict[str, MapEntry] = {}
        merge_done = False
        for entry in node.written:
            if id(entry) in merge_entries:
                if not merge_done:
                    for key, merged_entry in merged.items():
                        index[key] = merged_entry
                        entries.append(merged_entry)
                    merge_done = True
                continue
            text = entry.key_text
            if local.get(text) is not entry:
                continue  # an earlier duplicate: the last one written wins
            index[text] = entry
            entries.append(entry)
        node.entries = entries
        node._index = index


def _mark_shared(node: YamlNode, seen: set[int]) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.shared = True
        if isinstance(current, YamlMap):
            for entry in current.written:
                stack.append(entry.key)
                stack.append(entry.value)
        elif isinstance(current, YamlSeq):
            stack.extend(current.items)


_FRIENDLY = (
    (
        "found character '\\t' that cannot start any token",
        "a tab is used for indentation; YAML allows only spaces",
    ),
    ("found a tab character", "a tab is used where YAML needs spaces"),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted string: a closing quote is missing",
    ),
    (
        "mapping values are not allowed",
        "unexpected ':' here: check the indentation, or quote a value that contains ': '",
    ),
    (
        "mapping values are not allowed here",
        "unexpected ':' here: check the indentation, or quote a value that contains ': '",
    ),
    (
        "did not find expected key",
        "bad indentation: this line does not line up with the keys above it",
    ),
    (
        "did not find expected '-' indicator",
        "bad indentation: this line does not line up with the list items above it",
    ),
    (
        "could not find expected ':'",
        "a key without ':' (or a multi-line plain value); check the line above",
    ),
    ("found undefined alias", "an alias refers to an anchor that is not defined"),
    ("found unknown escape character", "unknown escape sequence in a double-quoted string"),
    (
        "found character that cannot start any token",
        "a character that cannot start a YAML value (quote the value)",
    ),
    (
        "did not find expected node content",
        "a value is missing or starts with a character YAML does not allow there",
    ),
    ("did not find expected ',' or ']'", "a flow list '[...]' is not closed"),
    ("did not find expected ',' or '}'", "a flow mapping '{...}' is not closed"),
    ("found unexpected ':'", "unexpected ':' (quote the value)"),
)


def _friendly(problem: str, context: str | None) -> str:
    # Tabs before a key are reported by libyaml as an unknown token; name the real cause.
    for needle, message in _FRIENDLY:
        if needle in problem:
            if needle == "found unexpected end of stream" and context and "quoted" not in context:
                return f"the file ends unexpectedly ({context})"
            if needle == "found character that cannot start any token" and "\\t" in problem:
                continue
            return message
    text = problem if not context else f"{problem} ({context})"
    return f"invalid YAML: {text}"


def _parse_error(source: SourceText, exc: yaml.YAMLError, shift: int) -> ParseError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    context = getattr(exc, "context", None)
    if context and "quoted scalar" in context and getattr(exc, "context_mark", None) is not None:
        # Point at the opening quote: the end of the file says nothing useful.
        mark = exc.context_mark  # type: ignore[attr-defined]
    offset = getattr(mark, "index", 0) + shift if mark is not None else 0
    message = _friendly(problem, context)
    if mark is not None and "tab" not in message:
        line_text = source.line_text(source.position(offset).line)
        if line_text[: len(line_text) - len(line_text.lstrip())].count("\t"):
            message = "a tab is used for indentation; YAML allows only spaces"
    pos = source.position(offset)
    return ParseError(message, pos.line, pos.column)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def load_yaml(
    source: SourceText,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> YamlDocument:
    """Parse every document of ``source`` into lintkit nodes.

    Args:
        source: the file; positions index ``source.text``.
        max_bytes: refuse larger documents (compose files are small; this bounds the work).
        max_depth: refuse deeper nesting (deep input would otherwise cost quadratic time).
        max_nodes: refuse documents whose aliases expand to more nodes (alias bombs).

    Raises:
        ParseError: for anything that is not YAML lintkit can read, with a plain message.
    """
    text = source.text
    if len(source.raw) > max_bytes or len(text) > max_bytes:
        raise ParseError(f"the file is larger than {max_bytes} bytes; not read", 0, 0)
    bad = _CONTROL.search(text)
    if bad is not None:
        pos = source.position(bad.start())
        raise ParseError(
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            pos.line,
            pos.column,
        )
    builder = _Builder(source, max_depth, max_nodes)
    yaml, loader_class = _yaml()
    try:
        parser = loader_class(text[builder.shift :])
        try:
            # What yaml.parse does, without a generator and a second call per event.
            builder.run(iter(parser.get_event, None))
        finally:
            parser.dispose()
    except yaml.YAMLError as exc:
        raise _parse_error(source, exc, builder.shift) from None
    except (ValueError, TypeError, UnicodeError, RecursionError, MemoryError) as exc:
        # LIMITATION: PyYAML can raise plain exceptions on exotic input; we report them as a
        # parse error at the start of the file because no position is known.
        LOG.debug("YAML reader failed: %r", exc)
        raise ParseError(f"the YAML reader failed: {exc}", 0, 0) from None
    seen: set[int] = set()
    for node in builder.anchors.values():
        if id(node) in builder.aliased:
            _mark_shared(node, seen)
    # An aliased node that is no longer an anchor's value had its anchor name reused later;
    # only then must the trees be walked to find it.
    current = {id(node) for node in builder.anchors.values()}
    if not builder.aliased <= current:
        for root in builder.roots:
            _mark_aliased_in(root, builder.aliased, seen)
    LOG.debug("read %d YAML document(s), %d nodes", len(builder.roots), builder.total)
    return YamlDocument(source, builder.roots, builder.duplicates, builder.anchors)


def _mark_aliased_in(root: YamlNode, aliased: set[int], seen: set[int]) -> None:
    """Mark aliased nodes whose anchor name was later reused (so not in ``anchors`` any more)."""
    if not aliased:
        return
    stack = [root]
    visited: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if id(node) in aliased and id(node) not in seen:
            _mark_shared(node, seen)
        if isinstance(node, YamlMap):
            for entry in node.written:
                stack.append(entry.key)
                stack.append(entry.value)
        elif isinstance(node, YamlSeq):
            stack.extend(node.items)


def position_of(source: SourceText, line: int, column: int) -> Position:
    """Return the position at a 0-based line and column of ``source``."""
    return source.position(source.offset(line, column))

"""Dockerfile parser: source text to the syntax tree of ``lintkit.dockerfile.syntax``.

The parser follows BuildKit's line-oriented reader rather than a context-free
grammar: the escape directive changes which character continues a line, and
heredoc bodies end at a delimiter chosen on the opening line, so the line
structure is not context-free. A single linear pass splits the file into
directives, comment lines and logical instructions (continuations joined,
comment and blank lines inside a continuation dropped, as Docker does); each
logical instruction is then split into keyword, flags and arguments with
precompiled regular expressions. Every node keeps exact file offsets; the
logical-to-physical mapping is kept in ``Instruction.segments``.

What Docker rejects raises :class:`lintkit.errors.ParseError`: an unknown
instruction, a repeated or invalid parser directive value, an unterminated
heredoc, a malformed FROM / HEALTHCHECK / ONBUILD / ENV / LABEL, COPY/ADD
without a destination, and a known flag that needs a value written without one
(``COPY --from build``). Unknown flags are left to rules.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from lintkit.dockerfile.syntax import (
    Add,
    Arg,
    Comment,
    Copy,
    CopyLike,
    Directive,
    DockerfileSyntax,
    Env,
    Flag,
    From,
    Healthcheck,
    Heredoc,
    Instruction,
    KeyValue,
    Label,
    Onbuild,
    Run,
    Unknown,
    Word,
)
from lintkit.errors import ParseError
from lintkit.records import field, record
from lintkit.source import Position, Range, SourceText

LOG = logging.getLogger(__name__)

KEYWORDS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)
"""Instructions Docker knows (upper-case)."""

KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
# Keywords whose arguments Docker tries to read as a JSON array first.
_JSON_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"})
_HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
# Instructions whose typed fields need the words at once; others get them lazily.
_EAGER_WORDS = frozenset({"FROM", "COPY", "ADD", "ENV", "LABEL", "ARG", "HEALTHCHECK"})

# Go's regexp ``\s`` (used by BuildKit's directive pattern) is [\t\n\f\r ].
_DIRECTIVE_RE = re.compile(
    r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z"
)
# Leading whitespace as Go's unicode.IsSpace sees it (BuildKit trims with it).
_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LEAD_SPACE_RE = re.compile(f"[{_SPACE}]*")
_KEYWORD_SPLIT_RE = re.compile(r"[\t\v\f\r ]+")
_NOT_BLANK_RE = re.compile(r"[^\t\v\f\r ]")
_BLANK_WORD_RE = re.compile(r"[^\t\n\v\f\r ]+")
_STAGE_NAME_RE = re.compile(r"[a-z][a-z0-9_.-]*")
_NEEDS_ARGUMENT = frozenset(
    {"EXPOSE", "VOLUME", "SHELL", "WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER", "ARG"}
)
# Flags that BuildKit declares with a value (string flags, repeatable or not), per instruction.
# Unknown flags are left to rules: which ones exist depends on the frontend version.
_VALUED_FLAGS: dict[str, frozenset[str]] = {
    "FROM": frozenset({"platform"}),
    "COPY": frozenset({"from", "chown", "chmod", "exclude"}),
    "ADD": frozenset({"chown", "chmod", "checksum", "exclude"}),
    "RUN": frozenset({"mount", "network", "security", "device"}),
    "HEALTHCHECK": frozenset({"interval", "timeout", "start-period", "start-interval", "retries"}),
}
_BARE_MARKER_RE = re.compile(r"\d*<<")
_HEREDOC_RE = re.compile(r"(\d*)<<(-?)([^<]*)\Z", re.S)
_WORD_RES: dict[str, re.Pattern[str]] = {}


def _word_re(escape: str) -> re.Pattern[str]:
    """A word: unquoted runs, escapes and quoted strings (unterminated quotes run to the end)."""
    pattern = _WORD_RES.get(escape)
    if pattern is None:
        e = re.escape(escape)
        # Alternatives start with distinct characters, so matching is linear.
        pattern = re.compile(
            rf"""(?:[^\s"'{e}]+|{e}[\s\S]?|"(?:[^"{e}]|{e}[\s\S]?)*"?|'[^']*'?)+"""
        )
        _WORD_RES[escape] = pattern
    return pattern


def unquote(raw: str, escape: str = "\\") -> str:
    """Remove quotes and resolve escapes in one word, as Docker's word lexer does.

    Variables are not expanded; an escaped ``$`` becomes a plain ``$``.
    """
    if '"' not in raw and "'" not in raw and escape not in raw:
        return raw
    out: list[str] = []
    index = 0
    length = len(raw)
    while index < length:
        char = raw[index]
        if char == "'":
            end = raw.find("'", index + 1)
            end = length if end == -1 else end
            out.append(raw[index + 1 : end])
            index = end + 1
        elif char == '"':
            index += 1
            while index < length and raw[index] != '"':
                char = raw[index]
                if char == escape and index + 1 < length and raw[index + 1] in ('"', "$", escape):
                    out.append(raw[index + 1])
                    index += 2
                    continue
                out.append(char)
                index += 1
            index += 1
        elif char == escape:
            if index + 1 < length:
                out.append(raw[index + 1])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


@record(frozen=False)
class _Logical:
    """A logical line: joined text plus (logical index, file offset) segment starts."""

    text: str
    starts: list[int]
    offsets: list[int]

    def phys(self, index: int) -> int:
        starts = self.starts
        if len(starts) == 1:
            return self.offsets[0] + index
        position = max(bisect.bisect_right(starts, index) - 1, 0)
        return self.offsets[position] + index - starts[position]

    def phys_end(self, start: int, end: int) -> int:
        """File offset just after the logical span ``[start, end)``."""
        if end <= start:
            return self.phys(start)
        return self.phys(end - 1) + 1

    def segments_from(self, start: int) -> tuple[tuple[int, int], ...]:
        """Segments re-based so that logical index ``start`` becomes 0."""
        result: list[tuple[int, int]] = []
        for logical, offset in zip(self.starts, self.offsets, strict=True):
            if logical <= start:
                result = [(0, offset + start - logical)]
            else:
                result.append((logical - start, offset))
        return tuple(result)


@record(frozen=False)
class _Context:
    source: SourceText
    escape: str
    allow_unknown: bool
    position: Callable[[int], Position] = field(init=False)

    def __post_init__(self) -> None:
        starts = self.source.line_starts
        size = len(self.source.text)
        bisect_right = bisect.bisect_right
        # Ranges of one instruction share many offsets (keyword, arguments, words).
        known: dict[int, Position] = {}

        def position(offset: int) -> Position:
            # Hot path: SourceText.position without clamping (offsets here are valid).
            found = known.get(offset)
            if found is not None:
                return found
            clamped = size if offset > size else offset
            line = bisect_right(starts, clamped) - 1
            found = known[offset] = Position(line, clamped - starts[line], clamped)
            return found

        self.position = position

    def range(self, start: int, end: int) -> Range:
        return Range(self.position(start), self.position(end))

    def error(self, message: str, offset: int) -> ParseError:
        pos = self.position(offset)
        return ParseError(message, pos.line, pos.column)


def parse_syntax(source: SourceText, *, allow_unknown: bool = False) -> DockerfileSyntax:
    """Parse a Dockerfile into its syntax tree.

    Args:
        source: the file.
        allow_unknown: keep unknown instructions as ``Unknown`` nodes instead of
            failing (BuildKit fails the build on them, so the default is to raise).

    Raises:
        ParseError: when Docker would not accept the file.
    """
    text = source.text
    starts = source.line_starts
    line_count = len(starts)
    # Content end of each line (before \r\n or \n; the last line keeps a lone \r).
    ends = [start - 1 for start in starts[1:]]
    if "\r" in text:
        ends = [
            end - 1 if end > begin and text[end - 1] == "\r" else end
            # ``ends`` has no entry for the last line yet: zip stops before it.
            for begin, end in zip(starts, ends, strict=False)
        ]
    ends.append(len(text))
    context = _Context(source, "\\", allow_unknown)

    directives: list[Directive] = []
    number = 0
    seen: set[str] = set()
    while number < line_count:
        start = starts[number]
        lead = _LEAD_SPACE_RE.match(text, start, ends[number])
        first = lead.end() if lead else start
        match = _DIRECTIVE_RE.match(text, first, ends[number])
        if not match or match.group(1).lower() not in KNOWN_DIRECTIVES:
            break
        name = match.group(1).lower()
        if name in seen:
            raise context.error(f"the {name} parser directive is given twice", first)
        seen.add(name)
        value = match.group(2)
        if name == "escape":
            if value not in ("\\", "`"):
                raise context.error(
                    f"invalid escape directive value {value!r}: use \\ or `", match.start(2)
                )
            context.escape = value
        directives.append(
            Directive(
                range=context.range(first, match.end(2)),
                name=name,
                value=value,
                value_range=context.range(match.start(2), match.end(2)),
            )
        )
        number += 1

    escape = context.escape
    instructions: list[Instruction] = []
    comments: list[Comment] = []
    while number < line_count:
        start = starts[number]
        end = ends[number]
        lead = _LEAD_SPACE_RE.match(text, start, end)
        first = lead.end() if lead else start
        if first >= end:
            number += 1
            continue
        if text[first] == "#":
            comments.append(_comment(context, first, end))
            number += 1
            continue
        number = _read_instruction(context, number, first, ends, instructions)
    return DockerfileSyntax(
        directives=tuple(directives),
        instructions=tuple(instructions),
        comments=tuple(comments),
        escape=escape,
    )


def _comment(context: _Context, first: int, end: int) -> Comment:
    body = context.source.text[first:end].rstrip()
    return Comment(range=context.range(first, first + len(body)), text=body[1:].strip())


def _continues(text: str, start: int, end: int, escape: str) -> int:
    """Return the offset of a line-continuation escape ending ``text[start:end]``, or -1."""
    stop = end
    while stop > start and text[stop - 1] in " \t":
        stop -= 1
    # BuildKit continues only when the escape follows another character or starts
    # the line: ``foo\\`` (and ``foo\\\``) end the instruction.
    if (
        stop > start
        and text[stop - 1] == escape
        and (stop - 1 == start or text[stop - 2] != escape)
    ):
        return stop - 1
    return -1


def _read_instruction(
    context: _Context, number: int, first: int, ends: list[int], out: list[Instruction]
) -> int:
    """Read one instruction starting on line ``number``; return the next line number."""
    source = context.source
    text = source.text
    starts = source.line_starts
    line_count = len(starts)
    escape = context.escape
    pieces: list[str] = []
    seg_starts: list[int] = []
    seg_offsets: list[int] = []
    comments: list[Comment] = []
    length = 0
    end = ends[number]
    cont = _continues(text, first, end, escape)
    piece_end = end if cont == -1 else cont
    pieces.append(text[first:piece_end])
    seg_starts.append(0)
    seg_offsets.append(first)
    length += piece_end - first
    last_end = end
    number += 1
    while cont != -1 and number < line_count:
        start = starts[number]
        end = ends[number]
        lead = _LEAD_SPACE_RE.match(text, start, end)
        lead_end = lead.end() if lead else start
        number += 1
        if lead_end >= end:
            continue  # Docker drops empty lines inside a continuation.
        if text[lead_end] == "#":
            comments.append(_comment(context, lead_end, end))
            last_end = end
            continue
        cont = _continues(text, start, end, escape)
        piece_end = end if cont == -1 else cont
        if piece_end > start:
            pieces.append(text[start:piece_end])
            seg_starts.append(length)
            seg_offsets.append(start)
            length += piece_end - start
        last_end = end
    logical = _Logical("".join(pieces), seg_starts, seg_offsets)
    state = [number, last_end]

    def finish(specs: list[_HeredocSpec]) -> dict[str, Any]:
        """Read the heredoc bodies after the instruction line; return the final fields."""
        number, last_end = state
        heredocs: list[Heredoc] = []
        for marker_start, marker_end, delimiter, strip_tabs, quoted in specs:
            body_start = starts[number] if number < line_count else len(text)
            while True:
                if number >= line_count:
                    raise context.error(
                        f"the heredoc <<{delimiter} is never closed: add a line with just "
                        f"{delimiter} after its body",
                        marker_start,
                    )
                line = text[starts[number] : ends[number]].rstrip("\r")
                if strip_tabs:
                    line = line.lstrip("\t")
                if line == delimiter:
                    break
                number += 1
            close_start = starts[number]
            last_end = ends[number]
            number += 1
            heredocs.append(
                Heredoc(
                    range=context.range(body_start, last_end),
                    marker_range=context.range(marker_start, marker_end),
                    delimiter=delimiter,
                    body=text[body_start:close_start],
                    body_range=context.range(body_start, close_start),
                    strip_tabs=strip_tabs,
                    quoted=quoted,
                )
            )
        state[0] = number
        changes: dict[str, Any] = {
            "range": context.range(first, last_end),
            "comments": tuple(comments),
            "heredocs": tuple(heredocs),
        }
        return changes

    out.append(_parse_logical(context, logical, 0, finish))
    return state[0]


_HeredocSpec = tuple[int, int, str, bool, bool]


def _parse_logical(
    context: _Context,
    logical: _Logical,
    begin: int,
    finish: Callable[[list[_HeredocSpec]], dict[str, Any]] | None = None,
) -> Instruction:
    """Parse keyword, flags and arguments of ``logical.text[begin:]``."""
    text = logical.text
    phys = logical.phys
    blank = _NOT_BLANK_RE.search(text, begin)
    kw_start = blank.start() if blank else len(text)
    split = _KEYWORD_SPLIT_RE.search(text, kw_start)
    kw_end = split.start() if split else len(text)
    written = text[kw_start:kw_end]
    keyword = written.upper()
    kw_phys = phys(kw_start)
    if keyword not in KEYWORDS and not context.allow_unknown:
        import difflib  # only to suggest a spelling

        suggestion = difflib.get_close_matches(keyword, sorted(KEYWORDS), n=1)
        hint = f" (did you mean {suggestion[0]}?)" if suggestion else ""
        shown = written if len(written) <= 40 else written[:40] + "…"
        raise context.error(f"unknown instruction {shown!r}{hint}", kw_phys)
    rest = split.end() if split else len(text)
    flags, args_start = _flags(context, logical, rest, keyword)
    args_end = len(text)
    while args_end > args_start and text[args_end - 1] in " \t\v\f\r":
        args_end -= 1
    arguments = text[args_start:args_end]
    arg_phys = phys(args_start)
    arg_phys_end = logical.phys_end(args_start, args_end)
    content_end = max(args_end, kw_end)
    common: dict[str, Any] = {
        "range": context.range(kw_phys, logical.phys_end(kw_start, content_end)),
        "keyword": keyword,
        "written_keyword": written,
        "keyword_range": context.range(kw_phys, logical.phys_end(kw_start, kw_end)),
        "flags": flags,
        "arguments": arguments,
        "arguments_range": context.range(arg_phys, arg_phys_end),
        "segments": logical.segments_from(args_start),
    }
    exec_form = None
    words: Sequence[Word] = ()
    if keyword in _JSON_KEYWORDS and arguments.startswith("["):
        exec_form, words = _exec_form(context, logical, args_start, arguments)
    word_starts: list[int] = []
    if exec_form is None:
        if keyword in _EAGER_WORDS:
            words = _words(
                context,
                logical,
                args_start,
                args_end,
                context.escape,
                word_starts,
                quote_aware=keyword in ("ENV", "LABEL", "ARG"),
            )
        else:
            words = LazyWords(context, logical, args_start, args_end)
    common["words"] = words
    common["exec_form"] = exec_form
    trigger = None
    if keyword == "ONBUILD":
        if not arguments:
            raise context.error("ONBUILD needs an instruction to run later", kw_phys)
        trigger = _parse_logical(context, logical, args_start)
        if trigger.keyword in ("ONBUILD", "FROM", "MAINTAINER"):
            raise context.error(
                f"{trigger.keyword} cannot be used as an ONBUILD trigger",
                trigger.keyword_range.start.offset,
            )
    heredoc_specs: list[_HeredocSpec] = []
    if finish is not None:
        # ``ONBUILD RUN <<EOF`` takes heredocs too (BuildKit looks at the trigger).
        target = trigger if trigger is not None else None
        target_keyword = target.keyword if target is not None else keyword
        target_exec = target.exec_form if target is not None else exec_form
        if target_keyword in _HEREDOC_KEYWORDS and target_exec is None and "<<" in arguments:
            heredoc_specs = _heredoc_specs(context, logical, args_start, args_end)
        common.update(finish(heredoc_specs))
        if trigger is not None and common["heredocs"]:
            trigger = _with_heredocs(trigger, common["heredocs"])

    if not arguments and keyword in _NEEDS_ARGUMENT and not common.get("heredocs"):
        raise context.error(f"{keyword} needs an argument", kw_phys)
    if keyword == "FROM":
        return _from(context, common, words, kw_phys)
    if keyword in ("COPY", "ADD"):
        if len(words) < 2:
            raise context.error(f"{keyword} needs a source and a destination", kw_phys)
        cls = Copy if keyword == "COPY" else Add
        markers = {spec[0] for spec in heredoc_specs}
        sources = tuple(word for word in words[:-1] if word.range.start.offset not in markers)
        return cls(sources=sources, destination=words[-1], **common)
    if keyword == "RUN":
        return Run(**common)
    if keyword in ("ENV", "LABEL", "ARG"):
        pairs = _pairs(context, logical, keyword, args_end, words, word_starts, kw_phys)
        kv_cls = Env if keyword == "ENV" else Label if keyword == "LABEL" else Arg
        return kv_cls(pairs=pairs, **common)
    if keyword == "HEALTHCHECK":
        return _healthcheck(context, logical, common, words, args_start, kw_phys)
    if trigger is not None:
        return Onbuild(trigger=trigger, **common)
    if keyword not in KEYWORDS:
        return Unknown(**common)
    return Instruction(**common)


def _with_heredocs(instruction: Instruction, heredocs: tuple[Heredoc, ...]) -> Instruction:
    values = dict(instruction.__dict__)
    values["heredocs"] = heredocs
    if isinstance(instruction, CopyLike):
        markers = {heredoc.marker_range.start.offset for heredoc in heredocs}
        values["sources"] = tuple(
            word for word in instruction.sources if word.range.start.offset not in markers
        )
    return type(instruction)(**values)


def _flags(
    context: _Context, logical: _Logical, index: int, keyword: str
) -> tuple[tuple[Flag, ...], int]:
    r"""Read leading ``--flag`` words the way BuildKit's flag extractor does (``\\`` escapes).

    A flag of ``keyword`` that takes a value but is written without ``=`` raises
    :class:`ParseError`, as BuildKit stops with "missing a value on flag".
    """
    valued = _VALUED_FLAGS.get(keyword, frozenset())
    text = logical.text
    length = len(text)
    flags: list[Flag] = []
    while True:
        while index < length and text[index] in " \t\v\f\r\n":
            index += 1
        if not text.startswith("--", index):
            return tuple(flags), index
        word_start = index
        chars: list[str] = []
        quote = ""
        eq_raw = -1  # logical index of the first unquoted-text '=' in the raw word
        while index < length:
            char = text[index]
            if quote:
                if char == quote:
                    quote = ""
                elif char == "\\" and index + 1 < length:
                    index += 1
                    chars.append(text[index])
                else:
                    chars.append(char)
            elif char in " \t\v\f\r\n":
                break
            elif char in "'\"":
                quote = char
            elif char == "\\":
                if index + 1 < length:
                    index += 1
                    chars.append(text[index])
            else:
                if char == "=" and eq_raw == -1:
                    eq_raw = index
                chars.append(char)
            index += 1
        word = "".join(chars)
        if word == "--":
            while index < length and text[index] in " \t\v\f\r\n":
                index += 1
            return tuple(flags), index
        name, has_value, value = word[2:].partition("=")
        start_phys = logical.phys(word_start)
        if not has_value and name in valued:
            # NOTE: BuildKit reads the next word as an argument, not as the value, and
            # rejects the instruction; reading on would make `build` in `--from build` a source.
            raise context.error(
                f"{keyword} --{name} has no value: write --{name}=<value>", start_phys
            )
        end_phys = logical.phys_end(word_start, index)
        value_range = None
        if has_value:
            value_start = eq_raw + 1 if eq_raw != -1 else word_start + 2 + len(name) + 1
            value_range = context.range(logical.phys(value_start), end_phys)
        flags.append(
            Flag(
                range=context.range(start_phys, end_phys),
                name=name,
                value=value if has_value else None,
                value_range=value_range,
            )
        )


class LazyWords(Sequence[Word]):
    """The words of an instruction, split on first use (most rules never read RUN's words)."""

    __slots__ = ("_args", "_words")

    def __init__(self, context: _Context, logical: _Logical, start: int, end: int) -> None:
        self._args: tuple[_Context, _Logical, int, int] | None = (context, logical, start, end)
        self._words: tuple[Word, ...] = ()

    def _get(self) -> tuple[Word, ...]:
        if self._args is not None:
            context, logical, start, end = self._args
            self._words = _words(context, logical, start, end, context.escape, [])
            self._args = None
        return self._words

    @overload
    def __getitem__(self, index: int) -> Word: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Word, ...]: ...

    def __getitem__(self, index: int | slice) -> Word | tuple[Word, ...]:
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Iterator[Word]:
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self._get()) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


def _words(
    context: _Context,
    logical: _Logical,
    start: int,
    end: int,
    escape: str,
    starts: list[int],
    *,
    quote_aware: bool = False,
) -> tuple[Word, ...]:
    # BuildKit splits most instructions on blanks only and respects quotes only
    # for ENV/LABEL/ARG pairs; ``COPY "a b" c`` is three words for Docker too.
    text = logical.text
    result: list[Word] = []
    pattern = _word_re(escape) if quote_aware else _BLANK_WORD_RE
    for match in pattern.finditer(text, start, end):
        raw = match.group()
        ws, we = match.span()
        starts.append(ws)
        result.append(
            Word(
                range=context.range(logical.phys(ws), logical.phys_end(ws, we)),
                raw=raw,
                value=unquote(raw, escape),
            )
        )
    return tuple(result)


_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def _exec_form(
    context: _Context, logical: _Logical, start: int, arguments: str
) -> tuple[tuple[str, ...] | None, tuple[Word, ...]]:
    """Parse a JSON array of strings; anything else is shell form for Docker."""
    try:
        value = json.loads(arguments, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None, ()
    if not isinstance(value, list):
        return None, ()
    for item in value:
        if not isinstance(item, str):
            # Valid JSON that is not a list of strings is an error for Docker, not shell form.
            raise context.error(
                "a JSON array here must hold only strings (quote every element)",
                logical.phys(start),
            )
    words: list[Word] = []
    for match, item in zip(_JSON_STRING_RE.finditer(arguments), value, strict=False):
        ws, we = match.start() + start, match.end() + start
        words.append(
            Word(
                range=context.range(logical.phys(ws), logical.phys_end(ws, we)),
                raw=match.group(),
                value=item,
            )
        )
    return tuple(value), tuple(words)


def _reject_constant(name: str) -> Any:
    # Go's JSON decoder has no NaN/Infinity: such arrays are shell form for Docker.
    raise ValueError(name)


def _heredoc_specs(
    context: _Context, logical: _Logical, start: int, end: int
) -> list[_HeredocSpec]:
    r"""Find ``<<EOF`` words; BuildKit lexes them with ``\`` whatever the escape directive.

    Like BuildKit's word lexer, ``<<`` followed by blanks joins the next word
    (``<<  EOF`` is a heredoc called ``EOF``), while ``cat<<EOF`` is no heredoc.
    """
    specs: list[_HeredocSpec] = []
    matches = list(_word_re("\\").finditer(logical.text, start, end))
    index = 0
    while index < len(matches):
        match = matches[index]
        index += 1
        word = match.group()
        ws, we = match.span()
        if _BARE_MARKER_RE.fullmatch(word) and index < len(matches):
            following = matches[index]
            index += 1
            word = word + following.group()
            we = following.end()
        found = _HEREDOC_RE.match(word)
        if not found or not found.group(3):
            continue
        rest = found.group(3)
        name = unquote(rest, "\\")
        if not name or _word_re("\\").fullmatch(rest) is None:
            continue
        specs.append(
            (
                logical.phys(ws),
                logical.phys_end(ws, we),
                name,
                found.group(2) == "-",
                _has_quoting(rest),
            )
        )
    return specs


def _has_quoting(word: str) -> bool:
    """Whether a quote character in ``word`` acts as a quote (an escaped one does not)."""
    index = 0
    while index < len(word):
        char = word[index]
        if char == "\\":
            index += 2
            continue
        if char in "'\"":
            return True
        index += 1
    return False


def _from(context: _Context, common: dict[str, Any], words: Sequence[Word], at: int) -> From:
    if not words:
        raise context.error("FROM needs an image (or scratch)", at)
    if len(words) == 3 and words[1].value.lower() == "as":
        if not _STAGE_NAME_RE.fullmatch(words[2].raw.lower()):
            raise context.error(
                f"invalid stage name {words[2].raw!r}: use a letter first, then letters, "
                "digits, '-', '_' or '.'",
                words[2].range.start.offset,
            )
        return From(image=words[0], as_keyword=words[1], stage_name=words[2], **common)
    if len(words) != 1:
        raise context.error(
            "FROM takes an image and optionally 'AS <stage name>', nothing else",
            words[1].range.start.offset,
        )
    return From(image=words[0], **common)


def _pairs(
    context: _Context,
    logical: _Logical,
    keyword: str,
    end: int,
    words: Sequence[Word],
    word_starts: list[int],
    at: int,
) -> tuple[KeyValue, ...]:
    if not words:
        raise context.error(f"{keyword} needs at least one name", at)
    escape = context.escape
    if keyword != "ARG" and "=" not in words[0].raw:
        # Legacy ``ENV key value``: the value is the rest of the line.
        key_word = words[0]
        if len(words) < 2:
            raise context.error(
                f"{keyword} {key_word.raw} has no value: write {key_word.raw}=<value>",
                key_word.range.start.offset,
            )
        index = word_starts[1]
        value_end = logical.phys_end(index, end)
        return (
            KeyValue(
                range=context.range(key_word.range.start.offset, value_end),
                key=key_word.raw,
                key_range=key_word.range,
                value=unquote(logical.text[index:end], escape),
                value_range=context.range(words[1].range.start.offset, value_end),
                legacy=True,
            ),
        )
    pairs: list[KeyValue] = []
    for word, word_start in zip(words, word_starts, strict=True):
        raw = word.raw
        key, has_value, raw_value = raw.partition("=")
        if not has_value and keyword != "ARG":
            raise context.error(
                f"{keyword} expects name=value pairs, but {raw!r} has no '='",
                word.range.start.offset,
            )
        if not key:
            raise context.error(f"{keyword} has a pair without a name", word.range.start.offset)
        key_end = logical.phys_end(word_start, word_start + len(key))
        value_range = None
        value = None
        if has_value:
            value_start = logical.phys(word_start + len(key) + 1)
            value_range = Range(context.position(value_start), word.range.end)
            value = unquote(raw_value, escape)
        pairs.append(
            KeyValue(
                range=word.range,
                key=unquote(key, escape),
                key_range=context.range(word.range.start.offset, key_end),
                value=value,
                value_range=value_range,
            )
        )
    return tuple(pairs)


def _healthcheck(
    context: _Context,
    logical: _Logical,
    common: dict[str, Any],
    words: Sequence[Word],
    args_start: int,
    at: int,
) -> Healthcheck:
    if not words:
        raise context.error("HEALTHCHECK needs CMD <command> or NONE", at)
    kind = words[0].value.upper()
    if kind == "NONE":
        if len(words) > 1:
            raise context.error(
                "HEALTHCHECK NONE takes nothing after it", words[1].range.start.offset
            )
        return Healthcheck(none=True, **common)
    if kind != "CMD":
        raise context.error(
            f"HEALTHCHECK expects CMD or NONE, not {words[0].raw!r}", words[0].range.start.offset
        )
    if len(words) < 2:
        raise context.error("HEALTHCHECK CMD needs a command to run", words[0].range.start.offset)
    command = _parse_logical(context, logical, args_start)
    return Healthcheck(command=command, **common)


def rebuild(syntax: DockerfileSyntax, source: SourceText) -> str:
    """Rebuild the file from the tree's ranges and the whitespace between them.

    Raises:
        ValueError: when nodes overlap or something other than whitespace lies between them
            (that would be a parser bug).
    """
    text = source.text
    spans = sorted(
        [(node.range.start.offset, node.range.end.offset) for node in syntax.directives]
        + [(node.range.start.offset, node.range.end.offset) for node in syntax.comments]
        + [(node.range.start.offset, node.range.end.offset) for node in syntax.instructions]
    )
    parts: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:
            raise ValueError(f"overlapping nodes at offset {start}")
        gap = text[position:start]
        if gap.strip(_GAP_CHARS):
            raise ValueError(f"uncovered text {gap!r} at offset {position}")
        parts.append(gap)
        parts.append(text[start:end])
        position = end
    gap = text[position:]
    if gap.strip(_GAP_CHARS):
        raise ValueError(f"uncovered text {gap!r} at offset {position}")
    parts.append(gap)
    return "".join(parts)


# Every character Python's str.strip() removes (the parser strips node text with it),
# the information separators \x1c-\x1f included.
_GAP_CHARS = (
    "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)

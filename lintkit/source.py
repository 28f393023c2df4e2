"""Source text and positions shared by every parser, rule and output format.

Positions are 0-based (as in the Language Server Protocol); output formats that
show 1-based numbers add one when they render. Columns count Unicode code
points; the LSP output converts them to UTF-16 units where a line needs it.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from pathlib import Path

from lintkit.records import record

BOM = "\ufeff"


@record(order=True, slots=True)
class Position:
    """A place in a file: 0-based line and column, and the offset in the text."""

    line: int
    column: int
    offset: int


@record(slots=True)
class Range:
    """A half-open span of text from ``start`` up to (not including) ``end``."""

    start: Position
    end: Position

    def contains(self, other: Range) -> bool:
        """Return whether ``other`` lies wholly inside this range."""
        return self.start.offset <= other.start.offset and other.end.offset <= self.end.offset


class SourceDecodeError(ValueError):
    """The bytes of a file are not text lintkit can lint (binary or invalid UTF-8)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@record
class SourceText:
    """The decoded text of one file and what is needed to write it back unchanged.

    ``text`` never includes the byte-order mark: editors hide it too, so columns
    on the first line match what a user sees. ``raw`` keeps the original bytes.
    """

    path: Path
    text: str
    raw: bytes
    has_bom: bool = False

    def __post_init__(self) -> None:
        # Each line's length plus its newline, summed up: faster than finding each newline.
        starts = [0, *accumulate(len(line) + 1 for line in self.text.split("\n")[:-1])]
        object.__setattr__(self, "_line_starts", starts)

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes) -> SourceText:
        """Decode ``raw`` as UTF-8, refusing binary content with the position of the first bad byte.

        Raises:
            SourceDecodeError: when the file holds a NUL byte or is not valid UTF-8.
        """
        nul = raw.find(b"\x00")
        if nul != -1:
            line, column = _byte_position(raw, nul)
            raise SourceDecodeError("binary content (a NUL byte)", line, column)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _byte_position(raw, exc.start)
            raise SourceDecodeError(
                f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", line, column
            ) from exc
        has_bom = text.startswith(BOM)
        if has_bom:
            text = text[1:]
        return cls(path=path, text=text, raw=raw, has_bom=has_bom)

    @classmethod
    def from_text(cls, text: str, path: Path | str = "<string>") -> SourceText:
        """Build a source from a string (tests, stdin, the language server)."""
        has_bom = text.startswith(BOM)
        body = text[1:] if has_bom else text
        return cls(path=Path(path), text=body, raw=text.encode("utf-8"), has_bom=has_bom)

    @property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts."""
        starts: list[int] = getattr(self, "_line_starts")  # noqa: B009 - set in __post_init__
        return starts

    @property
    def line_count(self) -> int:
        """Number of lines (a final newline does not start a counted line of its own)."""
        starts = self.line_starts
        if len(starts) > 1 and starts[-1] == len(self.text):
            return len(starts) - 1
        return len(starts)

    def position(self, offset: int) -> Position:
        """Return the position of ``offset`` (clamped to the text)."""
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return Position(line, offset - starts[line], offset)

    def range(self, start: int, end: int) -> Range:
        """Return the range between two offsets."""
        return Range(self.position(start), self.position(end))

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 0-based line and column (clamped to the text)."""
        starts = self.line_starts
        if line >= len(starts):
            return len(self.text)
        line_end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        return min(starts[line] + max(column, 0), line_end)

    def line_text(self, line: int) -> str:
        """Return one line without its line ending."""
        starts = self.line_starts
        if line >= len(starts):
            return ""
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        return self.text[starts[line] : end].rstrip("\r\n")

    @property
    def newline(self) -> str:
        """The line ending the file mostly uses (CRLF or LF), for inserted lines."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    def encode(self, text: str) -> bytes:
        """Encode edited text the way this file was stored (BOM kept)."""
        return ((BOM if self.has_bom else "") + text).encode("utf-8")


def _byte_position(raw: bytes, index: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, index)
    line_start = raw.rfind(b"\n", 0, index) + 1
    column = len(raw[line_start:index].decode("utf-8", errors="replace"))
    return line, column

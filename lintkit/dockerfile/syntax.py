"""The Dockerfile syntax tree: every node knows its exact range in the file.

The parser (``lintkit.dockerfile.parser``) builds these nodes; the build model
(``lintkit.dockerfile.model``) adds stages and images on top. Nodes are plain
frozen records (``lintkit.records``) so that rules can read them without any parser knowledge.

Logical vs physical text: an instruction may span several physical lines joined
by the escape character; comment lines inside such a continuation are dropped
by Docker. ``Instruction.arguments`` is the logical text (what Docker sees), and
``Instruction.physical_offset`` maps an index in it back to a file offset.

Kinds of instruction that add no field (``Run``, ``Env``, …) are plain subclasses: they
inherit the generated ``__init__``: making a record class compiles one, which every run
pays at import.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Sequence

from lintkit.records import record
from lintkit.source import Range


@record
class Comment:
    """A ``#`` comment line; ``text`` excludes the ``#`` and surrounding blanks."""

    range: Range
    text: str


@record
class Directive:
    """A parser directive such as ``# syntax=docker/dockerfile:1`` at the top of the file."""

    range: Range
    name: str
    value: str
    value_range: Range


@record
class Flag:
    """An instruction flag: ``--name=value`` or ``--name`` (then ``value`` is ``None``)."""

    range: Range
    name: str
    value: str | None
    value_range: Range | None


@record
class Word:
    """A whitespace-separated argument word, with quotes as written in ``raw``.

    ``value`` is the word with quotes removed and escapes resolved; variables
    are not expanded here (see ``lintkit.dockerfile.model.expand``).
    """

    range: Range
    raw: str
    value: str


@record
class KeyValue:
    """One ``key=value`` pair of ENV, ARG or LABEL (``value`` is ``None`` for a bare ``ARG name``).

    ``legacy`` is true for the old ``ENV key value`` form.
    """

    range: Range
    key: str
    key_range: Range
    value: str | None
    value_range: Range | None
    legacy: bool = False


@record
class Heredoc:
    """A here-document attached to RUN, COPY or ADD.

    ``range`` covers the body and the closing delimiter line; ``body`` is the
    text between the opening line and the delimiter, as written (with tabs even
    for ``<<-``). ``quoted`` means the delimiter was quoted, so Docker does not
    expand variables in the body. ``marker_range`` is the ``<<EOF`` token.
    """

    range: Range
    marker_range: Range
    delimiter: str
    body: str
    body_range: Range
    strip_tabs: bool = False
    quoted: bool = False


@record
class Instruction:
    """One Dockerfile instruction, from its keyword to the end of its last line.

    ``keyword`` is upper-case; ``written_keyword`` is as written (for casing
    rules). ``range`` ends before the line break of the last physical line
    (heredoc bodies included). ``arguments`` is the logical argument text after the
    flags, with continuations joined and comment lines removed.
    ``exec_form`` is the parsed JSON array when the arguments are a valid
    JSON array of strings; Docker treats anything else as shell form.
    """

    range: Range
    keyword: str
    written_keyword: str
    keyword_range: Range
    flags: tuple[Flag, ...]
    arguments: str
    arguments_range: Range
    # A Sequence, not a tuple: the parser computes the words of RUN/CMD/... only
    # when a rule reads them (they are the costliest part of parsing).
    words: Sequence[Word]
    exec_form: tuple[str, ...] | None = None
    heredocs: tuple[Heredoc, ...] = ()
    comments: tuple[Comment, ...] = ()
    # (logical index, physical offset) pairs where a run of contiguous logical
    # text starts; used by ``physical_offset``.
    segments: tuple[tuple[int, int], ...] = ()

    def flag(self, name: str) -> Flag | None:
        """Return the last flag called ``name`` (Docker uses the last one)."""
        found = None
        for flag in self.flags:
            if flag.name == name:
                found = flag
        return found

    def flag_values(self, name: str) -> list[str]:
        """Return the values of every flag called ``name`` (e.g. several ``--mount``)."""
        return [flag.value or "" for flag in self.flags if flag.name == name]

    def physical_offset(self, logical_index: int) -> int:
        """Map an index in ``arguments`` to an offset in the file."""
        if not self.segments:
            return self.arguments_range.start.offset + logical_index
        # Segments are sorted by logical index; (index, maxsize) sorts after (index, offset).
        position = max(bisect.bisect_right(self.segments, (logical_index, sys.maxsize)) - 1, 0)
        logical_start, physical_start = self.segments[position]
        return physical_start + (logical_index - logical_start)


@record
class From(Instruction):
    """``FROM [--platform=…] image [AS name]``."""

    image: Word | None = None
    stage_name: Word | None = None
    as_keyword: Word | None = None


class Run(Instruction):
    """``RUN`` in shell, exec or heredoc form."""


@record
class CopyLike(Instruction):
    """COPY and ADD: ``sources`` and ``destination`` (heredoc sources are in ``heredocs``)."""

    sources: tuple[Word, ...] = ()
    destination: Word | None = None


class Copy(CopyLike):
    """``COPY``."""


class Add(CopyLike):
    """``ADD``."""


@record
class KeyValueInstruction(Instruction):
    """ENV, ARG and LABEL: a list of pairs."""

    pairs: tuple[KeyValue, ...] = ()


class Env(KeyValueInstruction):
    """``ENV``."""


class Arg(KeyValueInstruction):
    """``ARG``."""


class Label(KeyValueInstruction):
    """``LABEL``."""


@record
class Healthcheck(Instruction):
    """``HEALTHCHECK [flags] CMD …`` or ``HEALTHCHECK NONE``; ``command`` is the CMD part."""

    none: bool = False
    command: Instruction | None = None


@record
class Onbuild(Instruction):
    """``ONBUILD <instruction>``; ``trigger`` is the wrapped instruction, fully parsed."""

    trigger: Instruction | None = None


class Unknown(Instruction):
    """A keyword Docker does not know; kept so the file still rebuilds byte for byte."""


@record
class DockerfileSyntax:
    r"""The parsed file: directives, instructions and comments, in file order.

    ``escape`` is the escape character in force (``\\`` or ``` ` ```).
    """

    directives: tuple[Directive, ...]
    instructions: tuple[Instruction, ...]
    comments: tuple[Comment, ...]
    escape: str = "\\"

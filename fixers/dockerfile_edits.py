r"""Text edits inside RUN scripts, placed at the exact positions the shell reader gives.

Every helper returns :class:`~lintkit.diagnostics.Edit` objects that touch only the
bytes they must: a flag goes right after a word on the same physical line, so line
continuations (``\`` or the file's ``# escape=`` character), comment lines inside a
continuation, indentation and line endings (LF or CRLF) all stay as they were.

The positions come from :mod:`lintkit.dockerfile.shell`, whose words map back to
file offsets through ``Instruction.physical_offset`` (shell-form RUN) or the
heredoc body's offset (``RUN <<EOF`` scripts).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lintkit.diagnostics import Edit
from lintkit.dockerfile.shell import ShellScript, ShellWord, SimpleCommand
from lintkit.source import Range, SourceText

if TYPE_CHECKING:
    from lintkit.dockerfile.model import Dockerfile
    from lintkit.dockerfile.syntax import Instruction

LOG = logging.getLogger(__name__)

_COMPOUND_RE = re.compile(
    r"(?:^|[\s;&|(])(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|select)(?=[\s;&|)]|$)"
    r"|(?:^|[\s;&|])[{(](?=\s)"
)

#: Connectors that keep a command in the same ``a && b || c | d`` chain.
CHAIN_CONNECTORS = frozenset({"&&", "||", "|", "|&"})


# NOTE: this module is shared by several rule writers; add functions, never rewrite
# the file. ``replace`` and ``double_quoted`` serve LK250 (deprecated-maintainer).


def replace(where: Range, text: str) -> Edit:
    """Replace the text of ``where`` (e.g. a whole instruction) by ``text``."""
    return Edit(where.start.offset, where.end.offset, text)


def double_quoted(text: str, escape: str = "\\") -> str:
    """Quote ``text`` for a Dockerfile key=value word (LABEL/ENV) so it reads back unchanged.

    Inside double quotes Docker treats the escape character, ``"`` and ``$`` specially;
    each is preceded by the escape character, so ``$`` stays literal.
    """
    escaped = text.replace(escape, escape * 2).replace('"', escape + '"').replace("$", escape + "$")
    return f'"{escaped}"'


def insert_after_word(word: ShellWord, text: str) -> Edit:
    """Insert `` <text>`` right after ``word`` (e.g. a flag after ``install``).

    Args:
        word: a word of a shell-form RUN or a heredoc script (not exec form: there the
            words are JSON strings and a bare insertion would break the array).
        text: what to insert, without the separating blank.

    Returns:
        An insertion at the word's end offset.
    """
    # NOTE: words of heredoc scripts (``RUN <<EOF``, also with a quoted delimiter or
    # ``<<-``) are edited too: the body is the shell script itself, the delimiter's
    # quoting only stops Dockerfile-level expansion, and an insertion after a word the
    # shell reader found leaves every other byte alone.
    offset = word.range.end.offset
    return Edit(offset, offset, " " + text)


def replace_word(word: ShellWord, text: str) -> Edit:
    """Replace a whole word (as written, quotes included) by ``text``."""
    return Edit(word.range.start.offset, word.range.end.offset, text)


def command_end_offset(command: SimpleCommand) -> int:
    """File offset just after the last word or redirection of ``command``."""
    ends = [word.range.end.offset for word in command.words]
    ends.extend(redirect.range.end.offset for redirect in command.redirects)
    return max(ends) if ends else 0


def chain_end(commands: Sequence[SimpleCommand], command: SimpleCommand) -> SimpleCommand | None:
    """The last command of the ``&&``/``||``/``|`` chain that holds ``command``.

    Commands inside ``$(…)`` are passed over (they sit inside a word of the chain).
    Returns ``None`` when ``command`` is not in ``commands`` or is itself inside a
    substitution, where nothing can be appended.
    """
    if command.in_substitution:
        return None
    position = next((index for index, other in enumerate(commands) if other is command), None)
    if position is None:
        return None
    last = command
    for other in commands[position + 1 :]:
        if other.in_substitution:
            continue
        if other.connector not in CHAIN_CONNECTORS:
            break
        last = other
    return last


def append_to_chain(script: ShellScript, command: SimpleCommand, text: str) -> Edit | None:
    """Append `` <text>`` after the chain holding ``command`` (e.g. `` && rm -rf /x``).

    The text goes right after the chain's last word (or redirection), so it lands on
    the last physical line of that command, before its continuation character and
    before any comment line that follows.

    Args:
        script: the script holding ``command`` (``ShellScript`` from the shell reader).
        command: a command of the chain.
        text: what to append, without the separating blank.

    Returns:
        The insertion, or ``None`` when appending is not clearly right: the command is
        inside ``$(…)``, a command of the chain reads a here-document (its body follows
        the line), the chain runs in the background (``… &``), or a member of the chain
        sits at another nesting depth (``a || (b && c)``).
    """
    commands = script.commands
    last = chain_end(commands, command)
    if last is None:
        LOG.debug("not appending: command inside a substitution")
        return None
    top = [other for other in commands if not other.in_substitution]
    chain = top[_index(top, command) : _index(top, last) + 1]
    if any(member.depth != command.depth for member in chain):
        LOG.debug("not appending: the chain crosses a subshell")
        return None
    for member in chain:
        if any(redirect.operator.startswith("<<") for redirect in member.redirects):
            LOG.debug("not appending: a here-document follows the command")
            return None
    if _backgrounded(script.text, last):
        LOG.debug("not appending: the chain runs in the background")
        return None
    offset = command_end_offset(last)
    return Edit(offset, offset, " " + text)


def _index(commands: Sequence[SimpleCommand], command: SimpleCommand) -> int:
    return next(index for index, other in enumerate(commands) if other is command)


def _backgrounded(text: str, command: SimpleCommand) -> bool:
    """Whether ``command`` is followed by a lone ``&`` in the script text."""
    ends = [word.end for word in command.words]
    ends.extend(r.target.end for r in command.redirects if r.target is not None)
    rest = text[max(ends, default=0) :].lstrip(" \t")
    return rest.startswith("&") and not rest.startswith("&&")


def has_compound_commands(script: str) -> bool:
    """Whether a script may hold ``if``/``for``/``while``/``case``, ``{ …; }`` or subshells.

    A guard for fixes that append to a command: inside such structures the appended
    text would run only on some paths. It reads the text loosely (a keyword inside a
    quoted string also counts), which only makes a fix be refused more often.
    """
    return bool(_COMPOUND_RE.search(script)) or "(" in script.replace("$(", "")


# -- LK250-LK299 (instruction-level rules): values, exec form, whole lines ----------------


def delete_lines(source: SourceText, first_line: int, last_line: int) -> Edit:
    """An edit removing whole lines ``first_line``..``last_line`` (0-based) with their endings."""
    starts = source.line_starts
    start = starts[first_line]
    end = starts[last_line + 1] if last_line + 1 < len(starts) else len(source.text)
    return Edit(start, end, "")


def json_array(items: Sequence[str]) -> str:
    """The exec-form (JSON array) text of ``items``; non-ASCII characters are kept readable."""
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"


def as_single_word(raw: str, escape: str = "\\") -> str | None:
    """Rewrite a legacy ``ENV key value`` value as one ``key=value`` word with the same value.

    Docker reads a legacy value as a single word whose blanks are kept; in ``key=value``
    form a blank ends the word, so a value with blanks outside quotes is put in double
    quotes (single-quoted parts keep their literal text: ``$`` and ``"`` in them are
    escaped). Returns ``None`` when the result would not read back as the same value (a
    safety net: then no fix is offered).
    """
    from lintkit.dockerfile.parser import unquote

    result = raw if not _has_unquoted_blank(raw, escape) else f'"{_as_double_quoted(raw, escape)}"'
    if unquote(result, escape) != unquote(raw, escape):
        LOG.debug("cannot re-quote %r safely (got %r)", raw, result)
        return None
    return result


def _has_unquoted_blank(raw: str, escape: str) -> bool:
    quote = ""
    index = 0
    while index < len(raw):
        char = raw[index]
        if quote:
            if char == quote:
                quote = ""
            elif char == escape and quote == '"':
                index += 1
        elif char in "'\"":
            quote = char
        elif char == escape:
            index += 1
        elif char in " \t":
            return True
        index += 1
    return False


def _as_double_quoted(raw: str, escape: str) -> str:
    """The body of a double-quoted word reading the same as the (unquoted) word ``raw``."""
    specials = ('"', "$", escape)
    out: list[str] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "'":
            end = raw.find("'", index + 1)
            end = len(raw) if end == -1 else end
            out.extend(escape + c if c in specials else c for c in raw[index + 1 : end])
            index = end + 1
        elif char == '"':
            index += 1
            while index < len(raw) and raw[index] != '"':
                step = 2 if raw[index] == escape and index + 1 < len(raw) else 1
                out.append(raw[index : index + step])
                index += step
            index += 1
        elif char == escape:
            if index + 1 < len(raw):
                literal = raw[index + 1]
                out.append(escape + literal if literal in specials else literal)
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def comment_block_start(dockerfile: Dockerfile, instruction: Instruction) -> int:
    """Offset where the comment lines directly above ``instruction`` start (or its own start).

    Fixes that move an instruction move these comments with it; parser directives at the
    top of the file are never part of the block.
    """
    source = dockerfile.source
    previous_end = 0
    for other in dockerfile.instructions:
        if other.range.end.offset <= instruction.range.start.offset and other is not instruction:
            previous_end = max(previous_end, other.range.end.offset)
    line = instruction.range.start.line
    start = instruction.range.start.offset
    while line > 0:
        text = source.line_text(line - 1)
        line_start = source.line_starts[line - 1]
        if not text.strip().startswith("#") or line_start < previous_end:
            break
        if any(d.range.start.line == line - 1 for d in dockerfile.syntax.directives):
            break
        line -= 1
        start = line_start + (len(text) - len(text.lstrip()))
    return start

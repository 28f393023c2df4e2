"""A forgiving POSIX-shell reader for RUN instructions.

It does not execute or fully parse the shell language; it finds the simple
commands a script runs (``apt-get install -y curl``), in order, with the
operator that joins each to the previous one, and keeps exact file ranges for
every word. It never raises: unterminated quotes or substitutions simply run to
the end of the text.

What it understands: ``&&``, ``||``, ``;``, ``|``, ``|&``, ``&``, newlines,
single/double/``$'…'`` quotes, backslash escapes and line continuations,
comments, redirections (``2>&1``, ``> file``, ``<<EOF`` with here-document
bodies skipped), subshells ``( … )``, groups ``{ …; }``, ``if``/``while``/
``until``/``for``/``case`` structure (their keywords are skipped, the commands
inside are kept), ``$(…)``, backticks and ``${…}`` kept inside one word (the
commands inside ``$(…)`` and backticks are parsed too and marked
``in_substitution``), assignment prefixes (``FOO=bar cmd``) and the wrapper
commands in :data:`PREFIX_COMMANDS` (``sudo -u app pip install`` has the name
``pip``).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from lintkit.dockerfile.syntax import Instruction
from lintkit.records import field, record
from lintkit.source import Position, Range, SourceText

LOG = logging.getLogger(__name__)

_new_object = object.__new__

PREFIX_COMMANDS: dict[str, tuple[frozenset[str], int]] = {
    # name: (options that take a value, positional arguments before the command)
    "sudo": (frozenset({"-u", "-g", "-p", "-C", "-D", "-h", "-r", "-t", "-U", "-T"}), 0),
    "doas": (frozenset({"-u", "-C"}), 0),
    "env": (frozenset({"-u", "-C", "-S", "--unset", "--chdir", "--split-string"}), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "time": (frozenset({"-f", "-o", "--format", "--output"}), 0),
    "exec": (frozenset({"-a"}), 0),
    "nohup": (frozenset(), 0),
    "timeout": (frozenset({"-s", "-k", "--signal", "--kill-after"}), 1),
    "xargs": (
        frozenset(
            {"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter"}
            | {"--max-args", "--max-procs", "--max-lines", "--max-chars"}
        ),
        0,
    ),
    "gosu": (frozenset(), 1),
    "su-exec": (frozenset(), 1),
}
"""Commands that run another command; their words go to ``SimpleCommand.prefix``.

``xargs`` is included: the command it runs is what rules care about (``xargs
apt-get install``), even though its arguments come partly from stdin.
"""

_RESERVED_SKIP = frozenset(
    {"{", "}", "!", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "esac"}
)
_ASSIGNMENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=")
_MAX_DEPTH = 16
_BLANKS = " \t\r"
_META = " \t\r\n;&|()<>"
_PLAIN_RE = re.compile(r"[^ \t\r\n;&|()<>\\'\"$`]+")
# Inside double quotes: characters taken as they are.
_QUOTED_PLAIN_RE = re.compile(r"[^\"\\$`]+")
# Blanks and backslash-newline continuations before a token, then the common tokens:
# a word of plain characters only (ending where an operator or blank starts), a newline,
# or a control operator (longest first, as the lexer reads them; ``&>`` is a redirection).
# Nothing else matches a group: such tokens are read by hand.
_TOKEN_RE = re.compile(
    r"(?:[ \t\r]|\\\n)*"
    r"(?:(?P<word>[^ \t\r\n;&|()<>\\'\"$`#][^ \t\r\n;&|()<>\\'\"$`]*)(?=[ \t\r\n;&|()<>]|\Z)"
    r"|(?P<newline>\n)"
    r"|(?P<op>;;&|;;|;&|&&|\|\||\|&|;|&(?!>)|\||\(|\)))?"
)
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"})


@record
class ShellWord:
    """One shell word: ``raw`` as written, ``value`` with quotes removed.

    Expansions (``$VAR``, ``$(…)``, backticks) stay as written in ``value``;
    ``has_expansion`` says whether any occurs outside single quotes.
    ``start``/``end`` index the script text; ``range`` is the place in the file
    (computed on first use: most words are never reported).
    """

    raw: str
    value: str
    has_expansion: bool = False
    start: int = 0
    end: int = 0
    ranger: Callable[[int, int], Range] | None = field(default=None, repr=False, compare=False)
    known_range: Range | None = field(default=None, repr=False, compare=False)

    @cached_property
    def range(self) -> Range:
        """Where the word is in the file."""
        if self.known_range is not None:
            return self.known_range
        if self.ranger is None:  # pragma: no cover - always set by this module
            origin = Position(0, self.start, self.start)
            return Range(origin, Position(0, self.end, self.end))
        return self.ranger(self.start, self.end)


@record
class Redirect:
    """A redirection such as ``2>&1`` or ``> /dev/null`` (``target`` may be missing)."""

    operator: str
    target: ShellWord | None
    range: Range


@record(frozen=False)
class SimpleCommand:
    r"""One command with its words.

    ``words`` are all words (assignments, prefix commands, name, arguments) but
    not redirections. ``name`` is the basename of the program after assignments
    and wrapper commands (``None`` for a bare assignment like ``A=1``).
    ``connector`` is the operator before the command (``&&``, ``||``, ``;``,
    ``|``, ``&``, ``\\n``) or ``None`` for the first command of a list.
    """

    words: list[ShellWord]
    assignments: list[ShellWord] = field(default_factory=list)
    prefix: list[ShellWord] = field(default_factory=list)
    name_word: ShellWord | None = None
    args: list[ShellWord] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    connector: str | None = None
    in_pipeline: bool = False
    in_substitution: bool = False
    depth: int = 0

    @property
    def name(self) -> str | None:
        """The program's basename (``/usr/bin/apt-get`` → ``apt-get``)."""
        if self.name_word is None:
            return None
        # Rules ask every command for its name many times; compute it once.
        cached: str | None = self.__dict__.get("_name")
        if cached is None:
            cached = self.__dict__["_name"] = self.name_word.value.rsplit("/", 1)[-1]
        return cached

    @property
    def range(self) -> Range | None:
        """From the first to the last word (``None`` for a command without words)."""
        if not self.words:
            return None
        return Range(self.words[0].range.start, self.words[-1].range.end)

    def _options(self, takes_value: Iterable[str]) -> list[tuple[str, str | None, ShellWord]]:
        """Options as (name, attached or following value, word), positional words excluded.

        The list is computed once per set of ``takes_value`` (rules ask the same command
        the same question many times); callers must not change it.
        """
        valued = frozenset(takes_value)
        cache: dict[frozenset[str], list[tuple[str, str | None, ShellWord]]] | None = (
            self.__dict__.get("_options_cache")
        )
        if cache is None:
            cache = self.__dict__["_options_cache"] = {}
        result = cache.get(valued)
        if result is None:
            result = cache[valued] = self._read_options(valued)
        return result

    def _read_options(self, valued: frozenset[str]) -> list[tuple[str, str | None, ShellWord]]:
        result: list[tuple[str, str | None, ShellWord]] = []
        args = self.args
        index = 0
        while index < len(args):
            word = args[index]
            value = word.value
            index += 1
            if value == "--":
                break
            if value.startswith("--") and len(value) > 2:
                name, has_value, attached = value.partition("=")
                if has_value:
                    result.append((name, attached, word))
                elif name in valued and index < len(args):
                    result.append((name, args[index].value, word))
                    index += 1
                else:
                    result.append((name, None, word))
            elif value.startswith("-") and len(value) > 1:
                for position in range(1, len(value)):
                    name = "-" + value[position]
                    if name in valued:
                        rest = value[position + 1 :]
                        if rest:
                            result.append((name, rest, word))
                        elif index < len(args):
                            result.append((name, args[index].value, word))
                            index += 1
                        else:
                            result.append((name, None, word))
                        break
                    result.append((name, None, word))
        return result

    def has_option(self, *names: str, takes_value: Iterable[str] = ()) -> bool:
        """Whether any of ``names`` is given (``-y`` matches ``-qy``, ``--x`` matches ``--x=1``).

        ``takes_value`` lists options that consume a value (so ``-t stable`` does
        not count ``stable`` and ``-tfoo`` is not read as ``-t -f -o -o``).
        """
        wanted = set(names)
        return any(name in wanted for name, _, _ in self._options(takes_value))

    def option_value(self, *names: str, takes_value: Iterable[str] = ()) -> str | None:
        """The value of the last of ``names`` (``--opt=v``, ``--opt v``, ``-ov``, ``-o v``)."""
        valued = set(takes_value) | set(names)
        found = None
        for name, value, _ in self._options(valued):
            if name in names:
                found = value
        return found

    def option_word(self, *names: str, takes_value: Iterable[str] = ()) -> ShellWord | None:
        """The word holding the last of ``names`` (for ranges)."""
        found = None
        for name, _, word in self._options(set(takes_value)):
            if name in names:
                found = word
        return found

    def positional(self, takes_value: Iterable[str] = ()) -> list[ShellWord]:
        """Arguments that are not options or option values (everything after ``--`` counts)."""
        return list(self._positional(frozenset(takes_value)))

    def _positional(self, valued: frozenset[str]) -> list[ShellWord]:
        """:meth:`positional`, computed once per ``valued`` set; callers must not change it."""
        cache: dict[frozenset[str], list[ShellWord]] | None = self.__dict__.get("_positional_cache")
        if cache is None:
            cache = self.__dict__["_positional_cache"] = {}
        result = cache.get(valued)
        if result is None:
            result = cache[valued] = self._read_positional(valued)
        return result

    def _read_positional(self, valued: frozenset[str]) -> list[ShellWord]:
        result: list[ShellWord] = []
        args = self.args
        index = 0
        after_dashes = False
        while index < len(args):
            word = args[index]
            value = word.value
            index += 1
            if after_dashes or value == "-" or not value.startswith("-"):
                result.append(word)
                continue
            if value == "--":
                after_dashes = True
                continue
            if value.startswith("--"):
                if "=" not in value and value in valued:
                    index += 1
                continue
            for position in range(1, len(value)):
                if "-" + value[position] in valued:
                    if position == len(value) - 1:
                        index += 1
                    break
        return result

    def subcommand(self, takes_value: Iterable[str] = ()) -> str | None:
        """The first positional argument (``install`` in ``apt-get -q install x``)."""
        positional = self._positional(frozenset(takes_value))
        return positional[0].value if positional else None


@record(frozen=False)
class ShellScript:
    """The commands of one script, in source order (substitution commands included)."""

    text: str
    commands: list[SimpleCommand]

    def named(self, *names: str) -> list[SimpleCommand]:
        """Commands whose program name is one of ``names``."""
        return [command for command in self.commands if command.name in names]


_NO_SUBSTITUTIONS: tuple[tuple[int, int], ...] = ()


class _Token:
    # A plain class with slots: the lexer makes one per word and operator (hot path).
    __slots__ = ("end", "expansion", "kind", "start", "substitutions", "text", "value")

    def __init__(
        self,
        kind: str,  # "word", "op", "redir"
        start: int,
        end: int,
        text: str,
        value: str = "",
        expansion: bool = False,
        substitutions: Sequence[tuple[int, int]] = _NO_SUBSTITUTIONS,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.expansion = expansion
        self.substitutions = substitutions


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self.index = 0
        self.pending_heredocs: list[tuple[str, bool]] = []

    def tokens(self) -> list[_Token]:
        text = self.text
        length = self.length
        result: list[_Token] = []
        append = result.append
        expect_heredoc_word = False
        scan = _TOKEN_RE.match
        while self.index < length:
            # One regular expression skips blanks and continuations and reads the common
            # tokens (plain words, control operators, newlines); the rest is read by hand.
            match = scan(text, self.index)
            assert match is not None  # every part of the pattern is optional
            kind = match.lastgroup
            if kind == "word":
                start, end = match.span(kind)
                word = match.group(kind)
                self.index = end
                if end < length and text[end] in "<>" and word.isdigit():
                    operator = self._redirect_operator()
                    append(_Token("redir", start, self.index, word + operator))
                    expect_heredoc_word = operator in ("<<", "<<-")
                    continue
                if expect_heredoc_word:
                    strip = result[-1].text.endswith("-") if result else False
                    self.pending_heredocs.append((word, strip))
                    expect_heredoc_word = False
                append(_Token("word", start, end, word, word))
                continue
            if kind == "op":
                start, end = match.span(kind)
                self.index = end
                append(_Token("op", start, end, match.group(kind)))
                continue
            if kind == "newline":
                start, end = match.span(kind)
                self.index = end
                append(_Token("op", start, end, "\n"))
                self._skip_heredoc_bodies()
                continue
            start = self.index = match.end()
            if start >= length:
                break
            char = text[start]
            if char == "#":
                newline = text.find("\n", start)
                self.index = length if newline == -1 else newline
                continue
            if char in "<>" and text.startswith("(", start + 1):
                # Process substitution, ``<(curl …)``: a word whose inside is a script.
                end = _matching(text, start + 2, "(", ")")
                self.index = min(end + 1, length)
                raw = text[start : self.index]
                result.append(_Token("word", start, self.index, raw, raw, True, [(start + 2, end)]))
                continue
            if char in "<>" or (char == "&" and text.startswith(">", start + 1)):
                operator = self._redirect_operator()
                result.append(_Token("redir", start, self.index, operator))
                expect_heredoc_word = operator in ("<<", "<<-")
                continue
            token = self._word()
            if token.text.isdigit() and self.index < length and text[self.index] in "<>":
                operator = self._redirect_operator()
                result.append(_Token("redir", start, self.index, token.text + operator))
                expect_heredoc_word = operator in ("<<", "<<-")
                continue
            if expect_heredoc_word:
                strip = result[-1].text.endswith("-") if result else False
                self.pending_heredocs.append((token.value, strip))
                expect_heredoc_word = False
            result.append(token)
        return result

    def _redirect_operator(self) -> str:
        text = self.text
        start = self.index
        for operator in ("&>>", "&>", "<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"):
            if text.startswith(operator, start):
                self.index = start + len(operator)
                return operator
        self.index = start + 1  # pragma: no cover - callers check the first character
        return text[start]

    def _skip_heredoc_bodies(self) -> None:
        text = self.text
        for delimiter, strip in self.pending_heredocs:
            while self.index < self.length:
                newline = text.find("\n", self.index)
                end = self.length if newline == -1 else newline
                line = text[self.index : end].rstrip("\r")
                self.index = end + 1 if newline != -1 else self.length
                if (line.lstrip("\t") if strip else line) == delimiter:
                    break
        self.pending_heredocs = []

    def _word(self) -> _Token:
        text = self.text
        length = self.length
        start = self.index
        plain = _PLAIN_RE.match
        run = plain(text, start)
        if run is not None:
            end = run.end()
            if end >= length or text[end] in _META:
                # The common case: a word of plain characters only (no quotes, escapes, $).
                self.index = end
                word = run.group()
                return _Token("word", start, end, word, word)
        index = start
        value: list[str] = []
        expansion = False
        substitutions: list[tuple[int, int]] = []
        quoted_plain = _QUOTED_PLAIN_RE.match
        while index < length:
            run = plain(text, index)
            if run is not None:
                value.append(run.group())
                index = run.end()
                continue
            char = text[index]
            if char in _META:
                break
            if char == "\\":
                if index + 1 < length:
                    if text[index + 1] != "\n":
                        value.append(text[index + 1])
                    index += 2
                else:
                    index += 1
            elif char == "'":
                end = text.find("'", index + 1)
                end = length if end == -1 else end
                value.append(text[index + 1 : end])
                index = end + 1
            elif char == '"':
                index += 1
                while index < length and text[index] != '"':
                    quoted = quoted_plain(text, index)
                    if quoted is not None:
                        value.append(quoted.group())
                        index = quoted.end()
                        continue
                    char = text[index]
                    if char == "\\" and index + 1 < length and text[index + 1] in '$`"\\\n':
                        if text[index + 1] != "\n":
                            value.append(text[index + 1])
                        index += 2
                    elif char in "$`":
                        end = self._expansion(index, substitutions)
                        expansion = expansion or end > index + 1 or char == "`"
                        value.append(text[index:end])
                        index = end
                    else:
                        value.append(char)
                        index += 1
                index += 1
            elif char == "$" and text.startswith("'", index + 1):
                end, decoded = _ansi_c(text, index + 2)
                value.append(decoded)
                index = end
            elif char in "$`":
                end = self._expansion(index, substitutions)
                expansion = expansion or end > index + 1 or char == "`"
                value.append(text[index:end])
                index = end
            else:
                value.append(char)
                index += 1
        index = min(index, length)
        self.index = index
        return _Token(
            "word",
            start,
            index,
            text[start:index],
            "".join(value),
            expansion,
            substitutions or _NO_SUBSTITUTIONS,
        )

    def _expansion(self, index: int, substitutions: list[tuple[int, int]]) -> int:
        """Return the end of the expansion starting at ``index`` (``$…`` or a backtick)."""
        text = self.text
        length = self.length
        if text[index] == "`":
            end = index + 1
            while end < length and text[end] != "`":
                end += 2 if text[end] == "\\" else 1
            substitutions.append((index + 1, min(end, length)))
            return min(end + 1, length)
        following = text[index + 1] if index + 1 < length else ""
        if following == "(":
            arithmetic = text.startswith("((", index + 1)
            end = _matching(text, index + 2, "(", ")")
            if not arithmetic:
                substitutions.append((index + 2, end))
            return min(end + 1, length)
        if following == "{":
            return min(_matching(text, index + 2, "{", "}") + 1, length)
        match = re.match(r"[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]", text[index + 1 : index + 64])
        if match:
            return index + 1 + match.end()
        return index + 1


def _matching(text: str, index: int, opening: str, closing: str) -> int:
    """Index of the bracket closing the one before ``index`` (or the text length)."""
    depth = 1
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "'":
            end = text.find("'", index + 1)
            index = length if end == -1 else end + 1
            continue
        if char == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return length


_ANSI_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "v": "\v"}


def _ansi_c(text: str, index: int) -> tuple[int, str]:
    """Decode a ``$'…'`` string from after its quote; return (end, value)."""
    out: list[str] = []
    length = len(text)
    while index < length and text[index] != "'":
        char = text[index]
        if char == "\\" and index + 1 < length:
            following = text[index + 1]
            out.append(_ANSI_ESCAPES.get(following, following))
            index += 2
            continue
        out.append(char)
        index += 1
    return min(index + 1, length), "".join(out)


class _Builder:
    def __init__(self, make_word: Callable[[_Token], ShellWord], make_range: _RangeMaker) -> None:
        self.make_word = make_word
        self.make_range = make_range
        self.commands: list[SimpleCommand] = []
        self.current: SimpleCommand | None = None
        self.connector: str | None = None
        self.stack: list[str] = []
        self.skip_until: frozenset[str] = frozenset()
        self.pending_pipe = False

    def finish(self, operator: str | None) -> None:
        command = self.current
        if command is not None:
            _classify(command)
            if operator in ("|", "|&"):
                command.in_pipeline = True
            self.commands.append(command)
        self.current = None
        if operator is not None:
            self.connector = operator
            self.pending_pipe = operator in ("|", "|&")

    def word(self, token: _Token) -> None:
        if self.skip_until:
            if token.value in self.skip_until and token.value == token.text:
                self.skip_until = frozenset()
                if token.value == "in" and self.stack and self.stack[-1] == "case":
                    self.stack[-1] = "case-pattern"
            return
        if self.stack and self.stack[-1] == "case-pattern":
            if token.text == "esac":
                self.stack.pop()
            return
        if self.current is None:
            reserved = token.text
            if reserved == "esac" and self.stack and self.stack[-1] == "case":
                self.stack.pop()
                return
            if reserved in _RESERVED_SKIP:
                return
            if reserved in ("for", "select"):
                self.skip_until = frozenset({"do"})
                return
            if reserved == "case":
                self.stack.append("case")
                self.skip_until = frozenset({"in"})
                return
            if reserved == "function":
                self.skip_until = frozenset({"{"})
                return
            self.current = SimpleCommand(
                words=[],
                connector=self.connector,
                in_pipeline=self.pending_pipe,
                depth=len(self.stack),
            )
            self.pending_pipe = False
        self.current.words.append(self.make_word(token))

    def operator(self, token: _Token) -> None:
        operator = token.text
        if self.skip_until:
            if operator in (";", "\n") and "do" in self.skip_until:
                return  # ``for x in a b; do``: the list ends, ``do`` follows
            return
        if self.stack and self.stack[-1] == "case-pattern":
            if operator == ")":
                self.stack[-1] = "case"
            return
        if operator in (";;", ";&", ";;&") and self.stack and self.stack[-1] == "case":
            self.finish(";")
            self.stack[-1] = "case-pattern"
            return
        if operator == "(":
            if self.current is not None and len(self.current.words) == 1:
                # ``name() { …; }``: a function definition, not a command.
                self.current = None
                self.skip_until = frozenset({"{"})
                return
            self.finish(None)
            self.stack.append("(")
            return
        if operator == ")":
            self.finish(None)
            if "(" in self.stack:
                while self.stack and self.stack.pop() != "(":
                    pass
            return
        self.finish(operator)

    def redirect(self, token: _Token, target: _Token | None) -> None:
        if self.skip_until:
            return
        if self.current is None:
            self.current = SimpleCommand(
                words=[], connector=self.connector, in_pipeline=self.pending_pipe
            )
            self.pending_pipe = False
        end = target.end if target is not None else token.end
        self.current.redirects.append(
            Redirect(
                operator=token.text,
                target=self.make_word(target) if target is not None else None,
                range=self.make_range(token.start, end),
            )
        )


_RangeMaker = Callable[[int, int], Range]


def _classify(command: SimpleCommand) -> None:
    """Split a command's words into assignments, wrapper prefix, name and arguments."""
    words = command.words
    index = 0
    while index < len(words) and _ASSIGNMENT_RE.match(words[index].raw):
        command.assignments.append(words[index])
        index += 1
    while index < len(words):
        name = words[index].value.rsplit("/", 1)[-1]
        spec = PREFIX_COMMANDS.get(name)
        if spec is None:
            break
        valued, positional_count = spec
        prefix_start = index
        index += 1
        while index < len(words):
            value = words[index].value
            if value == "--":
                index += 1
                break
            if name == "env" and _ASSIGNMENT_RE.match(words[index].raw):
                index += 1
                continue
            if value.startswith("-") and len(value) > 1:
                index += 1
                if value in valued or (value[:2] in valued and len(value) == 2):
                    index += 1
                continue
            break
        index += positional_count
        if index >= len(words):
            # A wrapper with nothing to run (``sudo -l``): it is the command itself.
            index = prefix_start
            break
        command.prefix.extend(words[prefix_start:index])
    if index < len(words):
        command.name_word = words[index]
        command.args = words[index + 1 :]


def parse_shell(
    text: str,
    *,
    source: SourceText | None = None,
    offset_of: Callable[[int], int] | None = None,
    _depth: int = 0,
) -> ShellScript:
    """Parse shell text into its simple commands; never raises.

    Args:
        text: the script (a RUN's logical ``arguments`` or a heredoc body).
        source: the file, to give words real line/column positions; without it
            positions are on line 0 with the column equal to the text index.
        offset_of: maps an index in ``text`` to a file offset (e.g.
            ``Instruction.physical_offset``); identity when omitted.
    """
    mapper: Callable[[int], int] = offset_of if offset_of is not None else (lambda index: index)

    starts = source.line_starts if source is not None else [0]
    size = len(source.text) if source is not None else len(text)

    def position(offset: int) -> Position:
        # SourceText.position without its clamping overhead (this is the hot path).
        offset = min(max(offset, 0), size)
        line = bisect.bisect_right(starts, offset) - 1
        return Position(line, offset - starts[line], offset)

    def make_range(start: int, end: int) -> Range:
        first = mapper(start)
        last = mapper(end - 1) + 1 if end > start else first
        return Range(position(first), position(last))

    def make_word(token: _Token) -> ShellWord:
        # Same as ShellWord(raw=..., ..., ranger=make_range), without the frozen
        # record's __init__ (one attribute at a time): this runs for every word.
        word = _new_object(ShellWord)
        word.__dict__.update(
            raw=token.text,
            value=token.value,
            has_expansion=token.expansion,
            start=token.start,
            end=token.end,
            ranger=make_range,
            known_range=None,
        )
        return word

    def start_of(command: SimpleCommand) -> int:
        # ``_command_start`` of a command of this script: the offset its range starts at.
        if command.words:
            offset = max(mapper(command.words[0].start), 0)
            # Without a source, a nested script's own length says nothing about its offsets.
            return min(offset, size) if source is not None else offset
        if command.redirects:
            return command.redirects[0].range.start.offset
        return 0

    try:
        tokens = _Lexer(text).tokens()
    except RecursionError:  # pragma: no cover - the lexer is iterative
        return ShellScript(text, [])
    builder = _Builder(make_word, make_range)
    nested: list[SimpleCommand] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.kind == "word":
            builder.word(token)
            if token.substitutions and _depth < _MAX_DEPTH:
                for inner_start, inner_end in token.substitutions:
                    nested.extend(
                        _nested(text[inner_start:inner_end], inner_start, source, mapper, _depth)
                    )
        elif token.kind == "redir":
            target = None
            if index < len(tokens) and tokens[index].kind == "word":
                target = tokens[index]
                index += 1
            builder.redirect(token, target)
        else:
            builder.operator(token)
    builder.finish(None)
    commands = builder.commands
    if nested or _depth > 0:
        # Commands get sorted with those of substitutions (here, or in the caller for a
        # nested script): note where each starts without building its words' ranges.
        for command in commands:
            command.__dict__["_start"] = start_of(command)
    if nested:
        commands = sorted(commands + nested, key=_command_start)
    return ShellScript(text, commands)


def _command_start(command: SimpleCommand) -> int:
    start: int | None = command.__dict__.get("_start")
    if start is not None:
        return start
    if command.words:
        return command.words[0].range.start.offset
    if command.redirects:
        return command.redirects[0].range.start.offset
    return 0


def _nested(
    text: str,
    base: int,
    source: SourceText | None,
    mapper: Callable[[int], int],
    depth: int,
) -> list[SimpleCommand]:
    script = parse_shell(
        text, source=source, offset_of=lambda index: mapper(base + index), _depth=depth + 1
    )
    for command in script.commands:
        command.in_substitution = True
    return script.commands


def exec_command(instruction: Instruction) -> SimpleCommand:
    """A command built from an exec-form (JSON) instruction's words."""
    words = [
        ShellWord(raw=word.raw, value=word.value, known_range=word.range)
        for word in instruction.words
    ]
    command = SimpleCommand(words=list(words))
    if words:
        command.name_word = words[0]
        command.args = words[1:]
    return command


def run_scripts(instruction: Instruction, source: SourceText) -> list[ShellScript]:
    """The shell scripts a RUN (or a shell-form CMD/ENTRYPOINT) executes.

    - exec form: one script holding one command built from the JSON array;
    - shell form: the logical arguments (heredoc markers are redirections);
    - ``RUN <<EOF`` (the command is only the heredoc): the heredoc body, unless
      its ``#!`` line names a non-shell interpreter;
    - ``RUN bash <<EOF`` / ``sh <<EOF``: the line and the body (stdin of a shell).
      Bodies fed to other programs (``python3 <<EOF``) are not shell and are skipped.
    """
    if instruction.exec_form is not None:
        command = exec_command(instruction)
        return [ShellScript(instruction.arguments, [command])]
    scripts: list[ShellScript] = []
    line = parse_shell(instruction.arguments, source=source, offset_of=instruction.physical_offset)
    heredocs = instruction.heredocs
    only_heredoc = bool(heredocs) and not any(command.words for command in line.commands)
    if not only_heredoc:
        scripts.append(line)
    feeds_shell = any(
        command.name in _SHELLS
        and not command.has_option("-c")
        and any(redirect.operator.endswith(("<<", "<<-")) for redirect in command.redirects)
        for command in line.commands
    )
    if only_heredoc or feeds_shell:
        for heredoc in heredocs[:1] if only_heredoc else heredocs:
            if not _is_shell_body(heredoc.body):
                continue
            scripts.append(
                parse_shell(
                    heredoc.body,
                    source=source,
                    offset_of=_shifted(heredoc.body_range.start.offset),
                )
            )
    return scripts


def _shifted(base: int) -> Callable[[int], int]:
    return lambda index: base + index


def _is_shell_body(body: str) -> bool:
    if not body.startswith("#!"):
        return True
    first = body.split("\n", 1)[0][2:].strip().split()
    if not first:
        return True
    program = first[0].rsplit("/", 1)[-1]
    if program == "env" and len(first) > 1:
        program = first[-1].rsplit("/", 1)[-1]
    return program in _SHELLS


def commands_of(scripts: Sequence[ShellScript]) -> list[SimpleCommand]:
    """All commands of several scripts, in order."""
    return [command for script in scripts for command in script.commands]

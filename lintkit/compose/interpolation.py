"""Compose variable interpolation (``${VAR:-default}`` and friends) and ``.env`` files.

Nothing here raises on malformed input: problems come back as descriptions so rules can report
them. The behaviour follows docker compose v2: ``$$`` is a literal ``$``; ``$`` followed by
anything that is not a name or ``{`` is kept as it is; an unset variable without a default
becomes the empty string (compose warns), which we report as *unresolved*.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

from lintkit import project_files
from lintkit.records import record

LOG = logging.getLogger(__name__)

_NAME = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")
MAX_NESTING = 20


@record
class Interpolated:
    """The result of interpolating one string.

    Attributes:
        value: the string after substitution (unset variables count as empty, as in compose).
        variables: every variable name the string refers to, in order of appearance.
        unresolved: names that were needed but are neither in the environment nor defaulted.
        problems: malformed syntax or a required (``:?``/``?``) variable that is missing.
    """

    value: str
    variables: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def is_known(self) -> bool:
        """Whether every part of the value is known (nothing unresolved, nothing malformed)."""
        return not self.unresolved and not self.problems

    @property
    def has_variables(self) -> bool:
        """Whether the string uses interpolation at all."""
        return bool(self.variables) or bool(self.problems)


def has_interpolation(text: str) -> bool:
    """Return whether ``text`` holds a ``$VAR``/``${...}`` reference (``$$`` does not count)."""
    index = text.find("$")
    while index != -1:
        following = text[index + 1 : index + 2]
        if following == "$":
            index = text.find("$", index + 2)
            continue
        if following == "{" or _NAME.match(text, index + 1):
            return True
        index = text.find("$", index + 1)
    return False


class _State:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.variables: list[str] = []
        self.unresolved: list[str] = []
        self.problems: list[str] = []

    def use(self, name: str) -> str | None:
        if name not in self.variables:
            self.variables.append(name)
        return self.env.get(name)


def _closing_brace(text: str, start: int) -> int:
    """Return the index of the ``}`` that closes a ``${`` whose body starts at ``start``."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "$" and text.startswith("$$", index):
            index += 2
            continue
        if char == "$" and text.startswith("${", index):
            depth += 1
            index += 2
            continue
        if char == "}":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return -1


def _expand(text: str, state: _State, level: int) -> str:
    if level > MAX_NESTING:
        state.problems.append("interpolation nested too deeply")
        return ""
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        dollar = text.find("$", index)
        if dollar == -1:
            out.append(text[index:])
            break
        out.append(text[index:dollar])
        following = text[dollar + 1 : dollar + 2]
        if following == "$":
            out.append("$")
            index = dollar + 2
            continue
        if following == "{":
            close = _closing_brace(text, dollar + 2)
            if close == -1:
                state.problems.append(f"unclosed '${{' in {text!r}: add the missing '}}'")
                return "".join(out)
            out.append(_braced(text[dollar + 2 : close], state, level))
            index = close + 1
            continue
        match = _NAME.match(text, dollar + 1)
        if match is None:
            # compose keeps a '$' that starts no reference (e.g. "$1", a trailing "$").
            out.append("$")
            index = dollar + 1
            continue
        name = match.group()
        value = state.use(name)
        if value is None:
            state.unresolved.append(name)
            value = ""
        out.append(value)
        index = match.end()
    return "".join(out)


def _braced(body: str, state: _State, level: int) -> str:
    match = _NAME.match(body)
    if match is None:
        state.problems.append(f"invalid interpolation '${{{body}}}': expected a variable name")
        return ""
    name = match.group()
    rest = body[match.end() :]
    value = state.use(name)
    if not rest:
        if value is None:
            state.unresolved.append(name)
            return ""
        return value
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        state.problems.append(
            f"invalid interpolation '${{{body}}}': after the name use '}}', ':-', '-', ':?', '?', "
            "':+' or '+'"
        )
        return ""
    argument = rest[len(operator) :]
    unset = value is None
    empty = unset or value == ""
    if operator in (":-", "-"):
        if (operator == ":-" and empty) or (operator == "-" and unset):
            return _expand(argument, state, level + 1)
        return value or ""
    if operator in (":?", "?"):
        if (operator == ":?" and empty) or (operator == "?" and unset):
            reason = _expand(argument, state, level + 1)
            state.problems.append(
                f"required variable {name} is missing a value" + (f": {reason}" if reason else "")
            )
            if name not in state.unresolved:
                state.unresolved.append(name)
            return ""
        return value or ""
    # ":+" / "+": the alternative when set (and non-empty for ":+"), else empty.
    if (operator == ":+" and not empty) or (operator == "+" and not unset):
        return _expand(argument, state, level + 1)
    return ""


def interpolate(text: str, env: Mapping[str, str] | None = None) -> Interpolated:
    """Substitute variables in ``text`` the way docker compose v2 does.

    Args:
        text: a string value from a compose file.
        env: the variables (from ``.env`` and the caller); names not in it are unset.

    Returns:
        The substituted value with the names used, those left unresolved and any problems.
    """
    if "$" not in text:
        return Interpolated(text)
    state = _State(env or {})
    value = _expand(text, state, 0)
    return Interpolated(
        value,
        tuple(state.variables),
        tuple(dict.fromkeys(state.unresolved)),
        tuple(state.problems),
    )


# --- .env files -------------------------------------------------------------------------------


@record
class DotEnv:
    """A parsed ``.env`` file: values in order, and problems as (0-based line, message)."""

    values: dict[str, str]
    problems: tuple[tuple[int, str], ...] = ()
    lines: dict[str, int] | None = None


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_DOUBLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "$": "\\$"}


def parse_dotenv(text: str, env: Mapping[str, str] | None = None) -> DotEnv:
    """Parse a ``.env`` file as compose does.

    Supports ``KEY=value``, ``export KEY=value``, ``KEY: value``, ``#`` comments (whole line, or
    after a blank in an unquoted value), single quotes (literal), double quotes (escapes,
    may span lines) and ``${VAR}`` in unquoted and double-quoted values (earlier keys and
    ``env`` are visible). Never raises.
    """
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    source_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if source_lines and source_lines[0].startswith("\ufeff"):
        source_lines[0] = source_lines[0][1:]
    number = 0
    while number < len(source_lines):
        line_no = number
        line = source_lines[number].strip()
        number += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("export ") or line.startswith("export\t"):
            line = line[len("export") :].lstrip()
        match = _KEY.match(line)
        if match is None:
            problems.append(
                (line_no, f"unexpected character {line[:1]!r}: expected a variable name")
            )
            continue
        key = match.group()
        rest = line[match.end() :].lstrip(" \t")
        if not rest or rest.startswith("#"):
            # A bare name takes its value from the environment, if any.
            if env is not None and key in env:
                values[key] = env[key]
                lines[key] = line_no
            continue
        if rest[0] not in "=:":
            problems.append((line_no, f"expected '=' after {key!r}"))
            continue
        rest = rest[1:].lstrip(" \t")
        visible = {**(env or {}), **values}
        if rest.startswith("'"):
            value, number, ok = _quoted(rest, "'", source_lines, number)
            if not ok:
                problems.append((line_no, f"the single quote opened for {key!r} is not closed"))
        elif rest.startswith('"'):
            raw, number, ok = _quoted(rest, '"', source_lines, number)
            if not ok:
                problems.append((line_no, f"the double quote opened for {key!r} is not closed"))
            value = _unescape(raw)
            value = _dotenv_interpolate(value, visible, line_no, problems)
        else:
            comment = re.search(r"\s#", rest)
            if comment is not None:
                rest = rest[: comment.start()]
            value = _dotenv_interpolate(rest.strip(), visible, line_no, problems)
        values[key] = value
        lines[key] = line_no
    return DotEnv(values, tuple(problems), lines)


def _quoted(rest: str, quote: str, source_lines: list[str], number: int) -> tuple[str, int, bool]:
    body = rest[1:]
    collected: list[str] = []
    while True:
        index = _find_close(body, quote)
        if index != -1:
            collected.append(body[:index])
            return "\n".join(collected), number, True
        collected.append(body)
        if number >= len(source_lines):
            return "\n".join(collected), number, False
        body = source_lines[number]
        number += 1


def _find_close(text: str, quote: str) -> int:
    index = 0
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return -1


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _DOUBLE_ESCAPES.get(m.group(1), "\\" + m.group(1)), raw)


def _dotenv_interpolate(
    value: str, env: Mapping[str, str], line_no: int, problems: list[tuple[int, str]]
) -> str:
    # "\$" (from an escaped dollar in double quotes) stays a literal dollar.
    parts = value.split("\\$")
    out = []
    for part in parts:
        result = interpolate(part, env)
        problems.extend((line_no, problem) for problem in result.problems)
        out.append(result.value)
    return "$".join(out)


def environment_for(
    compose_path: Path, env: Mapping[str, str] | None = None, root: Path | None = None
) -> dict[str, str]:
    """Variables Compose would use for a file: the ``.env`` beside it, then ``env`` on top.

    The ``.env`` file is read only when it lies inside ``root`` (default: the file's directory);
    a missing or unreadable one is simply absent. Never raises.
    """
    directory = compose_path.parent
    candidate = directory / ".env"
    values: dict[str, str] = {}
    try:
        limit = project_files.resolved(root or directory)
        resolved = project_files.resolved(candidate)
        if resolved.is_relative_to(limit) and project_files.exists(resolved):
            values = parse_dotenv(project_files.read_text(resolved), env).values
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        LOG.debug("cannot read %s: %s", candidate, exc)
    return {**values, **(env or {})}

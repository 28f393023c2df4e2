r"""Read ``.dockerignore`` files and match paths the way Docker does.

Docker's rules (its pattern matcher, not gitignore's): one pattern per line;
a line whose first character is ``#`` is a comment; blanks around a pattern are
dropped; a leading ``!`` makes the pattern an exception that re-includes what
earlier patterns excluded. Each pattern is cleaned like a path (``./a/`` is
``a``, a leading ``/`` is dropped) and is anchored at the root of the build
context: ``*.log`` excludes ``x.log`` but not ``dir/x.log`` (write
``**/*.log`` for that). ``*`` and ``?`` never match ``/``, ``**`` matches any
number of directories, ``[...]`` is a character class and ``\`` escapes the
next character. A path is excluded when the last pattern matching it, or
matching one of its parent directories, is not an exception.

Which file applies: ``<Dockerfile>.dockerignore`` next to the Dockerfile wins
over ``.dockerignore`` at the root of the build context.
"""

from __future__ import annotations

import logging
import posixpath
import re
from functools import cached_property

from lintkit.records import record

LOG = logging.getLogger(__name__)


@record
class IgnorePattern:
    """One pattern line: the cleaned pattern, whether it is an exception, its 1-based line."""

    pattern: str
    exception: bool
    line: int

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The pattern compiled to an anchored regular expression."""
        return re.compile(_to_regex(self.pattern))

    def matches(self, path: str) -> bool:
        """Whether the pattern matches ``path`` itself (not its parents)."""
        return bool(self.regex.match(path))


def _to_regex(pattern: str) -> str:
    out = ["^"]
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        index += 1
        if char == "*":
            if index < length and pattern[index] == "*":
                index += 1
                if index < length and pattern[index] == "/":
                    index += 1  # ``**/`` is treated like ``**``
                out.append(".*" if index >= length else "(.*/)?")
            else:
                out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index)
            if end == -1:
                out.append(re.escape(char))
            else:
                # Passed through as Docker does: ``[^a]`` negates, ``[!a]`` does not.
                body = pattern[index:end]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                index = end + 1
        elif char == "\\" and index < length:
            out.append(re.escape(pattern[index]))
            index += 1
        else:
            out.append(re.escape(char))
    out.append("$")
    return "".join(out)


def clean_path(path: str) -> str:
    """A path as Docker compares it on Linux: cleaned, no leading ``/`` or ``./``.

    A backslash is an escape character in patterns, not a separator.
    """
    cleaned = posixpath.normpath(path) if path else "."
    while cleaned.startswith("/"):
        cleaned = cleaned[1:]
    return cleaned or "."


@record
class DockerIgnore:
    """The patterns of one ``.dockerignore`` file, in order."""

    patterns: tuple[IgnorePattern, ...]

    @classmethod
    def parse(cls, text: str) -> DockerIgnore:
        """Read the content of a ``.dockerignore`` file."""
        patterns: list[IgnorePattern] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.lstrip("\ufeff")
            if line.startswith("#"):
                continue
            line = line.strip()
            if not line:
                continue
            exception = line.startswith("!")
            if exception:
                line = line[1:].strip()
                if not line:
                    continue
            patterns.append(IgnorePattern(clean_path(line), exception, number))
        return cls(tuple(patterns))

    @property
    def has_exceptions(self) -> bool:
        """Whether any ``!`` pattern re-includes paths."""
        return any(pattern.exception for pattern in self.patterns)

    def deciding_pattern(self, path: str) -> IgnorePattern | None:
        """The last pattern matching ``path`` or one of its parent directories."""
        cleaned = clean_path(path)
        parts = cleaned.split("/")
        parents = ["/".join(parts[: count + 1]) for count in range(len(parts) - 1)]
        found = None
        for pattern in self.patterns:
            if pattern.matches(cleaned) or any(pattern.matches(parent) for parent in parents):
                found = pattern
        return found

    def excludes(self, path: str) -> bool:
        """Whether Docker leaves ``path`` (relative to the context) out of the build context."""
        pattern = self.deciding_pattern(path)
        return pattern is not None and not pattern.exception

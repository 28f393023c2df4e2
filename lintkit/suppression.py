"""Suppression comments, handled here so that rules never need to know about them.

Recognised forms (rule codes, names and aliases are all accepted):

- ``# lintkit: ignore=CODE-or-name[,...]`` on its own line: the next Dockerfile
  instruction, or the next YAML node with everything nested under it;
  at the end of a YAML line: that line.
- ``# lintkit: ignore`` with no list: every rule, same places.
- ``# lintkit: ignore-file=...`` anywhere: the whole file.
- hadolint's ``# hadolint ignore=DL3006,...`` (next instruction) and
  ``# hadolint global ignore=...`` (whole file), matched through rule aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lintkit.records import field, record
from lintkit.rule import Rule
from lintkit.source import SourceText

ALL_RULES = "*"

_LINTKIT = re.compile(
    r"#\s*lintkit:\s*(?P<kind>ignore-file|ignore)\b(?:\s*=\s*(?P<rules>[\w\-]+(?:\s*,\s*[\w\-]+)*))?",
    re.IGNORECASE,
)
_HADOLINT = re.compile(
    r"#\s*hadolint\s+(?P<scope>global\s+)?ignore\s*=\s*(?P<rules>[\w]+(?:\s*,\s*[\w]+)*)",
    re.IGNORECASE,
)


@record
class Suppression:
    """Selectors (lower-cased) silenced on lines ``first_line``..``last_line`` (0-based)."""

    selectors: frozenset[str]
    first_line: int
    last_line: int


@record(frozen=False)
class Suppressions:
    """Every suppression found in one file."""

    file_wide: set[str] = field(default_factory=set)
    spans: list[Suppression] = field(default_factory=list)

    def silences(self, rule: type[Rule], line: int, subcode: str | None = None) -> bool:
        """Whether a finding of ``rule`` starting on ``line`` is suppressed.

        ``subcode`` is the wrapped tool's code of the finding (``SC2086``), which a
        comment may name to silence only that kind of finding of the rule.
        """
        keys = {rule.code.lower(), rule.name, *(alias.lower() for alias in rule.aliases)}
        if subcode:
            keys.add(subcode.lower())
        keys.add(ALL_RULES)
        if keys & self.file_wide:
            return True
        return any(
            span.first_line <= line <= span.last_line and keys & span.selectors
            for span in self.spans
        )


@record
class _Marker:
    line: int
    file_wide: bool
    selectors: frozenset[str]
    trailing: bool


def _selectors(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset({ALL_RULES})
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


def _markers(comment_lines: Iterable[tuple[int, str, bool]]) -> list[_Marker]:
    """Read markers from ``(line, comment text starting at '#', trailing?)`` triples."""
    found = []
    for line, text, trailing in comment_lines:
        match = _LINTKIT.match(text)
        if match:
            found.append(
                _Marker(
                    line,
                    match.group("kind").lower() == "ignore-file",
                    _selectors(match.group("rules")),
                    trailing,
                )
            )
            continue
        match = _HADOLINT.match(text)
        if match:
            found.append(
                _Marker(
                    line, bool(match.group("scope")), _selectors(match.group("rules")), trailing
                )
            )
    return found


def dockerfile_suppressions(
    comments: Sequence[tuple[int, str]], instruction_lines: Sequence[tuple[int, int]]
) -> Suppressions:
    """Suppressions of a Dockerfile.

    Args:
        comments: ``(line, text from '#')`` of each comment line.
        instruction_lines: ``(first line, last line)`` of each instruction, in order.
    """
    result = Suppressions()
    for marker in _markers((line, text, False) for line, text in comments):
        if marker.file_wide:
            result.file_wide |= marker.selectors
            continue
        following = next((span for span in instruction_lines if span[0] > marker.line), None)
        if following is not None:
            result.spans.append(Suppression(marker.selectors, following[0], following[1]))
    return result


_YAML_COMMENT = re.compile(r"(^|\s)(#.*)$")


def yaml_suppressions(source: SourceText) -> Suppressions:
    """Suppressions of a YAML file, found by scanning its comments.

    An own-line marker covers the next non-blank line and every following line
    indented deeper than it (the YAML node and its children).
    """
    lines = source.text.splitlines()
    comment_lines: list[tuple[int, str, bool]] = []
    for number, text in enumerate(lines):
        if "lintkit" not in text and "hadolint" not in text:
            continue
        match = _YAML_COMMENT.search(text)
        if match:
            comment_lines.append((number, match.group(2), bool(text[: match.start(2)].strip())))
    result = Suppressions()
    for marker in _markers(comment_lines):
        if marker.file_wide:
            result.file_wide |= marker.selectors
        elif marker.trailing:
            result.spans.append(Suppression(marker.selectors, marker.line, marker.line))
        else:
            span = _yaml_node_span(lines, marker.line + 1)
            if span is not None:
                result.spans.append(Suppression(marker.selectors, *span))
    return result


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _yaml_node_span(lines: Sequence[str], start: int) -> tuple[int, int] | None:
    first = start
    while first < len(lines) and (
        not lines[first].strip() or lines[first].lstrip().startswith("#")
    ):
        first += 1
    if first >= len(lines):
        return None
    indent = _indent(lines[first])
    is_item = lines[first].lstrip().startswith("- ")
    last = first
    for number in range(first + 1, len(lines)):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        # A flush sequence (``key:`` then ``- item`` at the same indent) belongs to the key.
        flush_item = not is_item and _indent(text) == indent and text.lstrip().startswith("- ")
        if _indent(text) <= indent and not flush_item:
            break
        last = number
    return first, last

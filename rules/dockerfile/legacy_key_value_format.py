"""LK281 legacy-key-value-format: ``ENV key value`` / ``LABEL key value``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Env, KeyValue, KeyValueInstruction, Label
from lintkit.fixers.dockerfile_edits import as_single_word
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import with_triggers


class LegacyKeyValueFormat(Rule):
    """## What it does
    Flags `ENV` and `LABEL` written in the legacy form `ENV NAME value`, with a
    blank instead of `=` between the name and the value.

    ## Why is this bad?
    In the legacy form everything after the name is the value, blanks
    included, while the `NAME=value` form ends a value at a blank and allows
    several pairs per line. Mixing both forms invites mistakes such as
    `ENV A 1 B=2`, which sets `A` to `1 B=2`. Docker has deprecated the legacy
    form and warns about it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    ENV PYTHONUNBUFFERED 1
    ENV JAVA_OPTS -Xmx1g -Xms256m
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    ENV PYTHONUNBUFFERED=1
    ENV JAVA_OPTS="-Xmx1g -Xms256m"
    ```

    ## Fix safety
    The fix puts `=` between the name and the value and, when the value holds
    blanks outside quotes, wraps it in double quotes so that Docker reads the
    same value (quotes, `$` and escapes inside are kept equivalent; the fix
    checks that the new text reads back as the old value). A value continued
    over several lines is wrapped in double quotes as it stands. The fix is
    safe. It is not offered when a comment sits between the name and the value,
    or when a value over several lines holds quotes, escapes or comment lines.

    ## References
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    - [Build checks: LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    """

    code = "LK281"
    name = "legacy-key-value-format"
    summary = "`ENV`/`LABEL` in the legacy `key value` form"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("LegacyKeyValueFormat",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag legacy pairs and rewrite them as ``key=value``."""
        for instruction in with_triggers(dockerfile.instructions):
            if not isinstance(instruction, (Env, Label)):
                continue
            for pair in instruction.pairs:
                if pair.legacy:
                    yield _problem(dockerfile, instruction, pair)


def _problem(dockerfile: Dockerfile, instruction: KeyValueInstruction, pair: KeyValue) -> Problem:
    keyword = instruction.keyword
    message = (
        f"{keyword} {pair.key} uses the legacy 'name value' form; write "
        f"'{keyword} {pair.key}=<value>'"
    )
    if pair.value_range is None:
        return Problem(pair.range, message)
    text = dockerfile.source.text
    gap_start = pair.key_range.end.offset
    gap_end = pair.value_range.start.offset
    value_start, value_end = pair.value_range.start.offset, pair.value_range.end.offset
    gap = text[gap_start:gap_end]
    if gap.strip(" \t\r\n" + dockerfile.escape):
        return Problem(pair.range, message, unfixable_reason="a comment separates name and value")
    raw = text[value_start:value_end]
    if pair.value_range.start.line != pair.value_range.end.line:
        return _multiline_problem(dockerfile, instruction, pair, message, raw)
    word = as_single_word(raw, dockerfile.escape)
    if word is None:
        return Problem(
            pair.range, message, unfixable_reason="the value cannot be re-quoted exactly"
        )
    edits = [Edit(gap_start, gap_end, "=")]
    if word != raw:
        edits.append(Edit(value_start, value_end, word))
    return Problem(
        pair.range,
        f"{keyword} {pair.key} uses the legacy 'name value' form; write "
        f"'{keyword} {pair.key}={word}'",
        fix=Fix.safe(f"Write {pair.key}={word}", *edits),
    )


def _multiline_problem(
    dockerfile: Dockerfile,
    instruction: KeyValueInstruction,
    pair: KeyValue,
    message: str,
    raw: str,
) -> Problem:
    """Quote a value continued over several lines, when that cannot change it.

    Docker joins continuation lines before it reads quotes, so double quotes put around
    the physical value keep every line; this is exact only for plain text (no quotes, no
    escapes besides the continuations) without comment lines in between.
    """
    escape = dockerfile.escape
    assert pair.value_range is not None
    plain = re.sub(re.escape(escape) + r"[ \t]*\r?\n", "", raw)
    inside = pair.value_range
    comments = [
        comment
        for comment in instruction.comments
        if inside.start.offset <= comment.range.start.offset < inside.end.offset
    ]
    if comments or any(char in plain for char in ("'", '"', escape, "\n")):
        return Problem(
            pair.range,
            message,
            unfixable_reason="the value runs over several lines with quotes, escapes or comments",
        )
    start, end = inside.start.offset, inside.end.offset
    edits = [
        Edit(pair.key_range.end.offset, start, "="),
        Edit(start, start, '"'),
        Edit(end, end, '"'),
    ]
    return Problem(
        pair.range,
        message,
        fix=Fix.safe(f'Write {pair.key}="…" (quoted over its lines)', *edits),
    )

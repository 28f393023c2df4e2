"""LK281 legacy-key-value-format: ``ENV key value`` / ``LABEL key value``."""

from __future__ import annotations

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
    checks that the new text reads back as the old value). It is safe. It is
    not offered when the value runs over several lines or a comment sits between
    the name and the value.

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
    if pair.value_range.start.line != pair.value_range.end.line:
        return Problem(pair.range, message, unfixable_reason="the value runs over several lines")
    raw = text[value_start:value_end]
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

"""Helpers shared by the instruction-level rule tests (LK250-LK299)."""

from __future__ import annotations

from lintkit.diagnostics import Applicability
from lintkit.fixing import apply_edits
from tests.conftest import lint, spans

Options = dict[str, object] | None


def found(text: str, rule: str, options: Options = None) -> list[tuple[int, int, int, int]]:
    """1-based (line, col, end line, end col) of each finding of ``rule``."""
    opts = {rule: options} if options else None
    return [s[1:] for s in spans(lint(text, "dockerfile", [rule], options=opts))]


def messages(texts: list[str], rule: str, options: Options = None) -> str:
    """Every message for ``texts`` (case number, position, message, unfixable reason)."""
    opts = {rule: options} if options else None
    lines = []
    for number, text in enumerate(texts, 1):
        for d in lint(text, "dockerfile", [rule], options=opts):
            line = f"[{number}] {d.range.start.line + 1}:{d.range.start.column + 1} {d.message}"
            if d.fix is not None:
                line += f"\n    fix ({d.fix.applicability.value}): {d.fix.title}"
            if d.unfixable_reason:
                line += f"\n    no fix: {d.unfixable_reason}"
            lines.append(line)
    return "\n".join(lines) + "\n"


def fixed(text: str, rule: str, unsafe: bool = False) -> str:
    """Apply the fix of every finding of ``rule`` once; check applicability and that it is gone."""
    diagnostics = lint(text, "dockerfile", [rule])
    assert diagnostics, "expected a finding"
    assert all(d.fix is not None for d in diagnostics), [d.unfixable_reason for d in diagnostics]
    wanted = Applicability.UNSAFE if unsafe else Applicability.SAFE
    assert {d.fix.applicability for d in diagnostics if d.fix} == {wanted}
    edits = [edit for d in diagnostics if d.fix is not None for edit in d.fix.edits]
    result = apply_edits(text, edits)
    assert lint(result, "dockerfile", [rule]) == [], result
    assert lint(result, "dockerfile", ["syntax-error"]) == [], result
    return result


def before_after(cases: list[str], rule: str, unsafe: bool = False) -> str:
    """Fix snapshots: each case before and after (line endings shown as ␍)."""
    parts = []
    for text in cases:
        after = fixed(text, rule, unsafe)
        parts.append(
            "--- before\n" + text.replace("\r", "␍") + "+++ after\n" + after.replace("\r", "␍")
        )
    return "\n".join(parts)

"""Small helpers shared by the RUN-command rule tests (LK120-LK199)."""

from __future__ import annotations

from lintkit.fixing import apply_edits
from tests.conftest import lint, spans


def found(text: str, rule: str) -> list[tuple[int, int, int, int]]:
    """1-based (line, col, end line, end col) of each finding of ``rule``."""
    return [s[1:] for s in spans(lint(text, "dockerfile", [rule]))]


def messages(texts: list[str], rule: str) -> str:
    """All messages for ``texts``, one per line, for snapshots."""
    lines = []
    for text in texts:
        for diagnostic in lint(text, "dockerfile", [rule]):
            lines.append(
                f"{diagnostic.range.start.line + 1}:{diagnostic.range.start.column + 1} "
                f"{diagnostic.message}"
            )
    return "\n".join(lines) + "\n"


def fixed(text: str, rule: str, unsafe: bool = False) -> str:
    """Apply the fixes of every finding of ``rule`` once and check the finding is gone."""
    diagnostics = lint(text, "dockerfile", [rule])
    edits = [edit for d in diagnostics if d.fix is not None for edit in d.fix.edits]
    assert edits, "expected a fix"
    if not unsafe:
        assert all(d.fix is None or d.fix.applicability.value == "safe" for d in diagnostics)
    result = apply_edits(text, edits)
    assert lint(result, "dockerfile", [rule]) == []
    return result

"""Helpers for the tests of the version, YAML-pitfall and legacy-format rules (LK700-LK749)."""

from __future__ import annotations

from pathlib import Path

from lintkit.config import Config
from lintkit.diagnostics import Diagnostic
from lintkit.engine import Linter
from lintkit.fixing import FixResult, apply_edits, fix_text
from lintkit.registry import default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText
from tests.conftest import lint, spans


def run(text: str, rule: str, options: dict[str, object] | None = None) -> list[Diagnostic]:
    """Lint compose ``text`` with one rule."""
    return lint(
        text, "compose", [rule], path="compose.yaml", options={rule: options} if options else None
    )


def where(
    text: str, rule: str, options: dict[str, object] | None = None
) -> list[tuple[int, int, int, int]]:
    """1-based (line, column, end line, end column) of each finding."""
    return [s[1:] for s in spans(run(text, rule, options))]


def messages(text: str, rule: str, options: dict[str, object] | None = None) -> str:
    """Findings as ``line:col message`` lines, for snapshots."""
    return "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run(text, rule, options)
    )


def fix_once(text: str, rule: str, options: dict[str, object] | None = None) -> str:
    """Apply the fixes of every finding of one lint (they must not overlap)."""
    edits = [edit for d in run(text, rule, options) if d.fix for edit in d.fix.edits]
    return apply_edits(text, edits)


def fix_all(text: str, rules: list[str], *, unsafe: bool = True) -> FixResult:
    """Run the fix engine with the given rules."""
    registry = default_registry()
    linter = Linter(Config(registry=registry, select=tuple(rules), root=Path.cwd()))
    return fix_text(
        SourceText.from_text(text, "compose.yaml"),
        lambda source: linter.lint_source(source, FileKind.COMPOSE),
        unsafe=unsafe,
    )


def all_findings(text: str) -> list[Diagnostic]:
    """Lint with every rule (to check a fixed file has no syntax or internal errors)."""
    return lint(text, "compose", ["ALL"], path="compose.yaml")

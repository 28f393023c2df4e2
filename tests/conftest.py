"""Shared test helpers: lint a string with chosen rules and read findings as plain tuples."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from lintkit.config import Config
from lintkit.diagnostics import Diagnostic
from lintkit.engine import Linter
from lintkit.registry import default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText


def pytest_configure(config: pytest.Config) -> None:
    # The plugin index (lintkit.plugins) goes to the user's cache folder: keep the tests' own
    # runs, and the lintkit processes they start, out of the developer's home.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lintkit-tests-cache-")


def lint(
    text: str,
    kind: FileKind | str,
    select: list[str] | None = None,
    path: str | Path = "Dockerfile",
    options: dict[str, dict[str, object]] | None = None,
    root: Path | None = None,
) -> list[Diagnostic]:
    """Lint ``text`` with only the ``select``ed rules (all default rules when None)."""
    registry = default_registry()
    rule_options = {}
    for key, values in (options or {}).items():
        rule = registry.get(key)
        assert rule is not None, key
        rule_options[rule.code] = values
    config = Config(
        registry=registry,
        select=tuple(select) if select is not None else None,
        rule_options=rule_options,
        root=root or Path.cwd(),
    )
    source = SourceText.from_text(text, path)
    return Linter(config).lint_source(source, FileKind(kind) if isinstance(kind, str) else kind)


def spans(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    """Findings as (rule name, start line, start column, end line, end column), 1-based."""
    return [
        (
            d.name,
            d.range.start.line + 1,
            d.range.start.column + 1,
            d.range.end.line + 1,
            d.range.end.column + 1,
        )
        for d in diagnostics
    ]

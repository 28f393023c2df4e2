"""Fixtures of the output format tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from output_fixtures import FakeImageRule, FakeShellRule, FakeStyleRule, build_reports

from lintkit.engine import FileReport
from lintkit.registry import Registry


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project folder that is also the current directory (paths print relative)."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def reports(root: Path) -> list[FileReport]:
    return build_reports(root)


@pytest.fixture
def registry() -> Registry:
    fake = Registry()
    for rule in (FakeImageRule, FakeShellRule, FakeStyleRule):
        fake.add(rule)
    return fake

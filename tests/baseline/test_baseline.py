"""Baselines: recorded findings stay hidden when code moves; new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintkit.baseline import Baseline, write_baseline
from lintkit.cli import main
from lintkit.config import Config
from lintkit.engine import FileReport, Linter
from lintkit.errors import ConfigError
from lintkit.registry import default_registry
from lintkit.rule import FileKind

DOCKERFILE = "FROM python\nRUN echo hi\n"


def _reports(*paths: Path) -> list[FileReport]:
    config = Config(registry=default_registry(), select=("mutable-image-tag",))
    linter = Linter(config)
    return [linter.lint_path(path, FileKind.DOCKERFILE) for path in paths]


def _codes_lines(reports: list[FileReport]) -> list[tuple[str, str, int]]:
    return [
        (report.path.name, d.code, d.range.start.line + 1)
        for report in reports
        for d in report.diagnostics
    ]


def test_moved_finding_stays_baselined_new_one_is_reported(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    baseline = tmp_path / "lintkit-baseline.json"
    assert write_baseline(baseline, _reports(dockerfile)) == 1

    # Lines inserted above, and the indentation changed: still the same finding.
    dockerfile.write_text("# syntax=docker/dockerfile:1\n\nARG X=1\n  FROM   python\nRUN echo hi\n")
    reports = _reports(dockerfile)
    assert _codes_lines(reports) == [("Dockerfile", "LK100", 4)]
    assert Baseline.load(baseline).filter(reports) == 1
    assert _codes_lines(reports) == []

    # A second identical finding and a different one are new.
    dockerfile.write_text("FROM python\nFROM node\nFROM python\n")
    reports = _reports(dockerfile)
    assert Baseline.load(baseline).filter(reports) == 1
    assert _codes_lines(reports) == [("Dockerfile", "LK100", 2), ("Dockerfile", "LK100", 3)]


def test_same_line_in_another_file_is_new(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "Dockerfile"
    second = tmp_path / "b" / "Dockerfile"
    first.write_text(DOCKERFILE)
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, _reports(first))
    second.write_text(DOCKERFILE)
    reports = _reports(first, second)
    Baseline.load(baseline).filter(reports)
    assert [(r.path.parent.name, len(r.diagnostics)) for r in reports] == [("a", 0), ("b", 1)]


def test_baseline_file_is_stable_and_relative(tmp_path: Path) -> None:
    dockerfile = tmp_path / "app" / "Dockerfile"
    dockerfile.parent.mkdir()
    dockerfile.write_text(DOCKERFILE)
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, _reports(dockerfile))
    document = json.loads(baseline.read_text())
    [entry] = document["findings"]
    assert entry["path"] == "app/Dockerfile"
    assert entry["line_text"] == "FROM python"
    assert entry["occurrence"] == 0
    assert entry["code"] == "LK100"


def test_bad_baseline_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Baseline.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ConfigError, match="not a lintkit baseline"):
        Baseline.load(bad)
    bad.write_text('{"findings": [{"path": "x"}]}')
    with pytest.raises(ConfigError, match="entry 0 is malformed"):
        Baseline.load(bad)


def test_cli_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    common = ["--select", "mutable-image-tag", "--no-cache"]
    assert main(["check", ".", *common, "--write-baseline", "base.json"]) == 0
    assert "recorded 1 finding in base.json" in capsys.readouterr().err
    assert main(["check", ".", *common, "--baseline", "base.json"]) == 0
    assert "no findings" in capsys.readouterr().out
    (tmp_path / "Dockerfile").write_text("FROM alpine\n" + DOCKERFILE)
    assert main(["check", ".", *common, "--baseline", "base.json", "-q"]) == 1
    out = capsys.readouterr().out
    assert "Dockerfile:1:6: LK100" in out and "Dockerfile:2:" not in out
    assert main(["check", ".", *common, "--baseline", "missing.json"]) == 2
    assert "cannot read the baseline" in capsys.readouterr().err

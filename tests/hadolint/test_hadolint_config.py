"""Reading and converting hadolint configuration files."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from lintkit import hadolint_config
from lintkit.cli import main
from lintkit.config import ConfigResolver, parse_config
from lintkit.diagnostics import Severity
from lintkit.engine import Linter
from lintkit.registry import build_registry, default_registry
from lintkit.rule import FileKind, Option, Rule
from lintkit.source import SourceText

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class FakeTrustedRegistries(Rule):
    """## What it does
    Test rule standing in for the DL3026 equivalent.

    ## Why is this bad?
    Test.

    ## Example
    `FROM evil.example/x:1`
    """

    code = "LK980"
    name = "test-untrusted-registry"
    summary = "Image from an untrusted registry (test)"
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3026",)
    enabled_by_default = False
    options = (Option("trusted-registries", [], "registries images may come from"),)


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(hadolint_config, "_noted", False)
    monkeypatch.setenv(hadolint_config._NOTED_ENV, "")  # restored after the test
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()


def _lint(config_dir: Path, text: str) -> list[str]:
    resolver = ConfigResolver(default_registry())
    path = config_dir / "Dockerfile"
    config = resolver.for_path(path)
    diagnostics = Linter(config).lint_source(SourceText.from_text(text, path), FileKind.DOCKERFILE)
    return [f"{d.code}:{d.severity.label}" for d in diagnostics]


def test_hadolint_file_is_used_when_no_lintkit_config(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ".hadolint.yaml").write_text(
        "ignored: [DL9999, SC9999]\n"
        "override:\n  error: [DL3007]\n  style: [XX1234]\n"
        "failure-threshold: error\n"
        "trustedRegistries: [docker.io]\n"
        "strict-labels: true\n"
    )
    sub = tmp_path / "services" / "api"
    sub.mkdir(parents=True)
    with caplog.at_level(logging.WARNING, logger="lintkit.hadolint_config"):
        resolver = ConfigResolver(default_registry())
        config = resolver.for_path(sub / "Dockerfile")
        resolver.for_path(tmp_path / "Dockerfile")
    assert config.path == tmp_path / ".hadolint.yaml"
    assert config.failure_threshold is Severity.ERROR
    assert dict(config.severity) == {"mutable-image-tag": Severity.ERROR}
    warnings = [r.getMessage() for r in caplog.records]
    assert warnings == [
        f"using .hadolint.yaml at {tmp_path / '.hadolint.yaml'}; "
        "run `lintkit config --from-hadolint` to convert it"
    ]
    assert _lint(sub, "FROM python\n") == ["LK100:error"]


def test_ignored_codes_turn_rules_off(tmp_path: Path) -> None:
    (tmp_path / ".hadolint.yml").write_text("ignored:\n  - DL3006\n")
    assert _lint(tmp_path, "FROM python\n") == []


def test_lintkit_config_wins(tmp_path: Path) -> None:
    (tmp_path / ".hadolint.yaml").write_text("ignored: [DL3006]\n")
    (tmp_path / "lintkit.toml").write_text("ignore = []\n")
    assert _lint(tmp_path, "FROM python\n") == ["LK100:warning"]


def test_hadolint_file_in_cwd_applies_to_files_elsewhere(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (tmp_path / ".hadolint.yaml").write_text("ignored: [DL3006]\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert _lint(elsewhere, "FROM python\n") == []


def test_unreadable_hadolint_file_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ".hadolint.yaml").write_text("ignored: [DL3006\n")
    with caplog.at_level(logging.WARNING):
        assert _lint(tmp_path, "FROM python\n") == ["LK100:warning"]
    assert "ignoring" in caplog.text


def test_trusted_registries_go_to_the_dl3026_rule() -> None:
    # The built-in DL3026 rule (untrusted-registry, LK312) comes before plugin rules.
    registry = build_registry(extra=[FakeTrustedRegistries])
    table, notes = hadolint_config.convert(
        {"trustedRegistries": ["docker.io", "ghcr.io"], "ignored": ["DL9998"]}, registry
    )
    assert table == {
        "rules": {"untrusted-registry": {"trusted-registries": ["docker.io", "ghcr.io"]}}
    }
    assert notes == ["hadolint codes without a lintkit rule, skipped: DL9998"]
    config = parse_config(table, registry, None)
    assert config.rule_options["LK312"] == {"trusted-registries": ["docker.io", "ghcr.io"]}


def test_ignored_shellcheck_codes_go_to_the_shellcheck_rule() -> None:
    registry = build_registry()
    table, notes = hadolint_config.convert({"ignored": ["SC2086", "sc1071", "DL9998"]}, registry)
    assert table == {"rules": {"shellcheck-finding": {"exclude": ["SC2086", "SC1071"]}}}
    assert notes == ["hadolint codes without a lintkit rule, skipped: DL9998"]
    config = parse_config(table, registry, None)
    assert config.rule_options["LK340"] == {"exclude": ["SC2086", "SC1071"]}


def test_trusted_registries_skipped_without_such_rule() -> None:
    registry = build_registry()
    if any("DL3026" in rule.aliases for rule in registry.rules):
        pytest.skip("lintkit now has a DL3026 rule")
    table, notes = hadolint_config.convert({"trustedRegistries": ["docker.io"]}, registry)
    assert table == {}
    assert notes == ["trustedRegistries: lintkit has no rule for DL3026 yet; skipped"]


def test_convert_command_prints_equivalent_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / ".hadolint.yaml"
    source.write_text(
        "ignored: [DL3006, DL9999]\noverride:\n  info: [DL3007]\nfailure-threshold: none\n"
    )
    assert main(["config", "--from-hadolint", str(source)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"# Converted from {source}")
    assert "# hadolint codes without a lintkit rule, skipped: DL9999" in printed
    assert "# failure-threshold 'none' has no equivalent (use --exit-zero)" in printed
    assert "# ignoring mutable-image-tag also turns off what hadolint calls DL3007" in printed
    parsed = tomllib.loads(printed)
    assert parsed == {
        "ignore": ["mutable-image-tag"],
        "severity": {"mutable-image-tag": "info"},
    }
    parse_config(parsed, default_registry(), None)  # valid lintkit configuration

    assert main(["config", "--from-hadolint"]) == 0  # found in the cwd
    assert capsys.readouterr().out == printed
    assert main(["config", "--from-hadolint", "--write"]) == 0
    assert (tmp_path / "lintkit.toml").read_text() == printed
    assert main(["config", "--from-hadolint", "--write"]) == 2
    assert "not overwriting" in capsys.readouterr().err


def test_convert_command_without_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "--from-hadolint"]) == 2
    assert "no hadolint configuration found" in capsys.readouterr().err
    assert main(["config"]) == 2


def test_toml_rendering_quotes_odd_keys() -> None:
    text = hadolint_config.to_toml({"severity": {"a.b": "error"}, "select": ["ALL"]})
    assert tomllib.loads(text) == {"select": ["ALL"], "severity": {"a.b": "error"}}

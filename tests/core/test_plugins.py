"""Third-party rules found through the ``lintkit.rules`` entry point, and the plugin index."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from lintkit import plugins
from lintkit.config import Config
from lintkit.engine import Linter
from lintkit.registry import build_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText

PLUGIN_MODULE = '''
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule


class NoShoutingLabels(Rule):
    """## What it does
    Flags LABEL instructions.

    ## Why is this bad?
    A test plugin's opinion.

    ## Example
    ```dockerfile
    LABEL a=b
    ```
    """

    code = "LK999"
    name = "plugin-test-label"
    summary = "A rule from a plugin"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile, context):
        for instruction in dockerfile.instructions:
            if instruction.keyword == "LABEL":
                yield Problem(instruction.range, "label from a plugin")
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` to install fake packages into, and an empty plugin index."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.syspath_prepend(str(folder))
    plugins._index.cache_clear()
    yield folder
    plugins._index.cache_clear()
    sys.modules.pop("lintkit_test_plugin", None)


def install_plugin(site: Path, value: str = "lintkit_test_plugin:NoShoutingLabels") -> None:
    (site / "lintkit_test_plugin.py").write_text(PLUGIN_MODULE)
    info = site / "lintkit_test_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: lintkit-test-plugin\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(f"[lintkit.rules]\nlabels = {value}\n")


def lint_with_all_rules(text: str) -> list[str]:
    config = Config(registry=build_registry(), select=("ALL",), root=Path.cwd())
    found = Linter(config).lint_source(
        SourceText.from_text(text, "Dockerfile"), FileKind.DOCKERFILE
    )
    return [diagnostic.name for diagnostic in found]


def test_a_plugin_rule_is_registered_and_runs(site: Path) -> None:
    install_plugin(site)
    registry = build_registry()
    assert registry.get("plugin-test-label") is not None
    assert "plugin-test-label" in lint_with_all_rules("FROM alpine:3.20\nLABEL a=b\n")


def test_the_index_is_used_while_the_installed_packages_stay_the_same(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_plugin(site)
    first = plugins.installed_plugins()
    assert [entry.name for entry in first] == ["labels"]
    index = json.loads(next(plugins.index_directory().glob("plugins-*.json")).read_text())
    assert index["entry_points"] == [["labels", "lintkit_test_plugin:NoShoutingLabels"]]

    plugins._index.cache_clear()

    def no_scan() -> list[plugins.PluginEntry]:
        raise AssertionError("the index should have been used")

    monkeypatch.setattr(plugins, "_scan", no_scan)
    assert plugins.installed_plugins() == first


def test_each_module_search_path_keeps_its_own_index(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``python -m lintkit`` run from two folders: the first entry of sys.path differs.
    install_plugin(site)
    plugins.installed_plugins()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.syspath_prepend(str(elsewhere))
    plugins._index.cache_clear()
    plugins.installed_plugins()
    assert len(list(plugins.index_directory().glob("plugins-*.json"))) == 2

    def no_scan() -> list[plugins.PluginEntry]:
        raise AssertionError("each search path's index should have been used")

    monkeypatch.setattr(plugins, "_scan", no_scan)
    plugins._index.cache_clear()
    assert [entry.name for entry in plugins.installed_plugins()] == ["labels"]
    sys.path.remove(str(elsewhere))
    plugins._index.cache_clear()
    assert [entry.name for entry in plugins.installed_plugins()] == ["labels"]


def test_installing_a_package_makes_the_index_stale(site: Path) -> None:
    assert plugins.installed_plugins() == ()
    fingerprint_without = plugins.plugins_fingerprint()
    install_plugin(site)
    later = os.stat(site).st_mtime_ns + 1_000_000_000
    os.utime(site, ns=(later, later))  # as a real install would, even on a coarse clock
    plugins._index.cache_clear()
    assert [entry.value for entry in plugins.installed_plugins()] == [
        "lintkit_test_plugin:NoShoutingLabels"
    ]
    assert fingerprint_without == ""
    assert "lintkit_test_plugin" in plugins.plugins_fingerprint()


def test_a_damaged_index_is_rebuilt(site: Path) -> None:
    install_plugin(site)
    plugins.installed_plugins()
    index_file = next(plugins.index_directory().glob("plugins-*.json"))
    index_file.write_text("{not json")
    plugins._index.cache_clear()
    assert [entry.name for entry in plugins.installed_plugins()] == ["labels"]
    assert json.loads(index_file.read_text())["entry_points"]


def test_an_unwritable_index_folder_only_costs_a_scan(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder should be
    install_plugin(site)
    assert [entry.name for entry in plugins.installed_plugins()] == ["labels"]


def test_a_broken_plugin_is_reported_and_skipped(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    install_plugin(site, value="lintkit_test_plugin:NoSuchRule")
    registry = build_registry()
    assert registry.get("plugin-test-label") is None
    assert any("could not load lintkit rule plugin" in record.message for record in caplog.records)


def test_plugin_loading_follows_dotted_attributes() -> None:
    entry = plugins.PluginEntry("x", "os.path:join")
    assert entry.load() is os.path.join
    assert plugins.PluginEntry("y", " json ").load() is json


def test_a_plugin_module_listing_its_rules(site: Path) -> None:
    (site / "lintkit_test_plugin_pkg.py").write_text(
        textwrap.dedent(
            """
            from lintkit_test_plugin import NoShoutingLabels
            RULES = [NoShoutingLabels]
            """
        )
    )
    install_plugin(site, value="lintkit_test_plugin_pkg")
    try:
        assert build_registry().get("LK999") is not None
    finally:
        sys.modules.pop("lintkit_test_plugin_pkg", None)


def test_a_folder_changed_by_other_files_keeps_the_index(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_plugin(site)
    first = plugins.installed_plugins()
    (site / "notes.txt").write_text("not a package")  # changes the folder's time, not packages
    later = os.stat(site).st_mtime_ns + 1_000_000_000
    os.utime(site, ns=(later, later))
    plugins._index.cache_clear()

    def no_scan() -> list[plugins.PluginEntry]:
        raise AssertionError("the index should have been used")

    monkeypatch.setattr(plugins, "_scan", no_scan)
    assert plugins.installed_plugins() == first
    index = json.loads(next(plugins.index_directory().glob("plugins-*.json")).read_text())
    assert [later] == [item[1] for item in index["folders"] if item[0] == str(site)]

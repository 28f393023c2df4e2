from pathlib import Path

import pytest

from lintkit.config import Config, ConfigResolver, parse_config, read_config_file
from lintkit.diagnostics import Severity
from lintkit.errors import ConfigError
from lintkit.registry import default_registry


def names(config: Config) -> set[str]:
    return {active.rule.name for active in config.active_rules}


def test_defaults_enable_default_rules():
    config = Config(registry=default_registry())
    assert "mutable-image-tag" in names(config)


def test_select_ignore_and_aliases():
    config = parse_config(
        {"select": ["DL3006", "syntax-error"], "ignore": ["LK001"]}, default_registry(), None
    )
    assert names(config) == {"mutable-image-tag"}


def test_severity_override_by_name():
    config = parse_config({"severity": {"mutable-image-tag": "error"}}, default_registry(), None)
    (active,) = [a for a in config.active_rules if a.rule.name == "mutable-image-tag"]
    assert active.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"selcet": ["ALL"]}, "unknown key 'selcet' (did you mean 'select'?)"),
        ({"ignore": ["mutable-image-tags"]}, "did you mean 'mutable-image-tag'?"),
        ({"severity": {"LK001": "fatal"}}, "unknown severity 'fatal'"),
        ({"failure-threshold": "warn"}, "failure-threshold: unknown severity 'warn'"),
        ({"rules": {"nope": {}}}, "rules.nope: unknown rule"),
    ],
)
def test_invalid_config_names_key_and_suggestion(data, message):
    with pytest.raises(ConfigError) as excinfo:
        parse_config(data, default_registry(), Path("lintkit.toml"))
    assert message in str(excinfo.value)
    assert "lintkit.toml" in str(excinfo.value)


def test_nearest_config_wins_and_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "lintkit.toml").write_text('ignore = ["mutable-image-tag"]\n')
    inner = tmp_path / "svc"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    deeper = inner / "deeper"
    deeper.mkdir()
    (deeper / ".lintkit.toml").write_text('failure-threshold = "error"\n')
    resolver = ConfigResolver(default_registry())
    assert "mutable-image-tag" not in names(resolver.for_path(inner / "Dockerfile"))
    deep = resolver.for_path(deeper / "Dockerfile")
    assert deep.failure_threshold is Severity.ERROR
    assert "mutable-image-tag" in names(deep)


def test_pyproject_tool_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.lintkit]\nselect = ["LK001"]\n')
    config = read_config_file(path, default_registry())
    assert config is not None and names(config) == {"syntax-error"}


def test_invalid_toml_is_a_config_error(tmp_path):
    path = tmp_path / "lintkit.toml"
    path.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        read_config_file(path, default_registry())


def test_per_file_ignores_and_exclude(tmp_path):
    config = parse_config(
        {"per-file-ignores": {"legacy/*": ["mutable-image-tag"]}, "exclude": ["vendor"]},
        default_registry(),
        tmp_path / "lintkit.toml",
    )
    legacy = {a.rule.name for a in config.rules_for(tmp_path / "legacy" / "Dockerfile")}
    assert "mutable-image-tag" not in legacy
    assert "mutable-image-tag" in {a.rule.name for a in config.rules_for(tmp_path / "Dockerfile")}
    assert config.is_excluded(tmp_path / "vendor" / "x" / "Dockerfile")
    assert not config.is_excluded(tmp_path / "app" / "Dockerfile")


def test_cli_overrides_are_validated():
    with pytest.raises(ConfigError, match="did you mean"):
        Config(registry=default_registry()).with_overrides(select=["mutable-imag-tag"])


def _root(resolver: ConfigResolver, path: Path) -> Path:
    return resolver.for_path(path).root


def test_project_root_is_the_repository_else_the_folder_run_in_else_the_files_folder(
    tmp_path, monkeypatch
):
    project = tmp_path / "project"
    (project / "db").mkdir(parents=True)
    included = project / "db" / "compose.yaml"
    included.write_text("services: {}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    # No repository: the folder lintkit runs in, when the file is inside it.
    monkeypatch.chdir(project)
    assert _root(ConfigResolver(default_registry()), included) == project.resolve()
    # Run from an unrelated folder: only the file's own folder.
    monkeypatch.chdir(elsewhere)
    assert _root(ConfigResolver(default_registry()), included) == (project / "db").resolve()
    # In a repository: its top, wherever lintkit runs.
    (tmp_path / ".git").mkdir()
    assert _root(ConfigResolver(default_registry()), included) == tmp_path.resolve()


def test_the_project_root_is_part_of_the_cache_key():
    # Rules read neighbouring files only inside the root, so it changes what they find.
    registry = default_registry()
    assert (
        Config(registry=registry, root=Path("/a")).fingerprint
        != Config(registry=registry, root=Path("/a/b")).fingerprint
    )

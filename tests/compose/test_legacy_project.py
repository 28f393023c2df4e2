"""Legacy (format 1) files in the model and in the merged project view."""

from pathlib import Path

from lintkit.compose.merge import load_project
from lintkit.compose.model import parse_compose
from lintkit.source import SourceText

LEGACY = "# old\nweb:\n  image: a:1\n  links: [db]\ndb:\n  image: b:1\n  net: host\n"


def test_model_lists_legacy_services_at_their_lines():
    compose = parse_compose(SourceText.from_text(LEGACY))
    assert compose.is_legacy
    assert {name: s.name_range.start.line for name, s in compose.services.items()} == {
        "web": 1,
        "db": 4,
    }
    assert compose.services["db"].text("net") == "host"


def test_project_view_puts_legacy_services_under_services(tmp_path: Path):
    path = tmp_path / "docker-compose.yml"
    path.write_text(LEGACY)
    project = load_project(path)
    assert project.problems == []
    assert list(project.services) == ["web", "db"]
    assert set(project.model.entries) == {"services"}
    web = project.services["web"]
    assert web.origin.path == path.resolve()
    assert web.origin.range.start.line == 2
    assert project.model.to_python()["services"]["db"] == {"image": "b:1", "net": "host"}


def test_project_view_resolves_extends_between_legacy_services(tmp_path: Path):
    path = tmp_path / "docker-compose.yml"
    path.write_text(
        "base:\n  image: a:1\n  restart: always\nweb:\n  extends: base\n  ports: [80]\n"
    )
    project = load_project(path)
    assert project.services["web"].to_python() == {
        "image": "a:1",
        "restart": "always",
        "ports": [80],
    }


def test_modern_file_unchanged(tmp_path: Path):
    path = tmp_path / "compose.yaml"
    path.write_text("services:\n  web:\n    image: a:1\nvolumes:\n  data: {}\n")
    project = load_project(path)
    assert list(project.services) == ["web"]
    assert set(project.model.entries) == {"services", "volumes"}

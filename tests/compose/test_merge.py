"""Tests for the merged project view (override, include, extends, .env, profiles)."""

from __future__ import annotations

from pathlib import Path

from lintkit.compose.merge import MMap, MSeq, load_project


def write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def span(node: object) -> tuple[str, int, int]:
    origin = node.origin  # type: ignore[attr-defined]
    return (origin.path.name, origin.range.start.line, origin.range.start.column)


def test_override_merges_by_compose_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:1\n"
                "    command: [a, b]\n"
                "    ports: ['8080:80']\n"
                "    volumes: ['./a:/data']\n"
                "    environment:\n"
                "      - A=1\n"
                "      - B=2\n"
                "    dns: 1.1.1.1\n"
            ),
            "compose.override.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:2\n"
                "    command: [c]\n"
                "    ports: ['9090:90']\n"
                "    volumes: ['./b:/data']\n"
                "    environment:\n"
                "      B: 3\n"
                "    dns: [8.8.8.8]\n"
            ),
        },
    )
    project = load_project(tmp_path)
    assert project.problems == []
    web = project.services["web"]
    assert web.to_python() == {
        "image": "nginx:2",
        "command": ["c"],
        "ports": ["8080:80", "9090:90"],
        "volumes": ["./b:/data"],
        "environment": {"A": "1", "B": 3},
        "dns": ["1.1.1.1", "8.8.8.8"],
    }
    # Each value remembers the file and place to edit it.
    assert span(web.get("image")) == ("compose.override.yaml", 2, 11)
    env = web.get("environment")
    assert isinstance(env, MMap)
    assert span(env.get("A")) == ("compose.yaml", 7, 8)
    ports = web.get("ports")
    assert isinstance(ports, MSeq)
    assert [span(p) for p in ports.items] == [
        ("compose.yaml", 4, 12),
        ("compose.override.yaml", 4, 12),
    ]


def test_reset_and_override_tags(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n  a:\n    image: x\n    ports: ['1:1']\n    labels: {a: b}\n"
            ),
            "compose.override.yaml": (
                "services:\n  a:\n    ports: !reset []\n    labels: !override {c: d}\n"
            ),
        },
    )
    assert load_project(tmp_path).services["a"].to_python() == {"image": "x", "labels": {"c": "d"}}


def test_extends_same_and_other_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  base:\n    image: base:1\n    environment: {A: '1'}\n"
                "  child:\n    extends: base\n    environment: {B: '2'}\n"
                "  remote:\n    extends:\n      file: common/services.yaml\n      service: web\n"
            ),
            "common/services.yaml": "services:\n  web:\n    image: web:1\n    user: app\n",
        },
    )
    project = load_project(tmp_path)
    assert project.problems == []
    child = project.services["child"]
    assert child.to_python() == {"image": "base:1", "environment": {"A": "1", "B": "2"}}
    assert span(child.get("image")) == ("compose.yaml", 2, 11)
    remote = project.services["remote"]
    assert remote.to_python() == {"image": "web:1", "user": "app"}
    assert span(remote.get("user")) == ("services.yaml", 3, 10)


def test_extends_cycle_and_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  a:\n    extends: b\n"
                "  b:\n    extends: a\n"
                "  c:\n    extends: {file: nope.yaml, service: x}\n"
                "  d:\n    extends: {file: ../outside.yaml, service: x}\n"
            )
        },
    )
    project = load_project(tmp_path)
    messages = [p.message for p in project.problems]
    assert any("extends cycle" in m for m in messages)
    assert any("does not exist" in m for m in messages)
    assert any("outside the project root" in m for m in messages)
    assert set(project.services) == {"a", "b", "c", "d"}


def test_include_and_a_service_defined_in_both(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "include:\n  - db/compose.yaml\n  - path: [cache.yaml]\n"
                "services:\n  web:\n    image: web\n  cache:\n    image: mine\n"
            ),
            "db/compose.yaml": "services:\n  db:\n    image: postgres\nvolumes:\n  data: {}\n",
            "cache.yaml": "services:\n  cache:\n    image: redis\n    restart: always\n",
        },
    )
    project = load_project(tmp_path)
    assert set(project.services) == {"web", "cache", "db"}
    assert span(project.services["db"].get("image")) == ("compose.yaml", 2, 11)
    assert project.services["db"].get("image").origin.path.parent.name == "db"  # type: ignore[union-attr]
    # Compose 5.0 merges the including file's definition over the included one.
    assert project.services["cache"].to_python() == {"image": "mine", "restart": "always"}
    assert span(project.services["cache"]) == ("compose.yaml", 7, 4)
    assert project.problems == []


def test_include_merge_follows_override_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": (
                "include: [db.yaml]\n"
                "services:\n"
                "  db:\n"
                "    shm_size: 256mb\n"
                "    environment: [TZ=UTC]\n"
                "    ports: !override ['5432:5432']\n"
                "    command: !reset null\n"
                "  gone: !reset {}\n"
                "volumes:\n  data:\n    driver: local\n"
            ),
            "db.yaml": (
                "services:\n"
                "  db:\n"
                "    image: postgres:17\n"
                "    environment: [TZ=Europe/Berlin, PGDATA=/data]\n"
                "    ports: ['127.0.0.1:5432:5432']\n"
                "    command: [postgres, -c, fsync=off]\n"
                "  gone:\n"
                "    image: kept:1\n"
                "volumes:\n  data:\n    labels: [a=b]\n"
            ),
        },
    )
    project = load_project(tmp_path)
    assert project.problems == []
    assert project.services["db"].to_python() == {
        "image": "postgres:17",
        "environment": {"TZ": "UTC", "PGDATA": "/data"},
        "ports": ["5432:5432"],
        "shm_size": "256mb",
    }
    # A definition reset in the including file is gone before Compose imports the included one.
    assert project.services["gone"].to_python() == {"image": "kept:1"}
    volumes = project.model.get("volumes")
    assert isinstance(volumes, MMap)
    assert volumes.to_python() == {"data": {"labels": ["a=b"], "driver": "local"}}


def test_compose_file_from_dotenv_and_profiles(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".env": "COMPOSE_FILE=one.yaml:two.yaml\nCOMPOSE_PROFILES=debug\nTAG=7\n",
            "one.yaml": "services:\n  a:\n    image: a:${TAG}\n  dbg:\n    image: d\n"
            "    profiles: [debug]\n  off:\n    image: o\n    profiles: [never]\n",
            "two.yaml": "services:\n  a:\n    user: root\n",
        },
    )
    project = load_project(tmp_path)
    assert project.env["TAG"] == "7"
    assert [f.name for f in project.files] == ["one.yaml", "two.yaml"]
    assert project.services["a"].to_python() == {"image": "a:${TAG}", "user": "root"}
    assert set(project.active_services()) == {"a", "dbg"}
    assert set(project.active_services([])) == {"a"}


def test_broken_file_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  a:\n    image: 'x\n"})
    project = load_project(tmp_path)
    assert project.services == {}
    assert len(project.problems) == 1
    problem = project.problems[0]
    assert problem.range is not None and problem.range.start.line == 2
    assert "quote" in problem.message


def test_missing_directory_content(tmp_path: Path) -> None:
    project = load_project(tmp_path)
    assert project.services == {}
    assert "no compose.yaml" in project.problems[0].message

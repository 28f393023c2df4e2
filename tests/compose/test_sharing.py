"""Tests for what the compose stack shares within a batch: parsed models, per-service answers."""

from __future__ import annotations

from pathlib import Path

from lintkit import project_files
from lintkit.compose.merge import MMap, load_project
from lintkit.compose.model import parse_compose
from lintkit.rule import FileKind
from lintkit.source import SourceText

TEXT = "services:\n  web:\n    image: nginx\n    ports: ['8080:80']\n    volumes: ['./a:/a']\n"


def source(text: str = TEXT, name: str = "compose.yaml") -> SourceText:
    return SourceText.from_text(text, Path("/project") / name)


def test_same_text_and_variables_share_one_model_in_a_batch() -> None:
    with project_files.remembering_reads():
        first = parse_compose(source(), env={"A": "1"})
        assert parse_compose(source(), env={"A": "1"}) is first
        assert parse_compose(source(TEXT + "\n"), env={"A": "1"}) is not first
        assert parse_compose(source(), env={"A": "2"}) is not first
        assert parse_compose(source(name="other.yaml"), env={"A": "1"}) is not first


def test_models_are_not_shared_outside_a_batch_or_after_forget() -> None:
    assert parse_compose(source()) is not parse_compose(source())
    with project_files.remembering_reads():
        first = parse_compose(source())
        project_files.forget()
        assert parse_compose(source()) is not first


def test_service_answers_are_worked_out_once() -> None:
    service = parse_compose(source()).services["web"]
    assert service.ports is service.ports
    assert service.volumes is service.volumes
    assert [port.target for port in service.ports] == ["80"]
    calls: list[int] = []
    assert service.cached("k", lambda: calls.append(1) or 5) == 5
    assert service.cached("k", lambda: calls.append(1) or 6) == 5
    assert calls == [1]


def test_service_keys_keep_only_the_named_settings(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: a\n    environment: [A=1]\n    ports: ['80:80']\n",
        encoding="utf-8",
    )
    (tmp_path / "compose.override.yaml").write_text(
        "services:\n  web:\n    ports: ['81:81']\n    labels: [x=y]\n", encoding="utf-8"
    )
    full = load_project(tmp_path).services["web"]
    assert set(full.entries) == {"image", "environment", "ports", "labels"}
    some = load_project(tmp_path, service_keys=frozenset(("image", "ports"))).services["web"]
    assert isinstance(some, MMap)
    assert some.to_python() == {"image": "a", "ports": ["80:80", "81:81"]}
    assert set(some.keys) == {"image", "ports"}


TANGLED = """\
services:
  web:
    image: nginx:1.25
    ports: ["8080:80", "127.0.0.1:5432:5432"]
    container_name: app
    depends_on: [db]
    volumes_from: [db]
    links: [cache]
    profiles: [dev]
  api:
    build: {context: ., target: missing-stage}
    ports: ["8080:81"]
    container_name: app
    depends_on: {ghost: {condition: service_healthy}}
    pid: "service:web"
    ipc: "service:nowhere"
    cgroup: host
    uts: host
  db:
    image: postgres:16
    network_mode: "service:web"
    depends_on: [web]
  job:
    extends: {file: base.yaml, service: base}
    provider: {type: model}
"""

TANGLED_OVERRIDE = """\
services:
  web:
    ports: ["9090:90", "8080:82"]
  extra:
    image: redis
    container_name: app
"""

TANGLED_BASE = """\
services:
  base:
    image: alpine:3.20
    depends_on: [api]
    ports: ["9090:91"]
"""


def test_the_view_keeps_every_setting_the_rules_read(tmp_path: Path, monkeypatch) -> None:
    """Findings are the same whether the project view keeps every service setting or a few.

    A rule that reads a merged service setting missing from ``VIEW_SERVICE_KEYS`` would find
    it empty; this compares all compose rules, both ways, on generated projects (overrides,
    anchors, extends-free) and the shipped example.
    """
    import importlib.util
    import shutil
    import sys

    from lintkit.config import Config
    from lintkit.engine import Linter
    from lintkit.registry import default_registry
    from lintkit.rules.compose import _structure

    spec = importlib.util.spec_from_file_location(
        "lintkit_bench_generate", Path(__file__).parents[2] / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    files = []
    for index in range(40):
        main, override, _ = generate.compose_texts(generate.DEFAULT_SEED, index)
        folder = tmp_path / f"p{index:02d}"
        folder.mkdir()
        (folder / "compose.yaml").write_text(main, newline="")
        files.append(folder / "compose.yaml")
        if override is not None:
            (folder / "compose.override.yaml").write_text(override, newline="")
            files.append(folder / "compose.override.yaml")
    example = Path(__file__).parents[2] / "examples" / "compose.yaml"
    shutil.copy(example, tmp_path / "compose.yaml")
    files.append(tmp_path / "compose.yaml")
    # A project that touches every setting the view's rules look at, across two files.
    tangled = tmp_path / "tangled"
    tangled.mkdir()
    (tangled / "compose.yaml").write_text(TANGLED)
    (tangled / "compose.override.yaml").write_text(TANGLED_OVERRIDE)
    (tangled / "base.yaml").write_text(TANGLED_BASE)
    (tangled / "Dockerfile").write_text("FROM python:3.12 AS app\n")
    files += [tangled / "compose.yaml", tangled / "compose.override.yaml"]

    config = Config(registry=default_registry(), select=("ALL",), root=tmp_path)

    def findings() -> list[tuple[str, str, object, str]]:
        project_files.forget()
        linter = Linter(config)
        return [
            (str(path), d.code, d.range, d.message)
            for path in files
            for d in linter.lint_path(path, FileKind.COMPOSE).diagnostics
        ]

    kept = findings()
    monkeypatch.setattr(_structure, "VIEW_SERVICE_KEYS", None)
    assert findings() == kept

"""The merged view the structure rules use: overrides, includes, COMPOSE_FILE, fragments."""

from tests.conftest import lint
from tests.rules.compose.structure_support import write

DEFAULT_STRUCTURE = ["LK6"]


def findings(root, name):
    path = root / name
    return [
        (d.name, d.path.name, d.range.start.line + 1)
        for d in lint(path.read_text(), "compose", DEFAULT_STRUCTURE, path=path, root=root)
        if d.name not in ("missing-project-name", "image-and-build-without-pull-policy")
    ]


def test_partial_override_alone_has_no_findings(tmp_path):
    write(
        tmp_path,
        {
            "compose.override.yaml": "services:\n  web:\n    ports: ['8080:80']\n"
            "    depends_on: [db]\n    volumes: ['data:/d']\n    networks: [back]\n",
        },
    )
    assert findings(tmp_path, "compose.override.yaml") == []


def test_partial_override_with_its_main_file_has_no_findings(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n  db:\n    image: p:1\n"
            "volumes:\n  data: {}\nnetworks:\n  back: {}\n",
            "compose.override.yaml": "services:\n  web:\n    ports: ['8080:80']\n"
            "    depends_on: [db]\n    volumes: ['data:/d']\n    networks: [back]\n",
        },
    )
    assert findings(tmp_path, "compose.override.yaml") == []
    assert findings(tmp_path, "compose.yaml") == []


def test_included_file_is_linted_in_its_includer_project(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [db/compose.yaml]\nservices:\n  web:\n    image: x:1\n"
            "    depends_on: [db]\n",
            "db/compose.yaml": "services:\n  db:\n    image: p:1\n    ports: ['5432:5432']\n",
        },
    )
    assert findings(tmp_path, "compose.yaml") == []
    assert findings(tmp_path, "db/compose.yaml") == []


def test_file_included_by_the_main_file_and_extended_elsewhere_uses_the_main_project(tmp_path):
    # ``compose.alt.yaml`` sorts first and reaches ``php/compose.yaml`` only through
    # ``extends``; the project Compose runs by default is the one that includes it.
    write(
        tmp_path,
        {
            "compose.yaml": "include: [php/compose.yaml]\nnetworks:\n  back: {}\n",
            "compose.alt.yaml": "include: [alt/compose.yaml]\n",
            "alt/compose.yaml": "services:\n  php-old:\n    extends:\n"
            "      file: ../php/compose.yaml\n      service: php\n",
            "php/compose.yaml": "services:\n  php:\n    image: php:8\n    networks: [back]\n",
        },
    )
    assert findings(tmp_path, "php/compose.yaml") == []


def test_compose_file_in_dotenv_defines_the_project(tmp_path):
    write(
        tmp_path,
        {
            ".env": "COMPOSE_FILE=base.yml:extra.yml\n",
            "base.yml": "services:\n  web:\n    image: x:1\n",
            "extra.yml": "services:\n  web:\n    depends_on: [cache]\n  cache:\n    image: r:7\n"
            "    ports: ['6379:6379']\n",
        },
    )
    assert findings(tmp_path, "extra.yml") == []
    assert findings(tmp_path, "base.yml") == []


def test_clash_between_main_and_override_reported_once_in_the_override(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n    ports: ['80:80']\n",
            "compose.override.yaml": "services:\n  admin:\n    image: y:1\n"
            "    ports: ['80:8080']\n",
        },
    )
    assert findings(tmp_path, "compose.yaml") == []
    assert findings(tmp_path, "compose.override.yaml") == [
        ("duplicate-published-port", "compose.override.yaml", 4)
    ]


def test_unsaved_buffer_is_used_for_the_linted_file(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n",
            "compose.override.yaml": "services:\n  web:\n    ports: ['80:80']\n",
        },
    )
    path = tmp_path / "compose.yaml"
    buffer = "services:\n  web:\n    image: x:1\n  admin:\n    image: y:1\n    ports: ['80:80']\n"
    found = lint(buffer, "compose", ["duplicate-published-port"], path=path, root=tmp_path)
    # The buffer's new service clashes with the override's port: reported once, in the buffer.
    assert [(d.path, d.range.start.line + 1) for d in found] == [(path, 6)]
    override = tmp_path / "compose.override.yaml"
    rule = ["duplicate-published-port"]
    assert lint(override.read_text(), "compose", rule, path=override, root=tmp_path) == []


def test_variables_never_cause_findings(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: ${REGISTRY}/web:${TAG:-1}\n"
            "    ports: ['${BIND:-127.0.0.1}:${PORT}:80', '${P2}:81']\n"
            "    extra_hosts: ['${HOST}:${IP}']\n    container_name: ${NAME}\n"
            "    env_file: ${ENV_FILE:-.env}\n    volumes: ['${DATA}:/d']\n"
            "    deploy: {replicas: '${N}'}\n"
            "  api:\n    image: ${REGISTRY}/api\n    ports: ['${PORT}:80']\n"
            "    container_name: ${NAME}\n",
            ".env": "TAG=2\n",
        },
    )
    assert findings(tmp_path, "compose.yaml") == []


def test_included_file_in_a_copy_without_git_uses_the_folder_lintkit_runs_in(tmp_path, monkeypatch):
    from lintkit.config import ConfigResolver
    from lintkit.engine import Linter
    from lintkit.registry import default_registry
    from lintkit.rule import FileKind

    write(
        tmp_path,
        {
            "compose.yaml": "include: [db/compose.yaml]\nnetworks:\n  back: {}\n",
            "db/compose.yaml": "services:\n  db:\n    image: p:1\n    networks: [back]\n",
        },
    )
    included = tmp_path / "db" / "compose.yaml"
    monkeypatch.chdir(tmp_path)
    config = ConfigResolver(default_registry()).for_path(included)
    report = Linter(config).lint_path(included, FileKind.COMPOSE)
    assert "undefined-resource" not in [d.name for d in report.diagnostics]

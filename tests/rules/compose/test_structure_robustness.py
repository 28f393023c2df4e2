"""The structure rules (LK601-LK619) never crash, on odd files and odd projects."""

import pytest

from tests.conftest import lint
from tests.rules.compose.structure_support import write

STRUCTURE = ["LK6"]

ODD = [
    "services:\n  web:\n    image: ${IMAGE}\n    ports: ['${HOST}:${PORT}:80', '${P:-80}']\n"
    "    extra_hosts: ['${H}:${IP}']\n",
    "services:\n  web:\n    ports: {a: 1}\n    depends_on: db\n    networks: front\n",
    "services:\n  web:\n    build: [x]\n    env_file: {required: false}\n"
    "    volumes: [1, {}, null]\n",
    "services:\n  web:\n    depends_on:\n      - {db: x}\n    links: [{}]\n    secrets: [{}]\n",
    "services: [a, b]\n",
    "services:\n  web: 3\n",
    "volumes: [a]\nnetworks: 3\nsecrets:\n  s: null\n",
    "include: 3\nservices:\n  w:\n    extends: {}\n",
    "services:\n  w:\n    ports:\n      - '[::1]:80:80'\n      - '::1:81:81'\n"
    "      - '[bad:80:80'\n"
    "      - '70000:80'\n      - '1-:2'\n      - ':80'\n",
    "x-a: &a\n  ports: ['80:80']\nservices:\n  a: *a\n  b: *a\n",
    "services:\n  a:\n    container_name: &n same\n  b:\n    container_name: *n\n",
    "services:\n  a:\n    deploy: {replicas: lots}\n    container_name: x\n    scale: -1\n",
    "---\n---\nservices: {}\n",
    "version: '2'\nweb:\n  image: x\n",
]


@pytest.mark.parametrize("text", ODD)
def test_no_internal_error_on_odd_files(text):
    findings = lint(text, "compose", STRUCTURE, path="compose.yaml")
    assert [d.message for d in findings if d.code in ("LK001", "LK002")] == []


@pytest.mark.parametrize("text", ODD)
def test_no_internal_error_on_odd_files_on_disk(tmp_path, text):
    write(tmp_path, {"compose.yaml": text})
    findings = lint(text, "compose", STRUCTURE, path=tmp_path / "compose.yaml", root=tmp_path)
    assert [d.message for d in findings if d.code in ("LK001", "LK002")] == []


def test_odd_projects(tmp_path):
    write(
        tmp_path,
        {
            # includes itself, includes a directory, extends itself from another file
            "compose.yaml": "include: [compose.yaml, sub, ./other.yaml]\nservices:\n  a:\n"
            "    extends: {file: other.yaml, service: b}\n",
            "other.yaml": "services:\n  b:\n    extends: {file: compose.yaml, service: a}\n",
            "sub/x": "",
            "compose.override.yaml": "services: [broken\n",
            ".env": "COMPOSE_FILE=compose.yaml:missing.yaml\nPORT=\n",
        },
    )
    for name in ("compose.yaml", "other.yaml"):
        path = tmp_path / name
        findings = lint(path.read_text(), "compose", STRUCTURE, path=path, root=tmp_path)
        assert [d.message for d in findings if d.code == "LK002"] == []

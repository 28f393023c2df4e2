"""LK111 unhealthy-dependency."""

from lintkit.fixing import apply_edits
from tests.conftest import lint, spans

RULE = ["unhealthy-dependency"]


def run(text, tmp_path=None, files=None):
    if tmp_path is None:
        return lint(text, "compose", RULE, path="compose.yaml")
    for name, content in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return lint(text, "compose", RULE, path=tmp_path / "compose.yaml", root=tmp_path)


HEADER = "services:\n  web:\n    image: example/web:1\n    depends_on:\n"


def test_flags_official_image_without_healthcheck():
    text = HEADER + "      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n"
    assert [s[1:] for s in spans(run(text))] == [(5, 7, 5, 9)]


def test_flags_disabled_healthcheck_without_fix():
    text = (
        HEADER
        + "      cache:\n        condition: service_healthy\n"
        + "  cache:\n    image: example/cache:1\n    healthcheck:\n      disable: true\n"
    )
    found = run(text)
    assert [s[1:] for s in spans(found)] == [(5, 7, 5, 12)]
    assert found[0].fix is None
    text = text.replace("disable: true", 'test: ["NONE"]')
    assert [s[1:] for s in spans(run(text))] == [(5, 7, 5, 12)]


def test_follows_build_to_the_dockerfile(tmp_path):
    files = {
        "api/Dockerfile": 'FROM python:3.12\nCMD ["python", "api.py"]\n',
        "ok/Dockerfile": "FROM python:3.12\nHEALTHCHECK CMD python -c 'import api'\n",
        "custom/Dockerfile": "FROM example/base:1\n",
    }
    text = (
        HEADER
        + "      api:\n        condition: service_healthy\n"
        + "      ok:\n        condition: service_healthy\n"
        + "      custom:\n        condition: service_healthy\n"
        + "      gone:\n        condition: service_healthy\n"
        + "  api:\n    build: api\n"
        + "  ok:\n    build: ok\n"
        + "  custom:\n    build: custom\n"
    )
    assert [s[1:] for s in spans(run(text, tmp_path, files))] == [(5, 7, 5, 10)]


def test_leaves_alone():
    text = (
        HEADER
        + "      a:\n        condition: service_healthy\n"
        + "      b:\n        condition: service_healthy\n"
        + "      c:\n        condition: service_started\n"
        + "      d:\n        condition: service_healthy\n"
        + "      other-file:\n        condition: service_healthy\n"
        + "  a:\n    image: postgres:16\n    healthcheck:\n      test: pg_isready\n"
        + "  b:\n    image: ghcr.io/example/b:1\n"  # may define a HEALTHCHECK
        + "  c:\n    image: redis:7\n"
        + "  d:\n    extends: {file: base.yaml, service: d}\n"
    )
    assert run(text) == []


def test_fix_adds_healthcheck_to_the_dependency(snapshot):
    text = (
        HEADER + "      db:\n        condition: service_healthy\n  db:\n    image: mariadb:11.4\n"
    )
    found = run(text)
    assert found[0].fix is not None
    snapshot.assert_match(apply_edits(text, found[0].fix.edits), "compose.yaml")


def test_no_fix_when_the_command_moves_the_port():
    text = HEADER + (
        "      db:\n        condition: service_healthy\n"
        "  db:\n    image: postgres:16\n    command: [postgres, -p, '5433']\n"
    )
    found = run(text)
    assert [s[1:] for s in spans(found)] == [(5, 7, 5, 9)]
    assert found[0].fix is None
    assert found[0].unfixable_reason == (
        "the command of 'db' moves its server off port 5432 ('-p 5433'), the port the "
        "healthcheck lintkit would add probes; write the healthcheck by hand"
    )
    # the default port written out keeps the fix
    assert run(text.replace("'5433'", "'5432'"))[0].fix is not None


def test_messages(snapshot):
    text = (
        HEADER
        + "      db:\n        condition: service_healthy\n"
        + "      cache:\n        condition: service_healthy\n"
        + "  db:\n    image: postgres:16\n"
        + "  cache:\n    image: redis:7\n    healthcheck:\n      disable: true\n"
    )
    snapshot.assert_match("\n".join(d.message for d in run(text)) + "\n", "messages.txt")

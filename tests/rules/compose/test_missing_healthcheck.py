"""LK110 missing-healthcheck, for Dockerfiles and compose files."""

import pytest

from lintkit.fixing import apply_edits
from tests.conftest import lint, spans

RULE = ["missing-healthcheck"]


def dockerfile_spans(text):
    return [s[1:] for s in spans(lint(text, "dockerfile", RULE))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
            [(1, 1, 1, 22)],
        ),
        # the final stage of a multi-stage build, reported at its FROM
        (
            "FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /a /a\n"
            'CMD ["node", "server.js"]\n',
            [(3, 1, 3, 18)],
        ),
        # a server inherited from an official base image
        ("FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n", [(1, 1, 1, 16)]),
        # shell form and java -jar
        ("FROM eclipse-temurin:21\nCMD java -jar /app.jar\n", [(1, 1, 1, 24)]),
        ("FROM node:20\nCMD npm start\n", [(1, 1, 1, 13)]),
        # an entrypoint script that ends by running the CMD
        (
            'FROM python:3.12\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["uvicorn", "a:app"]\n',
            [(1, 1, 1, 17)],
        ),
        # EXPOSE alone is evidence; scratch has no healthcheck
        ('FROM scratch\nCOPY app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n', [(1, 1, 1, 13)]),
        # inherited EXPOSE from an earlier stage
        (
            'FROM python:3.12 AS base\nEXPOSE 80\nFROM base\nCMD ["python", "x.py"]\n',
            [(3, 1, 3, 10)],
        ),
    ],
)
def test_dockerfile_flags(text, expected):
    assert dockerfile_spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a healthcheck, in the stage or in the stage it builds on
        "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n",
        "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nEXPOSE 80\n",
        # HEALTHCHECK NONE is a decision
        "FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK NONE\n",
        # a CLI tool image
        'FROM python:3.12\nRUN pip install httpie\nENTRYPOINT ["http"]\n',
        'FROM golang:1.23 AS build\nEXPOSE 8080\nRUN go build\nFROM alpine:3.20\nCMD ["app"]\n',
        # the base image may define a healthcheck itself
        "FROM ghcr.io/example/server:1.0\nEXPOSE 8080\n",
        'FROM bitnami/nginx:1.27\nCMD ["nginx"]\n',
        "ARG BASE\nFROM $BASE\nEXPOSE 80\n",
        # an inherited server CMD replaced by a tool
        'FROM nginx:1.27\nCMD ["nginx", "-t"]\nENTRYPOINT ["cat"]\n',
        # Windows file with the backtick escape, no evidence of a server
        "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n"
        "RUN dir `\r\n  C:\\\r\n",
    ],
)
def test_dockerfile_leaves_alone(text):
    assert dockerfile_spans(text) == []


def compose_lint(text, tmp_path=None, files=None, **kwargs):
    if tmp_path is None:
        return lint(text, "compose", RULE, path="compose.yaml", **kwargs)
    for name, content in (files or {}).items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    return lint(text, "compose", RULE, path=tmp_path / "compose.yaml", root=tmp_path, **kwargs)


def test_compose_image_services():
    text = (
        "services:\n"
        "  db:\n"
        "    image: postgres:16\n"
        "  proxy:\n"
        "    image: docker.io/library/nginx\n"
        "    ports: ['80:80']\n"
        "  grafana:\n"  # may ship a healthcheck: left alone
        "    image: grafana/grafana:11.0.0\n"
        "    ports: ['3000:3000']\n"
        "  tool:\n"  # not a server image
        "    image: alpine:3.20\n"
        "  checked:\n"
        "    image: redis:7\n"
        "    healthcheck:\n"
        "      test: [CMD, redis-cli, ping]\n"
        "  off:\n"
        "    image: redis:7\n"
        "    healthcheck:\n"
        "      disable: true\n"
        "  migrate:\n"
        "    image: postgres:16\n"
        "    command: [psql, -f, /m.sql]\n"
        "  client:\n"  # the image's server replaced by a client command
        "    image: redis:7\n"
        "    command: redis-cli -h cache monitor\n"
        "  tuned:\n"  # only arguments for the server
        "    image: redis:7\n"
        "    command: [--appendonly, 'yes']\n"
        "  app:\n"
        "    image: alpine:3.20\n"
        "    depends_on:\n"
        "      migrate:\n"
        "        condition: service_completed_successfully\n"
    )
    assert [s[1:] for s in spans(compose_lint(text))] == [
        (2, 3, 2, 5),
        (4, 3, 4, 8),
        (26, 3, 26, 8),
    ]


def test_compose_build_follows_the_dockerfile(tmp_path):
    files = {
        "api/Dockerfile": 'FROM python:3.12\nEXPOSE 8000\nCMD ["uvicorn", "main:app"]\n',
        "checked/Dockerfile": "FROM python:3.12\nHEALTHCHECK CMD true\nEXPOSE 80\n",
        "multi/Dockerfile.prod": (
            'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\n'
            'FROM node:20 AS prod\nHEALTHCHECK CMD true\nCMD ["node", "server.js"]\n'
        ),
        "tool/Dockerfile": 'FROM python:3.12\nENTRYPOINT ["python", "job.py"]\n',
        "broken/Dockerfile": "FROM\n",
    }
    text = (
        "services:\n"
        "  api:\n"
        "    build: ./api\n"
        "  checked:\n"
        "    build: checked\n"
        "  dev:\n"  # the dev target has no healthcheck and publishes a port
        "    build:\n"
        "      context: multi\n"
        "      dockerfile: Dockerfile.prod\n"
        "      target: dev\n"
        "    ports: ['3000:3000']\n"
        "  prod:\n"
        "    build: {context: multi, dockerfile: Dockerfile.prod, target: prod}\n"
        "  tool:\n"
        "    build: tool\n"
        "  broken:\n"
        "    build: broken\n"
        "    ports: ['80:80']\n"
        "  missing:\n"
        "    build: nowhere\n"
        "    ports: ['80:80']\n"
        "  outside:\n"
        "    build: ../elsewhere\n"
        "    ports: ['80:80']\n"
    )
    found = compose_lint(text, tmp_path, files)
    assert [s[1:] for s in spans(found)] == [(2, 3, 2, 6), (6, 3, 6, 6)]


def test_compose_build_with_its_command_replaced(tmp_path):
    # The image serves by default (EXPOSE and a server CMD behind a dispatching entrypoint);
    # services that run something else in it are servers only when they publish a port.
    files = {
        "Dockerfile": (
            "FROM python:3.12\nEXPOSE 5000\n"
            'ENTRYPOINT ["/app/bin/docker-entrypoint"]\nCMD ["server"]\n'
        ),
        "api/Dockerfile": 'FROM python:3.12\nEXPOSE 8000\nENTRYPOINT ["uvicorn"]\n',
        "web/Dockerfile": "FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n",
    }
    text = (
        "services:\n"
        "  server:\n"  # the image's own command: its EXPOSE counts
        "    build: .\n"
        "  worker:\n"
        "    build: .\n"
        "    command: worker\n"
        "  scheduler:\n"
        "    build: .\n"
        "    command: [dev_scheduler]\n"
        "  shell:\n"
        "    build: .\n"
        "    entrypoint: [/bin/sh, -c]\n"
        "    command: [python job.py]\n"
        "  published:\n"  # another command, but it publishes a port of its own
        "    build: .\n"
        "    command: dev_server\n"
        "    ports: ['5001:5000']\n"
        "  tuned:\n"  # options for the image's program keep it
        "    build: .\n"
        "    command: [--workers, '4']\n"
        "  served:\n"  # a command that is a server itself
        "    build: .\n"
        "    command: gunicorn -b :5000 app:app\n"
        "  api:\n"  # a server ENTRYPOINT takes the command as its arguments
        "    build: api\n"
        "    command: [main:app, --host, 0.0.0.0]\n"
        "  web-job:\n"  # the base image's server replaced
        "    build: web\n"
        "    command: [nginx-debug-report]\n"
        "  web:\n"
        "    build: web\n"
    )
    found = compose_lint(text, tmp_path, files)
    assert [s[1:] for s in spans(found)] == [
        (2, 3, 2, 9),
        (14, 3, 14, 12),
        (18, 3, 18, 8),
        (21, 3, 21, 9),
        (24, 3, 24, 6),
        (30, 3, 30, 6),
    ]
    assert [d.message.split(" but ")[0] for d in found] == [
        "Service 'server' exposes port 5000",
        "Service 'published' exposes port 5000",
        "Service 'tuned' exposes port 5000",
        "Service 'served' exposes port 5000 and runs 'gunicorn'",
        "Service 'api' exposes port 8000 and runs 'uvicorn'",
        "Service 'web' runs the 'nginx' server of its base image",
    ]


def test_rule_is_on_by_default():
    text = "services:\n  db:\n    image: postgres:16\n"
    found = [d for d in lint(text, "compose", None, path="compose.yaml") if d.code == "LK110"]
    assert len(found) == 1


def test_messages(snapshot, tmp_path):
    messages = [
        d.message
        for d in lint(
            "FROM python:3.12\nEXPOSE 8000 8001\nCMD gunicorn -b :8000 app:app\n",
            "dockerfile",
            RULE,
        )
    ]
    messages += [d.message for d in lint("FROM nginx:1.27\n", "dockerfile", RULE)]
    files = {"web/Dockerfile": 'FROM node:20\nCMD ["npm", "start"]\n'}
    text = (
        "services:\n  web:\n    build: web\n    ports: ['3000:3000']\n"
        "  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n    expose: ['6379']\n"
    )
    messages += [d.message for d in compose_lint(text, tmp_path, files)]
    snapshot.assert_match("\n".join(messages) + "\n", "messages.txt")


def fixed(text, **kwargs):
    found = lint(text, "compose", RULE, path="compose.yaml", **kwargs)
    assert len(found) == 1, found
    assert found[0].fix is not None, found[0].unfixable_reason
    return apply_edits(text, found[0].fix.edits)


def test_fix_two_spaces_with_comments(snapshot):
    text = (
        "services:\n"
        "  db:  # main database\n"
        "    image: postgres:16-alpine\n"
        "    environment:\n"
        "      POSTGRES_PASSWORD: example  # change me\n"
        "  # the web app\n"
        "  web:\n"
        "    build: .\n"
    )
    snapshot.assert_match(fixed(text), "compose.yaml")


def test_fix_four_spaces_crlf(snapshot):
    text = (
        "services:\r\n    cache:\r\n        image: redis:7\r\n"
        "        ports:\r\n        - 6379:6379\r\n"
    )
    result = fixed(text)
    assert "\r\n" in result and "\n" not in result.replace("\r\n", "")
    snapshot.assert_match(result.replace("\r\n", "\n"), "compose.yaml")


@pytest.mark.parametrize(
    ("image", "test"),
    [
        ("mysql:8.4", '["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]'),
        ("mariadb:11", '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]'),
        ("mariadb:10.3", '["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]'),
        ("mongo:7", '["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]'),
        ("mongo:4.4", '["CMD", "mongo", "--quiet", "--eval", "db.adminCommand(\'ping\')"]'),
        ("rabbitmq:3-management", '["CMD", "rabbitmq-diagnostics", "-q", "ping"]'),
    ],
)
def test_fix_commands_per_image(image, test):
    text = f"services:\n  svc:\n    image: {image}\n"
    assert f"      test: {test}\n" in fixed(text)


@pytest.mark.parametrize(
    ("image", "script"),
    [
        # patch tags from before the image shipped healthcheck.sh with its login users
        ("mariadb:10.6.4-focal", False),
        ("mariadb:10.11.4", False),
        ("mariadb:10.8.8", False),
        # branch tags are rebuilt; patch tags from August 2023 on have the script
        ("mariadb:10.6", True),
        ("mariadb:10", True),
        ("mariadb:10.6.15", True),
        ("mariadb:11.4.2", True),
        ("mariadb", True),
    ],
)
def test_fix_uses_healthcheck_script_only_where_the_image_has_it(image, script):
    result = fixed(f"services:\n  db:\n    image: {image}\n")
    assert ("healthcheck.sh" in result) is script
    assert ("mysqladmin ping" in result) is not script


@pytest.mark.parametrize(
    ("image", "command", "option"),
    [
        ("mysql:8", "--port=4001 --max-connections=512", "--port=4001"),
        ("mysql:8", "[mysqld, --port, '4001']", "--port 4001"),
        ("mysql:8.4", "[-P, '3307']", "-P 3307"),
        ("mysql:8.4", "-P3307", "-P3307"),
        ("mariadb:10.5.5", "--port=4001", "--port=4001"),  # probed with mysqladmin
        ("postgres:16", "-p 5433", "-p 5433"),
        ("postgres:16", "postgres -p5433", "-p5433"),
        ("postgres:16", "[postgres, -c, port=5433]", "-c port=5433"),
        ("postgres:16", "-c max_connections=200 -cport=5433", "-cport=5433"),
        ("postgres:16", "[sh, -c, \"exec postgres -c 'port=5433'\"]", "-c port=5433"),
        ("redis:7", "redis-server --port 6380", "--port 6380"),
        ("redis:7", "[sh, -c, 'exec redis-server --port 0 --tls-port 6379']", "--port 0"),
        ("mongo:7", "[--port, '27018']", "--port 27018"),
        ("mongo:7", "mongod --configsvr --replSet cfg", "--configsvr"),
    ],
)
def test_fix_refused_when_the_command_moves_the_port(image, command, option):
    # The probe would ask the default port and the service would never turn healthy.
    found = compose_lint(f"services:\n  db:\n    image: {image}\n    command: {command}\n")
    assert [s[1:] for s in spans(found)] == [(2, 3, 2, 5)]
    assert found[0].fix is None
    assert found[0].unfixable_reason is not None
    assert f"('{option}')" in found[0].unfixable_reason
    assert found[0].unfixable_reason.endswith("write the healthcheck by hand")


@pytest.mark.parametrize(
    ("image", "command", "option"),
    [
        ("redis:7", "redis-server /etc/redis.conf --appendonly yes", "/etc/redis.conf"),
        ("mongo:7", "[mongod, --config, /etc/mongod.conf]", "--config /etc/mongod.conf"),
        ("postgres:16", "[postgres, -c, config_file=/etc/pg.conf]", "-c config_file=/etc/pg.conf"),
        ("mysql:8", "--defaults-extra-file=/etc/my.cnf", "--defaults-extra-file=/etc/my.cnf"),
    ],
)
def test_fix_refused_when_the_server_reads_a_configuration_file(image, command, option):
    # A redis.conf may say `port 0` (socket only): the probe's port is then unknown.
    found = compose_lint(f"services:\n  db:\n    image: {image}\n    command: {command}\n")
    assert [s[1:] for s in spans(found)] == [(2, 3, 2, 5)]
    assert found[0].fix is None
    assert found[0].unfixable_reason is not None
    assert f"starts its server from a configuration file ('{option}')" in (
        found[0].unfixable_reason
    )


def test_fix_refused_when_the_entrypoint_moves_the_port():
    text = (
        "services:\n  db:\n    image: redis:7\n"
        "    entrypoint: [docker-entrypoint.sh, redis-server, --port, '6380']\n"
    )
    found = compose_lint(text)
    assert found[0].fix is None
    assert found[0].unfixable_reason == (
        "the command of 'db' moves its server off port 6379 ('--port 6380'), the port the "
        "healthcheck lintkit would add probes; write the healthcheck by hand"
    )


@pytest.mark.parametrize(
    ("image", "command"),
    [
        # the default port, written out
        ("mysql:8", "--port=3306 --max-connections=512"),
        ("postgres:16", "[postgres, -c, port=5432]"),
        ("redis:7", "redis-server --port 6379"),
        # other settings that merely look alike
        ("mysql:8", "--port-open-timeout=10 --max-connections=512"),
        ("mysql:8", "[mysqld, -proot]"),  # -p is not the port for mysql
        ("postgres:16", "postgres -c max_connections=200 -P"),  # nor -P for postgres
        ("postgres:16", "postgres -c log_min_duration_statement=0"),
        ("redis:7", "redis-server --appendonly yes"),
        # probes that follow the server's port or do not use it
        ("mariadb:11.2", "--port=4001"),  # healthcheck.sh reads the port the server got
        ("rabbitmq:3", "[rabbitmq-server, --port, '5673']"),
    ],
)
def test_fix_offered_when_the_port_stays(image, command):
    text = f"services:\n  db:\n    image: {image}\n    command: {command}\n"
    assert "    healthcheck:\n" in fixed(text)


def test_fix_follows_old_format_versions():
    text = 'version: "3.3"\nservices:\n  db:\n    image: postgres:16\n'
    assert "start_period" not in fixed(text)
    found = lint(
        'version: "2"\nservices:\n  db:\n    image: postgres:16\n',
        "compose",
        RULE,
        path="compose.yaml",
    )
    assert found[0].fix is None
    assert found[0].unfixable_reason == "the file's format version has no healthcheck support"


def test_fix_refused_for_anchored_service():
    text = "x-db: &db\n  image: postgres:16\nservices:\n  db1: *db\n  db2: *db\n"
    found = lint(text, "compose", RULE, path="compose.yaml")
    assert found and all(d.fix is None for d in found)
    assert "YAML anchor" in (found[0].unfixable_reason or "")


def test_no_fix_for_images_without_a_known_command():
    found = lint("services:\n  web:\n    image: nginx:1.27\n", "compose", RULE, path="compose.yaml")
    assert len(found) == 1 and found[0].fix is None


def test_fix_after_a_block_scalar():
    text = (
        "services:\n"
        "  db:\n"
        "    image: postgres:16\n"
        "    command: |\n"
        "      postgres -c max_connections=200\n"
        "  web:\n"
        "    image: example/web:1\n"
    )
    result = fixed(text)
    assert result.startswith(text[: text.index("  web:")] + "    healthcheck:\n      test: ")
    assert result.endswith("      start_period: 30s\n  web:\n    image: example/web:1\n")

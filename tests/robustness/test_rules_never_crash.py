"""Property tests: every rule, on any parseable input, reports findings and never crashes;
every fix leaves a file that still parses, and a second fix changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.config import Config
from lintkit.engine import INTERNAL_ERROR_CODE, SYNTAX_ERROR_CODE, Linter
from lintkit.fixing import fix_text
from lintkit.registry import default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText

LINTER = Linter(Config(registry=default_registry(), select=("ALL",)))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DOCKERFILE_LINES = st.sampled_from(
    [
        "FROM python",
        "FROM python:3.12-slim AS build",
        "FROM --platform=$BUILDPLATFORM golang:1.23 AS builder",
        "FROM build",
        "FROM scratch",
        "ARG BASE=node:20",
        "ARG VERSION",
        "FROM $BASE",
        "RUN apt-get update && apt-get install curl git",
        "RUN apt-get install -y --no-install-recommends ca-certificates \\\n"
        "    && rm -rf /var/lib/apt/lists/*",
        "RUN pip install flask requests",
        "RUN pip install -r requirements.txt",
        "RUN apk add curl",
        "RUN npm install && npm run build",
        "RUN go build -o /out/app ./cmd/app",
        "RUN cargo build --release",
        "RUN curl -fsSL https://example.com/install.sh | sh",
        "RUN cd /app && make",
        "RUN sudo chmod 777 /data",
        "RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF",
        "RUN --mount=type=cache,target=/root/.cache/pip pip install flask",
        "COPY . .",
        "COPY requirements.txt ./",
        "COPY package.json package-lock.json /app/",
        "COPY --from=build /out/app /usr/local/bin/app",
        "COPY --chown=app:app --link src/ /src/",
        "COPY <<EOF /etc/app.conf\nkey=value\nEOF",
        "ADD https://example.com/file.tar.gz /tmp/",
        "ADD app.tar.gz /opt/",
        "ADD local.txt /opt/",
        "ENV PATH=/app/bin:$PATH",
        "ENV FLASK_ENV production",
        "ENV API_TOKEN=abc123",
        'LABEL maintainer="me" version=1.0',
        "MAINTAINER someone",
        "EXPOSE 8080",
        "EXPOSE 80/TCP 443",
        "WORKDIR /app",
        "WORKDIR app",
        "USER root",
        "USER 1000",
        "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
        "HEALTHCHECK NONE",
        "ONBUILD RUN npm install",
        "ONBUILD COPY . /app",
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'CMD ["python", "app.py"]',
        "CMD gunicorn app:app",
        'ENTRYPOINT ["/entrypoint.sh"]',
        "STOPSIGNAL SIGTERM",
        "VOLUME /data",
        "# a comment",
        "# lintkit: ignore=mutable-image-tag",
        "",
    ]
)

COMPOSE_SERVICE_KEYS = st.sampled_from(
    [
        "image: nginx",
        "image: postgres:16",
        "image: ${IMAGE:-redis}",
        "build: .",
        "build:\n      context: ./app\n      target: runtime",
        'ports:\n      - 22:22\n      - "8080:80"',
        "ports:\n      - target: 5432\n        published: 5432",
        "volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - data:/data",
        "environment:\n      DEBUG: yes\n      DB_PASSWORD: hunter2",
        "environment:\n      - A=1\n      - A=2",
        "depends_on:\n      - db",
        "depends_on:\n      db:\n        condition: service_healthy",
        'healthcheck:\n      test: ["CMD", "true"]',
        "privileged: true",
        "network_mode: host",
        "read_only: true",
        "pids_limit: 100",
        "cap_add: [SYS_ADMIN]",
        "cap_drop:\n      - ALL",
        "security_opt:\n      - no-new-privileges:true",
        'restart: "no"',
        "user: root",
        "deploy:\n      resources:\n        limits:\n          memory: 256m",
        "container_name: app",
        "env_file: .env.missing",
        "logging:\n      driver: none",
        "<<: *defaults",
    ]
)


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(DOCKERFILE_LINES, min_size=1, max_size=14))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", ""]))
    return text.replace("\n", newline)


@st.composite
def compose_files(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(["web", "db", "cache", "job"]), unique=True, min_size=1))
    out = []
    if draw(st.booleans()):
        out.append(f'version: "{draw(st.sampled_from(["2.1", "3.8", "3"]))}"')
    out.append("x-defaults: &defaults\n  restart: always")
    out.append("services:")
    for name in names:
        out.append(f"  {name}:")
        keys = draw(st.lists(COMPOSE_SERVICE_KEYS, min_size=1, max_size=6, unique=True))
        out.extend(f"    {key}" for key in keys)
    if draw(st.booleans()):
        out.append("volumes:\n  data: {}")
    return "\n".join(out) + "\n"


def _codes(text: str, kind: FileKind) -> list[str]:
    return [d.code for d in LINTER.lint_source(SourceText.from_text(text, "x"), kind)]


@SETTINGS
@given(dockerfiles())
def test_no_rule_crashes_on_dockerfiles(text: str) -> None:
    assert INTERNAL_ERROR_CODE not in _codes(text, FileKind.DOCKERFILE)


@SETTINGS
@given(compose_files())
def test_no_rule_crashes_on_compose_files(text: str) -> None:
    assert INTERNAL_ERROR_CODE not in _codes(text, FileKind.COMPOSE)


def _fix_is_stable(text: str, kind: FileKind, name: str) -> None:
    source = SourceText.from_text(text, name)

    def lint(current: SourceText):
        return LINTER.lint_source(current, kind)

    had_syntax_error = SYNTAX_ERROR_CODE in [d.code for d in lint(source)]
    first = fix_text(source, lint, unsafe=True)
    after = [d.code for d in first.remaining]
    assert INTERNAL_ERROR_CODE not in after
    if not had_syntax_error:
        assert SYNTAX_ERROR_CODE not in after, first.text
    again = fix_text(SourceText.from_text(first.text, name), lint, unsafe=True)
    if first.converged and not first.reverted:
        assert again.text == first.text


@SETTINGS
@given(dockerfiles())
def test_dockerfile_fixes_parse_and_are_idempotent(text: str) -> None:
    _fix_is_stable(text, FileKind.DOCKERFILE, "Dockerfile")


@SETTINGS
@given(compose_files())
def test_compose_fixes_parse_and_are_idempotent(text: str) -> None:
    _fix_is_stable(text, FileKind.COMPOSE, "compose.yaml")

"""LK101 cache-unfriendly-copy: findings, messages, fixes and a fix property check."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.diagnostics import Applicability
from lintkit.fixing import apply_edits
from tests.conftest import lint, spans

RULE = ["cache-unfriendly-copy"]
# An empty project: no manifest can be read next to the Dockerfile unless a test writes it.
EMPTY = Path(tempfile.mkdtemp(prefix="lk101-"))


def run(text: str, root: Path = EMPTY):
    return lint(text, "dockerfile", RULE, path=root / "Dockerfile", root=root)


def found(text: str) -> list[tuple[int, int, int, int]]:
    return [s[1:] for s in spans(run(text))]


def fixed(text: str, root: Path = EMPTY) -> str:
    diagnostics = run(text, root)
    assert len(diagnostics) == 1, diagnostics
    fix = diagnostics[0].fix
    assert fix is not None, diagnostics[0].unfixable_reason
    assert fix.applicability is Applicability.UNSAFE
    result = apply_edits(text, fix.edits)
    again = lint(result, "dockerfile", ["syntax-error", *RULE], path=root / "Dockerfile", root=root)
    assert again == [], again
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # npm ci after the whole context, WORKDIR relative destination
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", [(3, 1, 3, 9)]),
        # the destination is absolute, WORKDIR set afterwards
        (
            "FROM python:3.12\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n",
            [(2, 1, 2, 12)],
        ),
        (
            "FROM python:3.12\nADD . /app\nRUN pip install -r /app/requirements.txt\n",
            [(2, 1, 2, 11)],
        ),
        (
            "FROM python:3.12\nWORKDIR /app\n"
            "COPY ./ ./\nRUN python -m pip install -r requirements.txt\n",
            [(3, 1, 3, 11)],
        ),
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -c constraints.txt flask\n",
            [(3, 1, 3, 9)],
        ),
        ("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n", [(3, 1, 3, 9)]),
        ("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install .\n", [(3, 1, 3, 9)]),
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --no-root\n",
            [(3, 1, 3, 9)],
        ),
        ("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n", [(3, 1, 3, 9)]),
        (
            "FROM python:3.12\nWORKDIR /app\n"
            "COPY . .\nRUN uv pip install --system -r requirements.txt\n",
            [(3, 1, 3, 9)],
        ),
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pipenv install --deploy --system\n",
            [(3, 1, 3, 9)],
        ),
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install --omit=dev\n", [(3, 1, 3, 9)]),
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn\n", [(3, 1, 3, 9)]),
        (
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n",
            [(3, 1, 3, 9)],
        ),
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm i --frozen-lockfile\n", [(3, 1, 3, 9)]),
        # pnpm fetch after the broad copy primes nothing: it reads the copied lock file
        (
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm fetch\nRUN pnpm install --offline\n",
            [(3, 1, 3, 9)],
        ),
        # pnpm fetch fills pnpm's store only: an npm or yarn install still downloads
        (
            "FROM node:20\nWORKDIR /app\nCOPY pnpm-lock.yaml .\nRUN pnpm fetch\n"
            "COPY . .\nRUN npm ci\n",
            [(5, 1, 5, 9)],
        ),
        # another pnpm command than fetch before the broad copy is no dependency step
        (
            "FROM node:20\nWORKDIR /app\nRUN pnpm config set store-dir /pnpm\n"
            "COPY . .\nRUN pnpm install\n",
            [(4, 1, 4, 9)],
        ),
        ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\n", [(3, 1, 3, 9)]),
        ("FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n", [(3, 1, 3, 9)]),
        ("FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\n", [(3, 1, 3, 9)]),
        ("FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n", [(3, 1, 3, 9)]),
        (
            "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n",
            [(3, 1, 3, 9)],
        ),
        (
            "FROM maven:3-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\n",
            [(3, 1, 3, 9)],
        ),
        (
            "FROM maven:3-eclipse-temurin-21\nWORKDIR /src\n"
            "COPY . .\nRUN mvn dependency:go-offline\n",
            [(3, 1, 3, 9)],
        ),
        (
            "FROM gradle:8-jdk21\nWORKDIR /src\nCOPY . .\nRUN ./gradlew build --no-daemon\n",
            [(3, 1, 3, 9)],
        ),
        ("FROM gradle:8-jdk21\nWORKDIR /src\nCOPY . .\nRUN gradle dependencies\n", [(3, 1, 3, 9)]),
        # flags on the copy are part of its range
        ("FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN npm ci\n", [(3, 1, 3, 27)]),
        # a directory holding the manifest, not the whole context
        ("FROM node:20\nWORKDIR /app\nCOPY web .\nRUN npm ci\n", [(3, 1, 3, 11)]),
        ("FROM node:20\nCOPY web/ /app/\nRUN cd /app && npm ci\n", [(2, 1, 2, 16)]),
        # the install runs in a subdirectory the broad copy fills
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN cd frontend && npm ci\n", [(3, 1, 3, 9)]),
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci --prefix client\n", [(3, 1, 3, 9)]),
        # heredoc and exec-form RUNs
        ("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\nnpm ci\nEOF\n", [(3, 1, 3, 9)]),
        ('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN ["npm", "ci"]\n', [(3, 1, 3, 9)]),
        # several stages, each on its own; a stage built on another keeps its WORKDIR
        (
            "FROM node:20 AS base\nWORKDIR /app\nFROM base AS deps\nCOPY . .\nRUN npm ci\n"
            "FROM python:3.12\nCOPY . /srv\nRUN pip install -r /srv/requirements.txt\n",
            [(4, 1, 4, 9), (7, 1, 7, 12)],
        ),
        # an image name built from an ARG does not matter
        ("ARG NODE=node:20\nFROM ${NODE}\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", [(4, 1, 4, 9)]),
        # WORKDIR from a stage ARG with a default
        (
            "FROM node:20\nARG APP=/app\nWORKDIR $APP\nCOPY . .\nRUN cd /app && npm ci\n",
            [(4, 1, 4, 9)],
        ),
        # the manifest was copied alone, but the install still waits for the whole context
        (
            "FROM node:20\nWORKDIR /app\nCOPY package.json .\nCOPY . .\nRUN npm ci\n",
            [(4, 1, 4, 9)],
        ),
        # Windows file with the backtick escape
        (
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n"
            "COPY . .\nRUN npm ci\n",
            [(4, 1, 4, 9)],
        ),
        # one finding per broad copy even with two installs
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
            "RUN npm ci\n",
            [(3, 1, 3, 9)],
        ),
        # lower-case keyword
        ("from node:20\nworkdir /app\ncopy . .\nrun npm ci\n", [(3, 1, 3, 9)]),
        # a test of some other file does not make the manifest optional
        (
            "FROM python:3.12\nCOPY . /srv\n"
            "RUN if [ -f /srv/setup.sh ]; then sh /srv/setup.sh; fi; pip install -r /srv/req.txt\n",
            [(2, 1, 2, 12)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Installing only when the manifest exists: it is optional, so copying it first
        # (the rule's advice) would break every build that has none.
        "FROM python:3.12\nCOPY . /srv\n"
        "RUN if [ -s /srv/req.txt ]; then \\\n    pip install -r /srv/req.txt; \\\n  fi\n",
        "FROM python:3.12\nWORKDIR /srv\nCOPY . .\nRUN test -f req.txt && pip install -r req.txt\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN [[ -e package.json ]] && npm ci\n",
    ],
)
def test_leaves_alone_optional_manifest(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the recommended order
        "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci\nCOPY . .\n",
        "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\n"
        "RUN npm ci\nCOPY . .\nRUN npm run build\n",
        "FROM python:3.12\nWORKDIR /app\n"
        "COPY requirements.txt /app\nRUN pip install -r requirements.txt\n"
        "COPY . /app\n",
        # the install ran before the broad copy; a later one of the same tool is not the install
        "FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nRUN npm ci\n",
        # dependencies first, then the project itself without them
        "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps -e .\n",
        "FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\n"
        "RUN poetry install --no-root\nCOPY . .\nRUN poetry install --only-root\n",
        # a dependency-only build earlier in the stage
        "FROM rust:1.80\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\n"
        "RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release\n"
        "COPY . .\nRUN cargo build --release\n",
        "FROM rust:1.80 AS chef\nWORKDIR /src\nCOPY recipe.json .\nRUN cargo chef cook\n"
        "COPY . .\nRUN cargo build --release\n",
        "FROM maven:3\nWORKDIR /src\nCOPY pom.xml .\nRUN mvn -B dependency:resolve\nCOPY . .\n"
        "RUN mvn -B package\n",
        # a build tool ran before the broad copy with a task of the project's own
        "FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY build.gradle gradlew ./\n"
        "RUN ./gradlew fetchDeps\nCOPY . .\nRUN ./gradlew installDist\n",
        # a build whose manifest was copied alone earlier
        "FROM maven:3\nWORKDIR /src\nCOPY pom.xml .\nRUN echo primed\nCOPY . .\nRUN mvn package\n",
        # the copy puts the manifest somewhere else than where the install reads it
        "FROM node:20\nCOPY . /srv\nWORKDIR /app\nRUN npm ci\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN cd /other && npm ci\n",
        # files, not directories
        "FROM node:20\nWORKDIR /app\nCOPY LICENSE Makefile ./\nRUN npm ci\n",
        "FROM python:3.12\nWORKDIR /app\nCOPY app.py .\nRUN pip install flask\n",
        # not installs from a manifest
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install express@4\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install -g .\n",
        "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --upgrade pip\n",
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn build\n",
        # an install inside a command substitution is not the RUN's install step
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN echo $(npm ci)\n",
        # copies from another stage or an image are not the build context
        "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\n"
        "FROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app .\nRUN npm ci\n",
        # BuildKit cache and bind mounts keep the packages
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\n",
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\n"
        "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n",
        # ONBUILD triggers run in another build
        "FROM node:20\nWORKDIR /app\nONBUILD COPY . /app\nONBUILD RUN npm install\n",
        # unknown working directories
        "FROM node:20\nWORKDIR $APP\nCOPY . .\nWORKDIR $OTHER\nRUN npm ci\n",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN cd $DIR && npm ci\n",
        # a heredoc source is not the context
        "FROM node:20\nWORKDIR /app\nCOPY <<EOF package.json\n{}\nEOF\nRUN npm ci\n",
        # install before the copy
        "FROM node:20\nWORKDIR /app\nRUN npm ci\nCOPY . .\n",
        # pnpm's Docker recipe: fetch from the lock file alone, then install offline
        "FROM node:20\nWORKDIR /usr/src/app\nCOPY pnpm-lock.yaml .\nRUN pnpm fetch\n"
        "COPY . .\nRUN pnpm install -f --prefer-offline\n",
        "FROM node:20\nWORKDIR /app\nCOPY pnpm-lock.yaml pnpm-workspace.yaml ./\n"
        "RUN --mount=type=secret,id=npmrc pnpm fetch --prod\n"
        "COPY . .\nRUN pnpm install -r --offline --prod\n",
    ],
)
def test_leaves_alone(text):
    assert found(text) == []


MESSAGE_CASES = [
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
    "FROM python:3.12 AS app\nCOPY . /app\n"
    "WORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt\n",
    "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n",
    "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install\n",
    "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n",
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n",
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .\n",
    "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n",
    "FROM maven:3\nWORKDIR /src\nCOPY . .\nRUN mvn -B -q package -DskipTests\n",
    "FROM gradle:8\nWORKDIR /src\nCOPY . .\nRUN ./gradlew build\n",
    "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n",
    "FROM ruby:3.3\nWORKDIR /app\nADD . /app\nRUN bundle install\n",
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm --version\nRUN npm ci\n",
]


def test_messages(snapshot):
    lines = []
    for text in MESSAGE_CASES:
        for diagnostic in run(text):
            lines.append(
                f"{diagnostic.range.start.line + 1}:{diagnostic.range.start.column + 1} "
                f"{diagnostic.message}\n  fix: "
                + (
                    diagnostic.fix.title
                    if diagnostic.fix
                    else f"none ({diagnostic.unfixable_reason})"
                )
            )
    snapshot.assert_match("\n".join(lines) + "\n", "messages.txt")


FIX_CASES = {
    "npm_comments": (
        "# syntax=docker/dockerfile:1\n"
        "FROM node:20-slim\n"
        "WORKDIR /app\n"
        "\n"
        "# Bring in the application\n"
        "# (everything not ignored)\n"
        "COPY --chown=node:node . .\n"
        "# Install exactly what the lock file says\n"
        "RUN npm ci --omit=dev \\\n"
        "    # keep the image small\n"
        "    && npm cache clean --force\n"
        "# start it\n"
        'CMD ["node", "server.js"]\n'
    ),
    "crlf_pip": (
        "FROM python:3.12-slim\r\n"
        "# sources\r\n"
        "COPY . /srv/app\r\n"
        "WORKDIR /srv/app\r\n"
        "ENV PIP_NO_CACHE_DIR=1\r\n"
        "RUN pip install -r requirements.txt\r\n"
        'CMD ["python", "-m", "app"]\r\n'
    ),
    "go_download_then_build": (
        "FROM golang:1.22 AS build\n"
        "WORKDIR /src\n"
        "COPY . .\n"
        "RUN go mod download && CGO_ENABLED=0 go build -o /out/app ./cmd/app\n"
    ),
    "maven_package": (
        "FROM maven:3.9-eclipse-temurin-21 AS build\n"
        "WORKDIR /src\n"
        "COPY . .\n"
        "RUN mvn -B package -DskipTests\n"
    ),
    "heredoc_yarn_subdir": (
        "FROM node:20\n"
        "WORKDIR /app\n"
        "COPY . .\n"
        "RUN <<EOF\n"
        "set -eux\n"
        "cd web\n"
        "yarn install --frozen-lockfile\n"
        "EOF\n"
    ),
    "windows_escape": (
        "# escape=`\n"
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        "WORKDIR C:\\app\n"
        "COPY . .\n"
        "RUN npm ci `\n"
        "    --no-audit\n"
    ),
    "bundler_no_trailing_newline": ("FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install"),
    "lowercase_add": (
        "from python:3.12\nworkdir /app\nadd . /app\nrun pip install -r requirements/base.txt\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FIX_CASES))
def test_fix(name, snapshot):
    text = FIX_CASES[name]
    result = fixed(text)
    if "\r\n" in text:
        assert result.count("\r\n") == result.count("\n"), "a bare LF slipped into a CRLF file"
    # Bytes, so that the CRLF case is stored with its line endings.
    snapshot.assert_match(result.encode(), f"{name}.Dockerfile")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN chmod +x run.sh\nRUN npm ci\n",
            "the RUN on line 4 between the copy and the install may need the copied files",
        ),
        (
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
            "the install RUN also runs 'npm', which may need the copied sources",
        ),
        (
            "FROM node:20\nWORKDIR /srv\nCOPY . app\nWORKDIR /srv/app\nRUN npm ci\n",
            "a WORKDIR between the copy and the install changes its destination",
        ),
        (
            "FROM node:20\nARG DEST=/app\nCOPY . $DEST\nRUN cd /app && npm ci\n",
            "the COPY uses variables",
        ),
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt -e .\n",
            "the same pip command also installs the project from its sources",
        ),
        (
            "FROM python:3.12\nWORKDIR /app\n"
            "COPY . .\nRUN npm ci && pip install -r requirements.txt\n",
            "the RUN installs with several tools or in several directories",
        ),
        (
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install\n",
            "`poetry install` without --no-root needs the sources",
        ),
        (
            "FROM maven:3\nWORKDIR /src\nCOPY . .\nRUN ./mvnw package\n",
            "the Maven wrapper needs its .mvn directory copied too",
        ),
    ],
)
def test_unfixable(text, reason):
    diagnostics = run(text)
    assert len(diagnostics) == 1
    assert diagnostics[0].fix is None
    assert diagnostics[0].unfixable_reason == reason


def test_fix_uses_manifests_on_disk(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x"}\n')
    (tmp_path / "package-lock.json").write_text("{}\n")
    (tmp_path / ".npmrc").write_text("fund=false\n")
    text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
    [diagnostic] = run(text, tmp_path)
    assert "copy package.json and package-lock.json first" in diagnostic.message
    assert fixed(text, tmp_path) == (
        "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci\n"
        "COPY . .\n"
    )


def test_fix_follows_requirement_includes_on_disk(tmp_path):
    (tmp_path / "requirements.txt").write_text("-r base.txt\nflask==3.0\n")
    (tmp_path / "base.txt").write_text("requests==2.32\n")
    text = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
    assert fixed(text, tmp_path).splitlines()[2] == "COPY requirements.txt base.txt ./"


@pytest.mark.parametrize(
    ("files", "text", "reason"),
    [
        (
            {"package.json": '{"scripts": {"postinstall": "node build.js"}}'},
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
            "package.json has install scripts that may need the sources",
        ),
        (
            {"requirements.txt": "flask\n-e .\n"},
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
            "requirements.txt installs a local path",
        ),
        (
            {"go.mod": "module x\nreplace example.com/y => ./y\n", "go.sum": ""},
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\n",
            "go.mod replaces a module with a local directory",
        ),
        (
            {"Gemfile": "source 'https://rubygems.org'\ngemspec\n"},
            "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
            "the Gemfile reads a gemspec or a local path",
        ),
    ],
)
def test_disk_refusals(tmp_path, files, text, reason):
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    [diagnostic] = run(text, tmp_path)
    assert diagnostic.fix is None
    assert diagnostic.unfixable_reason == reason


PNPM_BROAD = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n"


@pytest.mark.parametrize(
    ("files", "text", "reason"),
    [
        # The workspace file beside the Dockerfile, with or without a package.json there.
        (
            {"pnpm-workspace.yaml": "packages:\n  - packages/*\n", ".npmrc": "x=1\n"},
            PNPM_BROAD,
            "pnpm-workspace.yaml defines a workspace whose members the manifest copy leaves out",
        ),
        (
            {"package.json": '{"name": "root"}', "pnpm-workspace.yaml": "packages: [a]\n"},
            PNPM_BROAD,
            "pnpm-workspace.yaml defines a workspace whose members the manifest copy leaves out",
        ),
        (
            {"package.json": '{"private": true, "workspaces": ["packages/*"]}'},
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n",
            "package.json defines a workspace whose members the manifest copy leaves out",
        ),
        (
            {"package.json": '{"name": "x"}', "lerna.json": "{}"},
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
            "lerna.json defines a workspace whose members the manifest copy leaves out",
        ),
        (
            {"nx.json": "{}"},
            PNPM_BROAD,
            "nx.json defines a workspace whose members the manifest copy leaves out",
        ),
        (
            {"turbo.json": "{}"},
            PNPM_BROAD,
            "turbo.json defines a workspace whose members the manifest copy leaves out",
        ),
        # The install runs in a member folder of a workspace rooted beside the Dockerfile.
        (
            {"pnpm-workspace.yaml": "packages: [web]\n", "web/package.json": '{"name": "w"}'},
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN cd web && pnpm install\n",
            "pnpm-workspace.yaml defines a workspace whose members the manifest copy leaves out",
        ),
        # A workspace root above the Dockerfile is probably its build context (hoppscotch's
        # packages/*/Dockerfile are built with `context: .` from the repository root).
        (
            {
                "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
                "package.json": '{"name": "root"}',
                "packages/admin/package.json": '{"name": "admin"}',
            },
            PNPM_BROAD,
            "../../pnpm-workspace.yaml defines a workspace around the Dockerfile, probably its"
            " build context, whose members the manifest copy leaves out",
        ),
    ],
)
def test_no_fix_inside_a_workspace(tmp_path, files, text, reason):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    folder = tmp_path / "packages" / "admin" if "packages/admin/package.json" in files else tmp_path
    diagnostics = lint(text, "dockerfile", RULE, path=folder / "Dockerfile", root=tmp_path)
    assert [s[1:] for s in spans(diagnostics)] == [(3, 1, 3, 9)]
    assert diagnostics[0].fix is None
    assert diagnostics[0].unfixable_reason == reason


@pytest.mark.parametrize(
    "files",
    [
        # a package.json without workspaces, and workspace files elsewhere in the project
        {"package.json": '{"name": "x", "description": "no workspaces here"}'},
        {"package.json": '{"name": "x"}', "other/pnpm-workspace.yaml": "packages: [a]\n"},
    ],
)
def test_fix_outside_a_workspace(tmp_path, files):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert fixed(PNPM_BROAD, tmp_path) == (
        "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN pnpm install --frozen-lockfile\n"
        "COPY . .\n"
    )


def test_workspace_above_the_project_root_is_not_read(tmp_path):
    # lintkit never reads outside the project: a workspace file there changes nothing.
    (tmp_path / "pnpm-workspace.yaml").write_text("packages: [project]\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text('{"name": "x"}')
    assert fixed(PNPM_BROAD, project).splitlines()[2] == "COPY package.json ./"


# --- property: any fix parses and removes its finding ----------------------------------------

INSTALLS = [
    "npm ci",
    "npm install --omit=dev",
    "yarn install --frozen-lockfile",
    "pnpm install",
    "pip install --no-cache-dir -r requirements.txt",
    "go mod download",
    "bundle install",
    "mvn -B package",
    "composer install --no-scripts --no-autoloader",
    "poetry install --no-root",
]
BETWEEN = ["ENV A=1", "LABEL org.example=1", "EXPOSE 8080", "USER 1000", "ARG X=1", "# note"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    install=st.sampled_from(INSTALLS),
    workdir=st.sampled_from([None, "/app", "/srv/app"]),
    dest=st.sampled_from([".", "./", "/app", "/app/"]),
    chown=st.booleans(),
    between=st.lists(st.sampled_from(BETWEEN), max_size=3),
    comment_above=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
    heredoc=st.booleans(),
)
def test_fix_property(
    install, workdir, dest, chown, between, comment_above, newline, final_newline, heredoc
):
    lines = ["FROM example/base:1"]
    if workdir:
        lines.append(f"WORKDIR {workdir}")
    if comment_above:
        lines.append("# the sources")
    lines.append(("COPY --chown=1000:1000 " if chown else "COPY ") + f". {dest}")
    if workdir is None and not dest.startswith("/"):
        lines.append("WORKDIR /")
    lines.extend(between)
    if not dest.startswith("/") or workdir in (None, "/app", "/app/"):
        lines.append("WORKDIR /app" if dest.startswith("/") else "WORKDIR .")
    lines.extend(["RUN <<EOF", install, "EOF"] if heredoc else [f"RUN {install}"])
    lines.append('CMD ["run"]')
    text = newline.join(lines) + (newline if final_newline else "")
    diagnostics = run(text)
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        result = apply_edits(text, diagnostic.fix.edits)
        again = lint(result, "dockerfile", ["syntax-error", *RULE], path=EMPTY / "Dockerfile")
        assert again == [], (text, result, again)
        if newline == "\r\n":
            assert result.count("\r\n") == result.count("\n")
        assert result.count(f". {dest}") == 1


@pytest.mark.parametrize(
    "text",
    [
        # plane's Dockerfile.dev: the requirements folder is the dependency-only copy
        "FROM python:3.12\nWORKDIR /code\nCOPY requirements.txt ./requirements.txt\n"
        "ADD requirements ./requirements\nRUN pip install -r requirements/local.txt\nCOPY . .\n",
        "FROM python:3.12\nWORKDIR /code\nCOPY requirements/ /code/requirements/\n"
        "RUN pip install -r requirements/dev/local.txt\n",
        "FROM python:3.12\nWORKDIR /code\nCOPY ./deps ./deps\nRUN pip install -r deps/base.txt\n",
    ],
)
def test_leaves_alone_a_copied_requirements_folder(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a folder named like sources still brings the sources in
        (
            "FROM python:3.12\nWORKDIR /code\nCOPY src ./src\nRUN pip install -r src/req.txt\n",
            [(3, 1, 3, 15)],
        ),
        (
            "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements/base.txt\n",
            [(3, 1, 3, 9)],
        ),
    ],
)
def test_source_folders_holding_the_manifest_still_fire(text, expected):
    assert found(text) == expected


PIP_BROAD = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
NPM_BROAD = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
BUNDLE_BROAD = "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n"


@pytest.mark.parametrize(
    ("files", "text", "reason"),
    [
        (
            {"requirements.txt": "-r base.txt\nflask\n"},
            PIP_BROAD,
            "requirements.txt includes base.txt, which cannot be found in the build context",
        ),
        (
            {"requirements.txt": "--constraint=pins/c.txt\n", "pins/c.txt": "flask<4\n"},
            PIP_BROAD,
            "requirements.txt includes pins/c.txt from another folder",
        ),
        (
            {"requirements.txt": "-rbase.txt\n", "base.txt": "-e ./libs/core\n"},
            PIP_BROAD,
            "base.txt installs a local path",
        ),
        (
            {"requirements.txt": "core @ file:///src/core\n"},
            PIP_BROAD,
            "requirements.txt installs a local path",
        ),
        (
            {"requirements.txt": "--editable=./core\n"},
            PIP_BROAD,
            "requirements.txt installs a local path",
        ),
        (
            {"requirements.txt": "--find-links ./wheels\ncore\n"},
            PIP_BROAD,
            "requirements.txt installs a local path",
        ),
        (
            {"Gemfile": "source 'https://rubygems.org'\ngem 'core', :path => 'core'\n"},
            BUNDLE_BROAD,
            "the Gemfile reads a gemspec or a local path",
        ),
        (
            {"Gemfile": "path 'engines' do\n  gem 'admin'\nend\n"},
            BUNDLE_BROAD,
            "the Gemfile reads a gemspec or a local path",
        ),
        (
            {"Gemfile": "source 'https://rubygems.org'\neval_gemfile 'Gemfile.shared'\n"},
            BUNDLE_BROAD,
            "the Gemfile loads another Gemfile with eval_gemfile",
        ),
        *(
            (
                {"package.json": f'{{"dependencies": {{"core": "{spec}"}}}}'},
                NPM_BROAD,
                "package.json depends on a local package (file:, link:, workspace: or a path)",
            )
            for spec in ("file:../core", "link:./core", "workspace:*", "../core")
        ),
    ],
)
def test_refuses_a_fix_that_leaves_referenced_files_out(tmp_path, files, text, reason):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    [diagnostic] = run(text, tmp_path)
    assert diagnostic.range.start.line == 2
    assert diagnostic.fix is None
    assert diagnostic.unfixable_reason == reason


@pytest.mark.parametrize(
    ("files", "text", "copy_line"),
    [
        (
            {"requirements.txt": "flask==3.0\n--index-url https://pypi.org/simple\n"},
            PIP_BROAD,
            "COPY requirements.txt ./",
        ),
        (
            {"requirements.txt": "-r https://example.com/base.txt\nflask\n"},
            PIP_BROAD,
            "COPY requirements.txt ./",
        ),
        (
            {"Gemfile": "source 'https://rubygems.org'\ngem 'rails'\n", "Gemfile.lock": ""},
            BUNDLE_BROAD,
            "COPY Gemfile Gemfile.lock ./",
        ),
        (
            {"package.json": '{"main": "./index.js", "dependencies": {"x": "^1.0.0"}}'},
            NPM_BROAD,
            "COPY package.json ./",
        ),
    ],
)
def test_still_fixes_plain_manifests(tmp_path, files, text, copy_line):
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    assert fixed(text, tmp_path).splitlines()[2] == copy_line


def test_reads_the_manifest_from_a_build_context_above_the_dockerfile(tmp_path):
    # grafana/loki clients/cmd/logstash: `docker build -f clients/cmd/logstash/Dockerfile .`
    folder = tmp_path / "clients" / "cmd" / "logstash"
    folder.mkdir(parents=True)
    (folder / "Gemfile").write_text("source 'https://rubygems.org'\ngemspec\n")
    text = (
        "FROM logstash:9\nCOPY --chown=logstash:logstash ./clients/cmd/logstash/ /home/logstash/\n"
        "WORKDIR /home/logstash/\nRUN bundle install\n"
    )
    [diagnostic] = lint(text, "dockerfile", RULE, path=folder / "Dockerfile", root=tmp_path)
    assert spans([diagnostic])[0][1:] == (2, 1, 2, 71)
    assert diagnostic.fix is None
    assert diagnostic.unfixable_reason == "the Gemfile reads a gemspec or a local path"

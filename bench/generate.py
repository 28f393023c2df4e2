"""Generate a deterministic benchmark corpus of Dockerfiles and Compose files.

Usage::

    python bench/generate.py [--files N] [--seed S] [--out DIR] [--validate]

Writes ``DIR/dockerfiles/pNNNN/Dockerfile`` and ``DIR/compose/pNNNN/compose.yaml`` (plus a
``compose.override.yaml`` beside some), and ``DIR/manifest.json`` with the corpus statistics.
Every project is generated from its own seed (``seed:kind:index``), so the first 100 projects of
a 1,000-project corpus are the same files as a 100-project corpus: slices are stable.

Sizes follow a log-normal distribution (most files are small, as in real repositories) with a
thin uniform tail up to the maximum. ``--validate`` checks the result: hadolint must parse every
Dockerfile (no DL1000), and every Compose file must load as YAML and, after interpolation with
the defaults, satisfy the Compose JSON schema (taken from an installed dclint).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

GENERATOR_VERSION = 2
DEFAULT_SEED = 20261203
DEFAULT_FILES = 1000
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"

DOCKERFILE_LINES = (10, 600)  # min, max
COMPOSE_LINES = (5, 800)


def words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list (keeps the long vocabularies compact)."""
    return tuple(text.split())


WORDS = words(
    "acme atlas billing cargo cobalt delta ember falcon gateway harbor indigo jade kite "
    "ledger lumen mango nimbus orbit pixel quartz relay sable tango umbra vector willow "
    "yonder zephyr auth search media report notify catalog checkout inventory payments "
    "profile"
)

# --------------------------------------------------------------------------- size distribution


def target_lines(rng: random.Random, lo: int, hi: int, median: float) -> int:
    """Draw a line count: log-normal around ``median``, 4 % uniform tail, clipped to [lo, hi]."""
    if rng.random() < 0.04:
        return rng.randint(hi // 2, hi)
    value = math.exp(rng.gauss(math.log(median), 0.85))
    return max(lo, min(hi, round(value)))


def project_name(rng: random.Random) -> str:
    """Return a plausible project name such as ``cobalt-billing``."""
    return f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"


# --------------------------------------------------------------------------- Dockerfiles

APT_PACKAGES = words(
    "ca-certificates curl wget git gnupg openssh-client build-essential gcc g++ make cmake "
    "pkg-config libssl-dev libffi-dev libpq-dev libxml2-dev libxslt1-dev zlib1g-dev "
    "libjpeg-dev libpng-dev libsqlite3-dev unzip xz-utils tzdata locales procps "
    "netcat-openbsd jq less vim-tiny dumb-init tini gosu postgresql-client "
    "default-mysql-client python3 python3-pip python3-venv iproute2 dnsutils file patch "
    "rsync sudo bzip2 libcurl4-openssl-dev libreadline-dev libyaml-dev libgmp-dev "
    "fonts-dejavu-core"
)
APK_PACKAGES = words(
    "ca-certificates curl git bash tzdata build-base musl-dev openssl-dev libffi-dev "
    "postgresql-dev jq tini su-exec openssh-client make gcc g++ linux-headers zlib-dev"
)
APT_COMMENTS = (
    "# TLS roots for outbound HTTPS",
    "# needed by the native extensions",
    "# debugging helpers, keep them small",
    "# database client for migrations",
    "# TODO: drop once the healthcheck is native",
    "# compilers for the build only",
)

# name: (builder images, build steps, artefact path, runtime images)
BUILDERS: dict[str, dict[str, list[str]]] = {
    "go": {
        "images": [
            "golang:1.22-bookworm",
            "golang:1.23-alpine",
            "golang:${GO_VERSION}-bookworm",
            "${REGISTRY}/library/golang:${GO_VERSION}",
        ],
        "version_arg": ["GO_VERSION=1.23"],
        "steps": [
            "COPY go.mod go.sum ./",
            "RUN --mount=type=cache,target=/go/pkg/mod go mod download",
            "COPY . .",
            "ARG TARGETOS TARGETARCH",
            "RUN --mount=type=cache,target=/go/pkg/mod \\\n"
            "    --mount=type=cache,target=/root/.cache/go-build \\\n"
            "    CGO_ENABLED=0 GOOS=${TARGETOS:-linux} GOARCH=${TARGETARCH} \\\n"
            '    go build -trimpath -ldflags="-s -w" \\\n'
            "    -o /out/{name} ./cmd/{name}",
            "RUN go vet ./...",
        ],
        "runtimes": [
            "gcr.io/distroless/static-debian12:nonroot",
            "alpine:3.20",
            "scratch",
            "debian:bookworm-slim",
        ],
        "artefact": ["/out/{name}", "/usr/local/bin/{name}"],
    },
    "node": {
        "images": ["node:20-bookworm", "node:22-alpine", "node:${NODE_VERSION}-alpine"],
        "version_arg": ["NODE_VERSION=20"],
        "steps": [
            "COPY package.json package-lock.json ./",
            "RUN --mount=type=cache,target=/root/.npm npm ci",
            "COPY . .",
            "RUN npm run build \\\n    && npm prune --omit=dev",
            "RUN npm test -- --ci",
        ],
        "runtimes": [
            "node:20-bookworm-slim",
            "node:22-alpine",
            "gcr.io/distroless/nodejs20-debian12",
        ],
        "artefact": ["/src/dist", "/app/dist"],
    },
    "python": {
        "images": ["python:3.12-bookworm", "python:3.11-slim", "python:${PYTHON_VERSION}-slim"],
        "version_arg": ["PYTHON_VERSION=3.12"],
        "steps": [
            "RUN python -m venv /opt/venv",
            'ENV PATH="/opt/venv/bin:$PATH"',
            "COPY requirements.txt .",
            "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
            "    pip install --no-cache-dir -r requirements.txt",
            "COPY . .",
            "RUN pip wheel --no-deps --wheel-dir /wheels .",
        ],
        "runtimes": ["python:3.12-slim", "python:3.11-slim-bookworm", "python:3.12-alpine"],
        "artefact": ["/opt/venv", "/wheels"],
    },
    "rust": {
        "images": ["rust:1.80-bookworm", "rust:1-slim-bookworm", "rust:${RUST_VERSION}-alpine"],
        "version_arg": ["RUST_VERSION=1.80"],
        "steps": [
            "COPY Cargo.toml Cargo.lock ./",
            "RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo fetch",
            "COPY . .",
            "RUN --mount=type=cache,target=/usr/local/cargo/registry \\\n"
            "    --mount=type=cache,target=/src/target \\\n"
            "    cargo build --release --locked \\\n"
            "    && cp target/release/{name} /out/{name}",
        ],
        "runtimes": ["debian:bookworm-slim", "gcr.io/distroless/cc-debian12", "alpine:3.20"],
        "artefact": ["/out/{name}"],
    },
    "java": {
        "images": [
            "maven:3.9-eclipse-temurin-21",
            "gradle:8.10-jdk21",
            "eclipse-temurin:${JAVA_VERSION}-jdk",
        ],
        "version_arg": ["JAVA_VERSION=21"],
        "steps": [
            "COPY pom.xml .",
            "RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline",
            "COPY src ./src",
            "RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package \\\n"
            "    && cp target/*.jar /out/app.jar",
        ],
        "runtimes": ["eclipse-temurin:21-jre", "eclipse-temurin:21-jre-alpine"],
        "artefact": ["/out/app.jar"],
    },
}

SINGLE_STAGE_BASES = (
    "ubuntu:22.04",
    "ubuntu:24.04",
    "debian:bookworm",
    "debian:12-slim",
    "alpine:3.19",
    "nginx:1.27-alpine",
    "python:3.12-slim",
    "node:20",
    "php:8.3-apache",
    "ruby:3.3-slim",
    "centos:7",
    "${BASE_IMAGE}",
)


class DockerfileWriter:
    """Build the lines of one realistic Linux Dockerfile of roughly a given length."""

    def __init__(self, rng: random.Random, target: int) -> None:
        self.rng = rng
        self.target = target
        self.name = project_name(rng).split("-")[0]
        self.heredocs = 0

    def is_alpine(self, image: str) -> bool:
        """Return True when ``image`` looks Alpine based (uses apk, not apt)."""
        return "alpine" in image

    # ----- blocks: each returns a list of lines, self-contained instructions
    def apt_block(self, image: str) -> list[str]:
        rng = self.rng
        remaining = max(3, self.target // 12)
        pool = APK_PACKAGES if self.is_alpine(image) else APT_PACKAGES
        count = rng.randint(2, min(len(pool), max(3, remaining)))
        packages = sorted(rng.sample(pool, count))
        if self.is_alpine(image):
            lines = ["RUN apk add --no-cache \\"]
            lines += [f"        {p} \\" for p in packages[:-1]]
            lines.append(f"        {packages[-1]}")
            return lines
        lines = ["RUN apt-get update \\", "    && apt-get install -y --no-install-recommends \\"]
        for package in packages:
            if rng.random() < 0.08:
                lines.append(f"        {rng.choice(APT_COMMENTS)}")
            lines.append(f"        {package} \\")
        if rng.random() < 0.3:
            lines.append("    # keep the image small")
        lines.append("    && rm -rf /var/lib/apt/lists/*")
        return lines

    def heredoc_run(self) -> list[str]:
        self.heredocs += 1
        body = ["set -eux"]
        commands = [
            "mkdir -p /var/cache/{name} /etc/{name}",
            "groupadd --system {name} || true",
            'echo "build $(date -u +%Y-%m-%dT%H:%M:%SZ)" > /etc/{name}/build-info',
            "chmod 0755 /usr/local/bin/* || true",
            'if [ -f /etc/os-release ]; then . /etc/os-release; echo "$ID $VERSION_ID"; fi',
            "ln -sf /dev/stdout /var/log/{name}.log",
            "find / -xdev -perm /6000 -type f -exec chmod a-s {{}} + || true",
        ]
        body += [
            c.format(name=self.name) for c in self.rng.sample(commands, self.rng.randint(2, 6))
        ]
        return ["RUN <<EOF", *body, "EOF", ""]

    def heredoc_copy(self) -> list[str]:
        self.heredocs += 1
        body = [f"[{self.name}]", "listen = 0.0.0.0:8080", "log_level = info"]
        body += [f"option_{i} = {self.rng.randint(1, 500)}" for i in range(self.rng.randint(0, 8))]
        return [f"COPY <<EOF /etc/{self.name}/{self.name}.conf", *body, "EOF", ""]

    def env_block(self) -> list[str]:
        keys = [
            "LANG=C.UTF-8",
            "TZ=UTC",
            f"APP_HOME=/opt/{self.name}",
            "PYTHONDONTWRITEBYTECODE=1",
            "PYTHONUNBUFFERED=1",
            "NODE_ENV=production",
            'JAVA_OPTS="-XX:MaxRAMPercentage=75"',
            f"{self.name.upper()}_PORT=8080",
            "PATH=/opt/bin:$PATH",
            "DEBIAN_FRONTEND=noninteractive",
        ]
        chosen = self.rng.sample(keys, self.rng.randint(1, 5))
        if len(chosen) == 1:
            return [f"ENV {chosen[0]}"]
        return [f"ENV {chosen[0]} \\", *[f"    {k} \\" for k in chosen[1:-1]], f"    {chosen[-1]}"]

    def label_block(self) -> list[str]:
        labels = [
            f'org.opencontainers.image.title="{self.name}"',
            'org.opencontainers.image.source="https://github.com/example/' + self.name + '"',
            'org.opencontainers.image.licenses="Apache-2.0"',
            'org.opencontainers.image.version="${VERSION}"',
            'maintainer="platform-team@example.com"',
        ]
        chosen = self.rng.sample(labels, self.rng.randint(1, 5))
        if len(chosen) == 1:
            return [f"LABEL {chosen[0]}"]
        return [
            f"LABEL {chosen[0]} \\",
            *[f"      {k} \\" for k in chosen[1:-1]],
            f"      {chosen[-1]}",
        ]

    def download_block(self) -> list[str]:
        tool = self.rng.choice(["kubectl", "helm", "yq", "grpc-health-probe", "migrate"])
        version = f"{self.rng.randint(0, 4)}.{self.rng.randint(0, 30)}.{self.rng.randint(0, 9)}"
        arg = tool.upper().replace("-", "_") + "_VERSION"
        return [
            f"ARG {arg}={version}",
            f"RUN curl -fsSL -o /tmp/{tool}.tar.gz \\",
            f'        "https://downloads.example.com/{tool}/v${{{arg}}}/{tool}-linux.tar.gz" \\',
            f'    && echo "{self.rng.getrandbits(256):064x}  /tmp/{tool}.tar.gz" \\',
            "        | sha256sum -c - \\",
            f"    && tar -xzf /tmp/{tool}.tar.gz -C /usr/local/bin {tool} \\",
            f"    && rm -f /tmp/{tool}.tar.gz",
        ]

    def misc_line(self) -> list[str]:
        choices = [
            f"WORKDIR /opt/{self.name}",
            f"COPY scripts/ /opt/{self.name}/scripts/",
            f"COPY --chown=1000:1000 config/ /etc/{self.name}/",
            f"ADD --chmod=0755 docker/entrypoint.sh /usr/local/bin/{self.name}-entrypoint",
            "ARG VERSION=dev",
            "ARG TARGETOS TARGETARCH",
            f"RUN mkdir -p /var/lib/{self.name} && chown -R 1000:1000 /var/lib/{self.name}",
            "# Build-time metadata, overridden in CI",
            "",
            f"VOLUME /var/lib/{self.name}",
            f"ENV {self.name.upper()}_HOME=/opt/{self.name}",
            "RUN echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen",
        ]
        return [self.rng.choice(choices)]

    def filler(self, image: str, budget: int, heredocs: bool) -> list[list[str]]:
        """Return instruction blocks totalling ``budget`` lines (or a little less)."""
        rng = self.rng
        out: list[list[str]] = []
        used = 0
        makers = [
            (lambda: self.apt_block(image), 4),
            (self.env_block, 2),
            (self.label_block, 1),
            (self.download_block, 2),
            (self.misc_line, 4),
        ]
        if heredocs:
            makers += [(self.heredoc_run, 2), (self.heredoc_copy, 1)]
        funcs, weights = zip(*makers, strict=True)
        misses = 0
        while used < budget and misses < 12:
            block = rng.choices(funcs, weights)[0]()
            if used + len(block) > budget:
                misses += 1
                continue
            out.append(block)
            used += len(block)
        for _ in range(budget - used):
            out.append(self.misc_line())
        return out

    def build(self) -> list[str]:
        """Return the Dockerfile lines."""
        rng = self.rng
        heredocs = rng.random() < 0.25
        head: list[str] = []
        if heredocs or rng.random() < 0.4:
            head.append(
                rng.choice(["# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1.7"])
            )
        if rng.random() < 0.3:
            head += [
                f"# Container image for {self.name}.",
                "#",
                f"# Build: docker build -t {self.name}:dev .",
            ]
        multi = rng.random() < 0.6 and self.target >= 14
        lang = rng.choice(list(BUILDERS))
        spec = BUILDERS[lang]
        uses_registry = rng.random() < 0.2
        if multi:
            image = rng.choice(spec["images"])
            if "${REGISTRY}" in image or uses_registry:
                head.append("ARG REGISTRY=docker.io")
                if "${REGISTRY}" not in image:
                    image = "${REGISTRY}/library/" + image
            version_arg = spec["version_arg"][0]
            if "_VERSION}" in image:
                head.append(f"ARG {version_arg}")
            build = [f"FROM {image} AS build", "WORKDIR /src", "RUN mkdir -p /out"]
            steps = [s.replace("{name}", self.name) for s in spec["steps"]]
            build += [line for step in steps for line in step.split("\n")]
            runtime_image = rng.choice(spec["runtimes"])
            artefact = rng.choice(spec["artefact"]).replace("{name}", self.name)
            final = [f"FROM {runtime_image} AS runtime"]
            if rng.random() < 0.3:
                final.append("ARG VERSION=dev")
            final += [f"COPY --from=build {artefact} {artefact}"]
            if rng.random() < 0.3:
                final.append("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/")
            final += self.tail(runtime_image, artefact)
            body_image = image
        else:
            image = rng.choice(SINGLE_STAGE_BASES)
            if image == "${BASE_IMAGE}":
                head.append("ARG BASE_IMAGE=debian:bookworm-slim")
                body_image = "debian"
            else:
                body_image = image
            build = [f"FROM {image}"]
            if rng.random() < 0.5:
                build.append(f"WORKDIR /opt/{self.name}")
            final = ["COPY . ."]
            if rng.random() < 0.05:
                final += ["ONBUILD COPY . /opt/app/src", "ONBUILD RUN make -C /opt/app/src build"]
            final += self.tail(image, "/usr/local/bin/" + self.name)
        fixed = len(head) + len(build) + len(final) + (1 if head else 0)
        budget = max(0, self.target - fixed)
        blocks = self.filler(body_image, budget, heredocs)
        lines = head + ([""] if head else []) + build
        split = len(blocks)
        if multi and budget > 30 and rng.random() < 0.5:
            split = (
                len(blocks) // 2
            )  # some of the bulk goes into the runtime stage, as in real files
        lines += [line for block in blocks[:split] for line in block] + [""] + final[:1]
        lines += [line for block in blocks[split:] for line in block] + final[1:]
        while len(lines) < DOCKERFILE_LINES[0]:
            lines.insert(-1, "# keep the command in sync with the README")
        return lines

    def tail(self, image: str, artefact: str) -> list[str]:
        rng = self.rng
        out: list[str] = []
        # What the image runs: the binary itself, or the interpreter for other artefacts.
        if artefact.endswith(".jar"):
            artefact = f"java -jar {artefact}"
        elif artefact.endswith("dist"):
            artefact = f"node {artefact}/server.js"
        elif artefact in ("/opt/venv", "/wheels"):
            artefact = f"/opt/venv/bin/{self.name}"
        argv = ", ".join(f'"{part}"' for part in artefact.split())
        no_shell = image == "scratch" or "distroless" in image
        if rng.random() < 0.5 and not no_shell and "alpine" not in image:
            out.append("RUN useradd --system --uid 10001 --create-home app")
            out.append("USER app")
        elif rng.random() < 0.5:
            out.append("USER 65532:65532")
        port = rng.choice([80, 3000, 5000, 8000, 8080, 9090])
        out.append(f"EXPOSE {port}")
        if rng.random() < 0.35:
            if no_shell:
                out.append(f'HEALTHCHECK --interval=30s --timeout=3s CMD [{argv}, "health"]')
            else:
                out += [
                    "HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\",
                    f"    CMD curl -fsS http://localhost:{port}/healthz || exit 1",
                ]
        if rng.random() < 0.1:
            out.append("STOPSIGNAL SIGTERM")
        if rng.random() < 0.5 or no_shell:
            out.append(f"ENTRYPOINT [{argv}]")
            out.append('CMD ["serve", "--port", "' + str(port) + '"]')
        elif rng.random() < 0.7:
            out.append(f'CMD [{argv}, "--listen", ":{port}"]')
        else:
            out.append(f"CMD {artefact} --listen :{port}")
        return out


def windows_dockerfile(rng: random.Random, target: int) -> list[str]:
    """Return the lines of a Windows Dockerfile using the backtick escape character."""
    name = project_name(rng).split("-")[0]
    lines = [
        "# escape=`",
        "",
        "FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022 AS build",
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\'; '
        "$ProgressPreference = 'SilentlyContinue';\"]",
        "WORKDIR C:\\src",
        f"COPY {name}.csproj .",
        "RUN dotnet restore",
        "COPY . .",
    ]
    final = [
        "",
        "FROM mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022",
        "WORKDIR C:\\app",
        "COPY --from=build C:\\out .",
        "EXPOSE 8080",
        f'ENTRYPOINT ["dotnet", "{name}.dll"]',
    ]
    body: list[str] = []
    budget = target - len(lines) - len(final) - 1
    while len(body) < budget:
        kind = rng.random()
        if kind < 0.4 and len(body) + 4 <= budget:
            tool = rng.choice(["nuget", "node", "git", "7zip"])
            body += [
                f"RUN Invoke-WebRequest -Uri https://downloads.example.com/{tool}.zip `",
                f"        -OutFile C:\\{tool}.zip ; `",
                f"    Expand-Archive C:\\{tool}.zip -DestinationPath C:\\tools\\{tool} ; `",
                f"    Remove-Item -Force C:\\{tool}.zip",
            ]
        elif kind < 0.6 and len(body) + 2 <= budget:
            body += ["ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 `", "    ASPNETCORE_URLS=http://+:8080"]
        else:
            body.append(
                rng.choice(
                    [
                        "RUN dotnet build -c Release --no-restore",
                        f"RUN New-Item -ItemType Directory -Force -Path C:\\data\\{name}",
                        "# Windows containers need the full path here",
                        f'RUN setx /M PATH "%PATH%;C:\\tools\\{name}"',
                    ]
                )
            )
    return [*lines, *body, "RUN dotnet publish -c Release -o C:\\out --no-restore", *final]


def dockerfile_text(seed: int, index: int) -> tuple[str, dict[str, bool]]:
    """Return (text, traits) for Dockerfile number ``index``."""
    rng = random.Random(f"{seed}:dockerfile:{index}")
    lo, hi = DOCKERFILE_LINES
    target = target_lines(rng, lo, hi, median=38)
    windows = rng.random() < 0.03
    if windows:
        lines = windows_dockerfile(rng, target)
        heredocs = False
    else:
        writer = DockerfileWriter(rng, target)
        lines = writer.build()
        heredocs = writer.heredocs > 0
    crlf = windows or rng.random() < 0.04
    text = "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return text, {"windows": windows, "crlf": crlf, "heredoc": heredocs}


# --------------------------------------------------------------------------- Compose files

SERVICE_KINDS: dict[str, dict[str, object]] = {
    "postgres": {
        "image": "postgres:16-alpine",
        "port": 5432,
        "data": "/var/lib/postgresql/data",
        "health": '["CMD-SHELL", "pg_isready -U ${POSTGRES_USER:-postgres}"]',
        "env": {
            "POSTGRES_USER": "${POSTGRES_USER:-postgres}",
            "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:-changeme}",
            "POSTGRES_DB": "${POSTGRES_DB:-app}",
        },
    },
    "redis": {
        "image": "redis:7-alpine",
        "port": 6379,
        "data": "/data",
        "health": '["CMD", "redis-cli", "ping"]',
        "env": {},
        "command": '["redis-server", "--appendonly", "yes"]',
    },
    "mysql": {
        "image": "mysql:8.4",
        "port": 3306,
        "data": "/var/lib/mysql",
        "health": '["CMD", "mysqladmin", "ping", "-h", "localhost"]',
        "env": {"MYSQL_ROOT_PASSWORD": "${MYSQL_ROOT_PASSWORD:-example}", "MYSQL_DATABASE": "app"},
    },
    "mongo": {
        "image": "mongo:7",
        "port": 27017,
        "data": "/data/db",
        "health": '["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]',
        "env": {"MONGO_INITDB_ROOT_USERNAME": "root"},
    },
    "rabbitmq": {
        "image": "rabbitmq:3.13-management-alpine",
        "port": 5672,
        "data": "/var/lib/rabbitmq",
        "health": '["CMD", "rabbitmq-diagnostics", "-q", "ping"]',
        "env": {},
    },
    "nginx": {
        "image": "nginx:1.27-alpine",
        "port": 80,
        "data": "",
        "health": '["CMD", "wget", "-qO-", "http://localhost/"]',
        "env": {},
    },
    "elasticsearch": {
        "image": "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
        "port": 9200,
        "data": "/usr/share/elasticsearch/data",
        "health": '["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health"]',
        "env": {"discovery.type": "single-node", "ES_JAVA_OPTS": "-Xms512m -Xmx512m"},
    },
    "prometheus": {
        "image": "prom/prometheus:v2.54.1",
        "port": 9090,
        "data": "/prometheus",
        "health": "",
        "env": {},
        "command": '["--config.file=/etc/prometheus/prometheus.yml"]',
    },
    "grafana": {
        "image": "grafana/grafana:11.2.0",
        "port": 3000,
        "data": "/var/lib/grafana",
        "health": "",
        "env": {"GF_SECURITY_ADMIN_PASSWORD": "${GRAFANA_PASSWORD:-admin}"},
    },
    "minio": {
        "image": "minio/minio:RELEASE.2024-09-13T20-26-02Z",
        "port": 9000,
        "data": "/data",
        "health": '["CMD", "mc", "ready", "local"]',
        "env": {"MINIO_ROOT_USER": "minio"},
        "command": "server /data --console-address :9001",
    },
    "app": {
        "image": "",
        "port": 8000,
        "data": "",
        "health": '["CMD-SHELL", "curl -fsS http://localhost:$${PORT:-8000}/health || exit 1"]',
        "env": {"LOG_LEVEL": "${LOG_LEVEL:-info}", "PORT": "8000"},
    },
    "worker": {
        "image": "",
        "port": 0,
        "data": "",
        "health": "",
        "env": {"QUEUE": "default", "CONCURRENCY": "${WORKER_CONCURRENCY:-4}"},
        "command": '["python", "-m", "worker"]',
    },
}


class ComposeWriter:
    """Build the lines of one Compose file; indentation style varies per file."""

    def __init__(self, rng: random.Random, target: int) -> None:
        self.rng = rng
        self.target = target
        self.unit = 4 if rng.random() < 0.1 else 2
        self.indent_seq = rng.random() < 0.7  # "key:\n  - item" vs "key:\n- item"
        self.quote = rng.choice(['"', "'", ""])
        self.services: list[str] = []
        self.healthy: set[str] = set()
        self.volumes: list[str] = []
        self.networks: list[str] = []
        self.anchors: list[str] = []
        self.secrets: list[str] = []
        self.host_ports: set[int] = set()

    def host_port(self, port: int) -> int:
        """A host port no other service of this file publishes (Compose could not start both)."""
        while port in self.host_ports:
            port += 1
        self.host_ports.add(port)
        return port

    def pad(self, level: int) -> str:
        return " " * (self.unit * level)

    def seq(self, level: int, items: list[str]) -> list[str]:
        """Sequence items belonging to a key at ``level``."""
        prefix = self.pad(level + 1 if self.indent_seq else level)
        return [f"{prefix}- {item}" for item in items]

    def q(self, value: str) -> str:
        return f"{self.quote}{value}{self.quote}" if self.quote else f'"{value}"'

    def header(self) -> list[str]:
        rng = self.rng
        out: list[str] = []
        if rng.random() < 0.25:
            out.append(f"version: {self.q(rng.choice(['3.8', '3.9', '3']))}")
        if rng.random() < 0.4:
            out.append(f"name: {project_name(rng)}")
        if rng.random() < 0.2:
            out.append("# Local development stack; see README for the env variables.")
        if self.target > 25 and rng.random() < 0.45:
            self.anchors.append("common")
            p = self.pad
            out += [
                "x-common: &common",
                f"{p(1)}restart: unless-stopped",
                f"{p(1)}logging:",
                f"{p(2)}driver: json-file",
                f"{p(2)}options:",
                f"{p(3)}max-size: {self.q('10m')}",
                f"{p(3)}max-file: {self.q('3')}",
            ]
            if rng.random() < 0.4:
                self.anchors.append("resources")
                out += [
                    "x-resources: &resources",
                    f"{p(1)}deploy:",
                    f"{p(2)}resources:",
                    f"{p(3)}limits:",
                    f"{p(4)}cpus: {self.q('${CPU_LIMIT:-1.0}')}",
                    f"{p(4)}memory: 512M",
                ]
            if rng.random() < 0.4:
                self.anchors.append("env")
                out += ["x-env: &default-env", f"{p(1)}TZ: ${{TZ:-UTC}}", f"{p(1)}LOG_FORMAT: json"]
        return out

    def service(self, kind: str, rich: float) -> list[str]:
        rng = self.rng
        p = self.pad
        spec = SERVICE_KINDS[kind]
        name = kind if kind not in self.services else f"{kind}-{len(self.services)}"
        lines = [f"{p(1)}{name}:"]

        def maybe(prob: float) -> bool:
            return rng.random() < prob * rich

        merges = [a for a in self.anchors if a in ("common", "resources")]
        if merges and rng.random() < 0.8:
            if len(merges) > 1 and rng.random() < 0.5:
                lines.append(f"{p(2)}<<: [{', '.join('*' + m for m in merges)}]")
            else:
                lines.append(f"{p(2)}<<: *{merges[0]}")
        image = str(spec["image"])
        if not image:
            if rng.random() < 0.6:
                if maybe(0.6):
                    lines += [
                        f"{p(2)}build:",
                        f"{p(3)}context: ./{name}",
                        f"{p(3)}dockerfile: Dockerfile",
                    ]
                    if maybe(0.4):
                        lines += [
                            f"{p(3)}target: runtime",
                            f"{p(3)}args:",
                            f"{p(4)}VERSION: ${{VERSION:-dev}}",
                        ]
                else:
                    lines.append(f"{p(2)}build: .")
            else:
                image = "${REGISTRY:-ghcr.io/example}/" + name + ":${TAG:-latest}"
        if image:
            lines.append(f"{p(2)}image: {image}")
        single = maybe(0.05)  # a fixed container name or host port rules out replicas
        if single:
            lines.append(f"{p(2)}container_name: {project_name(rng)}-{name}")
        if "command" in spec and maybe(0.6):
            lines.append(f"{p(2)}command: {spec['command']}")
        env = dict(spec["env"])  # type: ignore[call-overload]
        if (env and maybe(0.8)) or ("env" in self.anchors and maybe(0.3)):
            if env and rng.random() < 0.3 and "env" not in self.anchors:
                lines.append(f"{p(2)}environment:")
                lines += self.seq(2, [f"{k}={v}" for k, v in env.items()])
            else:
                lines.append(f"{p(2)}environment:")
                if "env" in self.anchors:
                    lines.append(f"{p(3)}<<: *default-env")
                lines += [f"{p(3)}{k}: {self.q(v) if ' ' in v else v}" for k, v in env.items()]
        if maybe(0.1):
            lines += [
                f"{p(2)}env_file:",
                *self.seq(2, ["path: ./config/" + name + ".env"]),
                f"{p(3 if self.indent_seq else 2)}  required: false",
            ]
        port = int(spec["port"])  # type: ignore[call-overload]
        if port and maybe(0.7):
            single = True
            lines.append(f"{p(2)}ports:")
            style = rng.random()
            host = self.host_port(port)
            if style < 0.5:
                lines += self.seq(2, [self.q(f"{host}:{port}")])
            elif style < 0.8:
                var = name.upper().replace("-", "_") + "_PORT"
                lines += self.seq(2, [self.q(f"127.0.0.1:${{{var}:-{host}}}:{port}")])
            else:
                base = p(3 if self.indent_seq else 2)
                lines += [
                    f"{base}- target: {port}",
                    f"{base}  published: {self.q(str(host))}",
                    f"{base}  protocol: tcp",
                ]
        volume_items: list[str] = []
        if spec["data"] and maybe(0.8):
            vol = f"{name}-data"
            self.volumes.append(vol)
            volume_items.append(f"{vol}:{spec['data']}")
        if maybe(0.3):
            volume_items.append(f"./config/{name}:/etc/{name}:ro")
        long_bind = maybe(0.15)
        if volume_items or long_bind:
            lines.append(f"{p(2)}volumes:")
            lines += self.seq(2, volume_items)
        if long_bind:
            base = p(3 if self.indent_seq else 2)
            lines += [
                f"{base}- type: bind",
                f"{base}  source: ./static",
                f"{base}  target: /srv/static",
                f"{base}  read_only: true",
            ]
        if self.services and maybe(0.6):
            deps = rng.sample(self.services, min(len(self.services), rng.randint(1, 3)))
            lines.append(f"{p(2)}depends_on:")
            if rng.random() < 0.5:
                lines += self.seq(2, deps)
            else:
                for dep in deps:
                    cond = "service_healthy" if dep in self.healthy else "service_started"
                    lines += [f"{p(3)}{dep}:", f"{p(4)}condition: {cond}"]
                    if rng.random() < 0.2:
                        lines.append(f"{p(4)}restart: true")
        if spec["health"] and maybe(0.6):
            self.healthy.add(name)
            lines += [
                f"{p(2)}healthcheck:",
                f"{p(3)}test: {spec['health']}",
                f"{p(3)}interval: 10s",
                f"{p(3)}timeout: 5s",
                f"{p(3)}retries: 5",
            ]
            if maybe(0.5):
                lines.append(f"{p(3)}start_period: 30s")
        if self.networks and maybe(0.5):
            nets = rng.sample(self.networks, rng.randint(1, len(self.networks)))
            lines.append(f"{p(2)}networks:")
            if rng.random() < 0.7:
                lines += self.seq(2, nets)
            else:
                for net in nets:
                    lines += [f"{p(3)}{net}:", f"{p(4)}aliases:", *self.seq(4, [f"{name}.local"])]
        if "resources" not in self.anchors and maybe(0.3):
            lines += [f"{p(2)}deploy:"]
            if rng.random() < 0.3 and not single:
                lines.append(f"{p(3)}replicas: {rng.randint(1, 4)}")
            lines += [
                f"{p(3)}resources:",
                f"{p(4)}limits:",
                f"{p(5)}cpus: {self.q(rng.choice(['0.50', '1', '2.0']))}",
                f"{p(5)}memory: {rng.choice(['256M', '512M', '1G'])}",
            ]
            if rng.random() < 0.4:
                lines += [f"{p(4)}reservations:", f"{p(5)}memory: 128M"]
        if "common" not in self.anchors and maybe(0.5):
            lines.append(f"{p(2)}restart: {rng.choice(['always', 'unless-stopped', 'on-failure'])}")
        if maybe(0.15):
            lines += [
                f"{p(2)}labels:",
                *self.seq(
                    2,
                    [
                        "traefik.enable=true",
                        f"traefik.http.routers.{name}.rule=Host(`{name}.localhost`)",
                    ],
                ),
            ]
        if maybe(0.1):
            lines += [
                f"{p(2)}cap_drop:",
                *self.seq(2, ["ALL"]),
                f"{p(2)}read_only: true",
                f"{p(2)}security_opt:",
                *self.seq(2, ["no-new-privileges:true"]),
            ]
        if maybe(0.08):
            lines.append(f"{p(2)}profiles: [{self.q('debug')}]")
        if maybe(0.08):
            secret = f"{name}_token"
            self.secrets.append(secret)
            lines += [f"{p(2)}secrets:", *self.seq(2, [secret])]
        if maybe(0.05):
            lines += [
                f"{p(2)}ulimits:",
                f"{p(3)}nofile:",
                f"{p(4)}soft: 65536",
                f"{p(4)}hard: 65536",
            ]
        if maybe(0.05):
            lines.append(f"{p(2)}stop_grace_period: 30s")
        self.services.append(name)
        return lines

    def build(self) -> list[str]:
        """Return the Compose file lines."""
        rng = self.rng
        p = self.pad
        out = self.header()
        if self.target > 40 and rng.random() < 0.6:
            self.networks = rng.sample(["frontend", "backend", "monitoring"], rng.randint(1, 3))
        out.append("services:")
        rich = 0.4 if self.target < 20 else 1.0
        kinds = list(SERVICE_KINDS)
        body: list[str] = []
        first = True
        while first or len(out) + len(body) + 8 < self.target:
            kind = rng.choice(["app", "app", "worker", *kinds])
            volumes, secrets = len(self.volumes), len(self.secrets)
            block = self.service(kind, rich)
            tail = 6 + len(self.volumes) + 2 * (len(self.networks) + len(self.secrets))
            if not first and len(out) + len(body) + len(block) + tail > COMPOSE_LINES[1]:
                self.services.pop()
                del self.volumes[volumes:], self.secrets[secrets:]
                break
            if not first and rng.random() < 0.3:
                body.append("")
            body += block
            first = False
        out += body
        for key, names in (("networks", self.networks), ("volumes", self.volumes)):
            if names:
                out += ["", f"{key}:"]
                for n in dict.fromkeys(names):
                    out.append(f"{p(1)}{n}:")
                    if key == "networks" and rng.random() < 0.3:
                        out.append(f"{p(2)}driver: bridge")
        while len(out) < COMPOSE_LINES[0]:
            out.insert(0, "# Started by `docker compose up -d`; see the README.")
        if self.secrets:
            out += ["", "secrets:"]
            for s in self.secrets:
                out += [f"{p(1)}{s}:", f"{p(2)}environment: {s.upper()}"]
        return out

    def override(self) -> list[str]:
        """Return lines of a ``compose.override.yaml`` tweaking some of the services."""
        rng = self.rng
        p = self.pad
        out = ["# Development overrides, merged automatically by docker compose.", "services:"]
        for name in rng.sample(self.services, min(len(self.services), rng.randint(1, 4))):
            out.append(f"{p(1)}{name}:")
            out += [f"{p(2)}environment:", f"{p(3)}DEBUG: {self.q('1')}"]
            if rng.random() < 0.5:
                out += [f"{p(2)}ports:", *self.seq(2, [self.q(f"{self.host_port(9229)}:9229")])]
            if rng.random() < 0.4:
                out += [f"{p(2)}volumes:", *self.seq(2, [".:/app:cached"])]
        return out


def compose_texts(seed: int, index: int) -> tuple[str, str | None, dict[str, bool]]:
    """Return (compose text, override text or None, traits) for project ``index``."""
    rng = random.Random(f"{seed}:compose:{index}")
    lo, hi = COMPOSE_LINES
    writer = ComposeWriter(rng, target_lines(rng, lo, hi, median=45))
    lines = writer.build()
    override = writer.override() if rng.random() < 0.15 else None
    crlf = rng.random() < 0.03
    texts = ["\n".join(ls) + "\n" if ls is not None else None for ls in (lines, override)]
    if crlf:
        texts = [t.replace("\n", "\r\n") if t else t for t in texts]
    traits = {"crlf": crlf, "anchors": bool(writer.anchors), "override": override is not None}
    return texts[0] or "", texts[1], traits


# --------------------------------------------------------------------------- driver


def line_stats(counts: list[int]) -> dict[str, int]:
    """Summarise line counts (min, median, p90, max, total)."""
    ordered = sorted(counts)
    return {
        "files": len(ordered),
        "min": ordered[0],
        "median": round(statistics.median(ordered)),
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "max": ordered[-1],
        "total": sum(ordered),
    }


def generate(out: Path, files: int, seed: int) -> dict[str, object]:
    """Write the corpus into ``out`` (replacing it) and return the manifest."""
    if out.exists():
        shutil.rmtree(out)
    traits: dict[str, int] = {}
    counts: dict[str, list[int]] = {"dockerfile": [], "compose": [], "override": []}
    size = 0
    for index in range(files):
        text, flags = dockerfile_text(seed, index)
        path = out / "dockerfiles" / f"p{index:04d}" / "Dockerfile"
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode())
        size += len(text)
        counts["dockerfile"].append(text.count("\n"))
        for key, value in flags.items():
            traits[f"dockerfile_{key}"] = traits.get(f"dockerfile_{key}", 0) + int(value)

        compose, override, cflags = compose_texts(seed, index)
        folder = out / "compose" / f"p{index:04d}"
        folder.mkdir(parents=True)
        (folder / "compose.yaml").write_bytes(compose.encode())
        size += len(compose)
        counts["compose"].append(compose.count("\n"))
        if override:
            (folder / "compose.override.yaml").write_bytes(override.encode())
            size += len(override)
            counts["override"].append(override.count("\n"))
        for key, value in cflags.items():
            traits[f"compose_{key}"] = traits.get(f"compose_{key}", 0) + int(value)
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "projects": files,
        "bytes": size,
        "lines": {k: line_stats(v) for k, v in counts.items() if v},
        "traits": traits,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def load_manifest(out: Path) -> dict[str, object] | None:
    """Return the corpus manifest, or None when there is no corpus."""
    try:
        data: dict[str, object] = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    return data


# --------------------------------------------------------------------------- validation

_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_]\w*)")


def _interpolate(value: object) -> object:
    """Resolve ``${VAR:-default}`` the way Compose does when VAR is unset ("x" for ``:?``)."""
    if isinstance(value, str):

        def repl(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            op, default = match.group(2), match.group(3)
            if op and op.endswith("?"):
                return "x"
            return default or ""

        return _VAR.sub(repl, value)
    if isinstance(value, dict):
        return {k: _interpolate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v) for v in value]
    return value


def validate(out: Path) -> list[str]:
    """Check the corpus with hadolint and the Compose schema; return a list of problems."""
    problems: list[str] = []
    dockerfiles = sorted(str(p) for p in (out / "dockerfiles").glob("*/Dockerfile"))
    if shutil.which("hadolint"):
        for start in range(0, len(dockerfiles), 250):
            batch = dockerfiles[start : start + 250]
            proc = subprocess.run(
                ["hadolint", "--no-fail", "--format", "json", *batch],
                capture_output=True,
                text=True,
                check=False,
            )
            for item in json.loads(proc.stdout or "[]"):
                if item.get("code") == "DL1000":
                    problems.append(f"{item['file']}:{item['line']}: {item['message']}")
    else:
        problems.append("hadolint not on PATH: Dockerfiles not checked")
    try:
        import jsonschema
        import yaml
    except ImportError as exc:  # pragma: no cover - both are lintkit dependencies
        return [*problems, f"cannot check compose files: {exc}"]
    schema = _compose_schema()
    if schema is None:
        problems.append("no Compose JSON schema found (npm install -g dclint): schema not checked")
    checker = jsonschema.Draft7Validator(schema) if schema else None
    for path in sorted((out / "compose").glob("*/*.yaml")):
        try:
            data = yaml.safe_load(path.read_bytes())
        except yaml.YAMLError as exc:
            problems.append(f"{path}: YAML: {exc}")
            continue
        data = _interpolate(data)
        if checker is not None:
            for error in checker.iter_errors(data):
                where = "/".join(str(p) for p in error.absolute_path)
                problems.append(f"{path}: {where}: {error.message}")
        services = data.get("services", {}) if isinstance(data, dict) else {}
        if path.name == "compose.yaml":
            problems += _check_references(path, data, services)
    return problems


def _check_references(path: Path, data: dict[str, object], services: object) -> list[str]:
    """Check what Compose checks beyond the schema: declared volumes/networks, known deps."""
    found: list[str] = []
    assert isinstance(services, dict)
    volumes = data.get("volumes") or {}
    networks = data.get("networks") or {}
    assert isinstance(volumes, dict) and isinstance(networks, dict)
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            named = isinstance(vol, str) and not vol.startswith((".", "/"))
            if named and vol.split(":")[0] not in volumes:
                found.append(f"{path}: {name}: undeclared volume {vol}")
        nets = svc.get("networks", [])
        for net in nets if isinstance(nets, list) else list(nets):
            if net not in networks:
                found.append(f"{path}: {name}: undeclared network {net}")
        deps = svc.get("depends_on", [])
        for dep in deps if isinstance(deps, list) else list(deps):
            if dep not in services:
                found.append(f"{path}: {name}: unknown dependency {dep}")
    return found


def _compose_schema() -> dict[str, object] | None:
    """Return the Compose JSON schema shipped with a global dclint install, if any."""
    npm = shutil.which("npm")
    if not npm:
        return None
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
    path = Path(root.stdout.strip()) / "dclint" / "schemas" / "compose.schema.json"
    if not path.is_file():
        return None
    schema: dict[str, object] = json.loads(path.read_text())
    return schema


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--files", type=int, default=DEFAULT_FILES, help="projects per kind (default %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--validate",
        action="store_true",
        help="check the files with hadolint and the Compose schema",
    )
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.files, args.seed)
    print(json.dumps(manifest, indent=2))
    if args.validate:
        problems = validate(args.out)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"validation: {len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

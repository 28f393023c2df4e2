"""LK102 missing-multi-stage: findings, messages, fixes and a fix property check."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.diagnostics import Applicability
from lintkit.fixing import apply_edits
from tests.conftest import lint, spans

RULE = ["missing-multi-stage"]
EMPTY = Path(tempfile.mkdtemp(prefix="lk102-"))


def run(text: str, name: str = "Dockerfile", options=None):
    return lint(text, "dockerfile", RULE, path=EMPTY / name, root=EMPTY, options=options)


def found(text: str, name: str = "Dockerfile") -> list[tuple[int, int, int, int]]:
    return [s[1:] for s in spans(run(text, name))]


def fixed(text: str, options=None) -> str:
    diagnostics = run(text, options=options)
    assert len(diagnostics) == 1, diagnostics
    fix = diagnostics[0].fix
    assert fix is not None, diagnostics[0].unfixable_reason
    assert fix.applicability is Applicability.UNSAFE
    result = apply_edits(text, fix.edits)
    again = lint(result, "dockerfile", ["syntax-error", *RULE], path=EMPTY / "Dockerfile")
    assert again == [], again
    return result


GO = (
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\n"
    'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nENTRYPOINT ["/out/app"]\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GO, [(1, 6, 1, 17)]),
        (
            "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n"
            'CMD ["./target/release/app"]\n',
            [(1, 6, 1, 15)],
        ),
        (
            "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\n"
            'ENTRYPOINT ["java", "-jar", "target/app.jar"]\n',
            [(1, 6, 1, 34)],
        ),
        (
            "FROM eclipse-temurin:21-jdk\nWORKDIR /src\nCOPY . .\nRUN ./gradlew bootJar\n"
            'CMD ["java", "-jar", "build/libs/app.jar"]\n',
            [(1, 6, 1, 28)],
        ),
        (
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
            'CMD ["node", "dist/main.js"]\n',
            [(1, 6, 1, 13)],
        ),
        (
            "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\n"
            'RUN dotnet publish -c Release -o /app\nENTRYPOINT ["dotnet", "/app/api.dll"]\n',
            [(1, 6, 1, 38)],
        ),
        ('FROM gcc:14\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["./server"]\n', [(1, 6, 1, 12)]),
        # the final stage builds on a toolchain stage
        (
            "FROM golang:1.22 AS base\nWORKDIR /src\nCOPY . .\nFROM base\n"
            'RUN go build -o /app .\nCMD ["/app"]\n',
            [(4, 6, 4, 10)],
        ),
        # an image named through an ARG with a default
        (
            "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\nWORKDIR /src\nCOPY . .\n"
            'RUN go build -o /app .\nCMD ["/app"]\n',
            [(2, 6, 2, 26)],
        ),
        # heredoc RUN
        (
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN <<EOF\nset -e\ngo build -o /app .\nEOF\n"
            'CMD ["/app"]\n',
            [(1, 6, 1, 17)],
        ),
        # Windows SDK image with the backtick escape
        (
            "# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\n"
            "WORKDIR C:\\src\n"
            "COPY . .\nRUN dotnet publish -c Release -o C:\\app\n"
            'ENTRYPOINT ["dotnet", "C:\\\\app\\\\api.dll"]\n',
            [(2, 6, 2, 58)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a runtime stage copies the result out
        "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"
        'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n',
        # the final stage builds on an earlier stage that is not a toolchain image
        "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app .\nFROM alpine:3.20 AS base\n"
        'FROM base\nCOPY --from=build /app /app\nCMD ["/app"]\n',
        # no command: a toolchain, CI or base image
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/tool .\n",
        # the command runs the toolchain itself or a shell
        'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD ["go", "run", "."]\n',
        "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build\nCMD cargo run\n",
        'FROM maven:3\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD ["mvn", "spring-boot:run"]\n',
        'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD ["npm", "run", "dev"]\n',
        'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD ["/bin/bash"]\n',
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\n"
        'RUN go build ./...\nCMD ["sh", "-c", "go test ./..."]\n',
        # a JRE is a runtime image
        "FROM eclipse-temurin:21-jre\nCOPY . .\n"
        'RUN ./mvnw package\nCMD ["java", "-jar", "a.jar"]\n',
        # node that only installs
        'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
        # not toolchain images
        'FROM python:3.12\nCOPY . .\nRUN make\nCMD ["python", "app.py"]\n',
        'FROM scratch\nCOPY app /app\nCMD ["/app"]\n',
        # an image named by an ARG without a default
        'ARG IMAGE\nFROM $IMAGE\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
        # a base image for others
        'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nONBUILD COPY . /src\nCMD ["/app"]\n',
        # software built from downloaded sources: a distribution image
        "FROM buildpack-deps:bookworm\n"
        "RUN wget -O py.tgz https://example.org/py.tgz && tar xzf py.tgz"
        ' && make install\nCMD ["python3"]\n',
        # an interactive interpreter
        'FROM buildpack-deps:bookworm\nCOPY src /src\nRUN make -C /src install\nCMD ["irb"]\n',
        # a script entry point may run the toolchain at run time
        "FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /usr/bin/check .\n"
        'ENTRYPOINT ["/entrypoint.sh"]\n',
        # a development stage kept last
        'FROM golang:1.22 AS dev\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
    ],
)
def test_leaves_alone(text):
    assert found(text) == []


@pytest.mark.parametrize("name", ["Dockerfile.dev", "dev.Dockerfile", ".devcontainer/Dockerfile"])
def test_leaves_development_files_alone(name):
    assert found(GO, name) == []


MESSAGE_CASES = [
    GO,
    "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS app\nWORKDIR /src\nCOPY . .\n"
    'RUN go build -o /app .\nCMD ["/app"]\n',
    "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\n"
    'ENTRYPOINT ["java", "-jar", "target/app.jar"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn build\nCMD ["node", "dist/main.js"]\n',
    'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD ["./src"]\n',
    'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
    "FROM golang:1.22-alpine\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n"
    'CMD ["/app"]\n',
    "FROM rust:1.80-alpine\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n"
    'CMD ["/src/target/release/app"]\n',
    GO.replace('ENTRYPOINT ["/out/app"]', "ENTRYPOINT /out/app"),
    GO + "USER app\n",
    GO + "HEALTHCHECK CMD wget -qO- localhost:8080/health\n",
    GO + "COPY config.yaml /etc/app/\n",
    GO.replace('ENTRYPOINT ["/out/app"]', 'ENTRYPOINT ["/usr/local/bin/server"]'),
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
    "go_comments": (
        "# syntax=docker/dockerfile:1\n"
        "FROM golang:1.22-bookworm\n"
        "WORKDIR /src\n"
        "ENV CGO_ENABLED=0 APP_ENV=production\n"
        "COPY . .\n"
        "# build the server\n"
        "RUN go build -trimpath -o /out/server ./cmd/server\n"
        "\n"
        "# metadata\n"
        'LABEL org.opencontainers.image.source="https://example.org/app"\n'
        "EXPOSE 8080\n"
        "USER 65532:65532\n"
        "# run it\n"
        'ENTRYPOINT ["/out/server"]\n'
        'CMD ["--port", "8080"]\n'
    ),
    "go_relative_output_named_stage": (
        "FROM golang:1.22 AS builder\n"
        "WORKDIR /app\n"
        "COPY . .\n"
        "RUN export CGO_ENABLED=0 && go build -o server .\n"
        'CMD ["./server"]\n'
        "# trailing note\n"
    ),
    "rust_crlf": (
        "FROM rust:1.80-bookworm\r\n"
        "WORKDIR /usr/src/app\r\n"
        "COPY . .\r\n"
        "RUN cargo build --release\r\n"
        "EXPOSE 3000\r\n"
        'CMD ["./target/release/web"]\r\n'
    ),
    "rust_install_no_final_newline": (
        'FROM rust:1.80\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo install --path .\nCMD ["web"]'
    ),
    "go_runtime_image_option": (
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n"
        'CMD ["app"]\n'
    ),
}


@pytest.mark.parametrize("name", sorted(FIX_CASES))
def test_fix(name, snapshot):
    text = FIX_CASES[name]
    options = None
    if name == "go_runtime_image_option":
        options = {"missing-multi-stage": {"runtime-image": "debian:bookworm-slim"}}
    result = fixed(text, options)
    if "\r\n" in text:
        assert result.count("\r\n") == result.count("\n"), "a bare LF slipped into a CRLF file"
    snapshot.assert_match(result.encode(), f"{name}.Dockerfile")


def test_cgo_binary_gets_no_fix_without_option():
    text = FIX_CASES["go_runtime_image_option"]
    [diagnostic] = run(text)
    assert diagnostic.fix is None
    assert "CGO_ENABLED=0" in (diagnostic.unfixable_reason or "")


# --- property: any fix parses and removes its finding ----------------------------------------


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    language=st.sampled_from(["go", "rust"]),
    workdir=st.sampled_from([None, "/src", "/usr/src/app"]),
    named=st.sampled_from([None, "app", "build"]),
    extras=st.lists(
        st.sampled_from(["EXPOSE 8080", "USER 1000", "LABEL a=b", "ENV MODE=prod", "# note"]),
        max_size=4,
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
    exec_form=st.booleans(),
)
def test_fix_property(language, workdir, named, extras, newline, final_newline, exec_form):
    image = "golang:1.22" if language == "go" else "rust:1.80-bookworm"
    lines = [f"FROM {image}" + (f" AS {named}" if named else "")]
    if workdir:
        lines.append(f"WORKDIR {workdir}")
    lines.append("COPY . .")
    if language == "go":
        lines.append("RUN CGO_ENABLED=0 go build -o /out/app .")
        program = "/out/app"
    else:
        lines.append("RUN cargo build --release")
        program = f"{workdir or '/'}/target/release/app".replace("//", "/")
    lines.extend(extras)
    if exec_form or language == "go":
        lines.append(f'CMD ["{program}"]')
    else:
        lines.append(f"CMD {program}")
    text = newline.join(lines) + (newline if final_newline else "")
    [diagnostic] = run(text)
    assert diagnostic.fix is not None, (text, diagnostic.unfixable_reason)
    result = apply_edits(text, diagnostic.fix.edits)
    again = lint(result, "dockerfile", ["syntax-error", *RULE], path=EMPTY / "Dockerfile")
    assert again == [], (text, result, again)
    if newline == "\r\n":
        assert result.count("\r\n") == result.count("\n"), result
    for extra in extras:
        assert extra in result


def test_leaves_github_actions_alone(tmp_path):
    (tmp_path / "action.yml").write_text("runs:\n  using: docker\n")
    text = GO
    assert lint(text, "dockerfile", RULE, path=tmp_path / "Dockerfile", root=tmp_path) == []
    (tmp_path / "action.yml").unlink()
    assert len(lint(text, "dockerfile", RULE, path=tmp_path / "Dockerfile", root=tmp_path)) == 1

from __future__ import annotations

import pytest

from lintkit.dockerfile.model import DEFAULT_SHELL, Dockerfile, expand, parse_dockerfile
from lintkit.dockerfile.syntax import Copy
from lintkit.source import SourceText


def model(text: str) -> Dockerfile:
    return parse_dockerfile(SourceText.from_text(text))


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("$A", {"A": "1"}, ("1", ())),
        ("${A}x", {"A": "1"}, ("1x", ())),
        ("${A:-d}", {}, ("d", ("A",))),
        ("${A:-d}", {"A": ""}, ("d", ())),
        ("${A-d}", {"A": ""}, ("", ())),
        ("${A:+x}", {"A": "1"}, ("x", ())),
        ("${A:+x}", {"A": ""}, ("", ())),
        ("${A+x}", {"A": ""}, ("x", ())),
        ("${A+x}", {}, ("", ("A",))),
        ("\\$A", {"A": "1"}, ("$A", ())),
        ("'$A'", {"A": "1"}, ("$A", ())),
        ('"$A b"', {"A": "1"}, ("1 b", ())),
        ("$B", {"B": None}, ("", ("B",))),
        ("${A:-$B}", {"B": "2"}, ("2", ("A",))),
        ("${unterminated", {}, ("${unterminated", ())),
        ("$", {}, ("$", ())),
        ("a$1", {}, ("a$1", ())),
    ],
)
def test_expand(
    text: str, variables: dict[str, str | None], expected: tuple[str, tuple[str, ...]]
) -> None:
    assert expand(text, variables) == expected


def test_expand_with_backtick_escape() -> None:
    assert expand("`$A C:\\x", {"A": "1"}, escape="`") == ("$A C:\\x", ())


def test_stages_images_and_parents() -> None:
    dockerfile = model(
        "# syntax=docker/dockerfile:1\n"
        "ARG BASE=python\n"
        "ARG VERSION\n"
        "FROM ${BASE}:${VERSION:-3.12}-slim AS Builder\n"
        "RUN make\n"
        "FROM builder AS test\n"
        "FROM registry.example.com:5000/team/app@sha256:abc\n"
        "COPY --from=Builder /a /b\n"
        "COPY --from=0 /a /b\n"
        "FROM scratch\n"
    )
    assert dockerfile.syntax_directive == "docker/dockerfile:1"
    assert dockerfile.global_args == {"BASE": "python", "VERSION": None}
    assert [stage.name for stage in dockerfile.stages] == ["builder", "test", None, None]
    first, second, third, last = dockerfile.stages
    assert first.image.expanded == "python:3.12-slim"
    assert first.image.repository == "python" and first.image.tag == "3.12-slim"
    assert first.image.unresolved == ("VERSION",)
    assert (first.image.range.start.line, first.image.range.start.column) == (3, 5)
    assert first.name_word is not None and first.name_word.value == "Builder"
    assert [i.keyword for i in first.instructions] == ["RUN"]
    assert second.parent is first and second.image.unresolved == ()
    assert third.parent is None
    assert third.image.registry == "registry.example.com:5000"
    assert third.image.repository == "team/app"
    assert third.image.tag is None and third.image.digest == "sha256:abc"
    copy = third.instructions[0]
    assert isinstance(copy, Copy)
    assert dockerfile.stage_for_reference("builder", third.index) is first
    assert dockerfile.stage_for_reference("0", third.index) is first
    assert dockerfile.stage_for_reference("2", third.index) is None
    assert dockerfile.stage_for_reference("test", 1) is None
    assert dockerfile.stage_for_reference("alpine", third.index) is None
    assert last.image.is_scratch and last.is_final and not third.is_final
    assert dockerfile.stage_of(copy) is third
    assert dockerfile.stage_of(dockerfile.global_arg_instructions[0]) is None


def test_arg_scoping() -> None:
    dockerfile = model(
        "ARG TAG=1.0\nARG ONLY_GLOBAL=x\nFROM alpine:$TAG\nARG TAG\nARG LOCAL=2\nRUN echo\n"
    )
    stage = dockerfile.stages[0]
    assert stage.image.expanded == "alpine:1.0"
    run = stage.instructions[-1]
    variables = stage.variables_before(run, dockerfile.global_args)
    assert variables == {"TAG": "1.0", "LOCAL": "2"}
    assert stage.variables_before(stage.instructions[0], dockerfile.global_args) == {}


def test_stage_state_helpers() -> None:
    dockerfile = model(
        "FROM a AS base\n"
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
        "WORKDIR /app\n"
        "USER app\n"
        "ENV A=1\n"
        "FROM base AS child\n"
        "WORKDIR sub\n"
        "RUN x\n"
        "FROM other\n"
    )
    base, child, other = dockerfile.stages
    assert child.shell() == ("/bin/bash", "-o", "pipefail", "-c")
    assert base.shell_before(base.instructions[0]) == DEFAULT_SHELL
    assert child.shell_before(child.instructions[1]) == ("/bin/bash", "-o", "pipefail", "-c")
    assert child.workdir() == "/app/sub" and base.workdir() == "/app"
    assert child.user() == "app" and other.user() is None
    assert child.env_names() == {"A"} and other.env_names() == set()
    assert other.shell() == DEFAULT_SHELL and other.workdir() is None


def test_no_stages() -> None:
    dockerfile = model("# just a comment\n")
    assert dockerfile.stages == [] and dockerfile.instructions == ()
    assert dockerfile.escape == "\\" and dockerfile.syntax_directive is None


def test_run_scripts_are_cached() -> None:
    dockerfile = model("FROM a\nRUN apt-get update && apt-get install -y curl\n")
    run = dockerfile.stages[0].instructions[0]
    scripts = dockerfile.run_scripts(run)
    assert scripts is dockerfile.run_scripts(run)
    assert [c.name for c in scripts[0].commands] == ["apt-get", "apt-get"]

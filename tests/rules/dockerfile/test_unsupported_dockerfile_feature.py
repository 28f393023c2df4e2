"""LK115 unsupported-dockerfile-feature."""

import pytest

from lintkit.dockerfile.model import parse_dockerfile
from lintkit.rules.dockerfile.unsupported_dockerfile_feature import (
    frontend_for,
    frontend_from_syntax,
)
from lintkit.source import SourceText
from tests.conftest import lint, spans

RULE = ["unsupported-dockerfile-feature"]


def run(text, **options):
    found = lint(text, "dockerfile", RULE, options={RULE[0]: options} if options else None)
    return [s[1:] for s in spans(found)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # heredoc needs 1.4: the `<<EOF` marker is reported
        ("# syntax=docker/dockerfile:1.2\nFROM alpine\nRUN <<EOF\ntrue\nEOF\n", [(3, 5, 3, 10)]),
        # ... but 1.3-labs has it
        ("# syntax=docker/dockerfile:1.3\nFROM alpine\nCOPY <<EOF /a\nx\nEOF\n", [(3, 6, 3, 11)]),
        (
            "# syntax=docker/dockerfile:1.1\nFROM alpine\nRUN --mount=type=cache,target=/c true\n",
            [(3, 5, 3, 33)],
        ),
        ("# syntax=docker/dockerfile:1.2\nFROM alpine\nRUN --network=none true\n", [(3, 5, 3, 19)]),
        (
            "# syntax=docker/dockerfile:1.19\nFROM alpine\nRUN --security=insecure true\n",
            [(3, 5, 3, 24)],
        ),
        ("# syntax=docker/dockerfile:1.3\nFROM alpine\nCOPY --link a /a\n", [(3, 6, 3, 12)]),
        (
            "# syntax=docker/dockerfile:1.7\nFROM alpine\nCOPY --parents a/*/b /x/\n",
            [(3, 6, 3, 15)],
        ),
        (
            "# syntax=docker/dockerfile:1.18\nFROM alpine\nCOPY --exclude=*.md . /x/\n",
            [(3, 6, 3, 20)],
        ),
        (
            "# syntax=docker/dockerfile:1.5\n"
            "FROM alpine\nADD --checksum=sha256:00 https://e.x/f /f\n",
            [(3, 5, 3, 25)],
        ),
        (
            "# syntax=docker/dockerfile:1.4\nFROM alpine\nADD https://github.com/a/b.git#v1 /src\n",
            [(3, 5, 3, 34)],
        ),
        (
            "# syntax=docker/dockerfile:1.4\n"
            "FROM alpine\nADD --keep-git-dir=true git@h.x:a/b /src\n",
            [(3, 5, 3, 24), (3, 25, 3, 36)],
        ),
        ("# syntax=docker/dockerfile:1.13\nFROM alpine\nCOPY --chmod=u+x a /a\n", [(3, 14, 3, 17)]),
        (
            "# syntax=docker/dockerfile:1.9\n"
            "FROM alpine\nRUN --mount=type=secret,id=t,env=T true\n",
            [(3, 5, 3, 35)],
        ),
        (
            "# syntax=docker/dockerfile:1.5\n"
            "FROM alpine\nHEALTHCHECK --start-interval=1s CMD true\n",
            [(3, 13, 3, 32)],
        ),
        ("# syntax=docker/dockerfile:1.7\n# check=skip=all\nFROM alpine\n", [(2, 1, 2, 17)]),
        # ONBUILD triggers are checked too
        (
            "# syntax=docker/dockerfile:1.3\nFROM alpine\nONBUILD COPY --link a /a\n",
            [(3, 14, 3, 20)],
        ),
        # a digest after a pinned tag keeps the pin
        (
            "# syntax=docker/dockerfile:1.2@sha256:ab12\nFROM alpine\nCOPY --link a /a\n",
            [(3, 6, 3, 12)],
        ),
    ],
)
def test_flags_against_the_syntax_directive(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no directive and no option: the builder is unknown
        "FROM alpine\nRUN <<EOF\ntrue\nEOF\nCOPY --link --parents a /a\n",
        # moving tags
        "# syntax=docker/dockerfile:1\nFROM alpine\nCOPY --parents --exclude=x a /a\n",
        "# syntax=docker/dockerfile:1-labs\nFROM alpine\nRUN --security=insecure true\n",
        "# syntax=docker.io/docker/dockerfile-upstream:master\nFROM alpine\nCOPY --link a /a\n",
        # labs channel releases have the labs features
        "# syntax=docker/dockerfile:1.7-labs\nFROM alpine\nCOPY --parents --exclude=x a /a\n",
        "# syntax=docker/dockerfile:1.3-labs\nFROM alpine\nRUN <<EOF\ntrue\nEOF\n",
        "# syntax = docker/dockerfile:experimental\nFROM alpine\nRUN --mount=type=ssh true\n",
        # another frontend: not ours to judge
        "# syntax=example.com/custom/frontend:1.0\nFROM alpine\nCOPY --link a /a\n",
        # new enough
        "# syntax=docker/dockerfile:1.4.3\nFROM alpine\nRUN <<EOF\ntrue\nEOF\nCOPY --link a /a\n",
        "# syntax=docker/dockerfile:1.2\nFROM alpine\n"
        "COPY --chmod=0755 a /a\nRUN --mount=type=cache,target=/c true\n",
        "# syntax=docker/dockerfile:1.2\nFROM alpine\nCOPY --chmod=$MODE a /a\n",
        # an ordinary remote file is not a Git source
        "# syntax=docker/dockerfile:1.2\nFROM alpine\nADD https://example.com/a.tar.gz /a\n",
        # a here-string-like word inside quotes is not a heredoc
        "# syntax=docker/dockerfile:1.2\nFROM alpine\nRUN echo '<<EOF'\n",
    ],
)
def test_leaves_alone(text):
    assert run(text) == []


def test_min_engine_without_directive():
    text = "FROM alpine\nCOPY --link a /a\nRUN --mount=type=cache,target=/c true\n"
    assert run(text, **{"min-engine": "20.10"}) == [(2, 6, 2, 12)]
    assert run(text, **{"min-engine": "19.03.5"}) == [(2, 6, 2, 12), (3, 5, 3, 33)]
    assert run(text, **{"min-engine": "23.0"}) == []
    # the directive wins over the engine's built-in frontend
    assert run("# syntax=docker/dockerfile:1.4\n" + text, **{"min-engine": "20.10"}) == []


def test_min_buildkit_and_both_options():
    text = "FROM alpine\nCOPY --link a /a\n"
    assert run(text, **{"min-buildkit": "v0.9.3"}) == [(2, 6, 2, 12)]
    assert run(text, **{"min-buildkit": "0.10"}) == []
    # with both, the newer floor counts
    assert run(text, **{"min-buildkit": "0.10", "min-engine": "20.10"}) == []


def test_legacy_builder_rejects_every_buildkit_feature():
    text = (
        "# syntax=docker/dockerfile:1\n"
        "FROM alpine\n"
        "RUN --mount=type=secret,id=t,env=T true\n"
        "COPY --chmod=755 a /a\n"
        "HEALTHCHECK --start-interval=1s CMD true\n"
    )
    # one finding per flag; --start-interval is honoured by the classic builder
    assert run(text, **{"legacy-builder": True}) == [(3, 5, 3, 35), (4, 6, 4, 17)]


def test_old_engine_means_classic_builder():
    assert run("FROM alpine\nCOPY --chmod=755 a /a\n", **{"min-engine": "17.06"}) == [(2, 6, 2, 17)]


@pytest.mark.parametrize(
    ("value", "version", "labs"),
    [
        ("docker/dockerfile:1.4", (1, 4), False),
        ("docker/dockerfile:1.4.3", (1, 4), False),
        ("docker.io/docker/dockerfile:1.7-labs", (1, 7), True),
        ("docker/dockerfile-upstream:1.20.0", (1, 20), False),
        ("docker/dockerfile:1.0-experimental", (1, 0), True),
    ],
)
def test_syntax_directive_versions(value, version, labs):
    frontend = frontend_from_syntax(value)
    assert frontend is not None
    assert (frontend.version, frontend.labs) == (version, labs)


def test_frontend_for_without_information_is_unknown():
    dockerfile = parse_dockerfile(SourceText.from_text("FROM alpine\n"))
    assert frontend_for(dockerfile, {}) is None


def test_messages(snapshot):
    text = (
        "# syntax=docker/dockerfile:1.2\n"
        "FROM alpine\n"
        "RUN <<EOF\ntrue\nEOF\n"
        "COPY --parents --chmod=u+x a /a\n"
    )
    messages = [d.message for d in lint(text, "dockerfile", RULE)]
    messages += [
        d.message
        for d in lint(
            "FROM alpine\nCOPY --link a /a\n",
            "dockerfile",
            RULE,
            options={RULE[0]: {"min-engine": "20.10"}},
        )
    ]
    messages += [
        d.message
        for d in lint(
            "FROM alpine\nRUN --network=none true\n",
            "dockerfile",
            RULE,
            options={RULE[0]: {"legacy-builder": True}},
        )
    ]
    snapshot.assert_match("\n".join(messages) + "\n", "messages.txt")

import pytest

from tests.conftest import lint, spans
from tests.rules.dockerfile._run_helpers import found

RULE = "untrusted-registry"
TRUSTED = {RULE: {"trusted-registries": ["*.gcr.io", "registry.example.com", "docker.io"]}}


def flagged(text, options=TRUSTED):
    return [s[1:] for s in spans(lint(text, "dockerfile", [RULE], options=options))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM quay.io/a/b:1\n", [(1, 6, 1, 19)]),
        ("FROM gcr.io/distroless/static\n", [(1, 6, 1, 30)]),
        ("FROM alpine:3\nCOPY --from=ghcr.io/a/b:1 /x /x\n", [(2, 13, 2, 26)]),
        (
            "FROM alpine:3\nRUN --mount=type=bind,from=quay.io/a/b,target=/m true\n",
            [(2, 28, 2, 39)],
        ),
        ("ARG REG=quay.io\nFROM ${REG}/a/b:1\n", [(2, 6, 2, 18)]),
    ],
)
def test_flags(text, expected):
    assert flagged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\n",
        "FROM docker.io/library/alpine:3\n",
        "FROM eu.gcr.io/p/i:1\n",
        "FROM registry.example.com/x:1 AS build\nFROM build\nCOPY --from=build /a /a\n",
        "FROM scratch\n",
        "ARG BASE\nFROM ${BASE}\n",
        "FROM alpine:3\nRUN --mount=type=cache,target=/c true\n",
        "FROM alpine:3\nRUN --mount=from=extra,target=/m true\n",
    ],
)
def test_leaves_alone(text):
    assert flagged(text) == []


def test_nothing_without_configuration():
    assert found("FROM quay.io/a/b:1\n", RULE) == []


def test_messages(snapshot):
    diagnostics = lint("FROM quay.io/a/b:1\n", "dockerfile", [RULE], options=TRUSTED)
    snapshot.assert_match(diagnostics[0].message + "\n", "message.txt")

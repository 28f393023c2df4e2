import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "redundant-target-platform"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM --platform=$TARGETPLATFORM alpine:3\n", [(1, 6, 1, 32)]),
        ("FROM a:1 AS x\nFROM --platform=${TARGETPLATFORM} alpine:3 AS y\n", [(2, 6, 2, 34)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM --platform=$BUILDPLATFORM alpine:3\n",
        "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3\n",
        "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3\n",
        "FROM alpine:3\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM --platform=$TARGETPLATFORM alpine:3\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM --platform=$TARGETPLATFORM alpine:3 AS base\n",
        "# base\r\nFROM --platform=${TARGETPLATFORM} \\\r\n  alpine:3\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

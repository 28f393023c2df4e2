import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "constant-from-platform"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM --platform=linux/amd64 golang:1.23 AS build\n", [(1, 17, 1, 28)]),
        ("FROM --platform=linux/arm64/v8 alpine:3\n", [(1, 17, 1, 31)]),
        ("FROM \\\n  --platform=linux/amd64 alpine:3\n", [(2, 14, 2, 25)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
        "FROM --platform=${TARGETPLATFORM} alpine:3\n",
        "ARG P=linux/amd64\nFROM --platform=$P alpine:3\n",
        # the stage name says it is meant for that platform
        "FROM --platform=linux/amd64 alpine:3 AS build-amd64\n",
        "FROM --platform=linux/arm64 alpine:3 AS linux-tools\n",
        "FROM alpine:3\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM --platform=linux/amd64 alpine:3\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

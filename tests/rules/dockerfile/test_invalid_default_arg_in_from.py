import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "invalid-default-arg-in-from"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}-slim\n", [(2, 6, 2, 35)]),
        ("ARG IMAGE\nFROM $IMAGE\n", [(2, 6, 2, 12)]),
        ("ARG REPO=My/Image\nFROM $REPO:1\n", [(2, 6, 2, 13)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\n",
        "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
        "ARG REGISTRY=localhost:5000\nFROM $REGISTRY/app:1\n",
        "FROM --platform=$BUILDPLATFORM golang:1-$TARGETARCH\n",
        "FROM alpine:3 AS base\nARG X\nFROM base\n",
        "ARG BASE=base\nFROM alpine:3 AS base\nFROM $BASE\n",
        "ARG D=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
        "FROM alpine@$D\n",
        "ARG IMG=scratch\nFROM ${IMG}\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["ARG V\nFROM alpine:$V\n", "ARG IMAGE\nFROM ${IMAGE}\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_written_default_that_expands_to_nothing(snapshot):
    # Dev-container templates write a placeholder as the default; the ARG has a default,
    # so the message must point at what it expands to instead of asking for one.
    texts = [
        "ARG VARIANT=${templateOption:imageVariant}\nFROM example/base:${VARIANT}\n",
        "ARG OTHER\nARG TAG=$OTHER\nFROM alpine:$TAG\n",
    ]
    assert found(texts[0], RULE) == [(2, 6, 2, 29)]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

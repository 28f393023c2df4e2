import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "undefined-arg-in-from"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}-slim\n", [(2, 6, 2, 30)]),
        ("FROM alpine:3\nARG TAG=1\nFROM alpine:$TAG\n", [(3, 6, 3, 17)]),
        ("FROM --platform=$PLATFORM alpine:3\n", [(1, 17, 1, 26)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ARG V=3\nFROM alpine:$V\n",
        "ARG V\nFROM alpine:${V:-3}\n",
        "FROM --platform=$BUILDPLATFORM golang:1 AS b\nFROM alpine:3\n",
        "FROM alpine:3-$TARGETARCH\n",
        "ARG BASE=alpine:3\nFROM $BASE AS a\nFROM a\n",
        "FROM alpine:3\n",
        "# escape=`\nARG V=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:$V\n",
        "FROM alpine:\\$literal\n",
        "FROM node:${NODE_VERSION:-22}-slim\n",
        "FROM ${REGISTRY:+$REGISTRY/}app:1\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}-slim\n",
        "FROM alpine:${TAG}\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

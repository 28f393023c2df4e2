import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "instruction-before-from"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LABEL a=b\nFROM alpine:3\n", [(1, 1, 1, 6)]),
        (
            "# syntax=docker/dockerfile:1\nARG X=1\nENV Y=2\nRUN z\nFROM a:1\n",
            [(3, 1, 3, 4), (4, 1, 4, 4)],
        ),
        ("RUN echo only\n", [(1, 1, 1, 4)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nLABEL a=b\n",
        "# comment\nARG V=1\nFROM alpine:$V\n",
        "# escape=`\r\nARG V=1\r\nFROM alpine:$V\r\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["MAINTAINER me\nFROM alpine:3\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

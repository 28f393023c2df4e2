import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "reserved-stage-name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3 AS scratch\n", [(1, 18, 1, 25)]),
        ("FROM alpine:3 AS Context\nFROM b:1\n", [(1, 18, 1, 25)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM scratch\n",
        "FROM scratch AS base\n",
        "FROM alpine:3 AS contexts\n",
        "FROM alpine:3\nCOPY --from=context /a /b\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1 AS scratch\nFROM b:1 AS context\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

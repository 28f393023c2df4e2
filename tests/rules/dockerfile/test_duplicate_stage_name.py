import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "duplicate-stage-name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1 AS build\nFROM b:1 AS build\n", [(2, 13, 2, 18)]),
        (
            "FROM a:1 AS build\nFROM b:1 as BUILD\nFROM c:1 AS Build\n",
            [(2, 13, 2, 18), (3, 13, 3, 18)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1 AS build\nFROM build AS test\nFROM b:1\n",
        "FROM a:1\nFROM a:1\n",
        "ARG NAME=x\nFROM a:1 AS build\nFROM b:1 AS build2\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1 AS build\nRUN x\nFROM b:1 AS Build\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "final-user-is-root"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM jenkins/jenkins:lts\nUSER root\nRUN make\n", [(2, 1, 2, 10)]),
        ("FROM alpine:3\nUSER 0:0\n", [(2, 1, 2, 9)]),
        ("FROM alpine:3 AS base\nUSER root\nFROM base\nRUN make\n", [(2, 1, 2, 10)]),
        ("FROM alpine:3\nUSER app\nUSER root:root\n", [(3, 1, 3, 15)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nRUN make\n",
        "FROM alpine:3\nUSER root\nRUN make\nUSER 10001\n",
        "FROM alpine:3 AS build\nUSER root\nFROM alpine:3\nUSER app\n",
        "FROM alpine:3 AS build\nUSER root\nFROM alpine:3\nCOPY --from=build /a /a\n",
        "FROM alpine:3\nUSER ${RUNTIME_USER}\n",
        "FROM alpine:3\nUSER 1000\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3\nUSER root\n", "FROM alpine:3\nUSER 0\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

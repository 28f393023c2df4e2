import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "wget-and-curl-both-used"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "FROM debian:12\nRUN curl -fsSLO https://x\nRUN wget -q https://y && wget -q z\n",
            [(3, 5, 3, 9), (3, 26, 3, 30)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN curl -fsSLO https://x && curl -fsSLO https://y\n",
        "FROM debian:12\nRUN apt-get install -y curl wget\n",
        "FROM debian:12 AS a\nRUN curl -fsSLO https://x\nFROM debian:12\nRUN wget -q https://y\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN wget -q https://y\nRUN curl -fsSLO https://x\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "wget-progress-bar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN wget https://x/y.tgz\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nRUN wget -O - https://x | tar -xz\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nONBUILD RUN wget https://x\n", [(2, 13, 2, 17)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN wget -q https://x\n",
        "FROM debian:12\nRUN wget -qO- https://x\n",
        "FROM debian:12\nRUN wget -nv https://x\n",
        "FROM debian:12\nRUN wget --progress=dot:giga https://x\n",
        "FROM debian:12\nRUN wget -o /dev/null https://x\n",
        "FROM debian:12\nRUN wget --no-verbose https://x\n",
        "FROM debian:12\nRUN apt-get install -y wget\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN wget https://x/y.tgz\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

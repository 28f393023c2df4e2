import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "useradd-high-uid-without-no-log-init"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN useradd -u 1000000 app\n", [(2, 5, 2, 12)]),
        ("FROM debian:12\nRUN useradd --uid=123456 -m app\n", [(2, 5, 2, 12)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN useradd -u 1000 app\n",
        "FROM debian:12\nRUN useradd -l -u 1000000 app\n",
        "FROM debian:12\nRUN useradd --no-log-init -u 1000000 app\n",
        "FROM debian:12\nRUN useradd -u $UID app\n",
        "FROM debian:12\nRUN useradd app\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN useradd -u 1000000 app\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_l():
    text = "FROM debian:12\r\nRUN useradd \\\r\n    -u 1000000 app\r\n"
    assert fixed(text, RULE) == text.replace("useradd \\", "useradd -l \\")

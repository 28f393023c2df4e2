import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "zypper-dist-upgrade"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM opensuse/leap:15.6\nRUN zypper -n dup\n", [(2, 15, 2, 18)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM opensuse/leap:15.6\nRUN zypper -n update curl\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

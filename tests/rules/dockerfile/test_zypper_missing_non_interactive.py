import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "zypper-missing-non-interactive"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM opensuse/leap:15.6\nRUN zypper in curl\n", [(2, 12, 2, 14)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n",
        "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl\n",
        "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n",
        "FROM opensuse/leap:15.6\nRUN zypper refresh\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM opensuse/leap:15.6\nRUN zypper install curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_flag():
    text = "FROM opensuse/leap:15.6\nRUN zypper install curl\n"
    assert fixed(text, RULE) == "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n"

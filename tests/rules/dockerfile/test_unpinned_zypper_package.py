import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-zypper-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM opensuse/leap:15.6\nRUN zypper -n in curl\n", [(2, 18, 2, 22)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 'git>=2' ./x.rpm\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM opensuse/leap:15.6\nRUN zypper -n in curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

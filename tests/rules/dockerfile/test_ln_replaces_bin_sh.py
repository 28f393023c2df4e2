import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "ln-replaces-bin-sh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n", [(2, 22, 2, 29)]),
        ("FROM debian:12\nRUN ln -s -f bash /usr/bin/sh\n", [(2, 19, 2, 30)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n",
        "FROM debian:12\nRUN ln -s /bin/sh /bin/mysh\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

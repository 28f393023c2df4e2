import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "zypper-cache-not-cleaned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM opensuse/leap:15.6\nRUN zypper -n in curl\n", [(2, 15, 2, 17)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper clean --all\n",
        "FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a\n",
        "FROM opensuse/leap:15.6\n"
        "RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM opensuse/leap:15.6\nRUN zypper -n install curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

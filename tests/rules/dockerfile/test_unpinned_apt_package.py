import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-apt-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt-get install -y curl\n", [(2, 24, 2, 28)]),
        (
            "FROM debian:12\nRUN apt-get install -y -t bookworm-backports git=1 \\\n  wget\n",
            [(3, 3, 3, 7)],
        ),
        ("FROM debian:12\nONBUILD RUN apt-get install -y curl\n", [(2, 32, 2, 36)]),
        ("FROM debian:12\nRUN <<EOF\napt-get install -y \\\n  curl\nEOF\n", [(4, 3, 4, 7)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n",
        "FROM debian:12\nRUN apt-get install -y ./local.deb /tmp/x.deb\n",
        'FROM debian:12\nRUN apt-get install -y $PACKAGES "${EXTRA}"\n',
        "FROM debian:12\nRUN apt-get install -y -o Dpkg::Options::=--force-confold git=1\n",
        "FROM debian:12\nRUN apt-get install -s curl\n",
        "FROM debian:12\nRUN apt-get update\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt-get install -y curl ca-certificates\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

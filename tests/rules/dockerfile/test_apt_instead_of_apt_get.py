import pytest

from tests.conftest import lint
from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "apt-instead-of-apt-get"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt update && apt install -y curl\n", [(2, 5, 2, 8), (2, 19, 2, 22)]),
        ("FROM debian:12\nRUN apt list --installed\n", [(2, 5, 2, 8)]),
        ("FROM debian:12\nONBUILD RUN sudo apt install -y x\n", [(2, 18, 2, 21)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get install -y curl\n",
        "FROM debian:12\nRUN apt --version\n",
        "FROM debian:12\nRUN echo apt install\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt update && apt install -y curl && apt list\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_unsafe_fix_replaces_the_word():
    text = "FROM debian:12\nRUN apt update && \\\n    apt install -y curl\n"
    assert fixed(text, RULE, unsafe=True) == text.replace("apt ", "apt-get ")


def test_no_fix_for_apt_cache_subcommands():
    (diagnostic,) = lint("FROM debian:12\nRUN apt show curl\n", "dockerfile", [RULE])
    assert diagnostic.fix is None and "apt-cache" in diagnostic.message

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-gem-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM ruby:3.3\nRUN gem install bundler\n", [(2, 17, 2, 24)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM ruby:3.3\nRUN gem install bundler:2.5.11\n",
        "FROM ruby:3.3\nRUN gem install bundler -v 2.5.11\n",
        "FROM ruby:3.3\nRUN gem install ./local.gem\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM ruby:3.3\nRUN gem install rails --no-document\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-gem-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM ruby:3.3\nRUN gem install bundler\n", [(2, 17, 2, 24)]),
        # Before `--` a gem is still a gem; only what follows goes to its build.
        (
            "FROM ruby:3.3\nRUN gem install nokogiri -- --with-xml2-dir /usr\n",
            [(2, 17, 2, 25)],
        ),
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
        # Words after `--` are options for the extension's build, not gem names.
        "FROM ruby:3.3\nRUN gem install pg:1.5.6 -- --with-pg-config /usr/bin/pg_config\n",
        "FROM ruby:3.3\nRUN gem install mysql2:0.5.6 -- --with-mysql-dir=/opt yes\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM ruby:3.3\nRUN gem install rails --no-document\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

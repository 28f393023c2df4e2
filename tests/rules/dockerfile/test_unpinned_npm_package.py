import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-npm-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:20\nRUN npm install -g typescript\n", [(2, 20, 2, 30)]),
        ("FROM node:20\nRUN npm i @angular/cli esy@latest\n", [(2, 11, 2, 23), (2, 24, 2, 34)]),
        # A git URL without `#<ref>` installs whatever the default branch holds today.
        (
            "FROM node:20\nRUN npm i -g git+https://git.example.org/tools/cli.git\n",
            [(2, 14, 2, 55)],
        ),
        (
            "FROM node:20\nRUN npm install git+ssh://git@host.example:team/lib.git\n",
            [(2, 17, 2, 56)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM node:20\nRUN npm install\n",
        "FROM node:20\nRUN npm ci --omit=dev\n",
        "FROM node:20\nRUN npm install -g typescript@5.4.5 @angular/cli@17.0.0\n",
        "FROM node:20\nRUN npm install user/repo git+https://x/y.git#v1.2 ./pkg file.tgz\n",
        "FROM node:20\nRUN npm install git://host.example/lib.git#semver:^2.0\n",
        "FROM node:20\nRUN npm install --prefix /app $PKG\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages_for_a_git_url(snapshot):
    texts = ["FROM node:20\nRUN npm install git+https://git.example.org/team/lib.git\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_messages(snapshot):
    texts = ["FROM node:20\nRUN npm install -g typescript npm@latest\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-npm-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:20\nRUN npm install -g typescript\n", [(2, 20, 2, 30)]),
        ("FROM node:20\nRUN npm i @angular/cli esy@latest\n", [(2, 11, 2, 23), (2, 24, 2, 34)]),
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
        "FROM node:20\nRUN npm install user/repo git+https://x/y.git ./pkg file.tgz\n",
        "FROM node:20\nRUN npm install --prefix /app $PKG\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM node:20\nRUN npm install -g typescript npm@latest\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "yarn-cache-kept"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:20\nRUN yarn install --frozen-lockfile\n", [(2, 10, 2, 17)]),
        ("FROM node:20\nRUN yarn\n", [(2, 5, 2, 9)]),
        ("FROM node:20\nRUN yarn --frozen-lockfile\n", [(2, 5, 2, 9)]),
        ("FROM node:20\nRUN yarn global add x\n", [(2, 17, 2, 20)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM node:20\nRUN yarn install && yarn cache clean\n",
        "FROM node:20\nRUN yarn build\n",
        "FROM node:20\nRUN yarn --version && yarn -v\n",
        "FROM node:20\nRUN yarn --help\n",
        "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
        "FROM node:20 AS build\n"
        "RUN yarn install\n"
        "FROM nginx:1.27\n"
        "COPY --from=build /app/dist /usr/share/nginx/html\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM node:20\nRUN yarn install\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

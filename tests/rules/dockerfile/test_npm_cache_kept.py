import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "npm-cache-kept"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:20\nRUN npm ci --omit=dev\n", [(2, 9, 2, 11)]),
        ("FROM node:20\nONBUILD RUN npm install\n", [(2, 17, 2, 24)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM node:20\nRUN npm ci && npm cache clean --force\n",
        "FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n",
        "FROM node:20\nRUN npm ci && rm -rf /root/.npm\n",
        "FROM node:20\nRUN npm run build\n",
        "FROM node:20 AS build\n"
        "RUN npm ci\n"
        "FROM nginx:1.27\n"
        "COPY --from=build /app/dist /usr/share/nginx/html\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM node:20\nRUN npm ci\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "apk-cache-kept"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3.20\nRUN apk update && apk add curl=8.5.0-r0\n", [(2, 23, 2, 26)]),
        ("FROM alpine:3.20\nRUN apk add -U curl\n", [(2, 9, 2, 12)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
        "FROM alpine:3.20\nRUN apk add -U curl && rm -rf /var/cache/apk/*\n",
        "FROM alpine:3.20\nRUN apk add --no-network .rundeps\n",
        "FROM alpine:3.20 AS build\nRUN apk add -U gcc\nFROM alpine:3.20\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3.20\nRUN apk add -U curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_no_cache():
    text = "FROM alpine:3.20\nRUN apk update && \\\n  apk add curl # c\n"
    assert fixed(text, RULE) == text.replace("apk add curl", "apk add --no-cache curl")

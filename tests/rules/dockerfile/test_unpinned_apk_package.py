import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-apk-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3.20\nRUN apk add --no-cache curl\n", [(2, 24, 2, 28)]),
        ("FROM alpine:3.20\nRUN apk add --virtual .deps gcc=13.2.1-r0 make\n", [(2, 43, 2, 47)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3.20\nRUN apk add --no-cache curl=8.5.0-r0 git~2.45 'bash>5'\n",
        "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n",
        "FROM alpine:3.20\nRUN apk add -X https://x/edge/main $PKGS\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3.20\nRUN apk add --no-cache curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "add-remote-without-checksum"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3\nADD https://example.com/a.tgz /tmp/\n", [(2, 5, 2, 30)]),
        ("FROM alpine:3\nADD --chown=1:1 http://e.com/a /a\n", [(2, 17, 2, 31)]),
        ("FROM alpine:3\nONBUILD ADD https://e.com/a /a\n", [(2, 13, 2, 28)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nADD --checksum=sha256:0123 https://example.com/a.tgz /tmp/\n",
        "FROM alpine:3\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n",
        "FROM alpine:3\nADD app.tar.gz /app/\n",
        "FROM alpine:3\nCOPY https.txt /x\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3\nADD https://example.com/a.tgz /tmp/\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

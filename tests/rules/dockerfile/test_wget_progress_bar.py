import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "wget-progress-bar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN wget https://x/y.tgz\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nRUN wget -O - https://x | tar -xz\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nONBUILD RUN wget https://x\n", [(2, 13, 2, 17)]),
        # GNU wget added with apk before the call: its dot progress floods the log again.
        (
            "FROM alpine:3.20\nRUN apk add --no-cache --virtual .fetch wget \\\n"
            " && wget -O /tmp/a https://x\n",
            [(3, 5, 3, 9)],
        ),
        ("FROM alpine:3.20\nRUN apk add wget=1.24.5-r0\nRUN wget https://x\n", [(3, 5, 3, 9)]),
        # Only the call after the apk line counts as GNU wget.
        (
            "FROM alpine:3.20\nRUN wget -O /a https://x; apk add wget; wget -O /b https://y\n",
            [(2, 41, 2, 45)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN wget -q https://x\n",
        "FROM debian:12\nRUN wget -qO- https://x\n",
        "FROM debian:12\nRUN wget -nv https://x\n",
        "FROM debian:12\nRUN wget --progress=dot:giga https://x\n",
        "FROM debian:12\nRUN wget -o /dev/null https://x\n",
        "FROM debian:12\nRUN wget --no-verbose https://x\n",
        "FROM debian:12\nRUN apt-get install -y wget\n",
        # BusyBox wget (Alpine and BusyBox images, without GNU wget added): one progress line,
        # and '--progress' is an unknown option there.
        "FROM alpine:3.20\nRUN wget -O /tmp/a https://x\n",
        "FROM python:3.12-alpine\nRUN wget https://x\n",
        "FROM busybox:1.36\nRUN wget https://x\n",
        "FROM alpine:3.20 AS base\nFROM base\nRUN wget https://x\n",
        # A base image whose name does not say Alpine, but the stage uses apk.
        "FROM example/openresty:1.25\nRUN apk add --no-cache curl\nRUN wget https://x\n",
        "FROM example/openresty:1.25\nRUN wget https://x && apk add --no-cache git\n",
        # Adding wget-dev or a wget-named virtual group does not install GNU wget.
        "FROM alpine:3.20\nRUN apk add --virtual wget curl && wget https://x\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN wget https://x/y.tgz\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "final-user-is-root"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM jenkins/jenkins:lts\nUSER root\nRUN make\n", [(2, 1, 2, 10)]),
        ("FROM alpine:3\nUSER 0:0\n", [(2, 1, 2, 9)]),
        ("FROM alpine:3 AS base\nUSER root\nFROM base\nRUN make\n", [(2, 1, 2, 10)]),
        ("FROM alpine:3\nUSER app\nUSER root:root\n", [(3, 1, 3, 15)]),
        # Tools installed only in a build stage, or by an ONBUILD trigger, are not in the image.
        (
            "FROM alpine:3 AS build\nRUN apk add --no-cache su-exec\nFROM alpine:3\nUSER root\n",
            [(4, 1, 4, 10)],
        ),
        ("FROM alpine:3\nONBUILD RUN apk add su-exec\nUSER root\n", [(3, 1, 3, 10)]),
        ("FROM alpine:3\nRUN apk add su-exec-doc\nUSER root\n", [(3, 1, 3, 10)]),
        ("FROM alpine:3\nCOPY gosu.asc /etc/app/\nUSER root\n", [(3, 1, 3, 10)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nRUN make\n",
        "FROM alpine:3\nUSER root\nRUN make\nUSER 10001\n",
        "FROM alpine:3 AS build\nUSER root\nFROM alpine:3\nUSER app\n",
        "FROM alpine:3 AS build\nUSER root\nFROM alpine:3\nCOPY --from=build /a /a\n",
        "FROM alpine:3\nUSER ${RUNTIME_USER}\n",
        "FROM alpine:3\nUSER 1000\n",
        # The entrypoint starts as root and drops privileges with the installed tool.
        "FROM alpine:3.21\nRUN apk add --no-cache tzdata su-exec && adduser -D app\nUSER root\n",
        "FROM alpine:3\nRUN apk add su-exec=0.2-r3\nUSER root\n",
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu\n"
        "USER root\n",
        "FROM debian:12\nRUN apt-get install -y setpriv\nUSER 0\n",
        "FROM fedora:40\nRUN dnf install -y gosu-1.17\nUSER root\n",
        "FROM debian:12\nCOPY --from=tianon/gosu /gosu /usr/local/bin/\nUSER root\n",
        "FROM debian:12\nADD https://example.com/gosu-amd64 /usr/local/bin/gosu\nUSER root\n",
        "FROM alpine:3 AS base\nRUN apk add su-exec\nFROM base\nUSER root\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3\nUSER root\n", "FROM alpine:3\nUSER 0\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

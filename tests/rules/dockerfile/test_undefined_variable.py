import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "undefined-variable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a global ARG is not visible inside a stage
        (
            "ARG VERSION=1\nFROM eclipse-temurin:21\nCOPY app-${VERSION}.jar /app.jar\n",
            [(3, 10, 3, 20)],
        ),
        ("FROM alpine:3\nCOPY bin/tool-$TARGETARCH /usr/bin/tool\n", [(2, 15, 2, 26)]),
        ("FROM alpine:3\nWORKDIR $APP_DIR\nARG APP_DIR=/srv\n", [(2, 9, 2, 17)]),
        ("FROM scratch\nCOPY --chown=$UID:0 a /b\n", [(2, 14, 2, 18)]),
        ("FROM scratch AS base\nENV HOME_X=/h\nFROM base\nUSER $USR\n", [(4, 6, 4, 10)]),
        ('ARG V=1\nFROM alpine:$V\nLABEL version="$V"\n', [(3, 16, 3, 18)]),
        ("FROM alpine:3\nARG APP_NAME=${APP_NAME}\n", [(2, 14, 2, 25)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ARG VERSION=1\nFROM alpine:3\nARG VERSION\nCOPY app-${VERSION}.jar /app.jar\n",
        "FROM alpine:3\nARG TARGETARCH\nCOPY bin/tool-$TARGETARCH /usr/bin/tool\n",
        # the base image may define anything; lintkit cannot see it
        "FROM golang:1.23\nWORKDIR $GOPATH/src/app\n",
        "FROM node:22\nCOPY x $APP_HOME/\n",
        "FROM python:3\nENV PATH=/opt/bin:$PATH\n",
        "FROM python:3\nCOPY . $SOMETHING_FROM_BASE\n",
        # global ARG named like the base image's own variable
        "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\nLABEL v=$NODE_VERSION\n",
        # RUN, CMD and ENTRYPOINT are left to the shell
        "ARG V=1\nFROM alpine:3\nRUN echo $V\nCMD echo $V\n",
        "FROM alpine:3\nCOPY --from=x /a /b\nCOPY $HTTP_PROXY /x\n",
        "FROM scratch\nENV A=1\nCOPY $A /x\n",
        "FROM scratch\nCOPY ${SRC:-.} ${DEST:-/app}/ \n",
        "ARG V=1\nFROM alpine:3\nLABEL v=${V:+set}\n",
        "FROM scratch\nCOPY '$A' \\$B /x\n",
        "FROM alpine:3\nENV A=1 B=$A\n",
        "FROM alpine:3 AS base\nARG X=1\nFROM base\nCOPY $X /x\n",
        "ARG V=1\nFROM alpine:3\nONBUILD COPY $V /x\n",
        "ARG V=1\nFROM alpine:3\nCOPY <<EOF /x\n$V\nEOF\n",
        "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n"
        "WORKDIR $env:ProgramData\r\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "ARG VERSION=1\nFROM eclipse-temurin:21\nCOPY app-${VERSION}.jar /app.jar\n",
        "FROM alpine:3\nCOPY bin/tool-$TARGETARCH /usr/bin/tool\n",
        "FROM alpine:3\nWORKDIR $APP_DIR\nARG APP_DIR=/srv\n",
        "FROM scratch\nARG APP_USER=1000\nUSER $APP_USR\n",
        "FROM alpine:3\nARG APP_NAME=${APP_NAME}\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

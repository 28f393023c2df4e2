import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "copy-whole-filesystem"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "FROM alpine:3 AS tools\nRUN apk add jq\nFROM debian:12\nCOPY --from=tools / /\n",
            [(4, 1, 4, 22)],
        ),
        ("FROM alpine:3\nRUN x\nFROM debian:12\nCOPY --from=0 / /\n", [(4, 1, 4, 18)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3 AS tools\nRUN x\nFROM debian:12\nCOPY --from=tools /usr/bin/jq /usr/bin/\n",
        "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4 AS xx\n"
        "FROM golang:1\nCOPY --from=xx / /\n",
        "FROM golang:1\nCOPY --from=tonistiigi/xx:1.4 / /\n",
        "FROM scratch AS files\nCOPY etc /etc\nFROM debian:12\nCOPY --from=files / /\n",
        "FROM alpine:3 AS tools\nRUN x\nFROM debian:12\nCOPY --from=tools / /tools/\n",
        "FROM debian:12\nCOPY / /\n",
        "FROM scratch AS bin-linux\nCOPY a /a\nFROM bin-$TARGETOS AS bin\nARG X=1\n"
        "FROM debian:12\nCOPY --from=bin / /\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM alpine:3 AS tools\nRUN x\nFROM debian:12\nCOPY --from=tools / /\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

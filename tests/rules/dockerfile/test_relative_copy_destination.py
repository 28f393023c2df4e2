import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "relative-copy-destination"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python:3\nCOPY requirements.txt .\n", [(2, 23, 2, 24)]),
        ("FROM python:3\nCOPY a etc/\nWORKDIR /app\nCOPY b .\n", [(2, 8, 2, 12)]),
        ("FROM a:1 AS base\nRUN x\nFROM base\nCOPY a b\n", [(4, 8, 4, 9)]),
        ("FROM a:1\nCOPY <<EOF conf/x\nhello\nEOF\n", [(2, 12, 2, 18)]),
        ("FROM scratch AS out\nFROM alpine:3\nCOPY --from=out /a a\n", [(3, 20, 3, 21)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM python:3\nWORKDIR /app\nCOPY requirements.txt .\n",
        "FROM python:3\nCOPY requirements.txt /app/\n",
        "FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY a .\n",
        "FROM a:1\nCOPY a $DEST\n",
        "# escape=`\nFROM a:1\nCOPY a C:\\app\\\n",
        "FROM a:1\nONBUILD COPY . .\n",
        "FROM a:1\nADD a b\n",
        "FROM scratch AS bin\nCOPY --from=build /out/golangci-lint golangci-lint\n",
        "FROM scratch AS base\nFROM base\nCOPY a b\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM python:3\nCOPY . src/\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

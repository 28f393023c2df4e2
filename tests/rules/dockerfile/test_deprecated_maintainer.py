import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "deprecated-maintainer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3.20\nMAINTAINER Jane <j@x.io>\n", [(2, 1, 2, 25)]),
        ("MAINTAINER me\nFROM alpine:3.20\n", [(1, 1, 1, 14)]),
        ("FROM alpine:3.20\nmaintainer  a \\\n  b\n", [(2, 1, 3, 4)]),
        ("FROM a:1 AS b\nRUN x\nFROM b\nMAINTAINER x\n", [(4, 1, 4, 13)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3.20\nLABEL maintainer=x\n",
        "FROM alpine:3.20\n# MAINTAINER someone\nRUN echo MAINTAINER\n",
        "FROM alpine:3.20\nRUN <<EOF\nMAINTAINER x\nEOF\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
        "FROM alpine:3.20\nMAINTAINER a \\\n# note\n  b\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n",
        'FROM alpine:3.20\r\nMAINTAINER "Jane" $HOME\r\n# trailing comment\r\n',
        "from alpine:3.20\nmaintainer  a \\\n   b\n",
        "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER C:\\x `$y\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

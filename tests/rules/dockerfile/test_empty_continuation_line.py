import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "empty-continuation-line"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nRUN a && \\\n\n    b\n", [(3, 1, 3, 1)]),
        ("FROM a:1\nRUN a \\\n   \n  && b \\\n\n  && c\n", [(3, 1, 3, 4)]),
        # a forgotten backslash swallows the next instruction
        ("FROM a:1\nRUN a \\\n\nCOPY x y\n", [(3, 1, 3, 1)]),
        ("# escape=`\r\nFROM a:1\r\nRUN a `\r\n\r\n  b\r\n", [(4, 1, 4, 1)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nRUN a \\\n  && b\n\nRUN c\n",
        "FROM a:1\nRUN a \\\n  # comment\n  && b\n",
        "FROM a:1\nRUN <<EOF\necho a\n\necho b\nEOF\n",
        "FROM a:1\nCOPY <<EOF /x\n\nEOF\n",
        "FROM a:1\n\nRUN a\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nRUN a \\\n\n\n  && b\n", "FROM a:1\nENV A=1 \\\n\n  B=2\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\nRUN a \\\n\n  # note\n  && b \\\n  \t\n  && c\nRUN d\n",
        "FROM a:1\r\nRUN a \\\r\n\r\n  && b\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

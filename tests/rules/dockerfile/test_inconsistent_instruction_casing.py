import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "inconsistent-instruction-casing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nrun x\nCOPY a b\n", [(2, 1, 2, 4)]),
        ("from a:1\nrun x\nCOPY a b\n", [(3, 1, 3, 5)]),
        ("FROM a:1\nRun x\n", [(2, 1, 2, 4)]),
        # a tie goes to upper case
        ("from a:1\nRUN x\n", [(1, 1, 1, 5)]),
        ("FROM a:1\nRUN a \\\n  && b\nonbuild RUN c\n", [(4, 1, 4, 8)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nRUN x\n",
        "from a:1\nrun x\n",
        # trigger keywords inside ONBUILD are not counted
        "FROM a:1\nONBUILD run x\n",
        "FROM a:1\nRUN <<EOF\nrun this\nEOF\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nrun x\nCopy a b\n", "from a:1\nrun x\nCOPY a b\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "# syntax=docker/dockerfile:1\r\nFROM a:1\r\n"
        "run x \\\r\n  # note\r\n  && y\r\nCopy a b\r\n",
        "from a:1\nRUN x\nrun y\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

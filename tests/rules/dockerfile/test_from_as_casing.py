import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "from-as-casing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM golang:1.23 as build\n", [(1, 18, 1, 20)]),
        ("from golang:1.23 AS build\n", [(1, 18, 1, 20)]),
        ("FROM golang:1.23 As build\n", [(1, 18, 1, 20)]),
        ("FROM --platform=$BUILDPLATFORM golang:1.23 \\\n  as build\n", [(2, 3, 2, 5)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM golang:1.23 AS build\n",
        "from golang:1.23 as build\n",
        "From golang:1.23 as build\n",
        "FROM golang:1.23\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1 as b\nfrom c:1 AS d\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1 as b\n# as b\nRUN echo as b\n",
        "# comment\r\nfrom a:1 AS b\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

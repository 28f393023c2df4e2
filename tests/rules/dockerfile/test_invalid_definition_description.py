import pytest

from tests.conftest import lint
from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "invalid-definition-description"


def test_off_by_default():
    text = "# some words\nARG X=1\nFROM a:1\n"
    assert [d for d in lint(text, "dockerfile") if d.name == RULE] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Version of Go\nARG GO_VERSION=1.23\nFROM golang:$GO_VERSION\n", [(1, 1, 1, 16)]),
        ("FROM a:1\n# the build stage\nFROM b:1 AS build\n", [(2, 1, 2, 18)]),
        ("FROM a:1\n# first\n# other\nARG A B\n", [(3, 1, 3, 8)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# GO_VERSION picks the Go release\nARG GO_VERSION=1.23\nFROM golang:$GO_VERSION\n",
        "# unrelated\n\nARG GO_VERSION=1.23\nFROM golang:$GO_VERSION\n",
        "FROM a:1\n# build compiles the app\nFROM b:1 AS build\n",
        "# comment above an unnamed stage\nFROM a:1\n",
        "FROM a:1\n# hadolint ignore=DL3006\nFROM b AS c\n",
        "FROM a:1\n# B is the second\nARG A B\n",
        "# syntax=docker/dockerfile:1\nARG A=1\nFROM a:$A\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["# Version of Go\nARG GO_VERSION=1.23\nFROM golang:$GO_VERSION\n# x\nFROM b AS c\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.conftest import lint
from tests.rules.dockerfile._run_helpers import found, messages

RULE = "missing-user"


def test_off_by_default():
    assert RULE not in {d.name for d in lint("FROM alpine:3\nRUN make\n", "dockerfile")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('FROM python:3.12-slim\nCMD ["python"]\n', [(1, 6, 1, 22)]),
        ("FROM alpine:3 AS base\nUSER app\nFROM alpine:3\n", [(3, 6, 3, 14)]),
        ("FROM alpine:3 AS base\nFROM base\n", [(2, 6, 2, 10)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nUSER 10001\n",
        "FROM alpine:3\nUSER root\n",
        "FROM alpine:3 AS base\nUSER app\nFROM base\n",
        "FROM gcr.io/distroless/static-debian12:nonroot\n",
        "ARG BASE\nFROM ${BASE}\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    snapshot.assert_match(messages(["FROM python:3.12-slim\n"], RULE), "messages.txt")

import pytest

from tests.conftest import lint, spans
from tests.rules.dockerfile._run_helpers import messages

RULE = "missing-cache-mount"
SYNTAX = "# syntax=docker/dockerfile:1\n"


def found(text):
    return [s[1:] for s in spans(lint(text, "dockerfile", [RULE]))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SYNTAX + "FROM python:3.12\nRUN pip install -r r.txt\n", [(3, 9, 3, 16)]),
        (SYNTAX + "FROM node:20\nRUN npm ci\n", [(3, 9, 3, 11)]),
        (
            SYNTAX + "FROM golang:1.23\nRUN go mod download && go build -o /app .\n",
            [(3, 8, 3, 11), (3, 27, 3, 32)],
        ),
        (
            "FROM debian:12\nRUN --mount=type=secret,id=x apt-get install -y curl\n",
            [(2, 38, 2, 45)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM python:3.12\nRUN pip install -r r.txt\n",  # no sign of BuildKit
        SYNTAX + "FROM python:3.12\nRUN pip install --no-cache-dir -r r.txt\n",
        SYNTAX + "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n",
        SYNTAX + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n",
    ],
)
def test_leaves_alone(text):
    assert found(text) == []


def test_off_by_default():
    text = SYNTAX + "FROM python:3.12\nRUN pip install -r r.txt\n"
    assert RULE not in {d.name for d in lint(text, "dockerfile")}
    assert found(text) != []  # selected explicitly, it does fire


def test_messages(snapshot):
    texts = [SYNTAX + "FROM python:3.12\nRUN pip install -r r.txt && npm ci\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

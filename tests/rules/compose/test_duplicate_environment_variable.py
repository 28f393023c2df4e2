"""LK613 duplicate-environment-variable."""

import pytest

from tests.rules.compose.structure_support import messages, where

RULE = "duplicate-environment-variable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - B=2\n"
            "      - A=3\n",
            [(7, 9, 7, 10)],
        ),
        (
            "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A\n",
            [(6, 9, 6, 10)],
        ),
        (
            'services:\n  w:\n    image: x:1\n    environment: ["LOG=info", "LOG=debug"]\n',
            [(4, 32, 4, 35)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - B=1\n",
        # the same entry twice: Compose refuses it, invalid-compose-schema reports it
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=1\n",
        # map form: a duplicate YAML key, another rule
        "services:\n  w:\n    image: x:1\n    environment:\n      A: 1\n      A: 2\n",
        "services:\n  a:\n    image: x:1\n    environment: [A=1]\n  b:\n    image: x:1\n"
        "    environment: [A=2]\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_anchor_reported_once():
    text = (
        "x-env: &env\n  - A=1\n  - A=2\nservices:\n  a:\n    image: x:1\n    environment: *env\n"
        "  b:\n    image: x:1\n    environment: *env\n"
    )
    assert where(text, RULE) == [(3, 5, 3, 6)]


def test_messages(snapshot):
    text = "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=3\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

"""LK504 privileged-service."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "privileged-service"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  a:\n    image: x:1\n    privileged: true\n", [(4, 17, 4, 21)]),
        ('services:\n  a:\n    image: x:1\n    privileged: "true"\n', [(4, 17, 4, 23)]),
        # One anchored value used by two services: reported once, at the anchor.
        (
            "x-p: &p\n  privileged: true\nservices:\n  a:\n    <<: *p\n  b:\n    <<: *p\n",
            [(2, 15, 2, 19)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize("value", ["false", "${PRIV}", "${PRIV:-true}", "'yes'"])
def test_leaves_alone(value):
    assert run(f"services:\n  a:\n    image: x:1\n    privileged: {value}\n", RULE) == []


def test_messages(snapshot):
    text = "x-p: &p\n  privileged: true\nservices:\n  a:\n    <<: *p\n  b:\n    <<: *p\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

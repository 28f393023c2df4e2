"""LK516 root-user."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "root-user"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("root", [(4, 11, 4, 15)]),
        ('"0"', [(4, 11, 4, 14)]),
        ("0", [(4, 11, 4, 12)]),
        ("'0:0'", [(4, 11, 4, 16)]),
        ("root:docker", [(4, 11, 4, 22)]),
        ("${APP_USER:-root}", [(4, 11, 4, 28)]),
    ],
)
def test_flags(value, expected):
    assert where(f"services:\n  a:\n    image: x:1\n    user: {value}\n", RULE) == expected


@pytest.mark.parametrize("value", ["'1000:1000'", "app", "${UID}:${GID}", "rooter", "'0100'"])
def test_leaves_alone(value):
    assert run(f"services:\n  a:\n    image: x:1\n    user: {value}\n", RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    user: root\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

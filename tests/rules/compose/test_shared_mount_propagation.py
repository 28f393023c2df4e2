"""LK520 shared-mount-propagation."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "shared-mount-propagation"


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        ("      - /mnt:/mnt:rshared\n", [(5, 9, 5, 26)]),
        ("      - /mnt:/mnt:ro,shared\n", [(5, 9, 5, 28)]),
        (
            "      - type: bind\n        source: /mnt\n        target: /mnt\n"
            "        bind:\n          propagation: rshared\n",
            [(9, 24, 9, 31)],
        ),
    ],
)
def test_flags(volume, expected):
    text = f"services:\n  a:\n    image: x:1\n    volumes:\n{volume}"
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "volume",
    ["      - /mnt:/mnt:rslave\n", "      - /mnt:/mnt\n", "      - data:/data:ro\n"],
)
def test_leaves_alone(volume):
    text = f"services:\n  a:\n    image: x:1\n    volumes:\n{volume}"
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    volumes:\n      - /mnt:/mnt:rshared\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

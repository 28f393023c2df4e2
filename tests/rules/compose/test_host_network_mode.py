"""LK507 host-network-mode."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "host-network-mode"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("network_mode: host", [(4, 19, 4, 23)]),
        ('network_mode: "host"', [(4, 19, 4, 25)]),
        ("network_mode: ${NET:-host}", [(4, 19, 4, 31)]),
        ("net: host", [(4, 10, 4, 14)]),
    ],
)
def test_flags(setting, expected):
    assert where(f"services:\n  a:\n    image: x:1\n    {setting}\n", RULE) == expected


@pytest.mark.parametrize(
    "setting",
    [
        "network_mode: bridge",
        "network_mode: service:vpn",
        "network_mode: ${NET}",
        "networks: [host]",
    ],
)
def test_leaves_alone(setting):
    assert run(f"services:\n  a:\n    image: x:1\n    {setting}\n", RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    network_mode: host\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

"""LK517 logging-disabled."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "logging-disabled"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("    logging:\n      driver: none\n", [(5, 15, 5, 19)]),
        ('    logging:\n      driver: "none"\n', [(5, 15, 5, 21)]),
        ("    log_driver: none\n", [(4, 17, 4, 21)]),
    ],
)
def test_flags(settings, expected):
    assert where(f"services:\n  a:\n    image: x:1\n{settings}", RULE) == expected


@pytest.mark.parametrize(
    "settings",
    [
        "    logging:\n      driver: local\n",
        "    logging:\n      driver: ${LOG_DRIVER}\n",
        "    logging:\n      options:\n        max-size: 10m\n",
    ],
)
def test_leaves_alone(settings):
    assert run(f"services:\n  a:\n    image: x:1\n{settings}", RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    logging:\n      driver: none\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

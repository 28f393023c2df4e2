"""LK509 dangerous-capability-added."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "dangerous-capability-added"


@pytest.mark.parametrize(
    ("caps", "expected"),
    [
        ("    cap_add:\n      - SYS_ADMIN\n", [(5, 9, 5, 18)]),
        (
            "    cap_add: [cap_sys_ptrace, NET_BIND_SERVICE, ALL]\n",
            [(4, 15, 4, 29), (4, 49, 4, 52)],
        ),
        ('    cap_add:\n      - "NET_ADMIN"\n', [(5, 9, 5, 20)]),
    ],
)
def test_flags(caps, expected):
    assert where(f"services:\n  a:\n    image: x:1\n{caps}", RULE) == expected


@pytest.mark.parametrize(
    "caps",
    [
        "    cap_add: [NET_BIND_SERVICE, CHOWN]\n",
        "    cap_add: ['${CAP}']\n",
        "    cap_drop: [SYS_ADMIN]\n",
    ],
)
def test_leaves_alone(caps):
    assert run(f"services:\n  a:\n    image: x:1\n{caps}", RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    cap_add: [SYS_ADMIN, SYS_MODULE, NET_ADMIN, ALL]\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

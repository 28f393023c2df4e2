"""LK508 host-namespace-shared."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "host-namespace-shared"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("pid: host", [(4, 10, 4, 14)]),
        ("ipc: host", [(4, 10, 4, 14)]),
        ("uts: host", [(4, 10, 4, 14)]),
        ("userns_mode: host", [(4, 18, 4, 22)]),
        ("cgroup: host", [(4, 13, 4, 17)]),
        ('pid: "HOST"', [(4, 10, 4, 16)]),
    ],
)
def test_flags(setting, expected):
    assert where(f"services:\n  a:\n    image: x:1\n    {setting}\n", RULE) == expected


@pytest.mark.parametrize(
    "setting",
    ["pid: service:app", "ipc: shareable", "ipc: ${IPC}", "cgroup: private", "pid: container:x"],
)
def test_leaves_alone(setting):
    assert run(f"services:\n  a:\n    image: x:1\n    {setting}\n", RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  a:\n    image: x:1\n    pid: host\n    ipc: host\n    uts: host\n"
        "    userns_mode: host\n    cgroup: host\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

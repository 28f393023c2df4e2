"""LK521 tmpfs-allows-exec."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "tmpfs-allows-exec"


@pytest.mark.parametrize(
    ("tmpfs", "expected"),
    [
        ("tmpfs: /tmp:exec", [(4, 12, 4, 21)]),
        ("tmpfs:\n      - /run:rw,exec,size=64m\n      - /tmp", [(5, 9, 5, 30)]),
        ("tmpfs: ['/tmp:suid']", [(4, 13, 4, 24)]),
    ],
)
def test_flags(tmpfs, expected):
    assert where(f"services:\n  a:\n    image: x:1\n    {tmpfs}\n", RULE) == expected


@pytest.mark.parametrize(
    "tmpfs", ["tmpfs: /tmp", "tmpfs: /tmp:noexec,nosuid", "tmpfs: [/run:size=64m]"]
)
def test_leaves_alone(tmpfs):
    assert run(f"services:\n  a:\n    image: x:1\n    {tmpfs}\n", RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    tmpfs: /tmp:exec,suid\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

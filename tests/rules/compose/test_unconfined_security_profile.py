"""LK510 unconfined-security-profile."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "unconfined-security-profile"


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("seccomp:unconfined", [(5, 9, 5, 27)]),
        ("seccomp=unconfined", [(5, 9, 5, 27)]),
        ("apparmor:unconfined", [(5, 9, 5, 28)]),
        ("'label:disable'", [(5, 9, 5, 24)]),
        ("systempaths=unconfined", [(5, 9, 5, 31)]),
    ],
)
def test_flags(option, expected):
    text = f"services:\n  a:\n    image: x:1\n    security_opt:\n      - {option}\n"
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "option",
    [
        "seccomp:./profile.json",
        "apparmor:docker-default",
        "no-new-privileges:true",
        "label:type:svirt_t",
        "seccomp:${PROFILE}",
    ],
)
def test_leaves_alone(option):
    text = f"services:\n  a:\n    image: x:1\n    security_opt:\n      - {option}\n"
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  a:\n    image: x:1\n    security_opt: [seccomp:unconfined, "
        "apparmor=unconfined, label:disable, systempaths=unconfined]\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

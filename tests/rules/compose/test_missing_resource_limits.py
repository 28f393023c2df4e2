"""LK514 missing-resource-limits."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "missing-resource-limits"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("", [(2, 3, 2, 6)]),
        ("    mem_limit: 512m\n", [(2, 3, 2, 6)]),
        ("    cpus: 0.5\n", [(2, 3, 2, 6)]),
    ],
)
def test_flags(settings, expected):
    assert where(f"services:\n  api:\n    image: a:1\n{settings}", RULE) == expected


@pytest.mark.parametrize(
    "settings",
    [
        "    mem_limit: 512m\n    cpus: 0.5\n",
        "    deploy:\n      resources:\n        limits:\n"
        "          memory: 1g\n          cpus: '1'\n",
        "    mem_limit: ${MEM}\n    cpu_quota: 50000\n",
        "    extends: base\n",
    ],
)
def test_leaves_alone(settings):
    assert run(f"services:\n  api:\n    image: a:1\n{settings}", RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n    mem_limit: 1g\n"
        "  c:\n    image: c:1\n    cpus: 1\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

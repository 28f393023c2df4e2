"""LK515 oom-kill-disabled-without-memory-limit."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "oom-kill-disabled-without-memory-limit"


def test_flags():
    text = "services:\n  cache:\n    image: a:1\n    oom_kill_disable: true\n"
    assert where(text, RULE) == [(4, 23, 4, 27)]


@pytest.mark.parametrize(
    "settings",
    [
        "    oom_kill_disable: true\n    mem_limit: 2g\n",
        "    oom_kill_disable: true\n    deploy:\n      resources:\n        limits:\n"
        "          memory: 2g\n",
        "    oom_kill_disable: false\n",
        "    oom_kill_disable: ${OOM}\n",
    ],
)
def test_leaves_alone(settings):
    assert run(f"services:\n  cache:\n    image: a:1\n{settings}", RULE) == []


def test_messages(snapshot):
    text = "services:\n  cache:\n    image: a:1\n    oom_kill_disable: true\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

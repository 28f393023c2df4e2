"""LK518 hardcoded-proxy-in-environment."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "hardcoded-proxy-in-environment"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("      HTTP_PROXY: http://proxy.corp:3128\n", [(5, 19, 5, 41)]),
        ("      - https_proxy=http://proxy.corp:3128\n", [(5, 21, 5, 43)]),
        ("      ALL_PROXY: socks5://10.0.0.1:1080\n", [(5, 18, 5, 40)]),
    ],
)
def test_flags(lines, expected):
    text = f"services:\n  a:\n    image: x:1\n    environment:\n{lines}"
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "lines",
    [
        "      HTTP_PROXY: ${HTTP_PROXY:-}\n",
        "      - HTTP_PROXY\n",
        "      HTTP_PROXY: ''\n",
        "      NO_PROXY: localhost,127.0.0.1\n",
        "      UPSTREAM_PROXY: http://x:3128\n",
    ],
)
def test_leaves_alone(lines):
    text = f"services:\n  a:\n    image: x:1\n    environment:\n{lines}"
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    environment:\n      HTTP_PROXY: http://p:3128\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

"""LK513 port-on-all-interfaces."""

import pytest

from tests.conftest import lint
from tests.rules.compose.hardening_support import fix_once, messages, run, where

RULE = "port-on-all-interfaces"


def ports(lines: str) -> str:
    return f"services:\n  web:\n    image: nginx:1.27\n    ports:\n{lines}"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('      - "8080:80"\n', [(5, 9, 5, 18)]),
        ("      - 80\n", [(5, 9, 5, 11)]),
        ("      - 53:53/udp\n", [(5, 9, 5, 18)]),
    ],
)
def test_flags(lines, expected):
    assert where(ports(lines), RULE) == expected


@pytest.mark.parametrize(
    "lines",
    [
        '      - "127.0.0.1:8080:80"\n',
        '      - "0.0.0.0:8080:80"\n',
        "      - ${HOST_IP}:${PORT}:80\n",
        "      - ${PORT}:80\n",
        '      - "5432:5432"\n',  # database-port-on-all-interfaces
    ],
)
def test_leaves_alone(lines):
    assert run(ports(lines), RULE) == []


def test_is_off_by_default():
    assert all(d.code != "LK513" for d in lint(ports('      - "8080:80"\n'), "compose", None))


def test_messages(snapshot):
    snapshot.assert_match(messages(ports('      - "8080:80"\n      - 3000\n'), RULE), "m.txt")


def test_fix():
    assert fix_once(ports('      - "8080:80"\n'), RULE) == ports('      - "127.0.0.1:8080:80"\n')

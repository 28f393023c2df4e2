"""LK512 database-port-on-all-interfaces."""

import pytest

from tests.rules.compose.hardening_support import (
    assert_fix_properties,
    fix_once,
    messages,
    run,
    where,
)

RULE = "database-port-on-all-interfaces"


def ports(lines: str, image: str = "postgres:16") -> str:
    return f"services:\n  db:\n    image: {image}\n    ports:\n{lines}"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('      - "5432:5432"\n', [(5, 9, 5, 20)]),
        ("      - 15432:5432/tcp\n", [(5, 9, 5, 23)]),
        ("      - 5432\n", [(5, 9, 5, 13)]),
        ("      - ${PG_PORT:-5432}:5432\n", [(5, 9, 5, 30)]),
        ("      - target: 5432\n        published: 5432\n", [(5, 9, 6, 24)]),
        ("      - 5430-5435:5430-5435\n", [(5, 9, 5, 28)]),
    ],
)
def test_flags(lines, expected):
    assert where(ports(lines), RULE) == expected


@pytest.mark.parametrize(
    ("lines", "image"),
    [
        ('      - "127.0.0.1:5432:5432"\n', "postgres:16"),
        ('      - "0.0.0.0:5432:5432"\n', "postgres:16"),
        ('      - "[::1]:5432:5432"\n', "postgres:16"),
        ("      - ${BIND}:5432:5432\n", "postgres:16"),
        ("      - ${PG_PORT}:5432\n", "postgres:16"),
        ("      - target: 5432\n        host_ip: 127.0.0.1\n", "postgres:16"),
        ('      - "8080:80"\n', "postgres:16"),
        ('      - "9200:9200"\n', "owncloud/ocis:5"),  # ownCloud's web port, not Elasticsearch
        ('      - "8123:8123"\n', "homeassistant/home-assistant:2024.6"),
    ],
)
def test_leaves_alone(lines, image):
    assert run(ports(lines, image), RULE) == []


def test_shared_ports_need_the_image():
    assert where(ports('      - "9200:9200"\n', "elasticsearch:8.14.0"), RULE) == [(5, 9, 5, 20)]


def test_messages(snapshot):
    text = ports('      - "5432:5432"\n      - 6379\n', "postgres:16")
    snapshot.assert_match(messages(text, RULE), "messages.txt")


@pytest.mark.parametrize(
    ("lines", "fixed"),
    [
        ('      - "5432:5432"  # dev\n', '      - "127.0.0.1:5432:5432"  # dev\n'),
        ("      - 5432:5432\n", "      - 127.0.0.1:5432:5432\n"),
        ("      - '5432'\n", "      - '127.0.0.1::5432'\n"),
        (
            "      - target: 5432\n        published: 5432\n",
            "      - target: 5432\n        published: 5432\n        host_ip: 127.0.0.1\n",
        ),
    ],
)
def test_fix(lines, fixed):
    assert fix_once(ports(lines), RULE) == ports(fixed)
    assert_fix_properties(ports(lines), RULE)
    crlf = ports(lines).replace("\n", "\r\n")
    assert fix_once(crlf, RULE) == ports(fixed).replace("\n", "\r\n")


def test_fix_refused_for_interpolated_and_shared_entries():
    found = run(ports("      - ${PG_PORT:-5432}:5432\n"), RULE)
    assert found[0].unfixable_reason == "the port uses ${VAR} interpolation"
    text = (
        "x-ports: &ports\n  - '5432:5432'\nservices:\n  a:\n    image: postgres:16\n"
        "    ports: *ports\n"
    )
    found = run(text, RULE)
    assert [(d.range.start.line, d.unfixable_reason) for d in found] == [
        (1, "the port is defined under a YAML anchor that other places use")
    ]

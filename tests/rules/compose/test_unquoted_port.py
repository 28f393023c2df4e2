"""LK702 unquoted-port."""

import pytest

from tests.rules.compose.yaml_support import fix_all, fix_once, messages, run, where

RULE = "unquoted-port"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  a:\n    ports:\n      - 22:22\n", [(4, 9, 4, 14)]),
        (
            "services:\n  a:\n    ports:\n      - 2222:22\n      - 1:30\n",
            [(4, 9, 4, 16), (5, 9, 5, 13)],
        ),
        ("services:\n  a:\n    ports: [22:22, '80:80']\n", [(3, 13, 3, 18)]),
        ("services:\n  a:\n    expose:\n      - 21:21\n", [(4, 9, 4, 14)]),
        # a legacy (format 1) file is linted too
        ("ssh:\n  image: x:1\n  ports:\n    - 22:22\n", [(4, 7, 4, 12)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        # 80 is over 59: not base-60, a string for every reader
        "services:\n  a:\n    ports:\n      - 8080:80\n      - 80\n",
        "services:\n  a:\n    ports:\n      - \"22:22\"\n      - '21:21'\n",
        "services:\n  a:\n    ports:\n      - 127.0.0.1:22:22\n",
        "services:\n  a:\n    ports:\n      - 0:30\n",
        "services:\n  a:\n    ports:\n      - target: 22\n        published: 22\n",
        "services:\n  a:\n    ports:\n      - ${SSH_PORT}:22\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_all_unquoted_ports_with_option():
    text = (
        "services:\n  a:\n    ports:\n      - 8080:80\n      - 80\n      - '443:443'\n"
        "    expose:\n      - 9000\n"
    )
    assert where(text, RULE, {"only-ambiguous": False}) == [
        (4, 9, 4, 16),
        (5, 9, 5, 11),
        (8, 9, 8, 13),
    ]


def test_alias_selects_the_rule():
    from tests.conftest import lint

    found = lint(
        "services:\n  a:\n    ports: [22:22]\n",
        "compose",
        ["require-quotes-in-ports"],
        "compose.yaml",
    )
    assert [d.name for d in found] == [RULE]


def test_messages(snapshot):
    text = (
        "services:\n  ssh:\n    ports:\n      - 22:22\n      - 8080:80\n    expose:\n      - 1:30\n"
    )
    out = messages(text, RULE) + messages(text, RULE, {"only-ambiguous": False})
    snapshot.assert_match(out, "messages.txt")


def test_fix_quotes_and_keeps_comments_and_crlf():
    text = "services:\n  a:\n    ports:\n      - 22:22   # ssh\n      - 127.0.0.1:80:80\n"
    assert fix_once(text, RULE) == (
        'services:\n  a:\n    ports:\n      - "22:22"   # ssh\n      - 127.0.0.1:80:80\n'
    )
    crlf = text.replace("\n", "\r\n")
    assert fix_once(crlf, RULE) == fix_once(text, RULE).replace("\n", "\r\n")
    flow = "services:\n  a:\n    ports: [22:22, 23:23]\n"
    assert fix_once(flow, RULE) == 'services:\n  a:\n    ports: ["22:22", "23:23"]\n'


def test_fix_engine_round_trip():
    text = "x-ports: &p\n  - 22:22\nservices:\n  a:\n    ports: *p\n  b:\n    ports: *p\n"
    result = fix_all(text, [RULE], unsafe=False)
    assert result.text == (
        'x-ports: &p\n  - "22:22"\nservices:\n  a:\n    ports: *p\n  b:\n    ports: *p\n'
    )
    assert run(result.text, RULE) == []
    assert fix_all(result.text, [RULE]).changed is False

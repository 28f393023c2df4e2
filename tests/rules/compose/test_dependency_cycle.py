"""LK607 dependency-cycle."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "dependency-cycle"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  a:\n    image: x:1\n    depends_on: [b]\n"
            "  b:\n    image: x:1\n    depends_on: [a]\n",
            [(4, 18, 4, 19)],
        ),
        (
            "services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n"
            "    links: [c]\n  c:\n    image: x:1\n    network_mode: service:a\n",
            [(4, 18, 4, 19)],
        ),
        ("services:\n  a:\n    image: x:1\n    depends_on: [a]\n", [(4, 18, 4, 19)]),
        # two separate loops: each reported once
        (
            "services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n"
            "    depends_on: [a]\n  c:\n    image: x:1\n    depends_on:\n      d: {}\n"
            "  d:\n    image: x:1\n    depends_on: [c]\n",
            [(4, 18, 4, 19), (11, 7, 11, 8)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n  b:\n    image: x:1\n"
        "    depends_on: [c]\n  c:\n    image: x:1\n",
        "services:\n  a:\n    image: x:1\n    depends_on: [missing]\n",
        "services:\n  a:\n    image: x:1\n    volumes_from: ['container:a']\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_loop_closed_by_override_is_reported_in_the_override(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x:1\n    depends_on: [b]\n"
            "  b:\n    image: x:1\n",
            "compose.override.yaml": "services:\n  b:\n    depends_on: [a]\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 4, 18, 4, 19)]
    assert where_file(tmp_path, "compose.override.yaml", RULE) == [
        ("compose.override.yaml", 3, 18, 3, 19)
    ]


def test_messages(snapshot):
    text = (
        "services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n"
        "    depends_on: [c]\n  c:\n    image: x:1\n    depends_on: [a]\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

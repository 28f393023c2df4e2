"""LK609 duplicate-container-name."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "duplicate-container-name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  a:\n    image: x:1\n    container_name: app\n"
            "  b:\n    image: x:1\n    container_name: app\n",
            [(7, 21, 7, 24)],
        ),
        (
            "services:\n  a:\n    image: x:1\n    container_name: app\n"
            "  b:\n    image: x:1\n    container_name: app\n  c:\n    image: x:1\n"
            "    container_name: app\n",
            [(7, 21, 7, 24), (10, 21, 10, 24)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: x:1\n    container_name: a\n  b:\n    image: x:1\n"
        "    container_name: b\n",
        # alternatives: never started together
        "services:\n  a:\n    image: x:1\n    container_name: app\n    profiles: [dev]\n"
        "  b:\n    image: x:1\n    container_name: app\n    profiles: [prod]\n",
        "services:\n  a:\n    image: x:1\n    container_name: ${A}\n  b:\n    image: x:1\n"
        "    container_name: ${B}\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_clash_with_main_file_is_reported_in_the_override(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x:1\n    container_name: app\n",
            "compose.override.yaml": "services:\n  b:\n    image: y:1\n    container_name: app\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []
    assert where_file(tmp_path, "compose.override.yaml", RULE) == [
        ("compose.override.yaml", 4, 21, 4, 24)
    ]


def test_messages(snapshot):
    text = (
        "services:\n  a:\n    image: x:1\n    container_name: app\n"
        "  b:\n    image: x:1\n    container_name: app\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

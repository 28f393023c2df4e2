"""LK605 unused-resource."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "unused-resource"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  db:\n    image: p:1\nvolumes:\n  data:\n", [(5, 3, 5, 7)]),
        ("services:\n  db:\n    image: p:1\nnetworks:\n  back: {}\n", [(5, 3, 5, 7)]),
        ("services:\n  db:\n    image: p:1\nsecrets:\n  t: {file: ./t}\n", [(5, 3, 5, 4)]),
        (
            "services:\n  db:\n    image: p:1\n    volumes: ['./data:/d']\nvolumes:\n  data:\n",
            [(6, 3, 6, 7)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  db:\n    image: p:1\n    volumes: ['data:/d']\nvolumes:\n  data:\n",
        "services:\n  db:\n    image: p:1\nnetworks:\n  default:\n    name: shared\n",
        "services:\n  db:\n    image: p:1\n    networks: {back: {aliases: [d]}}\nnetworks:\n"
        "  back:\n",
        # a name taken from a variable could be any of them
        "services:\n  db:\n    image: p:1\n    volumes: ['${VOL}:/d']\nvolumes:\n  data:\n",
        # a file with only definitions (shared by other projects) is left alone
        "volumes:\n  data:\n",
        "services:\n  b:\n    image: x:1\n    build:\n      secrets: [npm]\nsecrets:\n"
        "  npm: {file: f}\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_use_in_override_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  db:\n    image: p:1\nvolumes:\n  data: {}\n",
            "compose.override.yaml": "services:\n  db:\n    volumes: ['data:/d']\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_messages(snapshot):
    text = "services:\n  db:\n    image: p:1\nvolumes:\n  data:\nnetworks:\n  back:\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

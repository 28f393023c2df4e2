"""LK606 unknown-service-reference."""

import pytest

from tests.conftest import lint
from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "unknown-service-reference"
DB = "  db:\n    image: p:1\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  web:\n    image: x:1\n    depends_on: [databse]\n" + DB, [(4, 18, 4, 25)]),
        (
            "services:\n  web:\n    image: x:1\n    depends_on:\n      cache:\n"
            "        condition: service_started\n" + DB,
            [(5, 7, 5, 12)],
        ),
        ("services:\n  web:\n    image: x:1\n    links: ['redis:cache']\n" + DB, [(4, 13, 4, 26)]),
        (
            "services:\n  web:\n    image: x:1\n    volumes_from: ['data:ro']\n" + DB,
            [(4, 20, 4, 29)],
        ),
        (
            "services:\n  web:\n    image: x:1\n    network_mode: service:vpn\n" + DB,
            [(4, 19, 4, 30)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: x:1\n    depends_on: [db]\n    links: [db]\n" + DB,
        "services:\n  web:\n    image: x:1\n    depends_on:\n      cache:\n"
        "        required: false\n" + DB,
        "services:\n  web:\n    image: x:1\n    volumes_from: ['container:legacy']\n",
        "services:\n  web:\n    image: x:1\n    network_mode: host\n    pid: container:abc\n",
        "services:\n  web:\n    image: x:1\n    depends_on: ['${DEP}']\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_service_in_override_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n    depends_on: [db]\n",
            "compose.override.yaml": "services:\n  db:\n    image: p:1\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_override_is_checked_against_its_main_file(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n  db:\n    image: p:1\n",
            "compose.override.yaml": "services:\n  web:\n    depends_on: [db, cache]\n",
        },
    )
    assert where_file(tmp_path, "compose.override.yaml", RULE) == [
        ("compose.override.yaml", 3, 22, 3, 27)
    ]


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: x:1\n    depends_on: [databse]\n"
        "    network_mode: service:vpn\n" + DB
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")


def test_legacy_volumes_from_may_name_a_container():
    text = "web:\n  image: nginx:1.27\n  volumes_from:\n    - some_container\n"
    assert lint(text, "compose", ["unknown-service-reference"], path="docker-compose.yml") == []

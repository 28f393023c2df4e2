"""LK604 undefined-resource."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "undefined-resource"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  db:\n    image: p:1\n    volumes:\n      - data:/var/lib/db\n",
            [(5, 9, 5, 25)],
        ),
        (
            "services:\n  db:\n    image: p:1\n    volumes:\n"
            "      - {type: volume, source: data, target: /d}\n",
            [(5, 9, 5, 49)],
        ),
        ("services:\n  web:\n    image: x:1\n    networks: [front]\n", [(4, 16, 4, 21)]),
        (
            "services:\n  web:\n    image: x:1\n    networks:\n      front:\n"
            "        aliases: [w]\n",
            [(5, 7, 5, 12)],
        ),
        ("services:\n  web:\n    image: x:1\n    secrets: [token]\n", [(4, 15, 4, 20)]),
        (
            "services:\n  web:\n    image: x:1\n    configs:\n      - source: nginx\n"
            "        target: /etc/nginx.conf\n",
            [(5, 17, 5, 22)],
        ),
        (
            "services:\n  web:\n    build:\n      context: .\n      secrets: [npmrc]\n",
            [(5, 17, 5, 22)],
        ),
        # defined under another section does not count
        (
            "services:\n  web:\n    image: x:1\n    volumes: ['cache:/c']\nnetworks:\n"
            "  cache: {}\n",
            [(4, 15, 4, 25)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  db:\n    image: p:1\n    volumes: ['data:/d']\nvolumes:\n  data:\n",
        # bind mounts and anonymous volumes need no definition
        "services:\n  db:\n    image: p:1\n"
        "    volumes: ['./data:/d', '/srv:/s', '~/x:/x', '/anon']\n",
        "services:\n  db:\n    image: p:1\n    volumes:\n"
        "      - {type: bind, source: data, target: /d}\n",
        "services:\n  web:\n    image: x:1\n    networks: [default]\n",
        "services:\n  web:\n    image: x:1\n    volumes: ['${DATA}:/d']\n"
        "    networks: ['${NET}']\n",
        "services:\n  web:\n    image: x:1\n    secrets: [t]\nsecrets:\n  t: {file: ./t}\n",
        # legacy files have no top-level definitions
        "web:\n  image: x:1\n  volumes: ['data:/d']\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_definition_in_override_file_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  db:\n    image: p:1\n    volumes: ['data:/d']\n",
            "compose.override.yaml": "volumes:\n  data: {}\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_definition_in_sibling_variant_counts(tmp_path):
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  db:\n    image: p:1\nnetworks:\n  back: {}\n",
            "docker-compose.prod.yml": "services:\n  db:\n    networks: [back]\n",
        },
    )
    assert where_file(tmp_path, "docker-compose.prod.yml", RULE) == []


def test_override_without_main_file_is_a_fragment(tmp_path):
    write(tmp_path, {"compose.override.yaml": "services:\n  db:\n    volumes: ['data:/d']\n"})
    assert where_file(tmp_path, "compose.override.yaml", RULE) == []


def test_unreadable_include_stops_the_check(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [missing.yaml]\nservices:\n  db:\n    image: p:1\n"
            "    volumes: ['data:/d']\n"
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_definition_in_included_file_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [db/compose.yaml]\nservices:\n  app:\n    image: a:1\n"
            "    networks: [back]\n",
            "db/compose.yaml": "services:\n  db:\n    image: p:1\n    networks: [back]\n"
            "networks:\n  back: {}\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: x:1\n    volumes: ['data:/d']\n    networks: [front]\n"
        "    secrets: [token]\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

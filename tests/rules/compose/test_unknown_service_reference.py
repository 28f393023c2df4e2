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


def test_service_defined_by_a_compose_file_of_a_folder_above_counts(tmp_path):
    # run as ``-f docker-compose.yml -f deploy/extra/compose.yml``
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  backend:\n    image: b:1\n",
            "deploy/extra/compose.yml": "services:\n  client:\n    image: c:1\n"
            "    depends_on: [backend]\n",
        },
    )
    assert where_file(tmp_path, "deploy/extra/compose.yml", RULE) == []


@pytest.mark.parametrize(
    "suite",
    [
        # below a base that defines shared resources and no service (authelia's suites)
        ("suites/compose.yml", "networks:\n  testnet: {}\n"),
        # using a network that only the file above defines
        (
            "suites/compose.yml",
            "services:\n  proxy:\n    image: p:1\nnetworks:\n  testnet: {}\n",
        ),
    ],
)
def test_file_layered_on_a_file_above_may_name_services_of_other_files(tmp_path, suite):
    # run as ``-f suites/compose.yml -f suites/ldap/compose.yml -f suites/AD/compose.yml``:
    # the service comes from a file beside, not above
    path, text = suite
    write(
        tmp_path,
        {
            path: text,
            "suites/ldap/compose.yml": "services:\n  ldap:\n    image: l:1\n",
            "suites/AD/compose.yml": "services:\n  client:\n    image: c:1\n"
            "    networks: [testnet]\n    depends_on:\n      ldap:\n"
            "        condition: service_healthy\n",
        },
    )
    assert where_file(tmp_path, "suites/AD/compose.yml", RULE) == []


@pytest.mark.parametrize(
    "files",
    [
        # the file above defines other services and the linted file is not tied to it
        {"suites/compose.yml": "services:\n  proxy:\n    image: p:1\nnetworks:\n  testnet: {}\n"},
        # the service is defined beside, not above
        {"suites/ldap/compose.yml": "services:\n  ldap:\n    image: l:1\n"},
        # above the project root
        {"compose.yml": "services:\n  ldap:\n    image: l:1\n"},
    ],
)
def test_service_nothing_above_defines_is_reported(tmp_path, files):
    write(
        tmp_path,
        {
            **files,
            "suites/AD/compose.yml": "services:\n  client:\n    image: c:1\n"
            "    depends_on: [ldap]\n",
        },
    )
    assert where_file(tmp_path / "suites", "AD/compose.yml", RULE) == [
        ("compose.yml", 4, 18, 4, 22)
    ]


def test_service_defined_in_an_override_example_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n    depends_on: [worker]\n",
            "compose.override.yaml.example": "services:\n  worker:\n    image: w:1\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []
    # a real override is the file Compose merges
    (tmp_path / "compose.override.yaml").write_text(
        "services:\n  web:\n    restart: always\n", encoding="utf-8"
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 4, 18, 4, 24)]


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: x:1\n    depends_on: [databse]\n"
        "    network_mode: service:vpn\n" + DB
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")


def test_legacy_volumes_from_may_name_a_container():
    text = "web:\n  image: nginx:1.27\n  volumes_from:\n    - some_container\n"
    assert lint(text, "compose", ["unknown-service-reference"], path="docker-compose.yml") == []

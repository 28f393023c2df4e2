"""LK601 invalid-compose-schema and LK602 unknown-compose-key (they share one validation)."""

import pytest

from tests.rules.compose.structure_support import messages, run, where

SCHEMA = "invalid-compose-schema"
UNKNOWN = "unknown-compose-key"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a string where a mapping or list is needed
        ("services:\n  web:\n    image: x:1\n    environment: prod\n", [(4, 18, 4, 22)]),
        # an enum value, misspelt
        (
            "services:\n  web:\n    image: x:1\n    depends_on:\n      db:\n"
            "        condition: service_healty\n  db:\n    image: y:1\n",
            [(6, 20, 6, 34)],
        ),
        # wrong type of a list item
        ("services:\n  web:\n    image: x:1\n    ports:\n      - true\n", [(5, 9, 5, 13)]),
        # a service name Compose does not accept
        ('services:\n  "my web":\n    image: x:1\n', [(2, 3, 2, 11)]),
        # the same entry twice in a list Compose does not de-duplicate
        (
            "services:\n  web:\n    image: x:1\n    security_opt:\n"
            "      - no-new-privileges:true\n      - no-new-privileges:true\n",
            [(6, 9, 6, 31)],
        ),
        (
            "services:\n  web:\n    image: x:1\n    depends_on: [db, db]\n  db:\n    image: y:1\n",
            [(4, 22, 4, 24)],
        ),
        # a merged anchor with a wrong value is reported once, at the anchor
        (
            "x-base: &base\n  restart: 5\nservices:\n  a:\n    <<: *base\n    image: x:1\n"
            "  b:\n    <<: *base\n    image: x:1\n",
            [(2, 12, 2, 13)],
        ),
    ],
)
def test_flags_invalid_values(text, expected):
    assert where(text, SCHEMA) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("servces:\n  web:\n    image: x:1\n", [(1, 1, 1, 8)]),
        ("services:\n  web:\n    imgae: x:1\n", [(3, 5, 3, 10)]),
        (
            "services:\n  web:\n    image: x:1\n    deploy:\n      resourcs:\n"
            "        limits: {memory: 1G}\n",
            [(5, 7, 5, 15)],
        ),
        (
            "services:\n  web:\n    image: x:1\n    ports:\n      - {target: 80, publishd: 8080}\n",
            [(5, 22, 5, 30)],
        ),
        (
            "services:\n  web:\n    image: x:1\nvolumes:\n  data:\n    driverr: local\n",
            [(6, 5, 6, 12)],
        ),
    ],
)
def test_flags_unknown_keys(text, expected):
    assert where(text, UNKNOWN) == expected
    assert where(text, SCHEMA) == []


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: nginx:1.27\n    ports: ['8080:80']\n",
        # interpolation: the type is known only once the variable is set
        "services:\n  web:\n    image: x:1\n    ports:\n      - ${PORT}:80\n    cpus: ${CPUS}\n"
        "    mem_limit: ${MEM:-1g}\n    privileged: ${PRIV}\n",
        "services:\n  web:\n    image: x:1\n    ports: ${PORTS}\n",
        "services:\n  web:\n    image: x:1\n    restart: ${RESTART:-allways}\n",
        # extension keys everywhere they are allowed
        "x-common: {a: 1}\nservices:\n  web:\n    image: x:1\n    x-note: hi\n",
        # merge directives of override files
        "services:\n  web:\n    ports: !reset []\n    image: !reset null\n",
        # numbers are fine where the spec allows them
        "services:\n  web:\n    image: x:1\n    ports: [80, '443:443']\n    cpus: 0.5\n",
        # an empty file and a legacy (format 1) file are other rules' business
        "",
        "web:\n  image: x:1\n  links: [db]\ndb:\n  image: y:1\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, SCHEMA) == []
    assert run(text, UNKNOWN) == []


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: x:1\n    environment:\n      - A=1\n      - A=1\n",
        "services:\n  web:\n    image: x:1\n    labels:\n      - traefik.enable=true\n"
        "      - traefik.port=8008\n      - traefik.enable=true\n",
        "services:\n  web:\n    image: x:1\n    volumes: [./a:/a, ./a:/a]\n",
        "services:\n  web:\n    image: x:1\n    ports: ['80:80', '80:80']\n    expose: [80, 80]\n",
        "services:\n  web:\n    image: x:1\n    cap_add: [NET_ADMIN, NET_ADMIN]\n"
        "    profiles: [dev, dev]\n    dns: [1.1.1.1, 1.1.1.1]\n",
        "services:\n  web:\n    image: x:1\n    networks:\n      front:\n"
        "        aliases: [api, api]\nnetworks:\n  front:\n    labels: [a=b, a=b]\n",
        "services:\n  web:\n    build:\n      context: .\n      args: [V=1, V=1]\n"
        "    deploy:\n      labels: [a=b, a=b]\n",
    ],
)
def test_leaves_alone_repeats_compose_drops(text):
    # Compose (2.24.4 and later) removes repeated entries of these lists before validating.
    assert run(text, SCHEMA) == []


def test_empty_service_is_reported_where_its_value_would_be():
    assert where("services:\n  web:\n", SCHEMA) == [(2, 7, 2, 7)]


def test_known_variables_are_substituted_and_still_not_reported():
    # .env values come from the file's directory; without them the value stays unknown.
    text = "services:\n  web:\n    image: x:1\n    deploy:\n      replicas: ${N}\n"
    assert run(text, SCHEMA) == []


def test_messages(snapshot):
    text = (
        "servces: {}\n"
        "services:\n"
        "  web:\n"
        "    imgae: nginx\n"
        "    restart: 1\n"
        "    environment: prod\n"
        "    ports:\n"
        "      - {target: 80, publishd: 8080}\n"
        "    deploy:\n"
        "      resourcs: {}\n"
        "    depends_on:\n"
        "      db: {condition: service_healty}\n"
        "    x-fine: 1\n"
        "    frobnicate: 1\n"
        "  db:\n"
        "    image: postgres:17\n"
    )
    snapshot.assert_match(messages(text, SCHEMA) + messages(text, UNKNOWN), "messages.txt")

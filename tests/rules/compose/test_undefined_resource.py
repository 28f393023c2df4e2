"""LK604 undefined-resource."""

import pytest

from lintkit.config import ConfigResolver
from lintkit.registry import default_registry
from lintkit.runner import collect_targets, lint_targets
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


def test_definition_in_a_compose_file_of_a_folder_above_counts(tmp_path):
    # run as ``-f stack/compose.yml -f stack/suites/web/compose.yml``
    write(
        tmp_path,
        {
            "stack/compose.yml": "networks:\n  testnet: {}\n",
            "stack/suites/web/compose.yml": "services:\n  web:\n    image: x:1\n"
            "    networks: [testnet]\n",
        },
    )
    assert where_file(tmp_path, "stack/suites/web/compose.yml", RULE) == []


def test_definition_above_counts_whatever_the_file_is_called(tmp_path):
    write(
        tmp_path,
        {
            "docker-compose.base.yaml": "services:\n  app:\n    image: a:1\n"
            "volumes:\n  sites: {}\n",
            "overrides/compose.migrator.yaml": "services:\n  migrator:\n    image: a:1\n"
            "    volumes:\n      - sites:/srv/sites\n      - cache:/srv/cache\n",
        },
    )
    # only the name defined above counts
    assert where_file(tmp_path, "overrides/compose.migrator.yaml", RULE) == [
        ("compose.migrator.yaml", 6, 9, 6, 25)
    ]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("stack/compose.yml", "networks:\n  othernet: {}\n"),  # defines another network
        ("stack/other/compose.yml", "networks:\n  testnet: {}\n"),  # beside, not above
        ("compose.yml", "networks:\n  testnet: {}\n"),  # above the project root
    ],
)
def test_definition_elsewhere_does_not_count(tmp_path, path, text):
    write(
        tmp_path,
        {
            path: text,
            "stack/web/compose.yml": "services:\n  web:\n    image: x:1\n    networks: [testnet]\n",
        },
    )
    assert where_file(tmp_path / "stack", "web/compose.yml", RULE) == [
        ("compose.yml", 4, 16, 4, 23)
    ]


def test_a_compose_file_added_above_a_cached_one_is_taken_into_account(tmp_path):
    write(
        tmp_path,
        {"suites/web/compose.yml": "services:\n  web:\n    image: x:1\n    networks: [testnet]\n"},
    )
    (tmp_path / ".git").mkdir()  # the project root: the folders up to it are looked into
    target = tmp_path / "suites" / "web" / "compose.yml"
    resolver = ConfigResolver(default_registry(), overrides={"select": [RULE]})
    targets, _ = collect_targets([target], resolver, None)
    cache_dir = tmp_path / "cache"
    first = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert [d.name for d in first[0].diagnostics] == [RULE]
    (tmp_path / "suites" / "compose.yml").write_text("networks:\n  testnet: {}\n")
    second = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert second[0].diagnostics == []
    (tmp_path / "suites" / "compose.yml").write_text("networks:\n  othernet: {}\n")
    third = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert [d.name for d in third[0].diagnostics] == [RULE]


ZULIP_LIKE = (
    "services:\n  db:\n    image: p:1\n    secrets:\n      - db_password\n      - mail_password\n"
)
EXAMPLE_SECRETS = (
    "secrets:\n  db_password:\n    environment: DB_PASSWORD\n"
    "  mail_password:\n    environment: MAIL_PASSWORD\n"
)


@pytest.mark.parametrize(
    ("main", "example"),
    [
        ("compose.yaml", "compose.override.yaml.example"),
        ("compose.yaml", "compose.override.yml.example"),
        ("compose.yml", "compose.override.yml.sample"),
        ("compose.yaml", "compose.override.yaml.dist"),
        ("docker-compose.yml", "docker-compose.override.yml.example"),
    ],
)
def test_definition_in_an_override_example_counts(tmp_path, main, example):
    # users copy the example to the git-ignored compose.override.yaml and fill it in
    write(tmp_path, {main: ZULIP_LIKE, example: EXAMPLE_SECRETS})
    assert where_file(tmp_path, main, RULE) == []


BOTH = [("compose.yaml", 5, 9, 5, 20), ("compose.yaml", 6, 9, 6, 22)]
MAIL = [("compose.yaml", 6, 9, 6, 22)]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, BOTH),  # no example
        # the example defines only the other secret
        ({"compose.override.yaml.example": "secrets:\n  db_password: {environment: P}\n"}, MAIL),
        # a real override is the file Compose merges, and it defines only the other secret
        (
            {
                "compose.override.yaml.example": EXAMPLE_SECRETS,
                "compose.override.yaml": "secrets:\n  db_password: {environment: P}\n",
            },
            MAIL,
        ),
        # examples of other files
        ({"docker-compose.override.yml.example": EXAMPLE_SECRETS}, BOTH),
        ({"compose.prod.yaml.example": EXAMPLE_SECRETS}, BOTH),
        ({"compose.override.yaml.bak": EXAMPLE_SECRETS}, BOTH),
    ],
)
def test_override_example_counts_only_for_what_it_defines(tmp_path, files, expected):
    write(tmp_path, {"compose.yaml": ZULIP_LIKE, **files})
    assert where_file(tmp_path, "compose.yaml", RULE) == expected


def test_an_override_example_added_later_is_taken_into_account(tmp_path):
    write(tmp_path, {"compose.yaml": ZULIP_LIKE})
    (tmp_path / ".git").mkdir()
    target = tmp_path / "compose.yaml"
    resolver = ConfigResolver(default_registry(), overrides={"select": [RULE]})
    targets, _ = collect_targets([target], resolver, None)
    cache_dir = tmp_path / "cache"
    first = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert [d.name for d in first[0].diagnostics] == [RULE, RULE]
    (tmp_path / "compose.override.yaml.example").write_text(EXAMPLE_SECRETS, encoding="utf-8")
    second = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert second[0].diagnostics == []
    # the user's copy is the file Compose reads from now on
    (tmp_path / "compose.override.yaml").write_text("services: {}\n", encoding="utf-8")
    third = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert [d.name for d in third[0].diagnostics] == [RULE, RULE]


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: x:1\n    volumes: ['data:/d']\n    networks: [front]\n"
        "    secrets: [token]\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

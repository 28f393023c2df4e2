"""LK610 duplicate-published-port."""

import pytest

from tests.conftest import lint
from tests.rules.compose.structure_support import messages, run_file, where, where_file, write

RULE = "duplicate-published-port"


def two(first: str, second: str) -> str:
    return (
        f"services:\n  a:\n    image: x:1\n    ports:\n      - {first}\n"
        f"  b:\n    image: y:1\n    ports:\n      - {second}\n"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ('"8080:80"', '"8080:8000"'),
        ('"8080:80"', '"127.0.0.1:8080:80"'),
        ('"127.0.0.1:8080:80"', '"0.0.0.0:8080:80"'),
        ('"8000-8010:8000-8010"', '"8005:80"'),
        ('"53:53/udp"', '"53:5353/udp"'),
        ('"[::1]:80:80"', '"80:80"'),
        ("{target: 80, published: 8080}", '"8080:80"'),
        ('"${PORT:-8080}:80"', '"8080:80"'),
    ],
)
def test_flags(first, second):
    assert where(two(first, second), RULE) == [(9, 9, 9, 9 + len(second))]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ('"8080:80"', '"8081:80"'),
        ('"53:53/tcp"', '"53:53/udp"'),
        ('"127.0.0.1:8080:80"', '"127.0.0.2:8080:80"'),
        ('"0.0.0.0:8080:80"', '"[::]:8080:80"'),  # IPv4 and IPv6 binds are separate
        ('"80"', '"80"'),  # random host ports
        ('"${PORT}:80"', '"${PORT}:80"'),  # unknown values
        ('"${HOST}:8080:80"', '"8080:80"'),
        ('"8000-8010:8000-8010"', '"8011:80"'),
    ],
)
def test_leaves_alone(first, second):
    assert where(two(first, second), RULE) == []


def test_same_service_twice_is_reported():
    text = "services:\n  a:\n    image: x:1\n    ports:\n      - '80:80'\n      - '80:8080'\n"
    assert where(text, RULE) == [(6, 9, 6, 18)]


def test_profiles_never_enabled_together_do_not_clash():
    text = (
        "services:\n  a:\n    image: x:1\n    profiles: [dev]\n    ports: ['80:80']\n"
        "  b:\n    image: y:1\n    profiles: [prod]\n    ports: ['80:80']\n"
    )
    assert where(text, RULE) == []


def test_override_replacing_a_port_is_not_a_clash(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x:1\n    ports: ['8080:80']\n",
            "compose.override.yaml": "services:\n  a:\n    ports: !override ['9090:80']\n"
            "  b:\n    image: y:1\n    ports: ['8080:80']\n",
        },
    )
    assert where_file(tmp_path, "compose.override.yaml", RULE) == []


def test_clash_across_files_is_reported_where_written(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x:1\n    ports: ['8080:80']\n",
            "compose.override.yaml": "services:\n  b:\n    image: y:1\n    ports: ['8080:80']\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []
    assert where_file(tmp_path, "compose.override.yaml", RULE) == [
        ("compose.override.yaml", 4, 13, 4, 22)
    ]


def test_clash_in_another_folder_names_the_file_by_its_path(tmp_path):
    # both included files are called compose.yaml: the name alone would not say which one
    write(
        tmp_path,
        {
            "compose.yaml": "include: [mail/compose.yaml, catcher/compose.yaml]\n",
            "mail/compose.yaml": "services:\n  a:\n    image: x:1\n    ports: ['1025:1025']\n",
            "catcher/compose.yaml": "services:\n  b:\n    image: y:1\n    ports: ['1025:1025']\n",
        },
    )
    (found,) = run_file(tmp_path, "catcher/compose.yaml", RULE)
    assert "('1025:1025' on line 4 in ../mail/compose.yaml)" in found.message


def test_messages(snapshot):
    text = two('"8080:80"', '"127.0.0.1:8080:8000"') + (
        "  c:\n    image: z:1\n    ports: ['53:53/udp', '53:53/udp']\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")


def test_long_form_port_is_described_by_its_number():
    text = (
        "services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        published: 8080\n"
        '  b:\n    image: y:1\n    ports:\n      - "8080:80"\n'
    )
    (found,) = lint(text, "compose", ["duplicate-published-port"], path="compose.yaml")
    assert "(8080/tcp on line 5)" in found.message
    assert "{" not in found.message

"""LK710 legacy-compose-format, and other rules on legacy (format 1) files."""

import pytest

from tests.conftest import lint, spans
from tests.rules.compose.yaml_support import all_findings, fix_all, messages, run, where

RULE = "legacy-compose-format"

LEGACY = """\
# demo stack

web:
  image: nginx
  build: .
  dockerfile: Dockerfile.web
  net: "container:db"
  ports:
    - 22:22
  environment:
    DEBUG: yes
db:
  image: postgres:9.6
  log_driver: syslog
  volumes:
    - pgdata:/var/lib/postgresql/data
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LEGACY, [(3, 1, 3, 4)]),
        ("# only a comment\nvpn:\n  build: .\n  net: host\n", [(2, 1, 2, 4)]),
        ("x-notes: {}\nweb:\n  image: a:1\n", [(2, 1, 2, 4)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: a:1\n",
        "version: '2'\nservices:\n  web:\n    image: a:1\n",
        "volumes:\n  data: {}\n",
        "",
        "# nothing\n",
        # top-level mappings that are not services
        "foo:\n  bar: 1\n",
        "networks:\n  front: {}\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_messages(snapshot):
    more = "a:\n  image: x:1\nb:\n  image: x:1\nc:\n  image: x:1\nd:\n  image: x:1\n"
    snapshot.assert_match(messages(LEGACY, RULE) + messages(more, RULE), "messages.txt")


def test_other_rules_lint_legacy_services_at_their_lines():
    found = lint(LEGACY, "compose", ["mutable-image-tag", "unquoted-port"], "docker-compose.yml")
    # web's image names what it builds, so only the port is reported
    assert spans(found) == [("unquoted-port", 9, 7, 9, 12)]
    found = lint("# cache\ncache:\n  image: redis\n", "compose", ["mutable-image-tag"])
    assert spans(found) == [("mutable-image-tag", 3, 10, 3, 15)]


def test_no_syntax_or_internal_error_on_legacy_files():
    for text in (LEGACY, "vpn:\n  build: .\n  net: host\n  cap_add:\n    - NET_ADMIN\n"):
        codes = {d.code for d in all_findings(text)}
        assert not codes & {"LK001", "LK002"}, codes


def test_fix_is_unsafe_and_migrates():
    safe = fix_all(LEGACY, [RULE], unsafe=False)
    assert safe.changed is False
    result = fix_all(LEGACY, [RULE])
    assert result.error is None and not result.reverted
    assert result.text == (
        "# demo stack\n"
        "\n"
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    build:\n"
        "      context: .\n"
        "      dockerfile: Dockerfile.web\n"
        '    network_mode: "service:db"\n'
        "    ports:\n"
        "      - 22:22\n"
        "    environment:\n"
        "      DEBUG: yes\n"
        "  db:\n"
        "    image: postgres:9.6\n"
        "    logging:\n"
        "      driver: syslog\n"
        "    volumes:\n"
        "      - pgdata:/var/lib/postgresql/data\n"
        "volumes:\n"
        "  pgdata:\n"
        "    name: pgdata\n"
    )
    assert run(result.text, RULE) == []
    assert fix_all(result.text, [RULE]).changed is False
    codes = {d.code for d in all_findings(result.text)}
    assert not codes & {"LK001", "LK002"}, codes


def test_fix_with_crlf_and_four_spaces():
    text = "web:\r\n    image: a:1\r\n    net: host\r\n"
    result = fix_all(text, [RULE])
    assert (
        result.text
        == "services:\r\n    web:\r\n        image: a:1\r\n        network_mode: host\r\n"
    )


def test_refused_fix_has_a_reason():
    found = run("web:\n  image: a:1\n  net: frontend\n", RULE)
    assert found[0].fix is None
    assert found[0].unfixable_reason == (
        "service 'web' joins the network 'frontend' with 'net'; declare it under 'networks:' "
        "by hand"
    )


def test_fixes_of_other_rules_still_work_on_legacy_files():
    result = fix_all(LEGACY, ["unquoted-port", "ambiguous-yaml-value"], unsafe=False)
    assert '    - "22:22"\n' in result.text and '    DEBUG: "yes"\n' in result.text


def test_fix_together_with_every_other_rule():
    """Other rules' fixes are computed on the migrated layout, never mixed with the old one."""
    result = fix_all(LEGACY, ["ALL"])
    assert result.error is None
    assert not [d for d, _ in result.reverted if d.name == RULE]
    assert result.text.startswith("# demo stack\n\nservices:\n  web:\n")
    codes = {d.code for d in all_findings(result.text)}
    assert not codes & {"LK001", "LK002", "LK710"}, codes

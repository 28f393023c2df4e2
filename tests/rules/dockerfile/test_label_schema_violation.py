import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "label-schema-violation"
SCHEMA = {
    "required-labels": {
        "org.opencontainers.image.source": "url",
        "org.opencontainers.image.version": "semver",
        "org.opencontainers.image.revision": "hash",
        "org.opencontainers.image.created": "rfc3339",
        "org.opencontainers.image.licenses": "spdx",
        "org.opencontainers.image.authors": "email",
        "org.opencontainers.image.title": "text",
    }
}
GOOD = (
    "LABEL org.opencontainers.image.source=https://github.com/x/y \\\n"
    "  org.opencontainers.image.version=1.2.3-rc.1 \\\n"
    "  org.opencontainers.image.revision=0123abc \\\n"
    "  org.opencontainers.image.created=2024-05-01T12:00:00Z \\\n"
    '  org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND BSD-3-Clause" \\\n'
    "  org.opencontainers.image.authors=dev@example.com \\\n"
    "  org.opencontainers.image.title=App\n"
)


def test_does_nothing_without_a_schema():
    assert found("FROM a:1\nLABEL x=\n", RULE) == []


def test_valid_labels_pass():
    assert found("FROM a:1\n" + GOOD, RULE, SCHEMA) == []


def test_labels_inherited_from_a_parent_stage_count():
    text = "FROM a:1 AS base\n" + GOOD + "FROM base\nRUN x\n"
    assert found(text, RULE, SCHEMA) == []


def test_values_with_variables_are_not_checked():
    schema = {"required-labels": {"org.opencontainers.image.revision": "hash"}}
    text = "FROM a:1\nARG SHA\nLABEL org.opencontainers.image.revision=$SHA\n"
    assert found(text, RULE, schema) == []


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("url", "github.com/x"),
        ("semver", "1.2"),
        ("hash", "xyz1234"),
        ("rfc3339", "2024-13-01T00:00:00Z"),
        ("rfc3339", "2024-05-01"),
        ("spdx", "MIT OR"),
        ("spdx", "(MIT"),
        ("email", "Jane Doe"),
    ],
)
def test_invalid_values(kind, value):
    schema = {"required-labels": {"k": kind}}
    text = f'FROM a:1\nLABEL k="{value}"\n'
    assert found(text, RULE, schema) == [(2, 9, 2, 11 + len(value))]


def test_missing_empty_and_unexpected(snapshot):
    schema = {"required-labels": {"a.b": "text", "c.d": "url"}, "strict-labels": True}
    text = 'FROM a:1 AS base\nLABEL a.b=""\nFROM base\nLABEL other=1\n'
    assert found(text, RULE, schema) == [(2, 11, 2, 13), (3, 1, 3, 5), (4, 7, 4, 12)]
    snapshot.assert_match(messages([text], RULE, schema), "messages.txt")

"""LK600 empty-compose-file."""

import pytest

from tests.rules.compose.structure_support import where

RULE = "empty-compose-file"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("", "compose.yaml"),
        ("\n\n", "docker-compose.yml"),
        ("null\n", "compose.extra.yaml"),
        ("# services will go here\n", "compose.yaml"),
        ("# services will go here\n", "docker-compose.yml"),
    ],
)
def test_flags(text, path):
    assert where(text, RULE, path=path) == [(1, 1, 1, 1)]


@pytest.mark.parametrize(
    "path", ["compose.override.yaml", "compose.extras.yaml", "docker-compose.local.yml"]
)
def test_leaves_a_layer_holding_only_comments_alone(path):
    # Compose accepts an empty file after the main one (``-f compose.yaml -f extras.yaml``),
    # and a file written as comments only is a placeholder on purpose.
    text = "# Add your own services here; this layer is loaded last.\n#\n# services:\n"
    assert where(text, RULE, path=path) == []


def test_has_content():
    assert where("services:\n  web:\n    image: nginx:1.27\n", RULE) == []

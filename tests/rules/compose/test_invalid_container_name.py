"""LK617 invalid-container-name."""

import pytest

from tests.rules.compose.structure_support import messages, where

RULE = "invalid-container-name"


@pytest.mark.parametrize(
    ("name", "width"),
    [('"my web"', 8), ("-web", 4), ("a", 1), ("web/1", 5), ('"_web"', 6)],
)
def test_flags(name, width):
    text = f"services:\n  w:\n    image: x:1\n    container_name: {name}\n"
    assert where(text, RULE) == [(4, 21, 4, 21 + width)]


@pytest.mark.parametrize("name", ["web", "web-1", "Web_1.prod", "42", "${NAME}", "app-${ENV}"])
def test_leaves_alone(name):
    text = f"services:\n  w:\n    image: x:1\n    container_name: {name}\n"
    assert where(text, RULE) == []


def test_messages(snapshot):
    text = "services:\n  w:\n    image: x:1\n    container_name: my web\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

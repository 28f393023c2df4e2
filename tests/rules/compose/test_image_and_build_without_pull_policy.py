"""LK614 image-and-build-without-pull-policy (off by default)."""

import pytest

from tests.conftest import lint
from tests.rules.compose.structure_support import messages, where

RULE = "image-and-build-without-pull-policy"


def test_flags():
    text = "services:\n  w:\n    build: .\n    image: example/w:1.0\n"
    assert where(text, RULE) == [(4, 12, 4, 25)]


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  w:\n    build: .\n    image: example/w:1.0\n    pull_policy: build\n",
        "services:\n  w:\n    build: .\n",
        "services:\n  w:\n    image: example/w:1.0\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_off_by_default():
    text = "services:\n  w:\n    build: .\n    image: example/w:1.0\n"
    assert [d for d in lint(text, "compose", None, path="compose.yaml") if d.code == "LK614"] == []


def test_messages(snapshot):
    text = "services:\n  w:\n    build: .\n    image: example/w:1.0\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

"""LK704 duplicate-key."""

import pytest

from tests.rules.compose.yaml_support import messages, run, where

RULE = "duplicate-key"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  a:\n    image: x:1\n    image: x:2\n", [(4, 5, 4, 10)]),
        ("services:\n  a:\n    image: x:1\n  a:\n    image: x:2\n", [(4, 3, 4, 4)]),
        (
            "services:\n  a:\n    image: x:1\n    environment:\n      A: 1\n      B: 2\n"
            "      A: 3\n",
            [(7, 7, 7, 8)],
        ),
        ("services: {a: {image: x}, a: {image: y}}\n", [(1, 27, 1, 28)]),
        ("services: {}\nservices: {}\nservices: {}\n", [(2, 1, 2, 9), (3, 1, 3, 9)]),
        ('services:\n  a:\n    "image": x:1\n    image: x:2\n', [(4, 5, 4, 10)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n",
        # overriding a key that came in through a merge key is how merges are used
        "x-base: &base\n  image: x:1\n  restart: always\nservices:\n  a:\n    <<: *base\n"
        "    image: x:2\n",
        "x-base: &base\n  image: x:1\nservices:\n  a:\n    image: x:2\n    <<: *base\n",
        # environment list form: a separate concern
        "services:\n  a:\n    image: x:1\n    environment:\n      - A=1\n      - A=2\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_anchored_duplicate_reported_once():
    text = (
        "x-base: &base\n  image: x:1\n  image: x:2\nservices:\n  a:\n    <<: *base\n"
        "  b:\n    <<: *base\n"
    )
    assert where(text, RULE) == [(3, 3, 3, 8)]


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    ports:\n      - '80:80'\n    image: x:2\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")

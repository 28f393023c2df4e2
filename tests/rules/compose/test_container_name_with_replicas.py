"""LK608 container-name-with-replicas."""

import pytest

from tests.rules.compose.structure_support import messages, where

RULE = "container-name-with-replicas"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  w:\n    image: x:1\n    container_name: w\n    deploy:\n"
            "      replicas: 3\n",
            [(4, 21, 4, 22)],
        ),
        (
            "services:\n  w:\n    image: x:1\n    scale: 2\n    container_name: worker\n",
            [(5, 21, 5, 27)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  w:\n    image: x:1\n    container_name: w\n    deploy:\n      replicas: 1\n",
        "services:\n  w:\n    image: x:1\n    deploy:\n      replicas: 3\n",
        "services:\n  w:\n    image: x:1\n    container_name: w\n    scale: ${N}\n",
        "services:\n  w:\n    image: x:1\n    container_name: w\n    deploy: {replicas: 0}\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  w:\n    image: x:1\n    container_name: w\n    deploy:\n      replicas: 3\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

"""LK613 duplicate-environment-variable."""

import pytest

from lintkit.diagnostics import Severity
from tests.rules.compose.structure_support import messages, run, where

RULE = "duplicate-environment-variable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - B=2\n"
            "      - A=3\n",
            [(7, 9, 7, 10)],
        ),
        (
            "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A\n",
            [(6, 9, 6, 10)],
        ),
        (
            'services:\n  w:\n    image: x:1\n    environment: ["LOG=info", "LOG=debug"]\n',
            [(4, 32, 4, 35)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - B=1\n",
        # map form: a duplicate YAML key, another rule
        "services:\n  w:\n    image: x:1\n    environment:\n      A: 1\n      A: 2\n",
        "services:\n  a:\n    image: x:1\n    environment: [A=1]\n  b:\n    image: x:1\n"
        "    environment: [A=2]\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_differing_values_are_warnings():
    text = "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=2\n"
    found = run(text, RULE)
    assert [(d.range.start.line + 1, d.severity) for d in found] == [(6, Severity.WARNING)]


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=1\n",
        # no value twice: both take the same variable from the shell
        "services:\n  w:\n    image: x:1\n    environment:\n      - A\n      - A\n",
    ],
)
def test_the_same_entry_twice_is_a_style_note(text):
    # Compose drops an exact repeat before validating: noise, not a problem.
    assert where(text, RULE) == [(6, 9, 6, 10)]
    assert [d.severity for d in run(text, RULE)] == [Severity.STYLE]


def test_each_repeat_compared_with_the_value_it_replaces():
    text = (
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=2\n"
        "      - A=2\n      - A=1\n"
    )
    found = run(text, RULE)
    assert [(d.range.start.line + 1, d.severity) for d in found] == [
        (6, Severity.WARNING),
        (7, Severity.STYLE),
        (8, Severity.WARNING),
    ]


def test_anchor_reported_once():
    text = (
        "x-env: &env\n  - A=1\n  - A=2\nservices:\n  a:\n    image: x:1\n    environment: *env\n"
        "  b:\n    image: x:1\n    environment: *env\n"
    )
    assert where(text, RULE) == [(3, 5, 3, 6)]


def test_messages(snapshot):
    text = (
        "services:\n  w:\n    image: x:1\n    environment:\n      - A=1\n      - A=3\n"
        "      - B=1\n      - B=1\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")

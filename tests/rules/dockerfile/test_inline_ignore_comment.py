import pytest

from tests.conftest import lint
from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "inline-ignore-comment"


def test_off_by_default():
    text = "FROM a:1\n# hadolint ignore=DL3008\nRUN x\n"
    assert [d for d in lint(text, "dockerfile") if d.name == RULE] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\n# hadolint ignore=DL3008\nRUN x\n", [(2, 1, 2, 25)]),
        ("# hadolint global ignore=DL3006\nFROM a\n", [(1, 1, 1, 32)]),
        ("FROM a:1\n  # lintkit: ignore=LK100\nRUN x\n", [(2, 3, 2, 26)]),
        ("FROM a:1\nRUN a \\\n  # lintkit: ignore\n  && b\n", [(3, 3, 3, 20)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\n# ignore the cache here\nRUN x\n",
        "FROM a:1\n# see hadolint docs\nRUN x\n",
        "FROM a:1\nRUN <<EOF\n# hadolint ignore=DL3008\nEOF\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    snapshot.assert_match(
        messages(["FROM a:1\n# hadolint ignore=DL3008\nRUN x\n"], RULE), "messages.txt"
    )

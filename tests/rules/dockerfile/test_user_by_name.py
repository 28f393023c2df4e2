import pytest

from tests.conftest import lint
from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "user-by-name"


def test_off_by_default():
    assert [d for d in lint("FROM a:1\nUSER app\n", "dockerfile") if d.name == RULE] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nUSER app\n", [(2, 6, 2, 9)]),
        ("FROM a:1\nUSER app:1000\n", [(2, 6, 2, 14)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nUSER 1000\n",
        "FROM a:1\nUSER root\n",
        "FROM a:1\nUSER 1000:app\n",
        "FROM a:1\nARG UID=1000\nUSER $UID\n",
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    snapshot.assert_match(messages(["FROM a:1\nUSER node\n"], RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "consecutive-run-instructions"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN mkdir /x\n# comment\nRUN chown app /x\n", [(4, 1, 4, 4)]),
        ("FROM debian:12\nRUN a\nRUN b\nRUN c\n", [(3, 1, 3, 4), (4, 1, 4, 4)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN mkdir /x\nENV A=1\nRUN chown app /x\n",
        "FROM debian:12\nRUN a && b && c\nRUN d\n",
        "FROM debian:12\nRUN --mount=type=cache,target=/c a\nRUN b\n",
        "FROM debian:12\nRUN a\nFROM debian:12\nRUN b\n",
        # The new PATH reaches only the processes of later RUNs.
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        'RUN setx /M PATH "%PATH%;C:\\tool"\nRUN tool --version\n',
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN mkdir /x\nRUN chown app /x\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

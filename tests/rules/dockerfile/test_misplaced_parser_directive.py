"""LK116 misplaced-parser-directive."""

import pytest

from tests.conftest import lint, spans

RULE = ["misplaced-parser-directive"]


def run(text):
    return [s[1:] for s in spans(lint(text, "dockerfile", RULE))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a comment
        ("# Copyright Example\n# syntax=docker/dockerfile:1\nFROM alpine\n", [(2, 1, 2, 29)]),
        # after a blank line
        ("\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n", [(2, 1, 2, 11)]),
        # after an instruction, with spaces around '='
        ("FROM alpine\n#  check = skip=all\n", [(2, 1, 2, 20)]),
        # a repeat of a directive given at the top
        (
            "# syntax=docker/dockerfile:1\n\n# syntax=docker/dockerfile:1.4\nFROM alpine\n",
            [(3, 1, 3, 31)],
        ),
        # an unknown directive ends the block; later ones are ignored
        ("# foo=bar\n# syntax=docker/dockerfile:1\nFROM alpine\n", [(2, 1, 2, 29)]),
        # CRLF
        ("# header\r\n# SYNTAX=docker/dockerfile:1\r\nFROM alpine\r\n", [(2, 1, 2, 29)]),
    ],
)
def test_flags(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM alpine\n",
        "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n",
        # BuildKit finds the syntax directive after a shebang line
        "#!/usr/bin/env -S docker build -f\n# syntax=docker/dockerfile:1\nFROM alpine\n",
        # prose that merely mentions a directive
        "FROM alpine\n# set the syntax directive to docker/dockerfile:1 later\n",
        "FROM alpine\n# syntax: see the docs\n",
        # a continuation comment inside an instruction is not a top-level comment
        "FROM alpine\nRUN true \\\n# syntax=docker/dockerfile:1\n && true\n",
    ],
)
def test_leaves_alone(text):
    assert run(text) == []


def test_messages(snapshot):
    text = (
        "# syntax=docker/dockerfile:1\n"
        "# licence\n# syntax=docker/dockerfile:1.4\n# escape=`\nFROM alpine\n"
    )
    messages = [d.message for d in lint(text, "dockerfile", RULE)]
    snapshot.assert_match("\n".join(messages) + "\n", "messages.txt")

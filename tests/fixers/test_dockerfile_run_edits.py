"""Tests of the RUN-script edit helpers in ``fixers/dockerfile_edits.py``."""

import pytest

from lintkit.dockerfile.model import parse_dockerfile
from lintkit.fixers.dockerfile_edits import (
    append_to_chain,
    command_end_offset,
    has_compound_commands,
    insert_after_word,
    replace_word,
)
from lintkit.fixing import apply_edits
from lintkit.source import SourceText


def script(text):
    dockerfile = parse_dockerfile(SourceText.from_text(text))
    run = [i for i in dockerfile.instructions if i.keyword == "RUN"][-1]
    (first, *_) = dockerfile.run_scripts(run)
    return first


def test_insert_after_word_keeps_continuations_and_crlf():
    text = "FROM x\r\nRUN apt-get install \\\r\n    # c\r\n    curl\r\n"
    commands = script(text).commands
    edit = insert_after_word(commands[0].args[0], "-y")
    assert apply_edits(text, [edit]) == text.replace("install \\", "install -y \\")


def test_replace_word():
    text = "FROM x\nRUN apt update\n"
    edit = replace_word(script(text).commands[0].name_word, "apt-get")
    assert apply_edits(text, [edit]) == "FROM x\nRUN apt-get update\n"


@pytest.mark.parametrize(
    ("run", "index", "expected"),
    [
        ("a && b", 0, "a && b && c"),
        ("a | b > /dev/null; d", 0, "a | b > /dev/null && c; d"),
        ("a || true\nd", 0, "a || true && c\nd"),
        ("x; a $(b) 2>&1", 1, "x; a $(b) 2>&1 && c"),
    ],
)
def test_append_to_chain(run, index, expected):
    text = f"FROM x\nRUN <<EOF\n{run}\nEOF\n"
    parsed = script(text)
    top = [c for c in parsed.commands if not c.in_substitution]
    edit = append_to_chain(parsed, top[index], "&& c")
    assert edit is not None
    assert apply_edits(text, [edit]) == text.replace(run, expected)


def test_append_to_chain_on_the_last_physical_line():
    text = "FROM x\nRUN a \\\n    && b \\\n    # comment\n    && c\n"
    parsed = script(text)
    edit = append_to_chain(parsed, parsed.commands[0], "&& d")
    assert edit is not None
    assert apply_edits(text, [edit]) == text.replace("&& c", "&& c && d")
    assert command_end_offset(parsed.commands[-1]) == len(text) - 1


@pytest.mark.parametrize("run", ["a <<X\nbody\nX", "a && b &", "x=$(a)"])
def test_append_to_chain_refuses(run):
    text = f"FROM x\nRUN <<EOF\n{run}\nEOF\n"
    parsed = script(text)
    command = parsed.commands[-1] if run.startswith("x=") else parsed.commands[0]
    assert append_to_chain(parsed, command, "&& c") is None


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("a && b", False),
        ("if x; then a; fi", True),
        ("for f in *; do a; done", True),
        ("(a && b)", True),
        ("{ a; }", True),
        ("echo $(date)", False),
        ("echo ifconfig", False),
    ],
)
def test_has_compound_commands(text, compound):
    assert has_compound_commands(text) is compound

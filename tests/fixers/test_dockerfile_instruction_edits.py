"""Edit helpers used by the instruction-level rules (LK250-LK299)."""

from __future__ import annotations

import pytest

from lintkit.dockerfile.model import expand
from lintkit.fixers.dockerfile_edits import as_single_word, delete_lines, json_array
from lintkit.fixing import apply_edits
from lintkit.source import SourceText

VARIABLES: dict[str, str | None] = {"A": "1", "x": "X", "y": "Y"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "1"),
        ("/usr/local/bin:$PATH", "/usr/local/bin:$PATH"),
        ('"a b"', '"a b"'),
        ("a b", '"a b"'),
        ("-Xmx1g   -Xms256m", '"-Xmx1g   -Xms256m"'),
        ("'$x' \"$y\" z", '"\\$x $y z"'),
        ('say "hi" now', '"say hi now"'),
        ("a\\ b c", '"a b c"'),
        ("a\\$b c", '"a\\$b c"'),
    ],
)
def test_as_single_word(raw, expected):
    result = as_single_word(raw)
    assert result == expected
    assert expand(result, VARIABLES)[0] == expand(raw, VARIABLES)[0]


def test_as_single_word_with_backtick_escape():
    assert as_single_word("C:\\go `$x y", "`") == '"C:\\go `$x y"'


def test_json_array_keeps_text_readable():
    assert json_array(["echo", 'say "hi"', "héllo"]) == '["echo", "say \\"hi\\"", "héllo"]'


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_delete_lines(newline):
    text = newline.join(["a", "", "b", "c"]) + newline
    source = SourceText.from_text(text)
    assert (
        apply_edits(text, [delete_lines(source, 1, 1)]) == newline.join(["a", "b", "c"]) + newline
    )
    assert apply_edits(text, [delete_lines(source, 3, 3)]) == newline.join(["a", "", "b"]) + newline

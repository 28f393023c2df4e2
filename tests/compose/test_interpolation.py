"""Tests for compose interpolation and .env parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.compose.interpolation import has_interpolation, interpolate, parse_dotenv
from lintkit.compose.yaml11 import compose_value, differs_under_yaml11, yaml11_value

ENV = {"SET": "v", "EMPTY": ""}


@pytest.mark.parametrize(
    ("text", "value", "unresolved"),
    [
        ("plain", "plain", ()),
        ("$SET", "v", ()),
        ("${SET}", "v", ()),
        ("a${SET}b$SET.c", "avbv.c", ()),
        ("${UNSET}", "", ("UNSET",)),
        ("$UNSET", "", ("UNSET",)),
        ("${UNSET:-def}", "def", ()),
        ("${EMPTY:-def}", "def", ()),
        ("${EMPTY-def}", "", ()),
        ("${UNSET-def}", "def", ()),
        ("${SET:+alt}", "alt", ()),
        ("${EMPTY:+alt}", "", ()),
        ("${EMPTY+alt}", "alt", ()),
        ("${UNSET+alt}", "", ()),
        ("$$SET", "$SET", ()),
        ("$${SET}", "${SET}", ()),
        ("cost $5", "cost $5", ()),
        ("end$", "end$", ()),
        ("${UNSET:-${SET}}", "v", ()),
        ("${UNSET:-${OTHER:-deep}}", "deep", ()),
        ("${UNSET:-${OTHER}}", "", ("OTHER",)),
        ("${SET:-${OTHER}}", "v", ()),  # an unused default is not evaluated
    ],
)
def test_interpolate(text: str, value: str, unresolved: tuple[str, ...]) -> None:
    result = interpolate(text, ENV)
    assert result.value == value
    assert result.unresolved == unresolved
    assert result.problems == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("${UNSET:?needs a value}", "required variable UNSET is missing a value: needs a value"),
        ("${EMPTY:?}", "required variable EMPTY is missing a value"),
        ("${UNSET?x}", "required variable UNSET"),
        ("${", "unclosed"),
        ("${SET", "unclosed"),
        ("${}", "expected a variable name"),
        ("${1A}", "expected a variable name"),
        ("${SET:x}", "after the name"),
    ],
)
def test_problems(text: str, problem: str) -> None:
    result = interpolate(text, ENV)
    assert result.problems and problem in result.problems[0]
    assert not result.is_known


def test_required_but_set() -> None:
    assert interpolate("${EMPTY?x}", ENV).value == ""
    assert interpolate("${EMPTY?x}", ENV).problems == ()


def test_has_interpolation() -> None:
    assert has_interpolation("a${B}")
    assert has_interpolation("$B")
    assert not has_interpolation("$$B")
    assert not has_interpolation("cost $5")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("${}:-?+AB_1 $")), max_size=40))
def test_interpolate_never_raises(text: str) -> None:
    interpolate(text, ENV)


def test_dotenv() -> None:
    env = parse_dotenv(
        "# comment\n"
        "A=1\n"
        "export B=two words # trailing comment\n"
        "C='single $A # kept'\n"
        'D="double ${A}\\n"\n'
        "E=${A}-x\n"
        "F=\n"
        'G="multi\nline"\n'
        "H: colon\n"
        "I=a#b\n"
    )
    assert env.values == {
        "A": "1",
        "B": "two words",
        "C": "single $A # kept",
        "D": "double 1\n",
        "E": "1-x",
        "F": "",
        "G": "multi\nline",
        "H": "colon",
        "I": "a#b",
    }
    assert env.problems == ()


def test_dotenv_problems_do_not_raise() -> None:
    env = parse_dotenv("=x\nA='open\nB=${\n")
    assert [line for line, _ in env.problems] == [0, 1]


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("22:22", 1342, "22:22"),
        ("1:30", 90, "1:30"),
        ("8080:80", "8080:80", "8080:80"),
        ("yes", True, "yes"),
        ("Off", False, "Off"),
        ("n", False, "n"),
        ("0o17", "0o17", 15),
        ("0440", 288, 288),
        ("1.10", 1.1, 1.1),
        ("True", True, True),
        ("null", None, None),
    ],
)
def test_yaml11_vs_compose(text: str, old: object, new: object) -> None:
    assert yaml11_value(text) == old
    assert compose_value(text) == new
    assert differs_under_yaml11(text) == (old != new or type(old) is not type(new))

"""Tests of the fix engine with a toy linter, so they depend on no real rule.

The toy language is whitespace-separated tokens in which parentheses must balance. Its
"rules" are chosen to exercise each path of the engine: a good safe fix, an unsafe fix, a
fix that breaks the parse, one that leaves its finding, a no-op, a cycle between two rules
and a fix that never settles.
"""

from __future__ import annotations

import logging
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_snapshot.plugin import Snapshot

from lintkit.diagnostics import Diagnostic, Edit, Fix, Severity
from lintkit.fixing import (
    REASON_INVALID,
    REASON_NO_CHANGE,
    REASON_NOT_REMOVED,
    REASON_SYNTAX,
    apply_edits,
    fix_text,
    map_offset,
    unified_diff,
)
from lintkit.source import SourceText

PROPERTY = settings(max_examples=200, deadline=None)

# ---------------------------------------------------------------------------------------------
# The toy linter


def _diag(source: SourceText, code: str, start: int, end: int, fix: Fix | None) -> Diagnostic:
    return Diagnostic(
        path=source.path,
        range=source.range(start, end),
        code=code,
        name=f"toy-{code.lower()}",
        severity=Severity.WARNING,
        message=f"{code} at {source.text[start:end]!r}",
        fix=fix,
    )


def _syntax_errors(source: SourceText) -> list[Diagnostic]:
    opened: list[int] = []
    for match in re.finditer(r"[()]", source.text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            opened.pop()
        else:
            return [_syntax_error(source, match.start(), "unexpected ')'")]
    if opened:
        return [_syntax_error(source, opened[-1], "unclosed '('")]
    return []


def _syntax_error(source: SourceText, offset: int, message: str) -> Diagnostic:
    return Diagnostic(
        path=source.path,
        range=source.range(offset, offset + 1),
        code="LK001",
        name="syntax-error",
        severity=Severity.ERROR,
        message=message,
    )


def toy_rules(source: SourceText) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for match in re.finditer(r"\S+", source.text):
        token, start, end = match.group(), match.start(), match.end()

        def add(code: str, fix: Fix | None, start: int = start, end: int = end) -> None:
            out.append(_diag(source, code, start, end, fix))

        if re.fullmatch(r"[a-z]+", token):
            add("LK010", Fix.safe("Uppercase the word", Edit(start, end, token.upper())))
        elif token == "Break":
            add("LK020", Fix.safe("Open a parenthesis", Edit(start, end, "(")))
        elif token == "Ping":
            add("LK030", Fix.safe("Answer", Edit(start, end, "Pong")))
        elif token == "Pong":
            add("LK031", Fix.safe("Ask", Edit(start, end, "Ping")))
        elif token == "Stuck":
            add("LK040", Fix.safe("Pad", Edit(end, end, " ")))
        elif token == "Same":
            add("LK041", Fix.safe("Nothing", Edit(start, end, "Same")))
        elif token == "Oops":
            add("LK042", Fix.safe("Out of range", Edit(start, end + 1000, "")))
        elif token == "Maybe":
            add("LK050", Fix.unsafe("Shout", Edit(start, end, "MAYBE")))
        elif re.fullmatch(r"N\d+", token):
            number = int(token[1:])
            add(
                "LK060" if number % 2 else "LK061",
                Fix.safe("Count", Edit(start, end, f"N{number + 1}")),
            )
        elif token == "Long":
            add("LK091", Fix.safe("Lengthen", Edit(start, end, "Longer")))
        if token == "Pair":
            add("LK070", Fix.safe("Uppercase", Edit(start, end, "PAIR")))
        if token.lower() == "pair":
            add("LK071", Fix.safe("Bracket", Edit(start, start, "[")))
        if token == "Info":
            add("LK099", None)
    return out


def toy_lint(source: SourceText) -> list[Diagnostic]:
    """Like a real parser front end: a syntax error hides every other finding."""
    return _syntax_errors(source) or toy_rules(source)


def recovering_lint(source: SourceText) -> list[Diagnostic]:
    """A front end that reports syntax errors and still lints (as a line-based rule would)."""
    return _syntax_errors(source) + toy_rules(source)


class Recorder:
    def __init__(self, lint: Callable[[SourceText], list[Diagnostic]] = toy_lint) -> None:
        self.lint = lint
        self.sources: list[SourceText] = []

    def __call__(self, source: SourceText) -> list[Diagnostic]:
        self.sources.append(source)
        return self.lint(source)


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [diagnostic.code for diagnostic in diagnostics]


# ---------------------------------------------------------------------------------------------
# apply_edits


def test_apply_edits_any_order() -> None:
    text = "0123456789"
    edits = [Edit(8, 9, "X"), Edit(0, 2, ""), Edit(4, 4, "ab")]
    assert apply_edits(text, edits) == "23ab4567X9"


def test_apply_edits_insertions_at_one_offset_keep_given_order() -> None:
    edits = [Edit(3, 3, "b"), Edit(3, 5, "R"), Edit(3, 3, "c"), Edit(5, 5, "d")]
    assert apply_edits("0123456", edits) == "012bcRd56"


def test_apply_edits_touching_spans() -> None:
    assert apply_edits("abcdef", [Edit(2, 4, "X"), Edit(0, 2, "Y"), Edit(4, 6, "Z")]) == "YXZ"


def test_apply_edits_no_edits() -> None:
    assert apply_edits("abc", []) == "abc"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([Edit(0, 3, "x"), Edit(2, 4, "y")], "overlaps"),
        ([Edit(0, 3, "x"), Edit(1, 1, "y")], "overlaps"),
        ([Edit(1, 3, "x"), Edit(1, 3, "y")], "overlaps"),
        ([Edit(3, 2, "x")], "outside"),
        ([Edit(-1, 0, "x")], "outside"),
        ([Edit(0, 6, "x")], "outside"),
    ],
)
def test_apply_edits_rejects_bad_edits(edits: list[Edit], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        apply_edits("abcde", edits)


def reference_apply(text: str, edits: list[Edit]) -> str:
    """Walk the text one character at a time; insertions come before a span at that offset."""
    out: list[str] = []
    index = 0
    while index <= len(text):
        out.extend(e.replacement for e in edits if e.start == e.end == index)
        spans = [e for e in edits if e.start == index and e.end > index]
        if spans:
            out.append(spans[0].replacement)
            index = spans[0].end
            continue
        if index < len(text):
            out.append(text[index])
        index += 1
    return "".join(out)


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="ab\r\n\t\u00e9\U0001f600", max_size=40))
    raw = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text)),
                st.integers(0, 4),
                st.text(alphabet="XY\n", max_size=3),
            ),
            max_size=12,
        )
    )
    kept: list[Edit] = []
    for start, length, replacement in raw:
        edit = Edit(start, min(start + length, len(text)), replacement)
        clash = any(
            (edit.start < other.end and other.start < edit.end)
            or (edit.start == edit.end and other.start < edit.start < other.end)
            or (other.start == other.end and edit.start < other.start < edit.end)
            for other in kept
        )
        if not clash:
            kept.append(edit)
    random.Random(draw(st.integers(0, 2**16))).shuffle(kept)
    return text, kept


@PROPERTY
@given(text_and_edits())
def test_apply_edits_matches_reference(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    assert apply_edits(text, edits) == reference_apply(text, edits)


@PROPERTY
@given(text_and_edits())
def test_map_offset_follows_untouched_characters(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    result = apply_edits(text, edits)
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for offset, char in enumerate(text):
        if any(e.start <= offset < e.end for e in edits):
            continue
        assert result[map_offset(offset, ordered, after_insertions=True)] == char
    assert map_offset(len(text), ordered, after_insertions=True) == len(result)


def test_map_offset_inside_and_at_insertions() -> None:
    edits = [Edit(2, 2, "ab"), Edit(4, 7, "X")]
    assert map_offset(2, edits) == 2
    assert map_offset(2, edits, after_insertions=True) == 4
    assert map_offset(5, edits) == 6
    assert map_offset(5, edits, after_insertions=True) == 7
    assert map_offset(7, edits) == 7
    assert map_offset(9, edits) == 9


# ---------------------------------------------------------------------------------------------
# fix_text: exact cases


def test_safe_fixes_all_applied_in_one_pass() -> None:
    result = fix_text(SourceText.from_text("hello World\nfoo\n", "Dockerfile"), toy_lint)
    assert result.text == "HELLO World\nFOO\n"
    assert result.changed
    assert codes(result.fixed) == ["LK010", "LK010"]
    assert [(d.range.start.line, d.range.start.column) for d in result.fixed] == [(0, 0), (1, 0)]
    assert result.remaining == []
    assert result.reverted == []
    assert (result.iterations, result.converged, result.error) == (1, True, None)


def test_nothing_to_fix() -> None:
    result = fix_text(SourceText.from_text("A B Info\n"), toy_lint)
    assert result.text == "A B Info\n"
    assert not result.changed
    assert codes(result.remaining) == ["LK099"]
    assert (result.iterations, result.converged, result.fixed) == (0, True, [])


def test_fix_that_breaks_the_parse_is_reverted_and_others_kept() -> None:
    lint = Recorder()
    result = fix_text(SourceText.from_text("x Break y\n"), lint)
    assert result.text == "X Break Y\n"
    assert codes(result.fixed) == ["LK010", "LK010"]
    [(diagnostic, reason)] = result.reverted
    assert diagnostic.code == "LK020"
    assert reason == f"{REASON_SYNTAX} (unclosed '(')"
    assert codes(result.remaining) == ["LK020"]
    assert (result.iterations, result.converged) == (1, True)
    # initial lint, all three together, each alone, the two good ones together
    assert [s.text for s in lint.sources] == [
        "x Break y\n",
        "X ( Y\n",
        "X Break y\n",
        "x ( y\n",
        "x Break Y\n",
        "X Break Y\n",
    ]


def test_lone_breaking_fix_leaves_text_unchanged() -> None:
    result = fix_text(SourceText.from_text("( A ) Break"), toy_lint)
    assert result.text == "( A ) Break"
    assert not result.changed
    assert [(d.code, reason) for d, reason in result.reverted] == [
        ("LK020", f"{REASON_SYNTAX} (unclosed '(')")
    ]
    assert (result.converged, result.error) == (True, None)


def test_fix_that_keeps_its_finding_is_reverted() -> None:
    result = fix_text(SourceText.from_text("Stuck abc"), toy_lint)
    assert result.text == "Stuck ABC"
    assert [(d.code, reason) for d, reason in result.reverted] == [("LK040", REASON_NOT_REMOVED)]
    assert codes(result.remaining) == ["LK040"]
    assert result.converged


def test_noop_fix_is_reverted() -> None:
    result = fix_text(SourceText.from_text("Same"), toy_lint)
    assert result.text == "Same"
    assert [(d.code, reason) for d, reason in result.reverted] == [("LK041", REASON_NO_CHANGE)]
    assert (result.iterations, result.converged) == (1, True)


def test_invalid_fix_is_reverted_not_raised() -> None:
    result = fix_text(SourceText.from_text("Oops abc"), toy_lint)
    assert result.text == "Oops ABC"
    [(diagnostic, reason)] = result.reverted
    assert diagnostic.code == "LK042"
    assert reason.startswith(REASON_INVALID + ": edit 0..1004 lies outside")


def test_cycle_stops_and_keeps_last_new_text() -> None:
    result = fix_text(SourceText.from_text("Ping\n"), toy_lint)
    assert result.text == "Pong\n"
    assert result.changed
    assert codes(result.fixed) == ["LK030"]
    assert codes(result.remaining) == ["LK031"]
    assert not result.converged
    assert result.error == "fixes cycle: iteration 2 recreated an earlier text"
    assert result.iterations == 2


def test_iteration_bound_reports_non_convergence() -> None:
    result = fix_text(SourceText.from_text("N0 abc"), toy_lint, max_iterations=5)
    assert result.text == "N5 ABC"
    assert codes(result.fixed) == ["LK061", "LK010", "LK060", "LK061", "LK060", "LK061"]
    assert codes(result.remaining) == ["LK060"]
    assert (result.iterations, result.converged) == (5, False)
    assert result.error == "fixes did not settle after 5 iterations"


def test_unsafe_fixes_need_opt_in() -> None:
    source = SourceText.from_text("Maybe abc")
    default = fix_text(source, toy_lint)
    assert default.text == "Maybe ABC"
    assert default.unsafe_fixable == 1
    assert codes(default.remaining) == ["LK050"]
    opted = fix_text(source, toy_lint, unsafe=True)
    assert opted.text == "MAYBE ABC"
    assert opted.unsafe_fixable == 0
    assert opted.remaining == []


def test_should_fix_filters_fixes_and_unsafe_count() -> None:
    source = SourceText.from_text("Maybe abc")
    result = fix_text(source, toy_lint, should_fix=lambda d: d.code != "LK010")
    assert result.text == "Maybe abc"
    assert not result.changed
    assert result.unsafe_fixable == 1
    none = fix_text(source, toy_lint, should_fix=lambda d: False)
    assert none.unsafe_fixable == 0


def test_overlapping_fix_is_deferred_to_next_pass() -> None:
    lint = Recorder()
    result = fix_text(SourceText.from_text("Pair abc"), lint)
    assert result.text == "[PAIR ABC"
    assert codes(result.fixed) == ["LK070", "LK010", "LK071"]
    assert result.iterations == 2
    assert [s.text for s in lint.sources] == ["Pair abc", "PAIR ABC", "[PAIR ABC"]


def test_existing_syntax_error_does_not_block_fixes_and_moves_with_them() -> None:
    # The error after "Long" moves by two characters when "Long" becomes "Longer".
    result = fix_text(SourceText.from_text("Long abc )"), recovering_lint)
    assert result.text == "Longer ABC )"
    assert codes(result.fixed) == ["LK091", "LK010"]
    assert codes(result.remaining) == ["LK001"]
    assert result.remaining[0].range.start.offset == 11
    assert result.reverted == []


def test_new_syntax_error_detected_next_to_an_existing_one() -> None:
    result = fix_text(SourceText.from_text("( Break"), recovering_lint)
    assert result.text == "( Break"
    assert [(d.code, r) for d, r in result.reverted] == [
        ("LK020", f"{REASON_SYNTAX} (unclosed '(')")
    ]


def test_bom_path_and_line_endings_are_kept() -> None:
    lint = Recorder()
    source = SourceText.from_text("\ufeffabc\r\nDEF\r\n", "sub/Dockerfile")
    result = fix_text(source, lint)
    assert result.text == "ABC\r\nDEF\r\n"
    last = lint.sources[-1]
    assert last.has_bom
    assert last.path == Path("sub/Dockerfile")
    assert last.raw == b"\xef\xbb\xbfABC\r\nDEF\r\n"


def test_debug_log_names_each_iteration(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="lintkit.fixing")
    fix_text(SourceText.from_text("Pair Break", "Dockerfile"), toy_lint)
    messages = [record.getMessage() for record in caplog.records]
    assert "Dockerfile: iteration 1: applying 2 fixes (LK070, LK020), deferring 1" in messages
    assert "iteration 1: deferred LK071 (Bracket)" in messages
    assert "iteration 1: isolating 2 fixes" in messages
    assert any(m.startswith("reverted LK020 at 1:6 (Open a parenthesis)") for m in messages)
    assert "iteration 1: applied LK070 at 1:1 (Uppercase)" in messages
    assert "iteration 2: applied LK071 at 1:1 (Bracket)" in messages


# ---------------------------------------------------------------------------------------------
# fix_text: properties

TOKENS = ["abc", "x", "Word", "B", "(", ")", "( a )", "Break", "Stuck", "Same", "Maybe", "Info"]


def expected_fix(tokens: list[str], separators: list[str], unsafe: bool) -> str:
    text = "".join(token + sep for token, sep in zip(tokens, separators, strict=True))
    if _syntax_errors(SourceText.from_text(text)):
        return text
    out = []
    for token, sep in zip(tokens, separators, strict=True):
        words = [
            w.upper() if re.fullmatch(r"[a-z]+", w) or (unsafe and w == "Maybe") else w
            for w in token.split(" ")
        ]
        out.append(" ".join(words) + sep)
    return "".join(out)


@st.composite
def token_text(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    tokens = draw(st.lists(st.sampled_from(TOKENS), max_size=10))
    separators = draw(
        st.lists(
            st.sampled_from([" ", "\n", "\r\n", "  \t"]), min_size=len(tokens), max_size=len(tokens)
        )
    )
    return tokens, separators


@PROPERTY
@given(token_text(), st.booleans())
def test_fix_text_matches_expected_and_never_breaks_parse(
    case: tuple[list[str], list[str]], unsafe: bool
) -> None:
    tokens, separators = case
    text = "".join(token + sep for token, sep in zip(tokens, separators, strict=True))
    source = SourceText.from_text(text)
    result = fix_text(source, toy_lint, unsafe=unsafe)

    assert result.text == expected_fix(tokens, separators, unsafe)
    assert result.converged and result.error is None
    assert result.changed == (result.text != text)
    # never a syntax error that was not there
    assert bool(_syntax_errors(SourceText.from_text(result.text))) == bool(_syntax_errors(source))
    # the reported remainder is what the final text lints to
    assert result.remaining == toy_lint(SourceText.from_text(result.text))
    # every reverted fix is one of the deliberately bad ones, reported once
    reverted = codes([d for d, _ in result.reverted])
    assert sorted(reverted) == sorted(
        {"Break": "LK020", "Stuck": "LK040", "Same": "LK041"}[t]
        for t in tokens
        if t in ("Break", "Stuck", "Same") and not _syntax_errors(source)
    )
    assert result.unsafe_fixable == (0 if unsafe else codes(result.remaining).count("LK050"))
    # fixing again changes nothing
    again = fix_text(SourceText.from_text(result.text), toy_lint, unsafe=unsafe)
    assert again.text == result.text


@PROPERTY
@given(token_text(), st.integers(1, 6))
def test_fix_text_with_cycles_and_counters_always_stops(
    case: tuple[list[str], list[str]], bound: int
) -> None:
    tokens, separators = case
    tokens = [*tokens, "Ping", "N0"]
    separators = [*separators, " ", "\n"]
    text = "".join(token + sep for token, sep in zip(tokens, separators, strict=True))
    result = fix_text(SourceText.from_text(text), toy_lint, max_iterations=bound)
    parses = not _syntax_errors(SourceText.from_text(text))
    assert result.converged is not parses
    assert (result.error is not None) is parses
    assert result.iterations <= bound
    assert bool(_syntax_errors(SourceText.from_text(result.text))) == bool(
        _syntax_errors(SourceText.from_text(text))
    )


# ---------------------------------------------------------------------------------------------
# unified_diff


def test_unified_diff_lf() -> None:
    diff = unified_diff("app/Dockerfile", "FROM a\nRUN x\n", "FROM a\nRUN y\n")
    assert diff == (
        "--- a/app/Dockerfile\n+++ b/app/Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\n-RUN x\n+RUN y\n"
    )


def test_unified_diff_crlf_keeps_line_endings() -> None:
    diff = unified_diff("Dockerfile", "FROM a\r\nRUN x\r\n", "FROM a\r\nRUN y\r\n")
    assert diff == (
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\r\n-RUN x\r\n+RUN y\r\n"
    )


def test_unified_diff_line_ending_change_alone_shows() -> None:
    diff = unified_diff("f", "a\r\nb\n", "a\r\nb\r\n")
    assert diff.endswith("-b\n+b\r\n")


def test_unified_diff_missing_final_newline() -> None:
    diff = unified_diff("f", "a\nb", "a\nc")
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")


def test_unified_diff_only_newline_splits_lines() -> None:
    diff = unified_diff("f", "a\x0cb\u2028c\n", "a\x0cb\u2028C\n")
    assert diff.endswith("@@ -1 +1 @@\n-a\x0cb\u2028c\n+a\x0cb\u2028C\n")


def test_unified_diff_equal_texts() -> None:
    assert unified_diff("f", "same\r\n", "same\r\n") == ""


def test_unified_diff_crlf_snapshot(snapshot: Snapshot) -> None:
    before = '# syntax=docker/dockerfile:1\r\nFROM alpine\r\nrun echo hi\r\nCMD ["sh"]'
    after = '# syntax=docker/dockerfile:1\r\nFROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n'
    diff = unified_diff("services/web/Dockerfile", before, after)
    # pytest-snapshot cannot store "\r" (nor could git be trusted to keep it), so the carriage
    # returns are shown as a visible marker.
    snapshot.assert_match(diff.replace("\r", "<CR>"), "crlf.diff")


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch tool")
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("FROM a\r\nRUN x\r\nCMD y\r\n", "FROM a:1\r\nRUN x\r\nCMD y\r\n"),
        ("FROM a\r\nRUN x", "FROM a\r\nRUN x\r\n"),
        ("a\nb\n", "a\r\nb\n"),
    ],
)
def test_unified_diff_applies_with_patch(tmp_path: Path, before: str, after: str) -> None:
    target = tmp_path / "Dockerfile"
    target.write_bytes(before.encode())
    patch_file = tmp_path / "fix.diff"
    patch_file.write_bytes(unified_diff("Dockerfile", before, after).encode())
    subprocess.run(
        ["patch", "-p1", "--quiet", "--binary", "-i", str(patch_file)],
        cwd=tmp_path,
        check=True,
    )
    assert target.read_bytes() == after.encode()

"""The fix engine: apply the fixes rules attach to their findings, safely and to a fixed point.

One pass lints the text, picks the fixes that may run (safe ones, unsafe ones only when
asked), applies those that do not overlap each other, and lints the result again. A fix
whose result no longer parses, or that leaves its own finding in place, is taken back and
reported. Passes repeat until no fix is left, a text comes back (a cycle between rules) or
the iteration bound is reached. The text is never left with a syntax error it did not have.
"""

from __future__ import annotations

import difflib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from lintkit.diagnostics import Applicability, Diagnostic, Edit, Fix
from lintkit.records import field, record
from lintkit.source import SourceText

LOG = logging.getLogger(__name__)

#: Code of the rule that reports syntax errors; a fix that makes a new one appear is reverted.
SYNTAX_ERROR_CODE = "LK001"
#: Default bound on fix passes (each pass lints the file once, more when it isolates a bad fix).
MAX_ITERATIONS = 20

REASON_SYNTAX = "the fixed text no longer parses"
REASON_NOT_REMOVED = "the fix does not remove the finding"
REASON_NO_CHANGE = "the fix does not change the text"
REASON_INVALID = "the fix has invalid edits"

Linter = Callable[[SourceText], list[Diagnostic]]


@record(frozen=False)
class FixResult:
    """What :func:`fix_text` did to one file.

    Attributes:
        text: The final text (BOM excluded, as in :attr:`SourceText.text`).
        changed: Whether ``text`` differs from the text the run started with.
        fixed: The diagnostics whose fixes were applied and kept, in the order applied; their
            ranges refer to the text of the pass that fixed them.
        remaining: The diagnostics reported for the final text.
        unsafe_fixable: How many of ``remaining`` a run with unsafe fixes enabled would try to fix
            (always 0 when unsafe fixes were already enabled).
        reverted: Fixes that were taken back, with the reason, each reported once.
        iterations: How many fix passes ran.
        converged: Whether the run ended because no applicable fix was left.
        error: Why the run stopped early (a cycle or the iteration bound), else ``None``.
    """

    text: str
    changed: bool
    fixed: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    unsafe_fixable: int = 0
    reverted: list[tuple[Diagnostic, str]] = field(default_factory=list)
    iterations: int = 0
    converged: bool = True
    error: str | None = None


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits given in any order.

    Edits are ordered by start offset; insertions at the same offset keep the order in which
    they were given, and an insertion at the start of a replaced span goes before the
    replacement text.

    Args:
        text: The text the offsets index.
        edits: The edits; spans may touch but not overlap.

    Returns:
        The edited text.

    Raises:
        ValueError: when an edit lies outside the text, ends before it starts, or overlaps
            another edit.
    """
    ordered = _ordered_edits(len(text), edits)
    parts: list[str] = []
    position = 0
    for edit in ordered:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def _ordered_edits(length: int, edits: Iterable[Edit]) -> list[Edit]:
    # NOTE: sorted() is stable, so insertions at one offset keep their given order.
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    previous_end = 0
    for edit in ordered:
        if edit.start < 0 or edit.end < edit.start or edit.end > length:
            raise ValueError(f"edit {edit.start}..{edit.end} lies outside a text of {length}")
        if edit.start < previous_end:
            raise ValueError(f"edit {edit.start}..{edit.end} overlaps an earlier edit")
        previous_end = edit.end
    return ordered


def map_offset(offset: int, edits: Sequence[Edit], *, after_insertions: bool = False) -> int:
    """Return where ``offset`` of the old text lies once ``edits`` are applied.

    An offset inside a replaced span maps to the start of its replacement (or to its end when
    ``after_insertions``); an offset at an insertion point maps before the inserted text, or
    after it when ``after_insertions``.

    Args:
        offset: An offset in the text before the edits.
        edits: Valid edits, sorted as :func:`apply_edits` orders them.
        after_insertions: Map to the far side of text inserted or replaced at ``offset``.
    """
    delta = 0
    for edit in edits:
        removed = edit.end - edit.start
        if edit.start == edit.end == offset:
            if not after_insertions:
                return offset + delta
            delta += len(edit.replacement)
        elif offset <= edit.start:
            return offset + delta
        elif offset >= edit.end:
            delta += len(edit.replacement) - removed
        else:
            start = edit.start + delta
            return start + len(edit.replacement) if after_insertions else start
    return offset + delta


def fix_text(
    source: SourceText,
    lint: Linter,
    *,
    unsafe: bool = False,
    should_fix: Callable[[Diagnostic], bool] = lambda diagnostic: True,
    max_iterations: int = MAX_ITERATIONS,
) -> FixResult:
    """Apply fixes to ``source`` until no applicable fix is left.

    Args:
        source: The file as read.
        lint: Lints a source and returns its diagnostics (syntax errors as ``LK001``).
        unsafe: Also apply fixes marked unsafe.
        should_fix: Picks which fixable diagnostics may be fixed (``--fixable`` and the like).
        max_iterations: Bound on fix passes.

    Returns:
        The final text and what happened; see :class:`FixResult`.
    """
    return _FixRun(lint, unsafe, should_fix).run(source, max_iterations)


@record
class _Outcome:
    """The result of applying a set of fixes to one text and linting it."""

    source: SourceText
    diagnostics: list[Diagnostic]
    edits: list[Edit]
    syntax_error: str | None
    not_removed: list[Diagnostic]
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return self.syntax_error is None and not self.not_removed


_BlockKey = tuple[str, int, str, tuple[tuple[str, str], ...]]


class _FixRun:
    """State of one :func:`fix_text` call."""

    def __init__(self, lint: Linter, unsafe: bool, should_fix: Callable[[Diagnostic], bool]):
        self.lint = lint
        self.unsafe = unsafe
        self.should_fix = should_fix
        self.fixed: list[Diagnostic] = []
        self.reverted: list[tuple[Diagnostic, str]] = []
        # Fixes that were taken back; they keep their finding but are not tried again. The
        # offset is the finding's start, carried forward through every accepted pass.
        self.blocked: set[_BlockKey] = set()

    def run(self, source: SourceText, max_iterations: int) -> FixResult:
        current = source
        diagnostics = self.lint(current)
        seen = {current.text}
        iterations = 0
        converged = False
        error: str | None = None
        while True:
            candidates = self._candidates(current, diagnostics)
            if not candidates:
                converged = True
                break
            if iterations >= max_iterations:
                error = f"fixes did not settle after {max_iterations} iterations"
                LOG.debug("%s: %s; %d fixes left", current.path, error, len(candidates))
                break
            iterations += 1
            kept = self._pass(iterations, current, diagnostics, candidates)
            if kept is None:
                # Every chosen fix was reverted: the text is unchanged, the linting still holds.
                continue
            outcome, applied = kept
            if outcome.source.text in seen:
                error = f"fixes cycle: iteration {iterations} recreated an earlier text"
                LOG.debug("%s: %s; keeping the text before it", current.path, error)
                break
            seen.add(outcome.source.text)
            self._accept(iterations, applied)
            self.blocked = {
                (code, map_offset(start, outcome.edits), title, segments)
                for code, start, title, segments in self.blocked
            }
            current, diagnostics = outcome.source, outcome.diagnostics
        unsafe_fixable = 0
        if not self.unsafe:
            unsafe_fixable = sum(
                1
                for diagnostic in diagnostics
                if diagnostic.fix is not None
                and diagnostic.fix.applicability is Applicability.UNSAFE
                and self.should_fix(diagnostic)
            )
        return FixResult(
            text=current.text,
            changed=current.text != source.text,
            fixed=self.fixed,
            remaining=diagnostics,
            unsafe_fixable=unsafe_fixable,
            reverted=self.reverted,
            iterations=iterations,
            converged=converged,
            error=error,
        )

    def _candidates(self, source: SourceText, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        wanted = {Applicability.SAFE, Applicability.UNSAFE} if self.unsafe else {Applicability.SAFE}
        candidates = [
            diagnostic
            for diagnostic in diagnostics
            if diagnostic.fix is not None
            and diagnostic.fix.applicability in wanted
            and self._key(source, diagnostic) not in self.blocked
            and self.should_fix(diagnostic)
        ]
        candidates.sort(key=lambda d: (d.range.start.offset, d.range.end.offset, d.code))
        return candidates

    def _pass(
        self,
        iteration: int,
        current: SourceText,
        diagnostics: list[Diagnostic],
        candidates: list[Diagnostic],
    ) -> tuple[_Outcome, list[Diagnostic]] | None:
        """Run one pass; return the outcome to keep and its fixes, or ``None`` for none."""
        chosen: list[Diagnostic] = []
        taken: list[Edit] = []
        deferred = 0
        for diagnostic in candidates:
            fix = _fix_of(diagnostic)
            try:
                _ordered_edits(len(current.text), fix.edits)
            except ValueError as exc:
                self._revert(current, diagnostic, f"{REASON_INVALID}: {exc}")
                continue
            if any(_conflict(edit, other) for edit in fix.edits for other in taken):
                deferred += 1
                LOG.debug("iteration %d: deferred %s (%s)", iteration, diagnostic.code, fix.title)
                continue
            chosen.append(diagnostic)
            taken.extend(fix.edits)
        LOG.debug(
            "%s: iteration %d: applying %d fixes (%s), deferring %d",
            current.path,
            iteration,
            len(chosen),
            ", ".join(diagnostic.code for diagnostic in chosen),
            deferred,
        )
        if not chosen:
            return None
        outcome = self._try(current, diagnostics, chosen)
        if outcome.ok:
            return outcome, chosen
        if len(chosen) > 1:
            # NOTE: a syntax error cannot be pinned on a fix by its position (an unclosed quote
            # breaks lines far away), so each fix is tried alone on the text of this pass.
            LOG.debug("iteration %d: isolating %d fixes", iteration, len(chosen))
            alone = [(d, self._try(current, diagnostics, [d])) for d in chosen]
        else:
            alone = [(chosen[0], outcome)]
        good: list[tuple[Diagnostic, _Outcome]] = []
        for diagnostic, single in alone:
            reason = _reason(single, diagnostic)
            if reason is None:
                good.append((diagnostic, single))
            else:
                self._revert(current, diagnostic, reason)
        if not good:
            return None
        if len(good) < len(chosen) and len(good) > 1:
            together = self._try(current, diagnostics, [diagnostic for diagnostic, _ in good])
            if together.ok:
                return together, [diagnostic for diagnostic, _ in good]
        # The good fixes only fail together (or there is just one): keep the first, which was
        # checked alone, and let the next pass retry the others on the new text.
        diagnostic, single = good[0]
        return single, [diagnostic]

    def _try(
        self, current: SourceText, diagnostics: list[Diagnostic], chosen: list[Diagnostic]
    ) -> _Outcome:
        edits = _ordered_edits(
            len(current.text), [edit for diagnostic in chosen for edit in _fix_of(diagnostic).edits]
        )
        text = apply_edits(current.text, edits)
        if text == current.text:
            # Nothing to lint: every chosen fix is a no-op, so none removes its finding.
            return _Outcome(current, diagnostics, edits, None, list(chosen), unchanged=True)
        after = SourceText(
            path=current.path, text=text, raw=current.encode(text), has_bom=current.has_bom
        )
        after_diagnostics = self.lint(after)
        return _Outcome(
            source=after,
            diagnostics=after_diagnostics,
            edits=edits,
            syntax_error=_new_syntax_error(diagnostics, after_diagnostics, edits),
            not_removed=[
                diagnostic
                for diagnostic in chosen
                if _still_reported(diagnostic, diagnostics, chosen, after_diagnostics, edits)
            ],
        )

    def _accept(self, iteration: int, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            LOG.debug(
                "iteration %d: applied %s at %d:%d (%s)",
                iteration,
                diagnostic.code,
                diagnostic.range.start.line + 1,
                diagnostic.range.start.column + 1,
                _fix_of(diagnostic).title,
            )
        self.fixed.extend(diagnostics)

    def _revert(self, current: SourceText, diagnostic: Diagnostic, reason: str) -> None:
        LOG.debug(
            "reverted %s at %d:%d (%s): %s",
            diagnostic.code,
            diagnostic.range.start.line + 1,
            diagnostic.range.start.column + 1,
            _fix_of(diagnostic).title,
            reason,
        )
        self.blocked.add(self._key(current, diagnostic))
        self.reverted.append((diagnostic, reason))

    @staticmethod
    def _key(source: SourceText, diagnostic: Diagnostic) -> _BlockKey:
        # The fix is named by what it replaces, not where, so the key survives other fixes
        # shifting the text; the finding's start (mapped forward) tells equal fixes apart.
        fix = _fix_of(diagnostic)
        start = diagnostic.range.start.offset
        length = len(source.text)
        segments = tuple(
            (
                source.text[edit.start : edit.end]
                if 0 <= edit.start <= edit.end <= length
                else f"<invalid {edit.start - start}..{edit.end - start}>",
                edit.replacement,
            )
            for edit in fix.edits
        )
        return (diagnostic.code, start, fix.title, segments)


def _fix_of(diagnostic: Diagnostic) -> Fix:
    assert diagnostic.fix is not None, "only diagnostics with a fix get here"
    return diagnostic.fix


def _conflict(a: Edit, b: Edit) -> bool:
    # NOTE: edits of different fixes that merely touch are also kept apart: their order at the
    # shared offset would be a guess, and the next pass applies the deferred one cheaply.
    return a.start <= b.end and b.start <= a.end


def _reason(outcome: _Outcome, diagnostic: Diagnostic) -> str | None:
    if outcome.syntax_error is not None:
        return f"{REASON_SYNTAX} ({outcome.syntax_error})"
    if diagnostic in outcome.not_removed:
        return REASON_NO_CHANGE if outcome.unchanged else REASON_NOT_REMOVED
    return None


def _new_syntax_error(
    before: list[Diagnostic], after: list[Diagnostic], edits: Sequence[Edit]
) -> str | None:
    """Return the message of a syntax error that the edits introduced, if any."""
    old = Counter(
        (diagnostic.message, map_offset(diagnostic.range.start.offset, edits))
        for diagnostic in before
        if diagnostic.code == SYNTAX_ERROR_CODE
    )
    for diagnostic in after:
        if diagnostic.code != SYNTAX_ERROR_CODE:
            continue
        key = (diagnostic.message, diagnostic.range.start.offset)
        if old[key] > 0:
            old[key] -= 1
            continue
        return diagnostic.message
    return None


def _still_reported(
    fixed: Diagnostic,
    before: list[Diagnostic],
    chosen: list[Diagnostic],
    after: list[Diagnostic],
    edits: Sequence[Edit],
) -> bool:
    """Return whether the rule of ``fixed`` still reports at the place the fix rewrote."""
    start = map_offset(fixed.range.start.offset, edits)
    end = map_offset(fixed.range.end.offset, edits, after_insertions=True)
    # Findings of the same rule that were there before and were not being fixed are expected
    # to stay; only a finding they do not explain counts against the fix.
    others = [d for d in before if d.code == fixed.code and d not in chosen]
    unchanged = {
        (diagnostic.message, map_offset(diagnostic.range.start.offset, edits))
        for diagnostic in others
    }
    # One inside text an edit rewrote (the other entries of a list the fix turns into a
    # map) has no mapped place: it is expected back somewhere, with the same message.
    rewritten = Counter(
        diagnostic.message for diagnostic in others if _inside_an_edit(diagnostic, edits)
    )
    for diagnostic in after:
        if diagnostic.code != fixed.code:
            continue
        if (diagnostic.message, diagnostic.range.start.offset) in unchanged:
            continue
        if rewritten[diagnostic.message] > 0:
            rewritten[diagnostic.message] -= 1
            continue
        if _overlaps(start, end, diagnostic.range.start.offset, diagnostic.range.end.offset):
            return True
    return False


def _inside_an_edit(diagnostic: Diagnostic, edits: Sequence[Edit]) -> bool:
    first, last = diagnostic.range.start.offset, diagnostic.range.end.offset
    return any(edit.start < edit.end and edit.start <= first and last <= edit.end for edit in edits)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:
        return a_start <= b_end and b_start <= a_end
    return a_start < b_end and b_start < a_end


def unified_diff(path: Path | str, before: str, after: str) -> str:
    r"""Return a unified diff from ``before`` to ``after`` labelled with ``path``.

    Lines keep their own endings, as ``git diff`` prints them, so a CRLF file yields a diff
    that applies to it and a change of line ending alone still shows as a changed line. A
    last line without a line ending is followed by ``\ No newline at end of file``.

    Args:
        path: The file name shown in the ``---``/``+++`` headers.
        before: The original text.
        after: The fixed text.

    Returns:
        The diff, or an empty string when the texts are equal.
    """
    if before == after:
        return ""
    name = Path(path).as_posix()
    lines = difflib.unified_diff(
        _split_lines(before),
        _split_lines(after),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
        lineterm="\n",
    )
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _split_lines(text: str) -> list[str]:
    # NOTE: str.splitlines() also breaks at form feeds, U+2028 and other separators that are
    # ordinary characters in a Dockerfile or YAML line; only "\n" ends a line here.
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result

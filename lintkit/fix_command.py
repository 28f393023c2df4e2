"""``lintkit fix``: apply fixes to files, or show them as a diff.

Each file is fixed to a fixed point by :func:`lintkit.fixing.fix_text` and
written atomically; a file that changed on disk meanwhile, or that cannot be
written, is reported and left as it was.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from pathlib import Path

from lintkit.config import ConfigResolver
from lintkit.discovery import Target
from lintkit.engine import Linter, exceeds_threshold, guess_kind
from lintkit.fixing import FixResult, fix_text, unified_diff
from lintkit.output.common import display_path
from lintkit.records import record
from lintkit.rule import FileKind
from lintkit.runner import Worker, collect_targets, map_targets
from lintkit.source import SourceDecodeError, SourceText
from lintkit.writer import WriteRefused, write_atomic

LOG = logging.getLogger(__name__)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@record(frozen=False)
class FileFix:
    """The outcome of fixing one file."""

    path: Path
    result: FixResult | None = None
    error: str | None = None
    failing: bool = False


def fix_file(
    path: Path, linter: Linter, kind: FileKind | None, *, unsafe: bool, write: bool
) -> FileFix:
    """Fix one file; write it back unless ``write`` is false."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return FileFix(path, error=f"cannot read: {exc.strerror or exc}")
    try:
        source = SourceText.from_bytes(path, raw)
    except SourceDecodeError as exc:
        return FileFix(path, error=f"{exc.line + 1}:{exc.column + 1}: {exc.message}; not fixed")
    resolved = kind or guess_kind(path, source.text)
    if resolved is None:
        return FileFix(path, error="cannot tell whether this is a Dockerfile or a compose file")
    result = fix_text(source, lambda text: linter.lint_source(text, resolved), unsafe=unsafe)
    failing = exceeds_threshold(result.remaining, linter.config.failure_threshold)
    if result.changed and write:
        try:
            write_atomic(path, source.encode(result.text), expected=raw)
        except WriteRefused as exc:
            return FileFix(path, result, error=f"not written: {exc}", failing=failing)
    return FileFix(path, result, failing=failing)


def _fix_in_worker(worker: Worker, target: Target, *, unsafe: bool, write: bool) -> FileFix:
    return fix_file(target.path, worker.linter_for(target), target.kind, unsafe=unsafe, write=write)


def run_fix(args: argparse.Namespace, resolver: ConfigResolver) -> int:
    """Fix every file below the given paths and print a summary."""
    kind = FileKind(args.kind) if args.kind else None
    paths = args.paths or [Path(".")]
    targets, problems = collect_targets(paths, resolver, kind)
    for path, message in problems:
        print(f"lintkit: {path}: {message}", file=sys.stderr)
    task = functools.partial(_fix_in_worker, unsafe=args.unsafe_fixes, write=not args.diff)
    outcomes = map_targets(task, targets, resolver)
    for outcome in outcomes:
        _report(outcome, diff=args.diff, quiet=args.quiet)
    if not args.quiet:
        print(_summary(outcomes, diff=args.diff, unsafe=args.unsafe_fixes))
    changed = any(o.result is not None and o.result.changed for o in outcomes)
    if problems or any(o.error for o in outcomes):
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if changed else EXIT_OK
    if args.exit_non_zero_on_fix and changed:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if any(o.failing for o in outcomes) else EXIT_OK


def _report(outcome: FileFix, *, diff: bool, quiet: bool) -> None:
    shown = display_path(outcome.path)
    if outcome.error:
        print(f"lintkit: {shown}: {outcome.error}", file=sys.stderr)
    result = outcome.result
    if result is None:
        return
    if diff and result.changed:
        before = SourceText.from_bytes(outcome.path, outcome.path.read_bytes()).text
        sys.stdout.write(unified_diff(shown, before, result.text))
    for diagnostic, reason in result.reverted:
        print(
            f"lintkit: {shown}:{diagnostic.range.start.line + 1}: fix for {diagnostic.code} "
            f"[{diagnostic.name}] was not applied: {reason}",
            file=sys.stderr,
        )
    if result.error:
        print(f"lintkit: {shown}: {result.error}", file=sys.stderr)
    if not quiet and not diff:
        for diagnostic in result.remaining:
            start = diagnostic.range.start
            print(
                f"{shown}:{start.line + 1}:{start.column + 1}: {diagnostic.code} "
                f"[{diagnostic.name}] {diagnostic.message}"
            )


def _summary(outcomes: list[FileFix], *, diff: bool, unsafe: bool) -> str:
    results = [o.result for o in outcomes if o.result is not None]
    fixed = sum(len(r.fixed) for r in results)
    files = sum(1 for r in results if r.changed)
    left = sum(len(r.remaining) for r in results)
    more = sum(r.unsafe_fixable for r in results)
    verb = "Would fix" if diff else "Fixed"
    text = (
        f"{verb} {fixed} finding{'s' if fixed != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}; {left} left"
    )
    if more and not unsafe:
        text += f" ({more} more fixable with --unsafe-fixes)"
    return text + "."

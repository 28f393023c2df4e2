"""Helpers shared by the output formats."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from lintkit.diagnostics import Severity
from lintkit.engine import FileReport
from lintkit.project_files import resolved
from lintkit.records import field, record
from lintkit.source import SourceDecodeError, SourceText


@record(frozen=False)
class RunSummary:
    """Counts shown at the end of a run."""

    files: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    safe_fixable: int = 0
    unsafe_fixable: int = 0
    not_checked: int = 0

    @classmethod
    def of(cls, reports: Sequence[FileReport]) -> RunSummary:
        """Count findings and fixes over every report."""
        summary = cls(files=len(reports))
        for report in reports:
            if report.error:
                summary.not_checked += 1
            tally = report.tally()
            for severity, count in tally.by_severity:
                summary.by_severity[severity] += count
            summary.safe_fixable += tally.safe_fixable
            summary.unsafe_fixable += tally.unsafe_fixable
        return summary

    @property
    def total(self) -> int:
        """All findings."""
        return sum(self.by_severity.values())


@functools.lru_cache(maxsize=4096)
def display_path(path: Path) -> str:
    """A path as users typed it: relative to the current folder when below it."""
    try:
        return resolved(path).relative_to(resolved(Path.cwd())).as_posix()
    except (ValueError, OSError):
        return str(path)


def file_uri(path: Path) -> str:
    """An absolute ``file://`` URI for a path."""
    try:
        return resolved(path).as_uri()
    except ValueError:
        return str(path)


def utf16_column(source: SourceText | None, line: int, column: int) -> int:
    """Convert a code-point column to UTF-16 units, as LSP and SARIF count them."""
    if source is None:
        return column
    text = source.line_text(line)[:column]
    if text.isascii():
        return column
    return len(text.encode("utf-16-le")) // 2


def lsp_range(
    source: SourceText | None, start: tuple[int, int], end: tuple[int, int]
) -> dict[str, dict[str, int]]:
    """An LSP ``Range`` from 0-based (line, column) pairs."""
    return {
        "start": {"line": start[0], "character": utf16_column(source, *start)},
        "end": {"line": end[0], "character": utf16_column(source, *end)},
    }


def report_source(report: FileReport) -> SourceText | None:
    """The report's text, read again from disk when a worker process did not send it back."""
    if report.source is None and report.diagnostics and report.error is None:
        try:
            report.source = SourceText.from_bytes(report.path, report.path.read_bytes())
        except (OSError, SourceDecodeError):
            return None
    return report.source

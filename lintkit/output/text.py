"""``--output-format text``: findings with source excerpts, then a summary.

Plain text is built first; colour is added with rich only when the output is a
terminal and ``NO_COLOR`` is not set, so a pipe or a file never gets escapes
(and a plain run never pays for importing rich).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path

from lintkit.diagnostics import Applicability, Diagnostic, Severity
from lintkit.engine import FileReport, Prerender
from lintkit.output.common import RunSummary, display_path, report_source
from lintkit.source import SourceDecodeError, SourceText

MAX_EXCERPT_LINES = 4
_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
    Severity.STYLE: "magenta",
}


def _load(path: Path, cache: dict[Path, SourceText | None]) -> SourceText | None:
    if path not in cache:
        try:
            cache[path] = SourceText.from_bytes(path, path.read_bytes())
        except (OSError, SourceDecodeError):
            cache[path] = None
    return cache[path]


def _excerpt(diagnostic: Diagnostic, source: SourceText, lines: list[tuple[str, str]]) -> None:
    start, end = diagnostic.range.start, diagnostic.range.end
    last = min(end.line, start.line + MAX_EXCERPT_LINES - 1)
    if end.line > start.line and end.column == 0:
        last = min(last, end.line - 1)
    width = len(str(last + 1))
    gutter = " " * width
    lines.append((f"{gutter} |", "dim"))
    style = _STYLES[diagnostic.severity]
    for line in range(start.line, last + 1):
        text = source.line_text(line).expandtabs(1)
        lines.append((f"{line + 1:>{width}} | {text}", ""))
        first_col = start.column if line == start.line else len(text) - len(text.lstrip())
        last_col = end.column if line == end.line else len(text)
        marker_width = max(last_col - first_col, 1)
        lines.append((f"{gutter} | {' ' * first_col}{'^' * marker_width}", style))
    if last < end.line:
        lines.append((f"{gutter} | ...", "dim"))


def _fix_line(diagnostic: Diagnostic) -> str | None:
    if diagnostic.fix is not None:
        kind = "safe" if diagnostic.fix.applicability is Applicability.SAFE else "unsafe"
        return f"  = fix ({kind}): {diagnostic.fix.title}"
    if diagnostic.unfixable_reason:
        return f"  = not fixable here: {diagnostic.unfixable_reason}"
    return None


def _report_lines(
    report: FileReport, show_source: bool, cache: dict[Path, SourceText | None]
) -> list[tuple[str, str]]:
    """``(text, rich style)`` lines for one report (a list: cheaper than a generator here)."""
    lines: list[tuple[str, str]] = []
    shown = display_path(report.path)
    if report.error:
        lines.append((f"{shown}: not checked: {report.error}", "bold red"))
    # Findings almost always belong to the report's own file: look its name and text up once.
    own_source = _load(report.path, cache) if show_source and report.diagnostics else None
    for diagnostic in report.diagnostics:
        start = diagnostic.range.start
        own = diagnostic.path is report.path or diagnostic.path == report.path
        where = shown if own else display_path(diagnostic.path)
        lines.append(
            (
                f"{where}:{start.line + 1}:{start.column + 1}: "
                f"{diagnostic.code} [{diagnostic.name}] {diagnostic.message}",
                _STYLES[diagnostic.severity],
            )
        )
        if not show_source:
            continue
        source = own_source if own else _load(diagnostic.path, cache)
        if source is not None:
            _excerpt(diagnostic, source, lines)
        fix = _fix_line(diagnostic)
        if fix:
            lines.append((fix, "green" if diagnostic.fix else "dim"))
        lines.append(("", ""))
    return lines


def _report_text(
    report: FileReport, show_source: bool, cache: dict[Path, SourceText | None]
) -> str:
    if report.rendered is not None:
        return report.rendered
    lines = _report_lines(report, show_source, cache)
    return "\n".join([text for text, _ in lines]) + "\n" if lines else ""


def _plain(report: FileReport, *, show_source: bool) -> str:
    # A report from the cache comes without its text: the excerpts then read the file.
    known: dict[Path, SourceText | None] = {}
    if report.source is not None:
        known[report.path] = report.source
    return _report_text(report, show_source, known)


def prerenderer(*, show_source: bool) -> Prerender:
    """Render each report where it is linted (see :class:`~lintkit.engine.Prerender`)."""
    variant = "text" if show_source else "text-without-source"
    return Prerender(functools.partial(_plain, show_source=show_source), variant)


def render_lines(
    reports: Sequence[FileReport], *, show_source: bool = True, statistics: bool = False
) -> Iterator[tuple[str, str]]:
    """Yield ``(text, rich style)`` lines for the whole run."""
    yield from _file_lines(reports, show_source)
    yield from _closing_lines(reports, statistics)


def _sources(reports: Sequence[FileReport]) -> dict[Path, SourceText | None]:
    """The text of each report not rendered yet, for its excerpts."""
    return {r.path: report_source(r) for r in reports if r.rendered is None}


def _file_lines(reports: Sequence[FileReport], show_source: bool) -> Iterator[tuple[str, str]]:
    cache = _sources(reports)
    for report in reports:
        if report.rendered is not None:
            yield from ((line, "") for line in report.rendered.splitlines())
        else:
            yield from _report_lines(report, show_source, cache)


def _closing_lines(reports: Sequence[FileReport], statistics: bool) -> Iterator[tuple[str, str]]:
    summary = RunSummary.of(reports)
    if statistics:
        yield from _statistics(reports)
    yield _summary_text(summary), "bold"


def _statistics(reports: Sequence[FileReport]) -> Iterator[tuple[str, str]]:
    counts: dict[tuple[str, str], int] = {}
    fixable: dict[str, bool] = {}
    for report in reports:
        for diagnostic in report.diagnostics:
            key = (diagnostic.code, diagnostic.name)
            counts[key] = counts.get(key, 0) + 1
            fixable[diagnostic.code] = fixable.get(diagnostic.code, False) or bool(diagnostic.fix)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "*" if fixable[code] else " "
        yield f"{count:>6} {code} {mark} {name}", ""
    if counts:
        yield "", ""


def _summary_text(summary: RunSummary) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    if not summary.total:
        text = f"Checked {files}: no findings."
    else:
        parts = [
            f"{summary.by_severity[level]} {level.label}"
            for level in sorted(Severity, reverse=True)
            if summary.by_severity[level]
        ]
        noun = "finding" if summary.total == 1 else "findings"
        text = f"Checked {files}: {summary.total} {noun} ({', '.join(parts)})."
        if summary.safe_fixable:
            text += f" {summary.safe_fixable} fixable with `lintkit fix`"
            if summary.unsafe_fixable:
                text += f" ({summary.unsafe_fixable} more with `--unsafe-fixes`)"
            text += "."
        elif summary.unsafe_fixable:
            text += f" {summary.unsafe_fixable} fixable with `lintkit fix --unsafe-fixes`."
    if summary.not_checked:
        text += f" {summary.not_checked} not checked."
    return text


def render(
    reports: Sequence[FileReport],
    *,
    color: bool,
    show_source: bool = True,
    statistics: bool = False,
) -> str | None:
    """Return the plain text, or print it in colour and return ``None``."""
    if not color:
        # Reports rendered by worker processes are plain text already.
        cache = _sources(reports)
        body = "".join(_report_text(report, show_source, cache) for report in reports)
        return body + "".join(text + "\n" for text, _ in _closing_lines(reports, statistics))
    lines = render_lines(reports, show_source=show_source, statistics=statistics)
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for text, style in lines:
        console.print(Text(text, style=style))
    return None

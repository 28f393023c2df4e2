"""``--output-format github``: GitHub Actions workflow annotation commands."""

from __future__ import annotations

from collections.abc import Sequence

from lintkit.diagnostics import Severity
from lintkit.engine import FileReport
from lintkit.output.common import display_path

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.STYLE: "notice",
}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport]) -> str:
    """One ``::level file=…,line=…::message`` line per finding."""
    lines = []
    for report in reports:
        for diagnostic in report.diagnostics:
            start, end = diagnostic.range.start, diagnostic.range.end
            properties = ",".join(
                [
                    f"file={_escape_property(display_path(diagnostic.path))}",
                    f"line={start.line + 1}",
                    f"col={start.column + 1}",
                    f"endLine={end.line + 1}",
                    f"endColumn={end.column + 1}",
                    f"title={_escape_property(f'{diagnostic.code} {diagnostic.name}')}",
                ]
            )
            level = _LEVEL[diagnostic.severity]
            lines.append(f"::{level} {properties}::{_escape_data(diagnostic.message)}")
    return "\n".join(lines) + ("\n" if lines else "")

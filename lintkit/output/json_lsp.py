"""``--output-format json``: LSP ``Diagnostic`` objects grouped by file.

An editor plugin can use the output without translating it: ranges are 0-based
with UTF-16 columns, severities are LSP's 1 to 4, and fixes are ``TextEdit`` lists.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lintkit.diagnostics import Diagnostic, Fix
from lintkit.engine import FileReport
from lintkit.output.common import file_uri, lsp_range, report_source
from lintkit.source import SourceText


def text_edits(fix: Fix, source: SourceText | None) -> list[dict[str, Any]]:
    """A fix's edits as LSP ``TextEdit`` objects."""
    edits = []
    for edit in fix.edits:
        if source is not None:
            start, end = source.position(edit.start), source.position(edit.end)
            range_ = lsp_range(source, (start.line, start.column), (end.line, end.column))
        else:
            range_ = lsp_range(None, (0, 0), (0, 0))
        edits.append({"range": range_, "newText": edit.replacement})
    return edits


def lsp_diagnostic(diagnostic: Diagnostic, source: SourceText | None) -> dict[str, Any]:
    """One finding as an LSP ``Diagnostic``."""
    start, end = diagnostic.range.start, diagnostic.range.end
    data: dict[str, Any] = {"name": diagnostic.name}
    if diagnostic.fix is not None:
        data["fix"] = {
            "title": diagnostic.fix.title,
            "applicability": diagnostic.fix.applicability.value,
            "edits": text_edits(diagnostic.fix, source),
        }
    if diagnostic.unfixable_reason:
        data["unfixable_reason"] = diagnostic.unfixable_reason
    result: dict[str, Any] = {
        "range": lsp_range(source, (start.line, start.column), (end.line, end.column)),
        "severity": diagnostic.severity.lsp,
        "code": diagnostic.code,
        "source": "lintkit",
        "message": diagnostic.message,
        "data": data,
    }
    if diagnostic.doc_url:
        result["codeDescription"] = {"href": diagnostic.doc_url}
    return result


def render(reports: Sequence[FileReport]) -> str:
    """The whole run as a JSON array of ``{"uri", "diagnostics"}`` objects."""
    by_path: dict[Path, list[dict[str, Any]]] = {}
    sources: dict[Path, SourceText | None] = {}
    for report in reports:
        if report.error:
            continue
        by_path.setdefault(report.path, [])
        sources[report.path] = report_source(report)
        for diagnostic in report.diagnostics:
            source = sources.get(diagnostic.path) if diagnostic.path == report.path else None
            by_path.setdefault(diagnostic.path, []).append(lsp_diagnostic(diagnostic, source))
    files = [{"uri": file_uri(path), "diagnostics": items} for path, items in by_path.items()]
    return json.dumps(files, indent=2, ensure_ascii=False)

"""``--output-format sarif``: SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lintkit import __version__
from lintkit.diagnostics import Severity
from lintkit.engine import FileReport
from lintkit.output.common import report_source, utf16_column
from lintkit.registry import Registry
from lintkit.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.STYLE: "note",
}


def _artifact_uri(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.resolve().as_uri()


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.documentation(), "markdown": rule.documentation()},
        "helpUri": rule.doc_url(),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [kind.value for kind in sorted(rule.kinds, key=str)]},
    }


def render(reports: Sequence[FileReport], registry: Registry) -> str:
    """A SARIF log with one run; rules used by the findings are described in the driver."""
    used: list[str] = []
    results = []
    sources = {report.path: report_source(report) for report in reports}
    for report in reports:
        for diagnostic in report.diagnostics:
            if diagnostic.code not in used:
                used.append(diagnostic.code)
            source = sources.get(diagnostic.path)
            start, end = diagnostic.range.start, diagnostic.range.end
            region = {
                "startLine": start.line + 1,
                "startColumn": utf16_column(source, start.line, start.column) + 1,
                "endLine": end.line + 1,
                "endColumn": utf16_column(source, end.line, end.column) + 1,
            }
            results.append(
                {
                    "ruleId": diagnostic.code,
                    "ruleIndex": used.index(diagnostic.code),
                    "level": _LEVEL[diagnostic.severity],
                    "message": {"text": diagnostic.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _artifact_uri(diagnostic.path)},
                                "region": region,
                            }
                        }
                    ],
                }
            )
    by_code = registry.by_code()
    rules = [_rule_descriptor(by_code[code]) for code in used if code in by_code]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lintkit",
                        "version": __version__,
                        "informationUri": "https://github.com/lintkit/lintkit",
                        "rules": rules,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)

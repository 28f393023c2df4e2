"""``--output-format gitlab``: a GitLab Code Quality report (JSON array of issues).

GitLab matches issues between the base and the merge request by ``fingerprint``, so it
must not change when unrelated lines are added above a finding: it hashes the path, the
rule, the message and the text of the finding's first line, plus the finding's place
among identical ones, never line numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from lintkit.baseline import FindingKeys
from lintkit.diagnostics import Severity
from lintkit.engine import FileReport
from lintkit.output.common import display_path

SEVERITY = {
    Severity.STYLE: "info",
    Severity.INFO: "minor",
    Severity.WARNING: "major",
    Severity.ERROR: "critical",
}


def fingerprint(path: str, code: str, message: str, line_text: str, occurrence: int) -> str:
    """A stable identifier of a finding that survives code moving up or down."""
    material = "\0".join((path, code, message, line_text, str(occurrence)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def issues(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    """Code Quality issues for every finding, in report order."""
    keys = FindingKeys(reports)
    result = []
    for report in reports:
        for diagnostic, key in keys.keys(report, display_path):
            path = key.path
            result.append(
                {
                    "type": "issue",
                    "description": f"{diagnostic.code} [{diagnostic.name}] {diagnostic.message}",
                    "check_name": f"{diagnostic.code} {diagnostic.name}",
                    "fingerprint": fingerprint(
                        path, diagnostic.code, diagnostic.message, key.line_text, key.occurrence
                    ),
                    "severity": SEVERITY[diagnostic.severity],
                    "categories": [
                        "Style" if diagnostic.severity is Severity.STYLE else "Bug Risk"
                    ],
                    "location": {
                        "path": path,
                        "lines": {
                            "begin": diagnostic.range.start.line + 1,
                            "end": diagnostic.range.end.line + 1,
                        },
                    },
                }
            )
    return result


def render(reports: Sequence[FileReport]) -> str:
    """The report as GitLab reads it from a ``codequality`` artifact."""
    return json.dumps(issues(reports), indent=2, ensure_ascii=False) + "\n"

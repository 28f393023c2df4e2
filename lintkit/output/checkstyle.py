"""``--output-format checkstyle``: Checkstyle XML, read by Jenkins, reviewdog and others."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lintkit.diagnostics import Severity
from lintkit.engine import FileReport
from lintkit.output.common import display_path

SEVERITY = {
    Severity.STYLE: "info",
    Severity.INFO: "info",
    Severity.WARNING: "warning",
    Severity.ERROR: "error",
}


def render(reports: Sequence[FileReport]) -> str:
    """One ``<file>`` per checked file with an ``<error>`` per finding."""
    root = ET.Element("checkstyle", version="4.3")
    files: dict[str, ET.Element] = {}
    for report in reports:
        path = display_path(report.path)
        if report.error:
            element = files.get(path)
            if element is None:
                element = files[path] = ET.SubElement(root, "file", name=path)
            ET.SubElement(
                element,
                "error",
                line="1",
                severity="error",
                message=f"not checked: {report.error}",
                source="lintkit.not-checked",
            )
            continue
        files.setdefault(path, ET.SubElement(root, "file", name=path))
        for diagnostic in report.diagnostics:
            shown = display_path(diagnostic.path)
            element = files.get(shown)
            if element is None:
                element = files[shown] = ET.SubElement(root, "file", name=shown)
            start = diagnostic.range.start
            ET.SubElement(
                element,
                "error",
                line=str(start.line + 1),
                column=str(start.column + 1),
                severity=SEVERITY[diagnostic.severity],
                message=f"{diagnostic.message} ({diagnostic.code} {diagnostic.name})",
                source=f"lintkit.{diagnostic.code}.{diagnostic.name}",
            )
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

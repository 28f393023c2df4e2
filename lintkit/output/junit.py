"""``--output-format junit``: JUnit XML, one test suite per file, one test case per finding.

CI systems that show test reports (GitLab, Jenkins, Azure) then list each finding as a
failed test; a clean file appears as one passing test, and a file lintkit could not check
as an error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lintkit.engine import FileReport
from lintkit.output.common import display_path


def render(reports: Sequence[FileReport]) -> str:
    """The whole run as a ``<testsuites>`` document."""
    root = ET.Element("testsuites", name="lintkit")
    total = failures = errors = 0
    for report in reports:
        path = display_path(report.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        suite_failures = suite_errors = 0
        if report.error:
            case = ET.SubElement(suite, "testcase", name="lintkit", classname=path, file=path)
            ET.SubElement(case, "error", message=report.error, type="not-checked")
            suite_errors += 1
        elif not report.diagnostics:
            ET.SubElement(suite, "testcase", name="lintkit", classname=path, file=path)
        for diagnostic in report.diagnostics:
            start = diagnostic.range.start
            shown = display_path(diagnostic.path)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{diagnostic.code} {diagnostic.name} at {start.line + 1}:{start.column + 1}",
                classname=shown,
                file=shown,
                line=str(start.line + 1),
            )
            failure = ET.SubElement(
                case,
                "failure",
                message=diagnostic.message,
                type=f"{diagnostic.code} {diagnostic.name} ({diagnostic.severity.label})",
            )
            failure.text = (
                f"{shown}:{start.line + 1}:{start.column + 1}: "
                f"{diagnostic.code} [{diagnostic.name}] {diagnostic.message}"
            )
            suite_failures += 1
        count = len(suite)
        suite.set("tests", str(count))
        suite.set("failures", str(suite_failures))
        suite.set("errors", str(suite_errors))
        suite.set("skipped", "0")
        total += count
        failures += suite_failures
        errors += suite_errors
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

"""Snapshot and schema tests of every output format over a fixed set of findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from format_schemas import GITLAB_SCHEMA, validate_sarif
from format_schemas import sarif_schema as load_sarif_schema
from output_fixtures import build_reports

from lintkit.engine import FileReport
from lintkit.output import checkstyle, github, gitlab, json_lsp, junit, sarif, text
from lintkit.registry import Registry

_POSITION = {
    "type": "object",
    "required": ["line", "character"],
    "properties": {
        "line": {"type": "integer", "minimum": 0},
        "character": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}
_RANGE = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {"start": _POSITION, "end": _POSITION},
    "additionalProperties": False,
}
LSP_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["uri", "diagnostics"],
        "additionalProperties": False,
        "properties": {
            "uri": {"type": "string", "pattern": "^file://"},
            "diagnostics": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "range",
                        "severity",
                        "code",
                        "codeDescription",
                        "source",
                        "message",
                        "data",
                    ],
                    "additionalProperties": False,
                    "properties": {
                        "range": _RANGE,
                        "severity": {"enum": [1, 2, 3, 4]},
                        "code": {"type": "string", "pattern": "^LK[0-9]{3}$"},
                        "codeDescription": {
                            "type": "object",
                            "required": ["href"],
                            "properties": {"href": {"type": "string", "format": "uri"}},
                        },
                        "source": {"const": "lintkit"},
                        "message": {"type": "string", "minLength": 1},
                        "data": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {
                                "name": {"type": "string"},
                                "unfixable_reason": {"type": "string"},
                                "fix": {
                                    "type": "object",
                                    "required": ["title", "applicability", "edits"],
                                    "properties": {
                                        "applicability": {"enum": ["safe", "unsafe"]},
                                        "edits": {
                                            "type": "array",
                                            "items": {
                                                "type": "object",
                                                "required": ["range", "newText"],
                                                "properties": {
                                                    "range": _RANGE,
                                                    "newText": {"type": "string"},
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def _render(fmt: str, reports: list[FileReport], registry: Registry) -> str:
    if fmt == "text":
        rendered = text.render(reports, color=False, statistics=True)
        assert rendered is not None
        return rendered
    if fmt == "json":
        return json_lsp.render(reports)
    if fmt == "sarif":
        return sarif.render(reports, registry)
    module = {"github": github, "gitlab": gitlab, "junit": junit, "checkstyle": checkstyle}[fmt]
    rendered_other: str = module.render(reports)
    return rendered_other


@pytest.mark.parametrize(
    "fmt", ["text", "json", "sarif", "github", "gitlab", "junit", "checkstyle"]
)
def test_snapshot(
    fmt: str, reports: list[FileReport], registry: Registry, root: Path, snapshot: Any
) -> None:
    output = _render(fmt, reports, registry)
    # Absolute paths (file URIs) depend on the temporary folder.
    output = output.replace(root.resolve().as_uri(), "file:///ROOT")
    output = output.replace(str(root.resolve()), "/ROOT")
    snapshot.snapshot_dir = Path(__file__).parent / "snapshots"
    snapshot.assert_match(output, f"{fmt}.txt")


def test_gitlab_matches_schema(reports: list[FileReport]) -> None:
    document = json.loads(gitlab.render(reports))
    jsonschema.validate(document, GITLAB_SCHEMA)
    assert [issue["severity"] for issue in document] == ["major", "info", "critical", "minor"]
    assert len({issue["fingerprint"] for issue in document}) == len(document)


def test_gitlab_fingerprint_ignores_line_numbers(root: Path) -> None:
    before = json.loads(gitlab.render(build_reports(root)))
    moved = "# a comment\n\n# another\n" + (root / "app" / "Dockerfile").read_text()
    after = json.loads(gitlab.render(build_reports(root, moved)))
    assert [i["location"]["lines"]["begin"] for i in after[:3]] == [4, 5, 6]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_fingerprint_distinguishes_identical_findings(root: Path) -> None:
    reports = build_reports(root)
    docker = reports[0]
    first = docker.diagnostics[0]
    reports[0] = FileReport(docker.path, docker.kind, [first, first], docker.source)
    issues = json.loads(gitlab.render(reports[:1]))
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_lsp_json_shape(reports: list[FileReport]) -> None:
    document = json.loads(json_lsp.render(reports))
    jsonschema.validate(document, LSP_SCHEMA)
    by_name = {
        Path(entry["uri"]).parent.name + "/" + Path(entry["uri"]).name: entry for entry in document
    }
    docker = by_name["app/Dockerfile"]["diagnostics"]
    # "été" holds no astral characters: UTF-16 columns equal code points here.
    assert docker[1]["range"]["start"] == {"line": 1, "character": 24}
    assert docker[0]["data"]["fix"]["edits"][0]["newText"] == ":3.12"
    assert by_name["clean/Dockerfile"]["diagnostics"] == []


def test_junit_structure(reports: list[FileReport]) -> None:
    root = ET.fromstring(junit.render(reports))
    assert root.tag == "testsuites"
    assert root.get("tests") == "6" and root.get("failures") == "4" and root.get("errors") == "1"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [
        "app/Dockerfile",
        "compose.yaml",
        "clean/Dockerfile",
        "huge/Dockerfile",
    ]
    assert len(suites[0].findall("testcase/failure")) == 3
    clean_cases = suites[2].findall("testcase")
    assert len(clean_cases) == 1 and list(clean_cases[0]) == []
    assert suites[3].find("testcase/error") is not None
    for suite in suites:
        assert int(suite.get("tests", "-1")) == len(suite.findall("testcase"))


def test_checkstyle_structure(reports: list[FileReport]) -> None:
    root = ET.fromstring(checkstyle.render(reports))
    assert root.tag == "checkstyle"
    errors = root.findall("file/error")
    assert [e.get("severity") for e in errors] == ["warning", "info", "error", "info", "error"]
    assert errors[0].get("line") == "1" and errors[0].get("column") == "6"
    assert errors[0].get("source") == "lintkit.LK900.fake-image-rule"


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return load_sarif_schema(tmp_path_factory.mktemp("sarif-schema"))


def test_sarif_matches_official_schema(
    reports: list[FileReport], registry: Registry, sarif_schema: dict[str, Any]
) -> None:
    document = json.loads(sarif.render(reports, registry))
    validate_sarif(document, sarif_schema)
    assert len(document["runs"][0]["results"]) == 4


def test_sarif_schema_catches_a_broken_log(
    reports: list[FileReport], registry: Registry, sarif_schema: dict[str, Any]
) -> None:
    document = json.loads(sarif.render(reports, registry))
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate_sarif(document, sarif_schema)


def test_lsp_json_shape_of_a_real_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintkit.config import ConfigResolver
    from lintkit.registry import default_registry
    from lintkit.runner import run

    examples = Path(__file__).resolve().parents[2] / "examples"
    monkeypatch.chdir(examples)
    result = run([Path(".")], ConfigResolver(default_registry()))
    document = json.loads(json_lsp.render(result.reports))
    jsonschema.validate(document, LSP_SCHEMA)
    assert sum(len(entry["diagnostics"]) for entry in document) > 0

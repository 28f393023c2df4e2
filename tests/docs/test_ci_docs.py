"""The commands docs/ci.md tells users to run work, with the exit codes it documents."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from format_schemas import GITLAB_SCHEMA, validate_sarif
from format_schemas import sarif_schema as load_sarif_schema

CHECKOUT = Path(__file__).resolve().parents[2]
CI_DOC = CHECKOUT / "docs" / "ci.md"
EXAMPLES = CHECKOUT / "examples"
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _commands_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip().startswith("lintkit ")]
    if isinstance(value, list):
        return [command for item in value for command in _commands_in(item)]
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if key in ("run", "script") or isinstance(item, (dict, list)):
                found.extend(_commands_in(item))
        return found
    return []


def documented_commands() -> list[str]:
    """Every ``lintkit ...`` command in the YAML and console blocks of docs/ci.md, in order."""
    commands = []
    for language, body in _FENCE.findall(CI_DOC.read_text(encoding="utf-8")):
        if language == "yaml":
            commands.extend(_commands_in(yaml.safe_load(body)))
        elif language in ("console", "sh", "bash"):
            commands.extend(
                line.strip() for line in body.splitlines() if line.startswith("lintkit ")
            )
    return commands


def expected_exit_code(command: str) -> int:
    """What docs/ci.md documents for a run over examples/ (which has fixable findings)."""
    return 0 if "--exit-zero" in shlex.split(command) else 1


def test_the_doc_shows_the_commands_users_need() -> None:
    commands = documented_commands()
    assert "lintkit check --output-format sarif --exit-zero > lintkit.sarif" in commands
    assert "lintkit fix --diff" in commands
    assert any("--output-format gitlab" in command for command in commands)
    assert any("--output-format junit" in command for command in commands)


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, int, str]]]:
    """Run every documented command in a copy of examples/."""
    work = tmp_path_factory.mktemp("ci-docs") / "project"
    shutil.copytree(EXAMPLES, work)
    env = {
        **os.environ,
        "LINTKIT_CACHE_DIR": str(work.parent / "cache"),
        "NO_COLOR": "1",
    }
    results = []
    for command in documented_commands():
        shell = f"{shlex.quote(sys.executable)} -m lintkit {command.removeprefix('lintkit ')}"
        completed = subprocess.run(
            shell,
            shell=True,
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        results.append((command, completed.returncode, completed.stderr))
    return work, results


def test_documented_commands_exit_as_documented(
    ran: tuple[Path, list[tuple[str, int, str]]],
) -> None:
    _, results = ran
    assert results
    for command, code, stderr in results:
        assert code == expected_exit_code(command), f"{command}: exit {code}\n{stderr}"
    # `lintkit fix --diff` writes nothing.
    work, _ = ran
    for path in ("webapp/Dockerfile", "compose.yaml"):
        assert (work / path).read_bytes() == (EXAMPLES / path).read_bytes()


def test_reports_written_by_the_documented_commands_are_valid(
    ran: tuple[Path, list[tuple[str, int, str]]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    work, _ = ran
    schema = load_sarif_schema(tmp_path_factory.mktemp("sarif-schema"))
    sarif = json.loads((work / "lintkit.sarif").read_text())
    validate_sarif(sarif, schema)
    assert sarif["runs"][0]["results"], "examples/ should have findings"
    gitlab = json.loads((work / "gl-code-quality-report.json").read_text())
    jsonschema.validate(gitlab, GITLAB_SCHEMA)
    assert {issue["location"]["path"] for issue in gitlab} == {"compose.yaml", "webapp/Dockerfile"}
    junit = ET.parse(work / "lintkit-junit.xml").getroot()
    assert junit.tag == "testsuites" and int(junit.get("failures", "0")) == len(gitlab)
    checkstyle = ET.parse(work / "lintkit-checkstyle.xml").getroot()
    assert len(checkstyle.findall("file/error")) == len(gitlab)

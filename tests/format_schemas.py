"""Schemas the report formats are validated against, shared by several test folders.

The SARIF 2.1.0 schema is not committed: it is fetched once per test session from the npm
package that ships it (``npm pack``), so the test checks against the published schema.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SARIF_PACKAGE = "@microsoft/jest-sarif"
SARIF_SCHEMA_PATH = "package/lib/schemas/sarif-2.1.0-rtm.5.json"

_cached: dict[str, Any] = {}

# Written from GitLab's documented Code Quality report format: an array of issues, each with
# the required description, check_name, fingerprint, severity and location.path + lines.begin.
GITLAB_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def sarif_schema(folder: Path) -> dict[str, Any]:
    """The SARIF 2.1.0 schema from npm (once per session); skips the test without npm."""
    if "sarif" in _cached:
        schema: dict[str, Any] = _cached["sarif"]
        return schema
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not on PATH: cannot fetch the SARIF 2.1.0 schema package")
    completed = subprocess.run(
        [npm, "pack", SARIF_PACKAGE, "--silent", "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, f"npm pack {SARIF_PACKAGE} failed: {completed.stderr}"
    [archive] = list(folder.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        member = tar.extractfile(SARIF_SCHEMA_PATH)
        assert member is not None, f"{SARIF_SCHEMA_PATH} is not in {archive.name}"
        schema = json.loads(member.read())
    _cached["sarif"] = schema
    return schema


def validate_sarif(document: Any, schema: dict[str, Any]) -> None:
    """Validate a SARIF log against the official schema, with a readable failure."""
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

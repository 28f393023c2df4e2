"""Helpers shared by the tests of the compose hardening rules (LK500-LK549)."""

from __future__ import annotations

from pathlib import Path

import yaml

from lintkit.config import Config
from lintkit.diagnostics import Diagnostic
from lintkit.engine import Linter
from lintkit.fixing import FixResult, apply_edits, fix_text
from lintkit.registry import default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText
from tests.conftest import lint, spans


def run(text: str, rule: str, options: dict[str, object] | None = None) -> list[Diagnostic]:
    """Lint compose ``text`` with one rule."""
    return lint(
        text, "compose", [rule], path="compose.yaml", options={rule: options} if options else None
    )


def where(text: str, rule: str) -> list[tuple[int, int, int, int]]:
    """1-based (line, column, end line, end column) of each finding."""
    return [s[1:] for s in spans(run(text, rule))]


def messages(text: str, rule: str) -> str:
    """Findings as ``line:col message`` lines, for snapshots."""
    return "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run(text, rule)
    )


def fix_once(text: str, rule: str, options: dict[str, object] | None = None) -> str:
    """Apply the fixes of every finding of one lint (they must not overlap)."""
    edits = [edit for d in run(text, rule, options) if d.fix for edit in d.fix.edits]
    return apply_edits(text, edits)


def fix_all(text: str, rules: list[str]) -> FixResult:
    """Run the fix engine (unsafe fixes on) with the given rules."""
    registry = default_registry()
    linter = Linter(Config(registry=registry, select=tuple(rules), root=Path.cwd()))
    return fix_text(
        SourceText.from_text(text, "compose.yaml"),
        lambda source: linter.lint_source(source, FileKind.COMPOSE),
        unsafe=True,
    )


def assert_fix_properties(text: str, rule: str) -> str:
    """Fix ``text``; check it parses, fixable findings are gone and a re-fix is a no-op."""
    result = fix_all(text, [rule])
    assert result.error is None
    assert not result.reverted, result.reverted
    yaml.safe_load(result.text)  # still YAML
    again = run(result.text, rule)
    assert [d for d in again if d.fix is not None] == []
    assert all(d.unfixable_reason for d in again), again
    assert fix_all(result.text, [rule]).changed is False
    return result.text


#: Layouts every fix of a hardening rule is tried on (snapshots show the result).
LAYOUTS = {
    "commented": (
        "services:\n"
        "  # the front end\n"
        "  web:\n"
        "    image: nginx:1.27  # pinned\n"
        "    # data lives in a volume\n"
        "    volumes:\n"
        "      - data:/data\n"
        "  # the database\n"
        "  db:\n"
        "    image: postgres:16  # last line of db\n"
        "volumes:\n"
        "  data:\n"
    ),
    "four_spaces": "services:\n    web:\n        image: nginx:1.27\n        init: true\n",
    "flush": 'services:\n  web:\n    image: nginx:1.27\n    ports:\n    - "80:80"\n',
    "merge_key": (
        "x-common: &common\n  restart: always\n"
        "services:\n  web:\n    <<: *common\n    image: nginx:1.27\n"
    ),
}

#: Files whose fix must be refused, with the reason.
REFUSED = {
    "shared_service": (
        "x-base: &base\n  image: a:1\nservices:\n  web: *base\n  api: *base\n",
        "service 'web' is defined under a YAML anchor that other places use; adding the key "
        "there would change them too",
    ),
    "flow_service": (
        "services:\n  web: {image: 'a:1'}\n",
        "service 'web' is written in flow style ({...})",
    ),
}

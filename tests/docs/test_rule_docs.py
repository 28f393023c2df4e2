"""The rule reference in docs/rules/ must match what the rules say about themselves."""

from __future__ import annotations

from pathlib import Path

from lintkit import docs
from lintkit.diagnostics import Severity
from lintkit.registry import Registry, default_registry
from lintkit.rule import FileKind, FixAvailability, Option, Rule

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_generated_docs_are_up_to_date() -> None:
    problems = docs.differences(DOCS_DIR, docs.render_all(default_registry()))
    assert not problems, (
        "docs/rules is out of date; run `python -m lintkit.docs` and commit the result:\n"
        + "\n".join(problems)
    )


class FakeRule(Rule):
    """## What it does
    Flags a thing.

    ## Why is this bad?
    Because.

    ## Example
    ```dockerfile
    FROM x
    ```
    """

    code = "LK970"
    name = "fake-documented-rule"
    summary = "A rule with | a pipe"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE, FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL9000",)
    enabled_by_default = False
    options = (Option("allowed", ("a", "b"), "values allowed"), Option("strict", True, "be strict"))


def test_rule_page_layout() -> None:
    page = docs.render_rule(FakeRule)
    assert page.startswith("# fake-documented-rule (LK970)\n\nA rule with | a pipe\n\n| | |\n")
    assert "| Applies to | Dockerfile, Compose |" in page
    assert "| Default severity | info |" in page
    assert "| Fix | unsafe (needs `--unsafe-fixes`) |" in page
    assert "| Aliases | `DL9000` |" in page
    assert "| Enabled by default | no (select it to use it) |" in page
    assert '`allowed` = `["a", "b"]`: values allowed<br>`strict` = `true`: be strict' in page
    assert page.endswith("## Example\n```dockerfile\nFROM x\n```\n")


def test_index_and_check_cycle(tmp_path: Path) -> None:
    registry = Registry()
    registry.add(FakeRule)
    files = docs.render_all(registry)
    assert (
        "| LK970 | [fake-documented-rule](fake-documented-rule.md) (off by default) |"
        in (files["README.md"])
    )
    assert docs.differences(tmp_path, files) == [
        "README.md: missing",
        "fake-documented-rule.md: missing",
    ]
    (tmp_path / "old-rule.md").write_text("gone")
    assert sorted(docs.write(tmp_path, files)) == [
        "README.md",
        "fake-documented-rule.md",
        "old-rule.md",
    ]
    assert not (tmp_path / "old-rule.md").exists()
    assert docs.differences(tmp_path, files) == []
    (tmp_path / "README.md").write_text("edited")
    assert docs.differences(tmp_path, files) == ["README.md: out of date"]
    assert docs.write(tmp_path, files) == ["README.md"]


def test_check_command_exit_codes(tmp_path: Path) -> None:
    assert docs.main(["--check", "--output-dir", str(tmp_path)]) == 1
    assert docs.main(["--output-dir", str(tmp_path)]) == 0
    assert docs.main(["--check", "--output-dir", str(tmp_path)]) == 0

import pytest

from lintkit.registry import UnknownRuleError, default_registry
from lintkit.rule import CODE_PATTERN, NAME_PATTERN


def test_every_rule_has_unique_code_and_name():
    rules = default_registry().rules
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)
    for rule in rules:
        assert CODE_PATTERN.match(rule.code)
        assert NAME_PATTERN.match(rule.name)


def test_resolve_by_code_name_alias_and_all():
    registry = default_registry()
    assert [r.name for r in registry.resolve("LK001")] == ["syntax-error"]
    assert [r.code for r in registry.resolve("syntax-error")] == ["LK001"]
    assert [r.name for r in registry.resolve("DL3006")] == ["mutable-image-tag"]
    assert len(registry.resolve("ALL")) == len(registry.rules)


def test_unknown_rule_suggests_closest_spelling():
    with pytest.raises(UnknownRuleError) as excinfo:
        default_registry().resolve("mutable-image-tags")
    assert excinfo.value.suggestion == "mutable-image-tag"


def test_rule_documentation_has_required_sections():
    for rule in default_registry().rules:
        doc = rule.documentation()
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in doc, (rule.name, heading)


def test_rule_groups_match_the_kinds_of_their_rules():
    import importlib

    from lintkit import rules as builtin
    from lintkit.registry import _rules_in_module
    from lintkit.rule import FileKind

    expected = {
        "DOCKERFILE_RULES": {FileKind.DOCKERFILE},
        "COMPOSE_RULES": {FileKind.COMPOSE},
        "SHARED_RULES": {FileKind.DOCKERFILE, FileKind.COMPOSE},
    }
    for group, kinds in expected.items():
        for name in getattr(builtin, group):
            (rule,) = _rules_in_module(importlib.import_module(f"lintkit.rules.{name}"))
            assert set(rule.kinds) == kinds, (group, name)


def test_linting_one_kind_imports_only_its_rules():
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from lintkit.config import Config\n"
        "from lintkit.engine import lint_text\n"
        "from lintkit.registry import build_registry\n"
        "from lintkit.rule import FileKind\n"
        "lint_text('FROM python\\n', FileKind.DOCKERFILE, Config(registry=build_registry()))\n"
        "print(any(m.startswith('lintkit.rules.compose.') and 'health' not in m"
        " for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_checking_a_dockerfile_imports_nothing_it_does_not_need(tmp_path):
    import subprocess
    import sys

    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN pip install flask\n")
    script = (
        "import sys\n"
        "from lintkit.cli import main\n"
        "main(['check', '--no-cache', 'Dockerfile'])\n"
        "heavy = ('yaml', 'rich', 'ruamel', 'jsonschema', 'jsonschema_rs', 'lark', 'tomllib',\n"
        "         'importlib.metadata', 'lintkit.compose', '_hashlib', 'dataclasses', 'inspect')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy"
        " or m.startswith('lintkit.compose')), file=sys.stderr)\n"
    )
    # The first run builds the plugin index (scanning installed packages); the second uses it.
    for run in ("first", "second"):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path
        )
        assert "Traceback" not in done.stderr, (run, done.stderr)
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr

"""The Example and Use-instead blocks of the LK250-LK299 docs, run as test cases."""

from __future__ import annotations

import re

import pytest

from lintkit.registry import default_registry
from tests.conftest import lint

_BLOCK = re.compile(r"```dockerfile\n(.*?)```", re.S)
RULES = sorted(rule.name for rule in default_registry().rules if "LK250" <= rule.code <= "LK299")
# Rules whose examples only make sense with options or files beside the Dockerfile.
NEEDS_SETUP = {"label-schema-violation"}


def _section(doc: str, heading: str) -> list[str]:
    start = doc.find(heading)
    if start == -1:
        return []
    end = doc.find("\n## ", start + len(heading))
    return _BLOCK.findall(doc[start : end if end != -1 else len(doc)])


def test_the_family_is_registered():
    assert len(RULES) >= 30


@pytest.mark.parametrize("name", [name for name in RULES if name not in NEEDS_SETUP])
def test_examples(name):
    rule = default_registry().get(name)
    assert rule is not None
    doc = rule.documentation()
    bad = _section(doc, "## Example")
    good = _section(doc, "## Use instead")
    assert bad and good
    for text in bad:
        assert lint(text, "dockerfile", [name]), f"{name}: example not flagged:\n{text}"
    for text in good:
        assert not lint(text, "dockerfile", [name]), f"{name}: fixed example flagged:\n{text}"

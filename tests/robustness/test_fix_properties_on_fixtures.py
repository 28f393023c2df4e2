"""Every fix, run on the inputs the test suite itself uses, leaves a file that parses, and a
second ``lintkit fix`` changes nothing.

The inputs are the shipped examples, fixture and snapshot files, and the Dockerfile and
compose texts written inside the tests (collected by ``fuzz/make_seeds.py``). Every eighth
input runs here to keep the suite fast; ``python fuzz/make_seeds.py`` plus the fuzz harness
cover all of them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from lintkit.config import Config
from lintkit.engine import INTERNAL_ERROR_CODE, SYNTAX_ERROR_CODE, Linter
from lintkit.fixing import fix_text
from lintkit.registry import default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceDecodeError, SourceText

ROOT = Path(__file__).resolve().parents[2]
LINTER = Linter(Config(registry=default_registry(), select=("ALL",)))
NAMES = {"dockerfile": "Dockerfile", "compose": "compose.yaml"}


def _seed_inputs() -> list[tuple[str, bytes]]:
    spec = importlib.util.spec_from_file_location("make_seeds", ROOT / "fuzz" / "make_seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [(kind, data) for kind, items in module.seeds().items() for data in items]
    return [item for index, item in enumerate(found) if index % 8 == 0]


INPUTS = _seed_inputs()


def test_inputs_were_found():
    assert len(INPUTS) > 100


@pytest.mark.parametrize(("kind", "data"), INPUTS, ids=[str(i) for i in range(len(INPUTS))])
def test_fixed_output_parses_and_a_second_fix_is_a_no_op(kind: str, data: bytes) -> None:
    try:
        source = SourceText.from_bytes(Path(NAMES[kind]), data)
    except SourceDecodeError:
        pytest.skip("not text")
    file_kind = FileKind(kind)

    def lint(text: SourceText):
        return LINTER.lint_source(text, file_kind)

    before = {d.code for d in lint(source)}
    first = fix_text(source, lint, unsafe=True)
    after = {d.code for d in first.remaining}
    assert INTERNAL_ERROR_CODE not in before | after
    if SYNTAX_ERROR_CODE not in before:
        assert SYNTAX_ERROR_CODE not in after, first.text
    second = fix_text(SourceText.from_text(first.text, NAMES[kind]), lint, unsafe=True)
    if first.converged and not first.reverted:
        assert second.text == first.text

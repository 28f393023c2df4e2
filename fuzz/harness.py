"""Coverage-guided fuzzing of lintkit's parsers, rules and fixes with atheris.

Run one target for a while (``pip install atheris`` first)::

    python fuzz/harness.py dockerfile fuzz/corpus/dockerfile -max_total_time=1800
    python fuzz/harness.py compose fuzz/corpus/compose -max_total_time=1800

``python fuzz/make_seeds.py`` fills ``fuzz/corpus/`` from the test suite's fixtures.
A crash means an input made lintkit raise, report ``internal-error``, or produce a
fix that does not parse; atheris saves it as ``crash-*`` for a regression test.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # Everything lintkit loads lazily is loaded here, so that all of it is instrumented.
    for lazy in ("lintkit.dockerfile.model", "lintkit.compose.model", "lintkit.compose.merge"):
        importlib.import_module(lazy)
    from lintkit.config import Config
    from lintkit.engine import INTERNAL_ERROR_CODE, SYNTAX_ERROR_CODE, Linter
    from lintkit.fixing import fix_text
    from lintkit.registry import default_registry
    from lintkit.rule import FileKind
    from lintkit.source import SourceDecodeError, SourceText

    REGISTRY = default_registry()

KINDS = {
    "dockerfile": (FileKind.DOCKERFILE, "Dockerfile"),
    "compose": (FileKind.COMPOSE, "compose.yaml"),
}
LINTER = Linter(Config(registry=REGISTRY, select=("ALL",)))


def check(data: bytes, kind: FileKind, name: str) -> None:
    """Lint and fix one input; raise on anything lintkit must never do."""
    try:
        source = SourceText.from_bytes(Path(name), data)
    except SourceDecodeError:
        return
    found = LINTER.lint_source(source, kind)
    codes = [diagnostic.code for diagnostic in found]
    if INTERNAL_ERROR_CODE in codes:
        raise AssertionError(next(d.message for d in found if d.code == INTERNAL_ERROR_CODE))
    result = fix_text(source, lambda text: LINTER.lint_source(text, kind), unsafe=True)
    after = [diagnostic.code for diagnostic in result.remaining]
    if SYNTAX_ERROR_CODE in after and SYNTAX_ERROR_CODE not in codes:
        raise AssertionError("a fix produced text that does not parse")
    if INTERNAL_ERROR_CODE in after:
        raise AssertionError("a rule crashed on fixed text")


def main() -> None:
    """Pick the target from the first argument and hand the rest to libFuzzer."""
    if len(sys.argv) < 2 or sys.argv[1] not in KINDS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(KINDS)}}} [corpus dir] [libFuzzer flags]")
    kind, name = KINDS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, lambda data: check(data, kind, name))
    atheris.Fuzz()


if __name__ == "__main__":
    main()

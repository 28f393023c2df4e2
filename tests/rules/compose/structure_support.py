"""Helpers for the tests of the compose structure rules (LK600-LK649)."""

from __future__ import annotations

from pathlib import Path

from lintkit.diagnostics import Diagnostic
from tests.conftest import lint, spans


def run(
    text: str,
    rule: str,
    options: dict[str, object] | None = None,
    path: str | Path = "compose.yaml",
    root: Path | None = None,
) -> list[Diagnostic]:
    """Lint compose ``text`` with one rule (a test string, not a file on disk, by default)."""
    return lint(
        text,
        "compose",
        [rule],
        path=path,
        options={rule: options} if options else None,
        root=root,
    )


def where(text: str, rule: str, **kwargs: object) -> list[tuple[int, int, int, int]]:
    """1-based (line, column, end line, end column) of each finding."""
    return [s[1:] for s in spans(run(text, rule, **kwargs))]  # type: ignore[arg-type]


def messages(text: str, rule: str, **kwargs: object) -> str:
    """Findings as ``line:col message`` lines, for snapshots."""
    return "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run(text, rule, **kwargs)  # type: ignore[arg-type]
    )


def write(root: Path, files: dict[str, str]) -> None:
    """Create a project: ``{relative path: text}``."""
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def run_file(root: Path, name: str, rule: str, **kwargs: object) -> list[Diagnostic]:
    """Lint the file ``root/name`` as lintkit check would (on disk, project root ``root``)."""
    path = root / name
    return run(path.read_text(encoding="utf-8"), rule, path=path, root=root, **kwargs)  # type: ignore[arg-type]


def where_file(root: Path, name: str, rule: str) -> list[tuple[str, int, int, int, int]]:
    """(file name, 1-based line, column, end line, end column) of each finding."""
    return [
        (
            d.path.name,
            d.range.start.line + 1,
            d.range.start.column + 1,
            d.range.end.line + 1,
            d.range.end.column + 1,
        )
        for d in run_file(root, name, rule)
    ]

"""Finding the files to lint below the paths given on the command line.

Directories are searched recursively for Dockerfiles and compose files by
name, skipping what ``.gitignore`` files and the ``exclude`` setting leave out.
Problems met on the way (unreadable folders, symlink loops) are collected, not
raised, so one bad folder never stops the run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from lintkit.engine import kind_from_name
from lintkit.records import field, record
from lintkit.rule import FileKind

LOG = logging.getLogger(__name__)

# Folders that never hold files worth linting and are slow to walk.
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", ".lintkit_cache", ".tox"}
)


@record
class Target:
    """A file to lint; ``kind`` is ``None`` when it must be guessed from the content."""

    path: Path
    kind: FileKind | None
    explicit: bool


@record(frozen=False)
class Discovery:
    """Files found and problems met while searching."""

    targets: list[Target] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # the folders listed


class _GitIgnore:
    """``.gitignore`` rules of the folders walked so far (each applies below its folder)."""

    def __init__(self) -> None:
        self._specs: dict[Path, object] = {}

    def load(self, directory: Path) -> None:
        ignore_file = directory / ".gitignore"
        if not ignore_file.is_file():
            return
        try:
            import pathspec

            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            self._specs[directory] = pathspec.GitIgnoreSpec.from_lines(lines)
        except OSError:
            LOG.debug("cannot read %s", ignore_file)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self._specs.items():
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):  # type: ignore[attr-defined]
                return True
        return False


def discover(
    paths: list[Path],
    is_excluded: Callable[[Path], bool],
    forced_kind: FileKind | None = None,
) -> Discovery:
    """Expand command-line paths into files to lint, in a stable order."""
    result = Discovery()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            result.problems.append((path, "no such file or directory"))
        elif path.is_dir():
            for found in _walk(path, is_excluded, result):
                result.targets.append(Target(found, forced_kind or kind_from_name(found), False))
        else:
            result.targets.append(Target(path, forced_kind or kind_from_name(path), True))
    return result


def _walk(root: Path, is_excluded: Callable[[Path], bool], result: Discovery) -> Iterator[Path]:
    gitignore = _GitIgnore()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            info = directory.stat()
        except OSError as exc:
            result.problems.append((directory, f"cannot read folder: {exc.strerror}"))
            continue
        if (info.st_dev, info.st_ino) in seen:
            result.problems.append((directory, "symlink loop: folder already searched"))
            continue
        seen.add((info.st_dev, info.st_ino))
        gitignore.load(directory)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            result.problems.append((directory, f"cannot read folder: {exc.strerror}"))
            continue
        result.folders.append(directory)
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name in SKIPPED_DIRS or gitignore.ignored(path, True) or is_excluded(path):
                    continue
                subdirs.append(path)
            elif kind_from_name(path) is not None:
                if gitignore.ignored(path, False) or is_excluded(path):
                    LOG.debug("skipping %s (ignored)", path)
                    continue
                if not entry.is_file():
                    result.problems.append((path, "broken symlink or not a regular file"))
                    continue
                yield path
        stack.extend(reversed(subdirs))

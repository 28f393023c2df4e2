"""Runs the linter over many files: discovery, configuration per file, and results in order.

A handful of files are linted in this process; many are spread over a process
pool (both cores of a small machine), in chunks, with results put back in the
order the files were found so that output never depends on timing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lintkit.cache import ResultCache
from lintkit.config import ConfigResolver
from lintkit.discovery import Target, discover
from lintkit.engine import FileReport, Linter
from lintkit.rule import FileKind

LOG = logging.getLogger(__name__)

#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24
CHUNK_SIZE = 16


@dataclass
class RunResult:
    """Reports in a deterministic order, plus paths that could not be searched."""

    reports: list[FileReport] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def incomplete(self) -> bool:
        """Whether some path or file could not be checked."""
        return bool(self.problems) or any(report.error for report in self.reports)


def collect_targets(
    paths: Sequence[Path], resolver: ConfigResolver, forced_kind: FileKind | None
) -> tuple[list[Target], list[tuple[Path, str]]]:
    """Files to lint under ``paths``, excluding what each file's configuration excludes."""

    def excluded(path: Path) -> bool:
        return resolver.for_path(path).is_excluded(path)

    found = discover(list(paths), excluded, forced_kind)
    return found.targets, found.problems


class _Worker:
    """Lints targets with one resolver and cache; one per process."""

    def __init__(self, resolver: ConfigResolver, cache: ResultCache | None) -> None:
        self.resolver = resolver
        self.cache = cache
        self.linters: dict[int, Linter] = {}

    def lint(self, target: Target) -> FileReport:
        config = self.resolver.for_path(target.path)
        linter = self.linters.get(id(config))
        if linter is None:
            linter = self.linters[id(config)] = Linter(config)
        LOG.debug("linting %s as %s", target.path, target.kind)
        return linter.lint_path(target.path, target.kind, self.cache)


_worker: _Worker | None = None


def _start_worker(
    explicit: Path | None, overrides: Mapping[str, Any], cache_dir: Path | None
) -> None:
    global _worker
    from lintkit.registry import default_registry

    resolver = ConfigResolver(default_registry(), explicit=explicit, overrides=overrides)
    _worker = _Worker(resolver, ResultCache(cache_dir) if cache_dir else None)


def _lint_chunk(targets: list[Target]) -> list[FileReport]:
    assert _worker is not None
    reports = [_worker.lint(target) for target in targets]
    for report in reports:
        # The parent re-reads a file only if an output needs its text; shipping it back costs more.
        report.source = None
    return reports


def lint_targets(
    targets: Sequence[Target],
    resolver: ConfigResolver,
    cache_dir: Path | None = None,
    jobs: int | None = None,
) -> list[FileReport]:
    """Lint each target with the configuration that applies to it."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if len(targets) >= PARALLEL_THRESHOLD else 1
    if jobs <= 1:
        worker = _Worker(resolver, ResultCache(cache_dir) if cache_dir else None)
        return [worker.lint(target) for target in targets]
    # Imported here: a run over a handful of files never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    LOG.debug("linting %d files in %d processes", len(targets), jobs)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = [list(targets[i : i + CHUNK_SIZE]) for i in range(0, len(targets), CHUNK_SIZE)]
    reports: list[FileReport] = []
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(resolver.explicit, dict(resolver.overrides), cache_dir),
    ) as pool:
        for chunk_reports in pool.map(_lint_chunk, chunks):
            reports.extend(chunk_reports)
    return reports


def run(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    forced_kind: FileKind | None = None,
    cache_dir: Path | None = None,
) -> RunResult:
    """Discover and lint everything under ``paths``."""
    targets, problems = collect_targets(paths, resolver, forced_kind)
    return RunResult(lint_targets(targets, resolver, cache_dir), problems)

"""Runs the linter over many files: discovery, configuration per file, and results in order.

A handful of files are linted in this process; many are spread over a process
pool (both cores of a small machine), in chunks, with results put back in the
order the files were found so that output never depends on timing.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

from lintkit import project_files
from lintkit.cache import ResultCache
from lintkit.config import ConfigResolver
from lintkit.discovery import Discovery, Target, discover
from lintkit.engine import FileReport, Linter, Prerender
from lintkit.records import field, record
from lintkit.rule import FileKind

LOG = logging.getLogger(__name__)

Result = TypeVar("Result")

#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24
CHUNK_SIZE = 16


def collect_garbage_less_often() -> None:
    """Let Python look for reference cycles far less often than it does by default.

    Linting allocates many small objects (positions, words, findings) that die young and
    are freed by reference counting anyway; with the default thresholds the cycle collector
    ran so often that it took about 40 % of the time spent on a Dockerfile. Called once by
    each entry point (command line, language server).
    """
    gc.set_threshold(50_000, 20, 20)


def _lint_each(
    task: Callable[[Worker, Target], Result], worker: Worker, targets: Sequence[Target]
) -> list[Result]:
    """``task`` on each target in turn, freeing each file's reference cycles after it.

    Parts of a file's syntax tree and model end up in reference cycles (cached views that
    point back at the model, parser closures), which only the cycle collector frees.
    Collecting the youngest generation between files, when it holds little but that file's
    garbage, costs less than the collections the thresholds start in the middle of a file
    (which also scan, and keep, the half-built tree): measured on 300 Dockerfiles in one
    process, 0.72 s instead of 0.82 s, and 20 MiB at most instead of 27.
    """
    results = []
    for target in targets:
        results.append(task(worker, target))
        gc.collect(0)
    return results


@record(frozen=False)
class RunResult:
    """Reports in a deterministic order, plus paths that could not be searched."""

    reports: list[FileReport] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    #: The folders searched for files to lint.
    folders: list[Path] = field(default_factory=list)
    #: When every report came from the result cache: the other files those reports depend
    #: on, as recorded in the cache (see :mod:`lintkit.project_files`); else ``None``.
    cached_reads: dict[str, str] | None = None

    @property
    def incomplete(self) -> bool:
        """Whether some path or file could not be checked."""
        return bool(self.problems) or any(report.error for report in self.reports)


def collect_targets(
    paths: Sequence[Path], resolver: ConfigResolver, forced_kind: FileKind | None
) -> tuple[list[Target], list[tuple[Path, str]]]:
    """Files to lint under ``paths``, excluding what each file's configuration excludes."""
    found = _discover(paths, resolver, forced_kind)
    return found.targets, found.problems


def _discover(
    paths: Sequence[Path], resolver: ConfigResolver, forced_kind: FileKind | None
) -> Discovery:
    def excluded(path: Path) -> bool:
        return resolver.for_path(path).is_excluded(path)

    return discover(list(paths), excluded, forced_kind)


class Worker:
    """Lints targets with one resolver and cache; one per process."""

    def __init__(self, resolver: ConfigResolver, cache: ResultCache | None) -> None:
        self.resolver = resolver
        self.cache = cache
        self.linters: dict[int, Linter] = {}

    def linter_for(self, target: Target) -> Linter:
        """The linter for the configuration that applies to ``target``."""
        config = self.resolver.for_path(target.path)
        linter = self.linters.get(id(config))
        if linter is None:
            linter = self.linters[id(config)] = Linter(config)
        return linter

    def lint(self, target: Target, prerender: Prerender | None = None) -> FileReport:
        """Lint one target (through the cache when there is one)."""
        LOG.debug("linting %s as %s", target.path, target.kind)
        linter = self.linter_for(target)
        return linter.lint_path(target.path, target.kind, self.cache, prerender)

    def cached(self, target: Target, prerender: Prerender | None = None) -> FileReport | None:
        """The cached report for a target, or ``None`` when it must be linted."""
        if self.cache is None:
            return None
        linter = self.linter_for(target)
        return linter.cached_report(target.path, target.kind, self.cache, prerender)


_worker: Worker | None = None


def _start_worker(
    explicit: Path | None, overrides: Mapping[str, Any], cache_dir: Path | None
) -> None:
    global _worker
    from lintkit.registry import default_registry

    resolver = ConfigResolver(default_registry(), explicit=explicit, overrides=overrides)
    _worker = Worker(resolver, ResultCache(cache_dir) if cache_dir else None)


def _lint_in_worker(
    worker: Worker, target: Target, prerender: Prerender | None = None
) -> FileReport:
    report = worker.lint(target, prerender)
    # The parent re-reads a file only if an output needs its text; shipping it back costs more.
    report.source = None
    return report


def _run_chunk(task: Callable[[Worker, Target], Result], targets: list[Target]) -> list[Result]:
    assert _worker is not None
    with project_files.remembering_reads():
        return _lint_each(task, _worker, targets)


def _jobs_for(count: int, jobs: int | None) -> int:
    if jobs is not None:
        return jobs
    return min(os.cpu_count() or 1, 8) if count >= PARALLEL_THRESHOLD else 1


def map_targets(
    task: Callable[[Worker, Target], Result],
    targets: Sequence[Target],
    resolver: ConfigResolver,
    cache_dir: Path | None = None,
    jobs: int | None = None,
) -> list[Result]:
    """Run ``task`` on every target, in worker processes when there are many.

    ``task`` must be a module-level function (or a ``functools.partial`` of one), so that
    it can be sent to the workers. Results come back in the order of ``targets``.
    """
    jobs = _jobs_for(len(targets), jobs)
    if jobs <= 1:
        worker = Worker(resolver, ResultCache(cache_dir) if cache_dir else None)
        with project_files.remembering_reads():
            return _lint_each(task, worker, targets)
    # Imported here: a run over a handful of files never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    LOG.debug("working on %d files in %d processes", len(targets), jobs)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    order = _schedule(targets)
    chunks = [order[i : i + CHUNK_SIZE] for i in range(0, len(order), CHUNK_SIZE)]
    results: list[Result | None] = [None] * len(targets)
    # Forked workers share this process's memory until they write to it; the collector
    # writes to every object it scans, so keep what exists now out of its sight.
    gc.freeze()
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(resolver.explicit, dict(resolver.overrides), cache_dir),
    ) as pool:
        batches = [[targets[index] for index in chunk] for chunk in chunks]
        for chunk, chunk_results in zip(
            chunks, pool.map(functools.partial(_run_chunk, task), batches), strict=True
        ):
            for index, result in zip(chunk, chunk_results, strict=True):
                results[index] = result
    return cast("list[Result]", results)


def _schedule(targets: Sequence[Target]) -> list[int]:
    """The order in which to hand out ``targets`` (as indexes); results keep theirs.

    Files of one folder stay together, so that a chunk shares what they all read (a compose
    file and its override, one ``.dockerignore``). The largest folders go first: the chunks
    left at the end are then quick ones, and no worker waits long for the other to finish.
    """
    folders: dict[Path, list[int]] = {}
    for index, target in enumerate(targets):
        folders.setdefault(target.path.parent, []).append(index)
    weight = {
        folder: sum(_size(targets[i].path) for i in group) for folder, group in folders.items()
    }
    return [
        index for folder in sorted(folders, key=lambda f: -weight[f]) for index in folders[folder]
    ]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def lint_targets(
    targets: Sequence[Target],
    resolver: ConfigResolver,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    prerender: Prerender | None = None,
) -> list[FileReport]:
    """Lint each target with the configuration that applies to it.

    With a cache, this process first takes every report the cache has: a run over
    unchanged files then starts no worker process and imports no rule. Only the files
    left are linted, in a pool when there are many of them.
    """
    return _lint_targets(targets, resolver, cache_dir, jobs, prerender)[0]


def _lint_targets(
    targets: Sequence[Target],
    resolver: ConfigResolver,
    cache_dir: Path | None,
    jobs: int | None,
    prerender: Prerender | None,
) -> tuple[list[FileReport], dict[str, str] | None]:
    """:func:`lint_targets`, and the cached reads when every report came from the cache."""
    cache = ResultCache(cache_dir) if cache_dir else None
    here = Worker(resolver, cache)
    with project_files.remembering_reads():  # cache entries share the files they depend on
        cached = [here.cached(target, prerender) for target in targets]
        missing = [target for target, report in zip(targets, cached, strict=True) if report is None]
        LOG.debug("%d of %d files found in the cache", len(targets) - len(missing), len(targets))
        if not missing:
            return cast("list[FileReport]", cached), cache.hit_reads if cache else None
        jobs = _jobs_for(len(missing), jobs)
        if jobs > 1:
            # Lint one file of each kind here first: workers forked afterwards start with its
            # rules and parser already imported, instead of each importing them again.
            kinds_seen: set[FileKind | None] = set()
            for index, target in enumerate(targets):
                if cached[index] is None and target.kind not in kinds_seen:
                    kinds_seen.add(target.kind)
                    cached[index] = here.lint(target, prerender)
            missing = [
                target for target, report in zip(targets, cached, strict=True) if report is None
            ]
    task = functools.partial(_lint_in_worker if jobs > 1 else Worker.lint, prerender=prerender)
    linted = iter(map_targets(task, missing, resolver, cache_dir, jobs))
    return [report if report is not None else next(linted) for report in cached], None


def run(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    forced_kind: FileKind | None = None,
    cache_dir: Path | None = None,
    prerender: Prerender | None = None,
) -> RunResult:
    """Discover and lint everything under ``paths``."""
    found = _discover(paths, resolver, forced_kind)
    reports, cached_reads = _lint_targets(found.targets, resolver, cache_dir, None, prerender)
    return RunResult(reports, found.problems, found.folders, cached_reads)

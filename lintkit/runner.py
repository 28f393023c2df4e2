"""Runs the linter over many files: discovery, configuration per file, and the results in order."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lintkit.config import ConfigResolver
from lintkit.discovery import Target, discover
from lintkit.engine import FileReport, Linter
from lintkit.rule import FileKind

LOG = logging.getLogger(__name__)


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


def lint_targets(targets: Sequence[Target], resolver: ConfigResolver) -> list[FileReport]:
    """Lint each target with the configuration that applies to it."""
    linters: dict[int, Linter] = {}
    reports = []
    for target in targets:
        config = resolver.for_path(target.path)
        linter = linters.get(id(config))
        if linter is None:
            linter = linters[id(config)] = Linter(config)
        LOG.debug("linting %s as %s", target.path, target.kind)
        reports.append(linter.lint_path(target.path, target.kind))
    return reports


def run(
    paths: Sequence[Path], resolver: ConfigResolver, forced_kind: FileKind | None = None
) -> RunResult:
    """Discover and lint everything under ``paths``."""
    targets, problems = collect_targets(paths, resolver, forced_kind)
    return RunResult(lint_targets(targets, resolver), problems)

"""Baselines: record today's findings once, then report only the new ones.

``lintkit check --write-baseline FILE`` stores every finding; ``lintkit check --baseline
FILE`` hides the stored ones. A finding is recognised by its file, its rule, the text of
the first line it points at (whitespace collapsed) and its place among findings with that
same file, rule and text, never by line number: inserting lines above a finding, or moving
the block it is in, keeps it baselined, while a second copy of it is new.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from lintkit.diagnostics import Diagnostic
from lintkit.engine import FileReport
from lintkit.errors import ConfigError
from lintkit.records import record
from lintkit.source import SourceDecodeError, SourceText

LOG = logging.getLogger(__name__)

FORMAT_VERSION = 1


def normalise(text: str) -> str:
    """A line's text with runs of whitespace collapsed and the ends stripped."""
    return " ".join(text.split())


@record
class FindingKey:
    """What identifies a finding across edits that move it."""

    path: str
    code: str
    line_text: str
    occurrence: int


class FindingKeys:
    """The line text and occurrence index of every finding of a run.

    Occurrences count findings with the same file, rule and line text in file order.
    """

    def __init__(self, reports: Sequence[FileReport]) -> None:
        # A report from the cache or a worker process may come without its text: read it.
        self._sources: dict[Path, SourceText | None] = {
            r.path: r.source for r in reports if r.source is not None
        }
        self._by_report: dict[int, list[tuple[str, int]]] = {}
        counts: Counter[tuple[Path, str, str]] = Counter()
        for report in reports:
            found: list[tuple[str, int]] = [("", 0)] * len(report.diagnostics)
            order = sorted(
                range(len(report.diagnostics)), key=lambda i: report.diagnostics[i].sort_key
            )
            for index in order:
                diagnostic = report.diagnostics[index]
                text = self.line_text(diagnostic)
                group = (_canonical(diagnostic.path), diagnostic.code, text)
                found[index] = (text, counts[group])
                counts[group] += 1
            self._by_report[id(report)] = found

    def line_text(self, diagnostic: Diagnostic) -> str:
        """The normalised text of the first line a finding points at ('' if unreadable)."""
        path = diagnostic.path
        if path not in self._sources:
            try:
                self._sources[path] = SourceText.from_bytes(path, path.read_bytes())
            except (OSError, SourceDecodeError):
                self._sources[path] = None
        source = self._sources[path]
        if source is None:
            return ""
        return normalise(source.line_text(diagnostic.range.start.line))

    def keys(
        self, report: FileReport, path_of: Callable[[Path], str]
    ) -> list[tuple[Diagnostic, FindingKey]]:
        """Each finding of ``report`` (one of this run's) with its key; paths via ``path_of``."""
        found = self._by_report[id(report)]
        return [
            (diagnostic, FindingKey(path_of(diagnostic.path), diagnostic.code, text, occurrence))
            for diagnostic, (text, occurrence) in zip(report.diagnostics, found, strict=True)
        ]


def _canonical(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(_canonical(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return _canonical(path).as_posix()


def baseline_entries(reports: Sequence[FileReport], base: Path) -> list[dict[str, Any]]:
    """Every finding of a run as baseline entries, paths relative to ``base``."""
    keys = FindingKeys(reports)
    entries = []
    for report in reports:
        for diagnostic, key in keys.keys(report, lambda path: _relative(path, base)):
            entries.append(
                {
                    "path": key.path,
                    "code": key.code,
                    "name": diagnostic.name,
                    "line_text": key.line_text,
                    "occurrence": key.occurrence,
                    "message": diagnostic.message,
                }
            )
    entries.sort(key=lambda e: (e["path"], e["code"], e["line_text"], e["occurrence"]))
    return entries


def write_baseline(path: Path, reports: Sequence[FileReport]) -> int:
    """Record every finding of ``reports`` in ``path``; return how many.

    Raises:
        ConfigError: when the file cannot be written.
    """
    base = _canonical(path).parent
    entries = baseline_entries(reports, base)
    document = {"lintkit-baseline": FORMAT_VERSION, "findings": entries}
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


@record
class Baseline:
    """The recorded findings, as keys with paths relative to the baseline's folder."""

    base: Path
    keys: frozenset[FindingKey]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file.

        Raises:
            ConfigError: when it is missing, unreadable or not a lintkit baseline.
        """
        try:
            document = json.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise ConfigError(f"{path}: the baseline is not valid JSON: {exc}") from None
        if not isinstance(document, dict) or "findings" not in document:
            raise ConfigError(f"{path}: not a lintkit baseline (no 'findings')")
        keys = set()
        for index, entry in enumerate(document["findings"]):
            try:
                keys.add(
                    FindingKey(
                        str(entry["path"]),
                        str(entry["code"]),
                        normalise(str(entry["line_text"])),
                        int(entry.get("occurrence", 0)),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                raise ConfigError(f"{path}: baseline entry {index} is malformed") from None
        return cls(_canonical(path).parent, frozenset(keys))

    def filter(self, reports: Iterable[FileReport]) -> int:
        """Remove baselined findings from ``reports`` in place; return how many were removed."""
        reports = list(reports)
        keys = FindingKeys(reports)
        hidden = 0
        for report in reports:
            kept = []
            for diagnostic, key in keys.keys(report, lambda path: _relative(path, self.base)):
                if key in self.keys:
                    hidden += 1
                    LOG.debug("baselined: %s", key)
                else:
                    kept.append(diagnostic)
            report.diagnostics = kept
        return hidden


def apply_cli(
    reports: Sequence[FileReport], baseline: Path | None, write: Path | None
) -> tuple[int | None, str | None]:
    """Handle ``--baseline`` / ``--write-baseline``.

    Returns:
        An exit code to stop with (after writing a baseline) or ``None`` to go on reporting,
        and a note for the user, or ``None``.

    Raises:
        ConfigError: for a baseline that cannot be read or written.
    """
    if write is not None:
        count = write_baseline(write, reports)
        return 0, f"recorded {count} finding{'' if count == 1 else 's'} in {write}"
    if baseline is not None:
        hidden = Baseline.load(baseline).filter(reports)
        LOG.debug("%d findings hidden by the baseline %s", hidden, baseline)
    return None, None

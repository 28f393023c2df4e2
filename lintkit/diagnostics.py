"""What rules report: problems, the fixes attached to them, and the diagnostics the engine emits."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from lintkit.records import field, record
from lintkit.source import Range


class Severity(enum.IntEnum):
    """How serious a finding is; higher is more serious (``style`` < ``info`` < ...)."""

    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        """Lower-case name used in configuration and output."""
        return self.name.lower()

    @property
    def lsp(self) -> int:
        """LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint."""
        return {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3, Severity.STYLE: 4}[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name (``error``, ``warning``, ``info``, ``style``).

        Raises:
            ValueError: for any other name.
        """
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}") from None


class Applicability(enum.Enum):
    """Whether a fix can be applied without a person checking it."""

    SAFE = "safe"
    """Cannot change what the build or the stack does beyond removing the finding."""
    UNSAFE = "unsafe"
    """May change behaviour; applied only with ``--unsafe-fixes``."""


@record(slots=True)
class Edit:
    """Replace the text between two offsets (``start`` == ``end`` inserts; empty text deletes)."""

    start: int
    end: int
    replacement: str = ""


@record
class Fix:
    """A set of edits that together remove one finding."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> Fix:
        """A fix that cannot change behaviour beyond the finding."""
        return cls(title, tuple(edits), Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> Fix:
        """A fix that may change behaviour and needs ``--unsafe-fixes``."""
        return cls(title, tuple(edits), Applicability.UNSAFE)


@record
class Problem:
    """What a rule yields: where, what is wrong, and optionally how to fix it.

    ``path`` is set only when the finding belongs to another file than the one
    being linted (for example an override file in a merged compose view).
    ``unfixable_reason`` says why a rule that usually fixes could not here.
    ``severity`` lets a rule that wraps another tool (ShellCheck) give each finding
    that tool's level; a severity configured for the rule still wins.
    ``subcode`` is that tool's own code (``SC2086``): a suppression comment naming it
    silences only the findings carrying it.
    """

    range: Range
    message: str
    fix: Fix | None = None
    path: Path | None = None
    unfixable_reason: str | None = None
    severity: Severity | None = None
    subcode: str | None = None


@record
class Diagnostic:
    """A finding as reported to the user: a problem stamped with its rule and final severity."""

    path: Path
    range: Range
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None
    unfixable_reason: str | None = None
    doc_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, then rule code."""
        return (str(self.path), self.range.start.line, self.range.start.column, self.code)


@record
class Tally:
    """How many findings a file has, by severity and by kind of fix.

    What a run's summary line and its exit code need: a report carries one, so that
    findings kept packed (from the cache or a worker process) need not be unpacked for them.
    """

    by_severity: tuple[tuple[Severity, int], ...] = ()
    safe_fixable: int = 0
    unsafe_fixable: int = 0

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic]) -> Tally:
        """Count ``diagnostics``."""
        counts: dict[Severity, int] = {}
        safe = unsafe = 0
        for diagnostic in diagnostics:
            counts[diagnostic.severity] = counts.get(diagnostic.severity, 0) + 1
            if diagnostic.fix is not None:
                if diagnostic.fix.applicability is Applicability.SAFE:
                    safe += 1
                else:
                    unsafe += 1
        return cls(tuple(sorted(counts.items())), safe, unsafe)

    def reaches(self, threshold: Severity) -> bool:
        """Whether a finding is at or above ``threshold``."""
        return any(severity >= threshold for severity, _ in self.by_severity)

"""The linting pipeline for one file: read → parse → model → rules → findings.

Everything that can go wrong with a user's file becomes a finding here
(``syntax-error`` when it does not parse, ``internal-error`` when a rule
crashes), so a run always goes on to the next file.
"""

from __future__ import annotations

import logging
import pickle
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lintkit import project_files
from lintkit.cache import CacheEntry, ResultCache
from lintkit.config import ActiveRule, Config
from lintkit.diagnostics import Diagnostic, Problem, Severity, Tally
from lintkit.errors import ParseError
from lintkit.records import record
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.source import Position, Range, SourceDecodeError, SourceText
from lintkit.suppression import Suppressions, dockerfile_suppressions, yaml_suppressions

LOG = logging.getLogger(__name__)

SYNTAX_ERROR_CODE = "LK001"
INTERNAL_ERROR_CODE = "LK002"

_DOCKERFILE_NAME = re.compile(
    r"^(?:(?:docker|container)file(?:\.[\w.-]+)?|[\w.-]+\.(?:docker|container)file)$", re.I
)
# Names that look like Dockerfiles but are templates, ignore files or other files, not Dockerfiles.
_NOT_DOCKERFILE_SUFFIXES = (
    ".dockerignore",
    ".md",
    ".template",
    ".tmpl",
    ".tpl",
    ".j2",
    ".jinja",
    ".jinja2",
    ".erb",
    ".orig",
    ".bak",
    ".swp",
    ".rej",
    ".patch",
    # Configuration and scripts named after Dockerfiles (a CI workflow `dockerfile.yaml`).
    ".yaml",
    ".yml",
    ".json",
    ".toml",
    ".sh",
    ".ps1",
    ".py",
    ".txt",
)
_COMPOSE_NAME = re.compile(r"^(?:compose(?:\.[\w.-]+)?|docker-compose(?:[\w.-]*)?)\.ya?ml$", re.I)
_FIRST_INSTRUCTION = re.compile(r"^\s*(?:from|arg)\s", re.I)
_COMPOSE_KEY = re.compile(r"^(?:services|version|volumes|networks|include|name)\s*:", re.M)


def kind_from_name(path: Path) -> FileKind | None:
    """The kind of file a name says, for discovery (``None`` if the name says nothing)."""
    name = path.name
    if _COMPOSE_NAME.match(name):
        return FileKind.COMPOSE
    if _DOCKERFILE_NAME.match(name) and not name.lower().endswith(_NOT_DOCKERFILE_SUFFIXES):
        return FileKind.DOCKERFILE
    return None


def guess_kind(path: Path, text: str) -> FileKind | None:
    """The kind of an explicitly named file: by name, then by content."""
    by_name = kind_from_name(path)
    if by_name is not None:
        return by_name
    if path.suffix.lower() in (".yml", ".yaml"):
        return FileKind.COMPOSE
    if "dockerfile" in path.name.lower() or "containerfile" in path.name.lower():
        return FileKind.DOCKERFILE
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _FIRST_INSTRUCTION.match(line):
            return FileKind.DOCKERFILE
        break
    if _COMPOSE_KEY.search(text):
        return FileKind.COMPOSE
    return None


class FileReport:
    """The result of linting one file.

    ``error`` is set when the file could not be checked at all (unreadable, too large, kind
    unknown); such a file has no diagnostics. ``rendered`` is the findings as plain text when
    the process that linted the file made it.

    Findings can also be held packed (pickled), as the cache stores them and as a worker
    process sends them back: most runs only print cached text and count findings, so they
    are unpacked on first use of ``diagnostics``, and :meth:`tally` counts them without that.
    """

    def __init__(
        self,
        path: Path,
        kind: FileKind | None,
        diagnostics: list[Diagnostic] | None = None,
        source: SourceText | None = None,
        error: str | None = None,
        rendered: str | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.source = source
        self.error = error
        self.rendered = rendered
        self._diagnostics: list[Diagnostic] | None = [] if diagnostics is None else diagnostics
        self._packed: bytes | None = None
        self._tally: Tally | None = None

    @classmethod
    def packed_report(
        cls,
        path: Path,
        kind: FileKind | None,
        packed: bytes,
        tally: Tally,
        source: SourceText | None = None,
        error: str | None = None,
        rendered: str | None = None,
    ) -> FileReport:
        """A report whose findings stay packed until first used."""
        report = cls(path, kind, None, source, error, rendered)
        report._diagnostics = None
        report._packed = packed
        report._tally = tally
        return report

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The findings, in file order."""
        if self._diagnostics is None:
            assert self._packed is not None
            self._diagnostics = pickle.loads(self._packed)
        return self._diagnostics

    @diagnostics.setter
    def diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self._diagnostics = diagnostics
        self._packed = None
        self._tally = None

    def packed(self) -> bytes:
        """The findings pickled (made once: the findings must not change in place afterwards)."""
        if self._packed is None:
            self._packed = pickle.dumps(self._diagnostics, protocol=pickle.HIGHEST_PROTOCOL)
        return self._packed

    def tally(self) -> Tally:
        """The findings counted by severity and fix."""
        if self._tally is None:
            self._tally = Tally.of(self.diagnostics)
        return self._tally

    def __reduce__(self) -> tuple[Any, ...]:
        # Between processes the findings travel packed, and the receiver unpacks them only
        # if it needs more than their text and counts.
        return (
            FileReport.packed_report,
            (self.path, self.kind, self.packed(), self.tally(), self.source, self.error,
             self.rendered),
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileReport):
            return NotImplemented
        return (self.path, self.kind, self.diagnostics, self.source, self.error, self.rendered) == (
            other.path, other.kind, other.diagnostics, other.source, other.error, other.rendered
        )  # fmt: skip

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"FileReport(path={self.path!r}, kind={self.kind!r}, "
            f"diagnostics={self.diagnostics!r}, error={self.error!r})"
        )


@record
class Prerender:
    """Renders each report as plain text as soon as it is linted, while its text is at hand.

    Worker processes then render in parallel instead of the parent at the end, and the
    cache keeps the text, under ``variant`` (which tells renderings apart, such as with or
    without source excerpts), for later runs that ask for the same one.
    """

    render: Callable[[FileReport], str]
    variant: str


def _from_cache(
    cache: ResultCache, key: str, path: Path, prerender: Prerender | None
) -> FileReport | None:
    entry = cache.get(key)
    if entry is None:
        return None
    LOG.debug("cache hit for %s", path)
    rendered = None
    if prerender is not None and entry.rendered_as == prerender.variant:
        rendered = entry.rendered
    return FileReport.packed_report(path, entry.kind, entry.packed, entry.tally, rendered=rendered)


def _rendered(report: FileReport, prerender: Prerender | None) -> FileReport:
    if prerender is not None and report.rendered is None:
        report.rendered = prerender.render(report)
    return report


def _point_range(source: SourceText, line: int, column: int) -> Range:
    start = source.offset(line, column)
    line_end = source.offset(line, len(source.line_text(line)))
    return source.range(start, max(line_end, start))


def _engine_diagnostic(
    registry_rule: type[Rule] | None,
    code: str,
    name: str,
    path: Path,
    range_: Range,
    message: str,
) -> Diagnostic:
    return Diagnostic(
        path=path,
        range=range_,
        code=code,
        name=name,
        severity=Severity.ERROR,
        message=message,
        doc_url=registry_rule.doc_url() if registry_rule else "",
    )


class Linter:
    """Lints files with one configuration's rules."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @property
    def _syntax_rule(self) -> type[Rule] | None:
        # Looked up only when needed: a run served from the cache imports no rule at all.
        return self.config.registry.get(SYNTAX_ERROR_CODE)

    @property
    def _internal_rule(self) -> type[Rule] | None:
        return self.config.registry.get(INTERNAL_ERROR_CODE)

    def syntax_error(self, path: Path, source: SourceText | None, exc: Exception) -> Diagnostic:
        """A ``syntax-error`` finding for a file that cannot be parsed."""
        line = getattr(exc, "line", 0)
        column = getattr(exc, "column", 0)
        message = getattr(exc, "message", str(exc))
        if source is not None:
            range_ = _point_range(source, line, column)
        else:
            point = Position(line, column, 0)
            range_ = Range(point, point)
        return _engine_diagnostic(
            self._syntax_rule, SYNTAX_ERROR_CODE, "syntax-error", path, range_, message
        )

    def lint_path(
        self,
        path: Path,
        kind: FileKind | None = None,
        cache: ResultCache | None = None,
        prerender: Prerender | None = None,
    ) -> FileReport:
        """Read and lint one file from disk, reusing cached findings when ``cache`` has them."""
        raw = self._read(path, kind)
        if isinstance(raw, FileReport):
            return raw
        if cache is None:
            return _rendered(self.lint_bytes(path, raw, kind), prerender)
        key = cache.key(path, raw, kind.value if kind else "", self.config.fingerprint)
        hit = _from_cache(cache, key, path, prerender)
        if hit is not None:
            return _rendered(hit, prerender)
        with project_files.recording() as reads:
            report = _rendered(self.lint_bytes(path, raw, kind), prerender)
        if report.error is None:
            variant = prerender.variant if prerender is not None else ""
            cache.put(
                key,
                CacheEntry(
                    report.kind,
                    report.packed(),
                    report.tally(),
                    dict(reads),
                    report.rendered,
                    variant,
                ),
            )
        return report

    def cached_report(
        self,
        path: Path,
        kind: FileKind | None,
        cache: ResultCache,
        prerender: Prerender | None = None,
    ) -> FileReport | None:
        """The report ``cache`` holds for the file as it is now, or ``None``."""
        raw = self._read(path, kind)
        if isinstance(raw, FileReport):
            return None  # linting it will report the problem
        key = cache.key(path, raw, kind.value if kind else "", self.config.fingerprint)
        return _from_cache(cache, key, path, prerender)

    def _read(self, path: Path, kind: FileKind | None) -> bytes | FileReport:
        """The file's bytes, or a report saying why it cannot be linted."""
        try:
            size = path.stat().st_size
            if size > self.config.max_file_size:
                return FileReport(
                    path,
                    kind,
                    error=f"skipped: {size} bytes is over the {self.config.max_file_size} byte "
                    "limit (setting max-file-size)",
                )
            return path.read_bytes()
        except OSError as exc:
            return FileReport(path, kind, error=f"cannot read: {exc.strerror or exc}")

    def lint_bytes(self, path: Path, raw: bytes, kind: FileKind | None = None) -> FileReport:
        """Lint file content already read (stdin, editors)."""
        try:
            source = SourceText.from_bytes(path, raw)
        except SourceDecodeError as exc:
            resolved = kind or kind_from_name(path)
            return FileReport(path, resolved, [self.syntax_error(path, None, exc)])
        resolved = kind or guess_kind(path, source.text)
        if resolved is None:
            return FileReport(
                path,
                None,
                source=source,
                error="cannot tell whether this is a Dockerfile or a compose file (use --kind)",
            )
        return FileReport(path, resolved, self.lint_source(source, resolved), source)

    def lint_source(
        self,
        source: SourceText,
        kind: FileKind,
        only: Callable[[type[Rule]], bool] | None = None,
    ) -> list[Diagnostic]:
        """Lint parsed-from-text content and return its findings, sorted."""
        # The configuration gives only rules that check this kind of file.
        active = self.config.rules_for(source.path, kind)
        if only is not None:
            active = tuple(entry for entry in active if only(entry.rule))
        try:
            model, suppressions = _parse(source, kind, self.config.root)
        except (ParseError, RecursionError) as exc:
            if isinstance(exc, RecursionError):
                exc = ParseError("the file is nested too deeply to read", 0, 0)
            return [self.syntax_error(source.path, source, exc)]
        diagnostics: list[Diagnostic] = []
        # One context for every rule without options (most of them): it is read-only.
        plain = RuleContext(path=source.path, project_root=self.config.root)
        for entry in active:
            context = (
                RuleContext(
                    path=source.path, options=entry.options, project_root=plain.project_root
                )
                if entry.options
                else plain
            )
            diagnostics.extend(self._run_rule(entry, kind, model, source, suppressions, context))
        # What rules shared through the model's memo points back at the model; emptying it
        # lets reference counting free the whole tree now, not the cycle collector later.
        memo = getattr(model, "memo", None)
        if isinstance(memo, dict):
            memo.clear()
        diagnostics.sort(key=lambda d: d.sort_key)
        return diagnostics

    def _run_rule(
        self,
        entry: ActiveRule,
        kind: FileKind,
        model: Any,
        source: SourceText,
        suppressions: Suppressions,
        context: RuleContext,
    ) -> list[Diagnostic]:
        rule_class = entry.rule
        found: list[Diagnostic] = []
        try:
            rule = rule_class()
            problems = (
                rule.check_dockerfile(model, context)
                if kind is FileKind.DOCKERFILE
                else rule.check_compose(model, context)
            )
            for problem in problems:
                diagnostic = self._stamp(entry, problem, source.path)
                if diagnostic.path == source.path and suppressions.silences(
                    rule_class, diagnostic.range.start.line, problem.subcode
                ):
                    LOG.debug("%s suppressed at %s", rule_class.code, diagnostic.range.start)
                    continue
                found.append(diagnostic)
        except Exception as exc:  # a crashing rule must not stop the run
            LOG.debug("rule %s crashed on %s", rule_class.code, source.path, exc_info=True)
            found.append(
                _engine_diagnostic(
                    self._internal_rule,
                    INTERNAL_ERROR_CODE,
                    "internal-error",
                    source.path,
                    source.range(0, 0),
                    f"rule {rule_class.name} ({rule_class.code}) failed on this file: "
                    f"{type(exc).__name__}: {exc}. Please report it; other rules still ran.",
                )
            )
        return found

    @staticmethod
    def _stamp(entry: ActiveRule, problem: Problem, path: Path) -> Diagnostic:
        rule = entry.rule
        return Diagnostic(
            path=problem.path or path,
            range=problem.range,
            code=rule.code,
            name=rule.name,
            severity=(
                problem.severity
                if problem.severity is not None and not entry.severity_overridden
                else entry.severity
            ),
            message=problem.message,
            fix=problem.fix,
            unfixable_reason=problem.unfixable_reason,
            doc_url=rule.doc_url(),
        )


def _parse(source: SourceText, kind: FileKind, root: Path) -> tuple[Any, Suppressions]:
    if kind is FileKind.DOCKERFILE:
        from lintkit.dockerfile.model import parse_dockerfile

        dockerfile = parse_dockerfile(source)
        comments = [
            (
                comment.range.start.line,
                source.text[comment.range.start.offset : comment.range.end.offset],
            )
            for comment in dockerfile.syntax.comments
        ]
        spans = [
            (instruction.range.start.line, instruction.range.end.line)
            for instruction in dockerfile.syntax.instructions
        ]
        return dockerfile, dockerfile_suppressions(comments, spans)
    from lintkit.compose.interpolation import environment_for
    from lintkit.compose.model import parse_compose

    # NOTE: only the project's .env feeds interpolation, not this shell's environment, so
    # findings are the same on every machine.
    env = environment_for(source.path, None, root) if source.path.name != "<string>" else {}
    return parse_compose(source, env=env), yaml_suppressions(source)


def lint_text(
    text: str, kind: FileKind, config: Config, path: Path | str = "<string>"
) -> list[Diagnostic]:
    """Lint a string (tests, the language server)."""
    return Linter(config).lint_source(SourceText.from_text(text, path), kind)


def exceeds_threshold(diagnostics: Sequence[Diagnostic], threshold: Severity) -> bool:
    """Whether any finding is at or above ``threshold`` (decides the exit code)."""
    return any(diagnostic.severity >= threshold for diagnostic in diagnostics)

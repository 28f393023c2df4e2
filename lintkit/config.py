"""Configuration: where it is found, what it may say, and which rules it turns on for a file.

lintkit reads ``[tool.lintkit]`` in ``pyproject.toml``, or ``lintkit.toml`` /
``.lintkit.toml``, searching upward from each linted file; the nearest wins.
Command-line flags override the file. Anything unknown stops the run with a
message naming the file, the key and the closest valid spelling.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from lintkit.diagnostics import Severity
from lintkit.errors import ConfigError
from lintkit.project_files import resolved
from lintkit.records import field, record, replace
from lintkit.registry import Registry, UnknownRuleError
from lintkit.rule import FileKind, Rule

LOG = logging.getLogger(__name__)

CONFIG_FILE_NAMES = ("lintkit.toml", ".lintkit.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
KNOWN_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "failure-threshold",
    "exclude",
    "rules",
    "max-file-size",
)


@record
class ActiveRule:
    """A rule turned on for a file, with its severity and options after configuration."""

    rule: type[Rule]
    severity: Severity
    options: Mapping[str, Any]
    #: Whether the configuration set the severity (then it wins over a finding's own).
    severity_overridden: bool = False


@record
class Config:
    """Settings for the files below one configuration file (or the defaults)."""

    registry: Registry
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    failure_threshold: Severity = Severity.INFO
    exclude: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # Active rules per file kind, computed on first use (never copied by ``replace``).
    _active: dict[FileKind | None, tuple[ActiveRule, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def with_overrides(
        self,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        failure_threshold: Severity | None = None,
    ) -> Config:
        """Apply command-line flags on top of this configuration."""
        updated = replace(
            self,
            select=tuple(select) if select is not None else self.select,
            extend_select=self.extend_select + tuple(extend_select),
            ignore=self.ignore + tuple(ignore),
            failure_threshold=failure_threshold or self.failure_threshold,
        )
        updated.validate_selectors(source="command line")
        return updated

    def validate_selectors(self, source: str) -> None:
        """Check every rule named anywhere in this configuration.

        Raises:
            ConfigError: naming the unknown rule and the closest valid spelling.
        """
        named: list[tuple[str, str]] = []
        named += [("select", s) for s in self.select or ()]
        named += [("extend-select", s) for s in self.extend_select]
        named += [("ignore", s) for s in self.ignore]
        named += [("severity", s) for s in self.severity]
        for pattern, selectors in self.per_file_ignores.items():
            named += [(f"per-file-ignores.{pattern!r}", s) for s in selectors]
        for key, selector in named:
            try:
                self.registry.resolve(selector)
            except UnknownRuleError as exc:
                raise ConfigError(f"{source}: {key}: {exc}") from None

    @property
    def active_rules(self) -> tuple[ActiveRule, ...]:
        """Rules enabled by ``select``/``extend-select`` minus ``ignore``, in registry order."""
        return self.active_rules_for(None)

    def active_rules_for(self, kind: FileKind | None) -> tuple[ActiveRule, ...]:
        """The active rules that check ``kind`` (every kind when ``None``).

        With the default selection only that kind's rules are imported; naming rules in
        ``select``, ``ignore`` or ``severity`` loads them all, since a name may be any rule's.
        """
        cached = self._active.get(kind)
        if cached is not None:
            return cached
        registry = self.registry
        pool = registry.rules if kind is None else registry.rules_for_kind(kind)
        if self.select is None:
            chosen = {rule for rule in pool if rule.enabled_by_default}
        else:
            chosen = {rule for selector in self.select for rule in registry.resolve(selector)}
        chosen |= {rule for selector in self.extend_select for rule in registry.resolve(selector)}
        chosen -= {rule for selector in self.ignore for rule in registry.resolve(selector)}
        overrides: dict[type[Rule], Severity] = {}
        for selector, level in self.severity.items():
            for rule in registry.resolve(selector):
                overrides[rule] = level
        active = []
        for rule in pool:
            if rule not in chosen:
                continue
            options = dict(rule.default_options())
            options.update(self.rule_options.get(rule.code, {}))
            active.append(
                ActiveRule(rule, overrides.get(rule, rule.severity), options, rule in overrides)
            )
        result = self._active[kind] = tuple(active)
        return result

    @cached_property
    def fingerprint(self) -> str:
        """Everything in this configuration that can change a file's findings, as text.

        Rule defaults are not part of it: the cache key also covers lintkit's own code and the
        installed rule plugins, so a warm run needs to import no rule at all.
        """
        return repr(
            (
                self.select,
                self.extend_select,
                self.ignore,
                sorted(self.per_file_ignores.items()),
                sorted((key, level.value) for key, level in self.severity.items()),
                sorted((code, sorted(opts.items())) for code, opts in self.rule_options.items()),
                self.max_file_size,
                # Which neighbouring files rules may read, and so what they can find.
                os.fspath(self.root),
            )
        )

    def rules_for(self, path: Path, kind: FileKind | None = None) -> tuple[ActiveRule, ...]:
        """Active rules for ``kind`` minus those a ``per-file-ignores`` pattern removes."""
        active_rules = self.active_rules_for(kind)
        if not self.per_file_ignores:
            return active_rules
        relative = self.relative(path)
        removed: set[type[Rule]] = set()
        for pattern, selectors in self.per_file_ignores.items():
            if _glob_match(relative, pattern):
                for selector in selectors:
                    removed.update(self.registry.resolve(selector))
        return tuple(active for active in active_rules if active.rule not in removed)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, in POSIX form, for glob matching."""
        try:
            return resolved(path).relative_to(resolved(self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def is_excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` pattern matches the path or one of its folders."""
        if not self.exclude:
            return False
        relative = self.relative(path)
        return any(_glob_match(relative, pattern) for pattern in self.exclude)


def _glob_match(relative: str, pattern: str) -> bool:
    pure = PurePosixPath(relative)
    candidates = [relative, pure.name, *(p.as_posix() for p in pure.parents if str(p) != ".")]
    return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates) or (
        "/" not in pattern and any(fnmatch.fnmatchcase(part, pattern) for part in pure.parts)
    )


def _suggest(key: str, valid: Iterable[str]) -> str:
    import difflib  # only to suggest a spelling

    matches = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.5)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings")


def parse_config(data: Mapping[str, Any], registry: Registry, path: Path | None) -> Config:
    """Build a validated :class:`Config` from the ``[tool.lintkit]`` table.

    Raises:
        ConfigError: for unknown keys, rules, options or values.
    """
    where = str(path) if path else "configuration"
    for key in data:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{_suggest(key, KNOWN_KEYS)}")
    severity: dict[str, Severity] = {}
    for selector, level in dict(data.get("severity", {})).items():
        try:
            severity[selector] = Severity.parse(str(level))
        except ValueError:
            levels = [s.label for s in Severity]
            raise ConfigError(
                f"{where}: severity.{selector}: unknown severity {level!r}"
                f"{_suggest(str(level), levels)}"
            ) from None
    threshold = Severity.INFO
    if "failure-threshold" in data:
        try:
            threshold = Severity.parse(str(data["failure-threshold"]))
        except ValueError:
            raise ConfigError(
                f"{where}: failure-threshold: unknown severity {data['failure-threshold']!r}"
            ) from None
    per_file = {
        str(pattern): _string_list(selectors, f"{where}: per-file-ignores.{pattern}")
        for pattern, selectors in dict(data.get("per-file-ignores", {})).items()
    }
    options: dict[str, dict[str, Any]] = {}
    for selector, table in dict(data.get("rules", {})).items():
        rule = registry.get(selector)
        if rule is None:
            hint = registry.suggest(selector)
            raise ConfigError(
                f"{where}: rules.{selector}: unknown rule"
                + (f" (did you mean {hint!r}?)" if hint else "")
            )
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: rules.{selector}: expected a table of options")
        known = {option.name: option for option in rule.options}
        for name, value in table.items():
            if name not in known:
                raise ConfigError(
                    f"{where}: rules.{selector}: unknown option {name!r}{_suggest(name, known)}"
                )
            try:
                options.setdefault(rule.code, {})[name] = known[name].validate(value)
            except ValueError as exc:
                raise ConfigError(f"{where}: rules.{selector}.{name}: {exc}") from None
    max_size = data.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size <= 0:
        raise ConfigError(f"{where}: max-file-size: expected a positive number of bytes")
    config = Config(
        registry=registry,
        path=path,
        root=path.parent if path else Path.cwd(),
        select=_string_list(data["select"], f"{where}: select") if "select" in data else None,
        extend_select=_string_list(data.get("extend-select", []), f"{where}: extend-select"),
        ignore=_string_list(data.get("ignore", []), f"{where}: ignore"),
        per_file_ignores=per_file,
        severity=severity,
        failure_threshold=threshold,
        exclude=_string_list(data.get("exclude", []), f"{where}: exclude"),
        rule_options=options,
        max_file_size=max_size,
    )
    config.validate_selectors(where)
    return config


def read_config_file(path: Path, registry: Registry) -> Config | None:
    """Read one configuration file; ``None`` for a ``pyproject.toml`` without ``[tool.lintkit]``.

    Raises:
        ConfigError: when the file cannot be read or is invalid.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml" and b"lintkit" not in data:
        # Most pyproject.toml files say nothing of lintkit: skip importing a TOML parser.
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("lintkit")
        if table is None:
            return None
    else:
        table = document.get("tool", {}).get("lintkit", document)
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: expected a table")
    LOG.debug("using configuration %s", path)
    return parse_config(table, registry, path)


@record(frozen=False)
class ConfigResolver:
    """Finds the configuration for each linted file, caching per directory.

    ``explicit`` (from ``--config``) applies to every file. ``overrides`` holds
    the command-line flags applied on top of whichever file is found.
    """

    registry: Registry
    explicit: Path | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)
    # Keyed by real folder paths as text: these lookups run for every linted file's folder and
    # its parents, and building and hashing Path objects cost more than the lookups.
    _by_dir: dict[str, Config] = field(default_factory=dict)
    # The configuration file found upward from a folder (None: none up to the top). Many
    # linted files share their ancestors, so each folder is looked at, and each file read,
    # once per run.
    _file_config_by_dir: dict[str, Config | None] = field(default_factory=dict)
    _nearest_by_names: dict[tuple[str, ...], dict[str, str | None]] = field(default_factory=dict)
    _here_by_names: dict[tuple[str, ...], Path | None] = field(default_factory=dict)
    _hadolint_by_file: dict[str, Config | None] = field(default_factory=dict)
    _default_by_root: dict[str, Config] = field(default_factory=dict)
    _names_by_dir: dict[str, frozenset[str]] = field(default_factory=dict)
    _explicit_config: Config | None = None

    def __post_init__(self) -> None:
        if self.explicit is not None:
            loaded = read_config_file(self.explicit, self.registry)
            if loaded is None:
                raise ConfigError(f"{self.explicit}: no [tool.lintkit] table")
            self._explicit_config = loaded.with_overrides(**self.overrides)

    def default(self) -> Config:
        """Configuration for the current directory (used for stdin and global listings)."""
        return self.for_directory(Path.cwd())

    def for_path(self, path: Path) -> Config:
        """Configuration that applies to the file at ``path``."""
        return self.for_directory(path.parent if path.name else Path.cwd())

    def for_directory(self, directory: Path) -> Config:
        """Configuration found upward from ``directory``."""
        if self._explicit_config is not None:
            return self._explicit_config
        real = os.fspath(resolved(directory))
        cached = self._by_dir.get(real)
        if cached is not None:
            return cached
        config = self._find(real)
        self._by_dir[real] = config
        return config

    def _file_config(self, directory: str) -> Config | None:
        """The configuration file nearest above ``directory``, with the overrides applied."""
        if directory in self._file_config_by_dir:
            return self._file_config_by_dir[directory]
        found: Config | None = None
        present = self._names_in(directory)
        for name in CONFIG_FILE_NAMES:
            if name not in present:
                continue
            candidate = Path(directory, name)
            if candidate.is_file():
                loaded = read_config_file(candidate, self.registry)
                if loaded is not None:
                    found = loaded.with_overrides(**self.overrides)
                    break
        else:
            parent = os.path.dirname(directory)
            found = None if parent == directory else self._file_config(parent)
        self._file_config_by_dir[directory] = found
        return found

    def _nearest(self, directory: str, names: tuple[str, ...]) -> str | None:
        """The nearest entry called one of ``names`` in ``directory`` or above it."""
        memo = self._nearest_by_names.setdefault(names, {})
        if directory in memo:
            return memo[directory]
        present = self._names_in(directory)
        found = next((os.path.join(directory, name) for name in names if name in present), None)
        parent = os.path.dirname(directory)
        if found is None and parent != directory:
            found = self._nearest(parent, names)
        memo[directory] = found
        return found

    def _names_in(self, directory: str) -> frozenset[str]:
        """The names of the entries in ``directory`` (listed once per run).

        One listing answers every "is there a … here?" question asked about a folder, which
        costs less than asking the file system once per candidate name.
        """
        names = self._names_by_dir.get(directory)
        if names is None:
            try:
                names = frozenset(os.listdir(directory))
            except OSError:
                names = frozenset()
            self._names_by_dir[directory] = names
        return names

    def _nearest_here(self, names: tuple[str, ...]) -> Path | None:
        """The first of ``names`` that is a file in the current folder (looked up once)."""
        if names not in self._here_by_names:
            here = Path.cwd()
            found = next((here / name for name in names if (here / name).is_file()), None)
            self._here_by_names[names] = found
        return self._here_by_names[names]

    def _folder_run_in(self, directory: str) -> str | None:
        """The current folder (real path) if ``directory`` is inside it, else ``None``."""
        here = os.fspath(resolved(Path.cwd()))
        inside = directory == here or directory.startswith(here.rstrip(os.sep) + os.sep)
        return here if inside else None

    def _find(self, directory: str) -> Config:
        from_file = self._file_config(directory)
        if from_file is not None:
            return from_file
        from lintkit.hadolint_config import HADOLINT_FILE_NAMES, hadolint_config_from

        nearest = self._nearest(directory, HADOLINT_FILE_NAMES)
        hadolint_file = Path(nearest) if nearest is not None else None
        if hadolint_file is None or not hadolint_file.is_file():
            # hadolint also reads the file in the folder it runs from.
            hadolint_file = self._nearest_here(HADOLINT_FILE_NAMES)
        if hadolint_file is not None:
            key = os.fspath(hadolint_file)
            if key not in self._hadolint_by_file:
                hadolint = hadolint_config_from(hadolint_file, self.registry)
                self._hadolint_by_file[key] = (
                    None if hadolint is None else hadolint.with_overrides(**self.overrides)
                )
            converted = self._hadolint_by_file[key]
            if converted is not None:
                return converted
        # The project root bounds which neighbouring files rules may read: the repository,
        # else the folder lintkit runs in (a project's top, in a copy without git).
        git = self._nearest(directory, (".git",))
        root = os.path.dirname(git) if git else self._folder_run_in(directory) or directory
        if root not in self._default_by_root:
            base = Config(registry=self.registry, root=Path(root))
            self._default_by_root[root] = base.with_overrides(**self.overrides)
        return self._default_by_root[root]

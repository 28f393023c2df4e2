"""Finds every rule: the built-in ones listed in ``lintkit.rules`` and third-party ones.

Third-party packages add rules through the ``lintkit.rules`` entry-point group;
each entry point names a :class:`~lintkit.rule.Rule` subclass or a module whose
``RULES`` sequence lists them.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from types import ModuleType

from lintkit.records import field, record
from lintkit.rule import CODE_PATTERN, FileKind, Rule

LOG = logging.getLogger(__name__)

SELECT_ALL = "ALL"


class UnknownRuleError(LookupError):
    """A rule selector matched nothing; ``suggestion`` is the closest valid spelling."""

    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"unknown rule {selector!r}{hint}")
        self.selector = selector
        self.suggestion = suggestion


#: Loads a group of rules; ``kind`` is the file kind all of them check, or ``None`` for
#: groups whose rules may check any kind (loaded whenever any rule is needed).
RuleGroup = tuple[FileKind | None, Callable[[], Iterable[type[Rule]]]]


@record(frozen=False)
class Registry:
    """All known rules, and lookup by code, name, alias or code prefix.

    Groups of rules are imported on first use: a run that lints only Dockerfiles
    never imports the compose rules. Anything that needs every rule (listing them,
    resolving a selector, an unknown key) loads every group first.
    """

    groups: list[RuleGroup] = field(default_factory=list)
    _rules: list[type[Rule]] = field(default_factory=list)
    _order: dict[type[Rule], tuple[int, int]] = field(default_factory=dict)
    _by_key: dict[str, list[type[Rule]]] = field(default_factory=dict)
    _loaded: set[int] = field(default_factory=set)

    @property
    def rules(self) -> list[type[Rule]]:
        """Every rule, in registration order."""
        self._load(lambda kind: True)
        return self._rules

    def rules_for_kind(self, kind: FileKind) -> list[type[Rule]]:
        """The rules that check ``kind``, loading only the groups that may hold them."""
        self._load(lambda group_kind: group_kind is None or group_kind is kind)
        return [rule for rule in self._rules if kind in rule.kinds]

    def _load(self, wanted: Callable[[FileKind | None], bool]) -> None:
        for index, (kind, loader) in enumerate(self.groups):
            if index in self._loaded or not wanted(kind):
                continue
            self._loaded.add(index)
            for position, rule in enumerate(loader()):
                self._add(rule, (index, position))
            LOG.debug("loaded rule group %d (%s)", index, kind.value if kind else "any kind")

    def add(self, rule: type[Rule]) -> None:
        """Register one rule, refusing a code or name already taken by another rule."""
        self._add(rule, (len(self.groups), len(self._rules)))

    def _add(self, rule: type[Rule], order: tuple[int, int]) -> None:
        for existing in self._rules:
            if existing is rule:
                return
            if existing.code == rule.code or existing.name == rule.name:
                raise ValueError(
                    f"rule {rule.__name__} reuses code/name of {existing.__name__} "
                    f"({existing.code} {existing.name})"
                )
        self._order[rule] = order
        self._rules.append(rule)
        self._rules.sort(key=self._order.__getitem__)
        for key in (rule.code, rule.name, *rule.aliases):
            self._by_key.setdefault(key.lower(), []).append(rule)
            self._by_key[key.lower()].sort(key=self._order.__getitem__)

    def get(self, key: str) -> type[Rule] | None:
        """Return the rule whose code or name is ``key`` (aliases are not unique, so not here)."""
        # The engine's own rules live in a group for any kind: try those before loading all.
        for load_first in (lambda kind: kind is None, lambda kind: True):
            self._load(load_first)
            for rule in self._by_key.get(key.lower(), []):
                if key.lower() in (rule.code.lower(), rule.name):
                    return rule
        return None

    def resolve(self, selector: str) -> list[type[Rule]]:
        """Rules matched by a selector: ``ALL``, a code, a name, an alias, or a code prefix.

        Raises:
            UnknownRuleError: when nothing matches.
        """
        rules = self.rules  # a selector may name a rule of any group
        selector = selector.strip()
        if selector.upper() == SELECT_ALL:
            return list(rules)
        found = self._by_key.get(selector.lower())
        if found:
            return list(found)
        if selector.upper().startswith("LK") and selector[2:].isdigit() and len(selector) < 5:
            prefixed = [rule for rule in rules if rule.code.startswith(selector.upper())]
            if prefixed:
                return prefixed
        raise UnknownRuleError(selector, self.suggest(selector))

    def suggest(self, selector: str) -> str | None:
        """The closest known code, name or alias to a misspelt selector."""
        import difflib  # only to suggest a spelling

        keys = [key for rule in self.rules for key in (rule.code, rule.name, *rule.aliases)]
        matches = difflib.get_close_matches(selector, keys, n=1, cutoff=0.6)
        if not matches:
            lowered = {key.lower(): key for key in keys}
            matches = [
                lowered[match]
                for match in difflib.get_close_matches(selector.lower(), lowered, n=1, cutoff=0.6)
            ]
        return matches[0] if matches else None

    def by_code(self) -> dict[str, type[Rule]]:
        """Rules keyed by code."""
        return {rule.code: rule for rule in self.rules}


def _rules_in_module(module: ModuleType) -> list[type[Rule]]:
    listed = getattr(module, "RULES", None)
    if listed is not None:
        return list(listed)
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Rule)
        and value.__module__ == module.__name__
        and CODE_PATTERN.match(getattr(value, "code", ""))
    ]


def _module_rules(names: Sequence[str]) -> Iterator[type[Rule]]:
    for name in names:
        module = importlib.import_module(f"lintkit.rules.{name}")
        found = _rules_in_module(module)
        if len(found) != 1:
            raise RuntimeError(f"lintkit.rules.{name} must define exactly one rule, found {found}")
        yield found[0]


def _plugin_rules() -> Iterable[type[Rule]]:
    from lintkit.plugins import installed_plugins

    for entry in installed_plugins():
        try:
            loaded = entry.load()
        except Exception:
            LOG.warning("could not load lintkit rule plugin %r", entry.value, exc_info=True)
            continue
        if isinstance(loaded, type) and issubclass(loaded, Rule):
            yield loaded
        elif isinstance(loaded, ModuleType):
            yield from _rules_in_module(loaded)
        else:
            LOG.warning("lintkit rule plugin %r is neither a Rule nor a module", entry.value)


def build_registry(extra: Sequence[type[Rule]] = ()) -> Registry:
    """A registry of built-in rules, plugins and ``extra`` rules (groups load on first use)."""
    from lintkit import rules as builtin

    registry = Registry(
        groups=[
            (None, lambda: _module_rules(builtin.GENERAL_RULES + builtin.SHARED_RULES)),
            (FileKind.DOCKERFILE, lambda: _module_rules(builtin.DOCKERFILE_RULES)),
            (FileKind.COMPOSE, lambda: _module_rules(builtin.COMPOSE_RULES)),
            (None, _plugin_rules),
            (None, lambda: iter(extra)),
        ]
    )
    return registry


@cache
def default_registry() -> Registry:
    """The process-wide registry (built once)."""
    return build_registry()

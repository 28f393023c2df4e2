"""Honour a hadolint configuration for users moving from hadolint, and convert it.

When no lintkit configuration applies to a file, a ``.hadolint.yaml`` (or ``.yml``) found
upward from the file, or in the current folder as hadolint itself looks, is read instead:

- ``ignored`` turns rules off, ``override.{error,warning,info,style}`` sets severities,
  both through the hadolint codes lintkit rules list as aliases;
- ``trustedRegistries`` becomes the ``trusted-registries`` option of the rule aliased
  DL3026, when lintkit has one;
- ``failure-threshold`` sets the failure threshold.

hadolint codes lintkit has no rule for are skipped (logged at debug level), never an
error: a hadolint file written for hadolint must not break a lintkit run. One warning
per run says which file is used and how to convert it (``lintkit config --from-hadolint``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lintkit.config import Config, parse_config
from lintkit.errors import ConfigError
from lintkit.registry import Registry, UnknownRuleError, default_registry

LOG = logging.getLogger(__name__)

HADOLINT_FILE_NAMES = (".hadolint.yaml", ".hadolint.yml")
TRUSTED_REGISTRIES_ALIAS = "DL3026"
TRUSTED_REGISTRIES_OPTION = "trusted-registries"
SHELLCHECK_RULE = "shellcheck-finding"
_LEVELS = ("error", "warning", "info", "style")

_noted = False
_NOTED_ENV = "_LINTKIT_HADOLINT_NOTED"


def find_hadolint_file(directory: Path) -> Path | None:
    """The ``.hadolint.yaml`` that applies to files in ``directory``: upward, then the cwd."""
    for folder in (directory, *directory.parents, Path.cwd()):
        for name in HADOLINT_FILE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _codes(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None]
    LOG.debug("%s: expected a list of rule codes, ignoring %r", where, value)
    return []


def _rule_names(registry: Registry, code: str, skipped: list[str]) -> list[str]:
    try:
        return [rule.name for rule in registry.resolve(code)]
    except UnknownRuleError:
        LOG.debug("hadolint code %s has no lintkit equivalent; skipped", code)
        skipped.append(code)
        return []


def convert(document: Mapping[str, Any], registry: Registry) -> tuple[dict[str, Any], list[str]]:
    """A lintkit configuration table equivalent to a parsed hadolint configuration.

    Returns:
        The table (as ``[tool.lintkit]`` / ``lintkit.toml`` would hold it) and notes on what
        could not be carried over.
    """
    notes: list[str] = []
    skipped: list[str] = []
    table: dict[str, Any] = {}
    ignore: list[str] = []
    ignored_codes = _codes(document.get("ignored"), "ignored")
    for code in ignored_codes:
        for name in _rule_names(registry, code, skipped):
            if name not in ignore:
                ignore.append(name)
    if ignore:
        table["ignore"] = ignore
    # LIMITATION: lintkit turns whole rules off; one lintkit rule may stand for several
    # hadolint codes, so ignoring one of them also silences the others. Say so.
    for name in ignore:
        rule = registry.get(name)
        wider = [a for a in rule.aliases if a not in ignored_codes] if rule else []
        hadolint_like = [a for a in wider if a[:2] in ("DL", "SC")]
        if hadolint_like:
            notes.append(
                f"ignoring {name} also turns off what hadolint calls {', '.join(hadolint_like)}"
            )
    severity: dict[str, str] = {}
    override = document.get("override") or {}
    if isinstance(override, Mapping):
        for level in _LEVELS:
            for code in _codes(override.get(level), f"override.{level}"):
                for name in _rule_names(registry, code, skipped):
                    severity[name] = level
    if severity:
        table["severity"] = severity
    threshold = document.get("failure-threshold")
    if threshold is not None:
        if str(threshold).lower() in _LEVELS:
            table["failure-threshold"] = str(threshold).lower()
        else:
            # LIMITATION: hadolint's "none"/"ignore" (never fail) has no lintkit setting;
            # use `lintkit check --exit-zero` instead.
            notes.append(f"failure-threshold {threshold!r} has no equivalent (use --exit-zero)")
    trusted = document.get("trustedRegistries")
    if trusted:
        carried = _trusted_registries(registry, trusted)
        if carried is not None:
            table["rules"] = carried
        else:
            notes.append("trustedRegistries: lintkit has no rule for DL3026 yet; skipped")
    for key in ("no-fail", "strict-labels", "label-schema", "disable-ignore-pragma"):
        if document.get(key):
            notes.append(f"{key}: no lintkit equivalent; skipped")
    # ShellCheck codes are not rules: they become the exclude list of the ShellCheck rule.
    shellcheck_codes = [code.upper() for code in ignored_codes if _is_shellcheck_code(code)]
    if shellcheck_codes and registry.get(SHELLCHECK_RULE) is not None:
        skipped = [code for code in skipped if code.upper() not in shellcheck_codes]
        rules = table.setdefault("rules", {})
        rules.setdefault(SHELLCHECK_RULE, {})["exclude"] = shellcheck_codes
    if skipped:
        notes.append(f"hadolint codes without a lintkit rule, skipped: {', '.join(skipped)}")
    return table, notes


def _is_shellcheck_code(code: str) -> bool:
    return code[:2].upper() == "SC" and code[2:].isdigit()


def _trusted_registries(registry: Registry, value: Any) -> dict[str, Any] | None:
    for rule in registry.rules:
        if TRUSTED_REGISTRIES_ALIAS not in rule.aliases:
            continue
        for option in rule.options:
            if option.name != TRUSTED_REGISTRIES_OPTION:
                continue
            values = [str(item) for item in (value if isinstance(value, list) else [value])]
            candidate: Any = values
            if isinstance(option.default, tuple):
                candidate = tuple(values)
            try:
                option.validate(candidate)
            except ValueError as exc:
                LOG.debug("trustedRegistries not carried over: %s", exc)
                return None
            return {rule.name: {TRUSTED_REGISTRIES_OPTION: values}}
    LOG.debug("no lintkit rule aliased %s; trustedRegistries skipped", TRUSTED_REGISTRIES_ALIAS)
    return None


def read_hadolint_file(path: Path) -> dict[str, Any] | None:
    """Parse a hadolint YAML file; ``None`` (with a warning) when it cannot be read."""
    import yaml  # only when a .hadolint.yaml exists: importing PyYAML is slow

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        LOG.warning("ignoring %s: cannot read it: %s", path, exc)
        return None
    if document is None:
        return {}
    if not isinstance(document, dict):
        LOG.warning("ignoring %s: expected a mapping at the top level", path)
        return None
    return document


def hadolint_config_from(path: Path, registry: Registry) -> Config | None:
    """The configuration equivalent to the hadolint file at ``path``, if it is usable."""
    document = read_hadolint_file(path)
    if document is None:
        return None
    table, notes = convert(document, registry)
    for note in notes:
        LOG.debug("%s: %s", path, note)
    global _noted
    if not _noted and not os.environ.get(_NOTED_ENV):
        _noted = True
        # Worker processes of the same run inherit the environment: they stay quiet.
        os.environ[_NOTED_ENV] = "1"
        LOG.warning(
            "using .hadolint.yaml at %s; run `lintkit config --from-hadolint` to convert it", path
        )
    # The rules the table names come from the registry itself, so this only fails on a
    # value lintkit rejects; a hadolint file must not stop the run, so fall back.
    try:
        return parse_config(table, registry, path)
    except ConfigError as exc:
        LOG.warning("ignoring %s: %s", path, exc)
        return None


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def to_toml(
    table: Mapping[str, Any], source: Path | None = None, notes: list[str] | None = None
) -> str:
    """Render a lintkit configuration table as ``lintkit.toml`` text."""
    lines = []
    if source is not None:
        lines.append(f"# Converted from {source} by `lintkit config --from-hadolint`.")
    for note in notes or []:
        lines.append(f"# {note}")
    scalars = {k: v for k, v in table.items() if not isinstance(v, Mapping)}
    for key, value in scalars.items():
        lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if not isinstance(value, Mapping):
            continue
        nested = {k: v for k, v in value.items() if isinstance(v, Mapping)}
        flat = {k: v for k, v in value.items() if not isinstance(v, Mapping)}
        if flat:
            lines.append("")
            lines.append(f"[{_toml_key(key)}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in flat.items())
        for name, options in nested.items():
            lines.append("")
            lines.append(f"[{_toml_key(key)}.{_toml_key(name)}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in options.items())
    return "\n".join(lines).strip("\n") + "\n"


def cmd_config(args: argparse.Namespace) -> int:
    """``lintkit config --from-hadolint [PATH] [--write]``."""
    if args.from_hadolint is None:
        print("lintkit: config: nothing to do (use --from-hadolint)", file=sys.stderr)
        return 2
    path = Path(args.from_hadolint) if args.from_hadolint else find_hadolint_file(Path.cwd())
    if path is None or not path.is_file():
        print(
            f"lintkit: no hadolint configuration found ({path or '.hadolint.yaml'})",
            file=sys.stderr,
        )
        return 2
    document = read_hadolint_file(path)
    if document is None:
        return 2
    table, notes = convert(document, default_registry())
    text = to_toml(table, path, notes)
    if not args.write:
        sys.stdout.write(text)
        return 0
    target = path.parent / "lintkit.toml"
    if target.exists():
        print(f"lintkit: {target} exists; not overwriting it", file=sys.stderr)
        return 2
    target.write_text(text, encoding="utf-8")
    print(f"lintkit: wrote {target}", file=sys.stderr)
    return 0

"""Validation of a compose file against the Compose Specification JSON schema.

The schema (``schema/compose-spec.json``, Apache-2.0, see ``schema/NOTICE``) is read and the
validator built once per process, the first time a compose file is validated: importing this
module costs nothing beyond the module itself, and ``jsonschema`` is imported only then.

Validation runs on the plain data of the file's first document after interpolation with the
file's environment (``ComposeFile.env``). Values that use ``${VAR}`` never produce an error:
their type is known only once the variable is set. Each schema error is mapped back to the node
it is about (or, for an unknown key, to the key) and described in our own words.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintkit.compose.interpolation import has_interpolation, interpolate
from lintkit.compose.loader import YamlMap, YamlNode, YamlScalar, YamlSeq
from lintkit.records import record
from lintkit.source import Range

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

LOG = logging.getLogger(__name__)

SCHEMA_FILE = "compose-spec.json"
_TAGS_SKIPPED = frozenset(("!reset", "!override"))
_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}
_SECTIONS = {"volumes": "volume", "networks": "network", "secrets": "secret", "configs": "config"}
# Lists Compose de-duplicates before it validates a file (compose-go's EnforceUnicity, Docker
# Compose 2.24.4 and later; 2.24.2 for environment, volumes, ports and expose): a repeated entry
# is dropped, so the schema's "uniqueItems" never refuses them. ``*`` stands for any name.
_DEDUPLICATED = tuple(
    tuple(pattern.split("."))
    for pattern in (
        "networks.*.labels",
        "networks.*.ipam.options",
        "services.*.annotations",
        "services.*.build.additional_contexts",
        "services.*.build.args",
        "services.*.build.labels",
        "services.*.build.tags",
        "services.*.cap_add",
        "services.*.cap_drop",
        "services.*.configs",
        "services.*.deploy.labels",
        "services.*.devices",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.env_file",
        "services.*.environment",
        "services.*.expose",
        "services.*.labels",
        "services.*.links",
        "services.*.networks.*.aliases",
        "services.*.networks.*.link_local_ips",
        "services.*.ports",
        "services.*.profiles",
        "services.*.secrets",
        "services.*.sysctls",
        "services.*.tmpfs",
        "services.*.volumes",
    )
)


@record
class SchemaIssue:
    """One way a compose file departs from the Compose Specification.

    Attributes:
        range: where to report (the key for an unknown key, else the value).
        message: what is wrong, in the user's terms.
        unknown_key: the issue is a key the specification does not define at that place.
        key: the unknown key (when ``unknown_key``).
        suggestion: the closest key the specification allows there, if one is close.
    """

    range: Range
    message: str
    unknown_key: bool = False
    key: str | None = None
    suggestion: str | None = None


_validator: Any = None
#: The jsonschema-rs validator that answers "is this file valid?" (``False`` when unavailable).
_fast: Any = None


def schema() -> dict[str, Any]:
    """The bundled Compose Specification schema as data."""
    # A plain file read: importlib.resources costs ~5 ms to import, more than a validation.
    text = (Path(__file__).parent / "schema" / SCHEMA_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def validator() -> Any:
    """The compiled validator, built on first use and kept for the life of the process."""
    global _validator
    if _validator is None:
        from jsonschema import validators

        document = schema()
        cls = validators.validator_for(document)
        _validator = cls(_without_unevaluated(document))
        LOG.debug("built the compose-spec validator (%s)", type(_validator).__name__)
    return _validator


def fast_validator() -> Any | None:
    """A compiled (Rust) validator for the same schema, or ``None`` without ``jsonschema_rs``.

    It only answers whether a document is valid, ~70 times faster than ``jsonschema``; the
    errors of an invalid document still come from :func:`validator`, so their wording and
    ranges do not depend on which library is installed.
    """
    global _fast
    if _fast is None:
        try:
            import jsonschema_rs
        except ImportError:
            LOG.debug("jsonschema_rs is not installed; validating with jsonschema only")
            _fast = False
        else:
            _fast = jsonschema_rs.validator_for(
                _without_unevaluated(schema()), validate_formats=False
            )
    return _fast or None


def _without_unevaluated(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema where ``unevaluatedProperties: false`` becomes ``additionalProperties``.

    The two accept the same documents here (the allowed names are gathered from the ``allOf``
    branches), but ``unevaluatedProperties`` makes jsonschema evaluate every service twice, which
    doubles the time validation takes. Unknown keys are described from the original schema.
    """
    copy: dict[str, Any] = json.loads(json.dumps(document))
    stack: list[Any] = [copy]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        stack.extend(node.values())
        if node.get("unevaluatedProperties") is False and "additionalProperties" not in node:
            names, patterns = _allowed(node, copy)
            properties = node.setdefault("properties", {})
            for name in names:
                properties.setdefault(name, {})
            pattern_map = node.setdefault("patternProperties", {})
            for pattern in patterns:
                pattern_map.setdefault(pattern, {})
            del node["unevaluatedProperties"]
            node["additionalProperties"] = False
    return copy


# One slot: the rules sharing this result run one after another on the same file.
_memo: tuple[ComposeFile, list[SchemaIssue]] | None = None


def validate_compose(compose: ComposeFile) -> list[SchemaIssue]:
    """Validate ``compose`` against the Compose Specification (legacy and empty files: nothing).

    The result is remembered for the last file validated, so several rules can share it.
    """
    global _memo
    memo = _memo  # read once: the language server may lint from several threads
    if memo is not None and memo[0] is compose:
        return memo[1]
    issues = [] if compose.root is None or compose.is_legacy else list(_validate(compose))
    _memo = (compose, issues)
    return issues


def _validate(compose: ComposeFile) -> Iterator[SchemaIssue]:
    assert compose.root is not None
    skipped: set[int] = set()
    data = _data(compose.root, compose.env, skipped)
    fast = fast_validator()
    if fast is not None:
        # Most files are valid: confirm that cheaply. jsonschema-rs is stricter than jsonschema
        # only where it cannot represent a value (infinities, lone surrogates, a newline before
        # the end of a pattern match); it then says "invalid" or raises, and jsonschema decides.
        try:
            if fast.is_valid(data):
                return
        except Exception as exc:  # any failure of the fast path leaves the answer to jsonschema
            LOG.debug("jsonschema_rs could not take the document: %s", exc)
    check = validator()
    seen: set[tuple[int, int, str]] = set()
    for error in check.iter_errors(data):
        for issue in _issues(error, compose.root, skipped):
            key = (issue.range.start.offset, issue.range.end.offset, issue.key or "")
            if key in seen:
                continue  # one node reached through an anchor from several places
            seen.add(key)
            yield issue


def _data(node: YamlNode, env: Mapping[str, str], skipped: set[int]) -> Any:
    """Plain data of ``node`` with variables substituted; ``skipped`` collects nodes to trust.

    Trusted nodes (their errors are dropped) are scalars that use interpolation, whose type is
    known only once the variable is set, and nodes tagged ``!reset``/``!override`` (merge
    directives for override files).
    """
    if node.tag is not None and node.tag in _TAGS_SKIPPED:
        skipped.add(id(node))
    # Scalars first, and "$" looked for before anything slower: most nodes are plain values.
    if isinstance(node, YamlScalar):
        value = node.value
        if "$" in value and has_interpolation(value):
            skipped.add(id(node))
            result = interpolate(value, env)
            return result.value if result.is_known else value
        return node.resolved
    if isinstance(node, YamlMap):
        return {entry.key_text: _data(entry.value, env, skipped) for entry in node.entries}
    assert isinstance(node, YamlSeq)
    return [_data(item, env, skipped) for item in node.items]


# --- mapping errors back to nodes ---------------------------------------------------------------


def _walk(root: YamlNode, path: Iterable[Any]) -> tuple[list[YamlNode], YamlNode | None]:
    """The nodes along ``path`` (root first); the second value is the last key node, if any."""
    nodes = [root]
    key_node: YamlNode | None = None
    node: YamlNode | None = root
    for part in path:
        if isinstance(node, YamlMap) and isinstance(part, str):
            entry = node.entry(part)
            if entry is None:
                break
            key_node, node = entry.key, entry.value
        elif isinstance(node, YamlSeq) and isinstance(part, int) and part < len(node.items):
            key_node, node = None, node.items[part]
        else:
            break
        nodes.append(node)
    return nodes, key_node


def describe(path: list[Any]) -> str:
    """A path in the user's terms: ``service 'web'``, ``'deploy.resources' of service 'web'``."""
    parts = [str(part) for part in path]
    if len(parts) >= 2 and parts[0] == "services":
        owner = f"service '{parts[1]}'"
        rest = parts[2:]
    elif len(parts) >= 2 and parts[0] in _SECTIONS:
        owner = f"{_SECTIONS[parts[0]]} '{parts[1]}'"
        rest = parts[2:]
    elif parts:
        return "'" + _dotted(parts) + "'"
    else:
        return "the top level"
    return f"'{_dotted(rest)}' of {owner}" if rest else owner


def _dotted(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else (("." if text else "") + part)
    return text


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string"


def _issues(error: Any, root: YamlMap, skipped: set[int]) -> Iterator[SchemaIssue]:
    path = list(error.absolute_path)
    nodes, key_node = _walk(root, path)
    node = nodes[-1]
    if any(id(n) in skipped for n in nodes):
        LOG.debug("schema error at %s skipped: interpolated or tagged value", path)
        return
    if len(nodes) != len(path) + 1:
        LOG.debug("schema error at %s: path not found in the file", path)
        return
    where = describe(path)
    validator_name = error.validator
    if validator_name in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_keys(error, node, path)
        return
    if validator_name in ("oneOf", "anyOf") and error.context:
        chosen = _choose(error)
        if chosen is not None:
            yield from _issues(chosen, root, skipped)
            return
        expected = _expected_types(error)
        if expected:
            yield SchemaIssue(
                node.range, f"{_cap(where)} must be {expected}, not {_kind(error.instance)}"
            )
            return
    if validator_name == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        expected = _either(list(dict.fromkeys(_TYPE_WORDS.get(n, n) for n in names)))
        yield SchemaIssue(
            node.range, f"{_cap(where)} must be {expected}, not {_kind(error.instance)}"
        )
    elif validator_name == "enum":
        allowed = [str(v) for v in error.validator_value]
        value = str(error.instance)
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield SchemaIssue(
            node.range,
            f"'{value}' is not a valid value for {where}: use one of "
            f"{', '.join(repr(a) for a in allowed)}{hint}",
        )
    elif validator_name == "required":
        missing = [k for k in error.validator_value if k not in (error.instance or {})]
        listed = ", ".join(f"'{k}'" for k in missing)
        target = key_node.range if key_node is not None else node.range
        yield SchemaIssue(target, f"{_cap(where)} needs the key {listed}")
    elif validator_name == "uniqueItems" and isinstance(node, YamlSeq):
        if _deduplicated(path):
            LOG.debug("repeated entry at %s: Compose drops it before validating", path)
            return
        values = error.instance
        for index, value in enumerate(values):
            if value in values[:index]:
                yield SchemaIssue(
                    node.items[index].range,
                    f"{_cap(where)} lists {json.dumps(value)} twice; remove one of them",
                )
                break
    elif validator_name == "pattern":
        yield SchemaIssue(
            node.range,
            f"'{error.instance}' is not a valid value for {where} "
            f"(it must match the pattern {error.validator_value})",
        )
    elif validator_name in ("minItems", "minProperties"):
        yield SchemaIssue(node.range, f"{_cap(where)} must not be empty")
    elif validator_name in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        yield SchemaIssue(
            node.range, f"{error.instance} is out of range for {where} ({error.message})"
        )
    else:
        LOG.debug("schema error %s at %s: %s", validator_name, path, error.message)
        yield SchemaIssue(
            node.range,
            f"{_cap(where)} does not follow the Compose Specification "
            f"(schema keyword '{validator_name}')",
        )


def _deduplicated(path: list[Any]) -> bool:
    """Whether the list at ``path`` is one Compose de-duplicates before validating."""
    return any(
        len(pattern) == len(path)
        and all(part in ("*", str(step)) for part, step in zip(pattern, path, strict=True))
        for pattern in _DEDUPLICATED
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _choose(error: Any) -> Any | None:
    """For a ``oneOf``/``anyOf`` failure, the sub-error of the branch that fits the value's type.

    ``None`` when every branch failed on the value's type itself (the value is of a wrong kind).
    """
    here = list(error.absolute_path)
    relevant = [
        sub
        for sub in error.context
        if not (sub.validator == "type" and list(sub.absolute_path) == here)
    ]
    if not relevant:
        return None
    branches: dict[Any, list[Any]] = {}
    for sub in relevant:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)
    failed_on_type = {
        sub.schema_path[0]
        for sub in error.context
        if sub.validator == "type" and list(sub.absolute_path) == here and sub.schema_path
    }
    for branch, subs in branches.items():
        if branch not in failed_on_type:
            # The deepest error of the branch that accepted the value's type.
            return max(subs, key=lambda sub: len(sub.absolute_path))
    return None


def _expected_types(error: Any) -> str:
    words: list[str] = []
    for sub in error.context:
        if sub.validator != "type":
            continue
        wanted = sub.validator_value
        for name in [wanted] if isinstance(wanted, str) else wanted:
            word = _TYPE_WORDS.get(name, name)
            if word not in words:
                words.append(word)
    return _either(words)


def _either(words: list[str]) -> str:
    if len(words) <= 2:
        return " or ".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _unknown_keys(error: Any, node: YamlNode, path: list[Any]) -> Iterator[SchemaIssue]:
    if not isinstance(node, YamlMap):
        return
    properties, patterns = _allowed(error.schema)
    compiled = [re.compile(p) for p in patterns]
    for entry in node.entries:
        key = entry.key_text
        if key in properties or any(p.search(key) for p in compiled):
            continue
        named = [p for p in patterns if p != "^x-"]
        if named and not properties:
            # A mapping of names (services, volumes...): the name has characters not allowed.
            what = _SECTIONS.get(str(path[-1]), "service") if path else "key"
            yield SchemaIssue(
                entry.key.range,
                f"{_cap(what)} name '{key}' is not valid: use only letters, digits, "
                "'.', '_' and '-'",
            )
            continue
        close = difflib.get_close_matches(key, sorted(properties), n=1, cutoff=0.7)
        suggestion = close[0] if close else None
        hint = (
            f"; did you mean '{suggestion}'?" if suggestion else " (prefix your own keys with 'x-')"
        )
        owner = describe(path)
        text = (
            f"Unknown top-level key '{key}'{hint}"
            if not path
            else f"{_cap(owner)} has an unknown key '{key}'{hint}"
        )
        yield SchemaIssue(entry.key.range, text, unknown_key=True, key=key, suggestion=suggestion)


def _allowed(subschema: Any, document: Any = None) -> tuple[set[str], list[str]]:
    """Property names and name patterns a (sub)schema allows, following ``allOf`` and ``$ref``."""
    if document is None:
        document = validator().schema
    properties: set[str] = set()
    patterns: list[str] = []
    stack = [subschema]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if not isinstance(current, dict) or id(current) in seen:
            continue
        seen.add(id(current))
        properties.update(current.get("properties", {}))
        patterns.extend(p for p in current.get("patternProperties", {}) if p not in patterns)
        ref = current.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = document
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            stack.append(target)
        stack.extend(current.get("allOf", []))
    return properties, patterns

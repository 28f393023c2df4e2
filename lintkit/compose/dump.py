"""JSON view of a parsed compose file, for ``lintkit parse FILE --output-format json``.

Positions are 0-based ``{"line", "character"}`` pairs as in the Language Server Protocol, so
rule writers see exactly what a node's ``range`` holds.
"""

from __future__ import annotations

from typing import Any

from lintkit.compose.loader import YamlMap, YamlNode, YamlScalar, YamlSeq
from lintkit.compose.model import ComposeFile
from lintkit.dockerfile.dump import range_to_json


def node_to_json(node: YamlNode, depth: int = 0) -> dict[str, Any]:
    """One node with its range, style, tag, anchor and children (aliases shown where used)."""
    out: dict[str, Any] = {"kind": node.kind, "range": range_to_json(node.range)}
    if node.tag is not None:
        out["tag"] = node.tag
    if node.anchor is not None:
        out["anchor"] = node.anchor
    if node.shared:
        out["shared"] = True
    if depth > 60:  # the loader bounds depth; this only keeps the output readable
        return out
    if isinstance(node, YamlScalar):
        out["value"] = node.value
        out["style"] = node.style.value
    elif isinstance(node, YamlMap):
        out["flow"] = node.flow
        out["entries"] = [
            {
                "key": node_to_json(entry.key, depth + 1),
                "value": node_to_json(entry.value, depth + 1),
                **({"merged": True} if entry.merged else {}),
                **({"alias": range_to_json(entry.value_alias)} if entry.value_alias else {}),
            }
            for entry in node.entries
        ]
    elif isinstance(node, YamlSeq):
        out["flow"] = node.flow
        out["items"] = [node_to_json(item, depth + 1) for item in node.items]
    return out


def compose_to_json(compose: ComposeFile) -> dict[str, Any]:
    """The file's summary (version, services, duplicates) and its full node tree."""
    return {
        "kind": "compose",
        "empty": compose.is_empty,
        "legacy": compose.is_legacy,
        "version": compose.version,
        "name": compose.name,
        "services": {
            name: {"name_range": range_to_json(service.name_range), "keys": service.node.keys()}
            for name, service in compose.services.items()
        },
        "duplicates": [
            {
                "key": dup.key,
                "first": range_to_json(dup.first),
                "duplicate": range_to_json(dup.duplicate),
            }
            for dup in compose.duplicates
        ],
        "root": node_to_json(compose.root) if compose.root is not None else None,
    }

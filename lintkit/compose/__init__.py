"""Compose files: the YAML loader, the per-file model, interpolation and the merged project.

Rule writers mostly need :func:`parse_compose` (via the engine), :class:`ComposeFile` and
:class:`Service`; fixers check ``MapEntry.editable`` / ``YamlNode.shared`` before editing.
"""

from lintkit.compose.interpolation import Interpolated, environment_for, interpolate
from lintkit.compose.loader import (
    DuplicateKey,
    MapEntry,
    ScalarStyle,
    YamlDocument,
    YamlMap,
    YamlNode,
    YamlScalar,
    YamlSeq,
    load_yaml,
)
from lintkit.compose.model import ComposeFile, Port, Service, Volume, parse_compose

__all__ = [
    "ComposeFile",
    "DuplicateKey",
    "Interpolated",
    "MapEntry",
    "Port",
    "ScalarStyle",
    "Service",
    "Volume",
    "YamlDocument",
    "YamlMap",
    "YamlNode",
    "YamlScalar",
    "YamlSeq",
    "environment_for",
    "interpolate",
    "load_yaml",
    "parse_compose",
]

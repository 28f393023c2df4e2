"""Finds third-party rules: installed packages that declare a ``lintkit.rules`` entry point.

Reading the installed packages' metadata means importing :mod:`importlib.metadata`, which
alone costs more than linting a small file. So the entry points found are kept in a small
index file per Python environment, together with a stamp of the folders on ``sys.path``:
installing, upgrading or removing a package changes the modification time of the folder it
is installed in, and so the stamp. While the stamp matches, the index is used as it is.

The index lives in ``$XDG_CACHE_HOME/lintkit`` (``~/.cache/lintkit`` by default). It is
only an index of what is installed, not a cache of findings, so ``--no-cache`` does not
turn it off; when it cannot be read or written, lintkit scans the metadata every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LOG = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "lintkit.rules"
_INDEX_FORMAT = 1


@dataclass(frozen=True)
class PluginEntry:
    """One ``lintkit.rules`` entry point: ``value`` is ``module`` or ``module:attribute``."""

    name: str
    value: str

    def load(self) -> Any:
        """Import the module and return the object the entry point names."""
        module_name, _, attributes = self.value.partition(":")
        loaded: Any = importlib.import_module(module_name.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            loaded = getattr(loaded, attribute)
        return loaded


def index_directory() -> Path:
    """The folder that holds the plugin index files."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lintkit"


def _environment_stamp() -> list[list[Any]]:
    stamp: list[list[Any]] = []
    for entry in sys.path:
        try:
            stamp.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            stamp.append([entry, None])
    return stamp


def _scan() -> list[PluginEntry]:
    from importlib.metadata import entry_points  # the costly import this module avoids

    found = [
        PluginEntry(point.name, point.value) for point in entry_points(group=ENTRY_POINT_GROUP)
    ]
    LOG.debug("scanned installed packages: %d lintkit rule plugin(s)", len(found))
    return found


def _index_file() -> Path:
    environment = hashlib.sha256(sys.prefix.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return index_directory() / f"plugins-{environment}.json"


def _read_index(path: Path, stamp: list[list[Any]]) -> list[PluginEntry] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _INDEX_FORMAT or data.get("stamp") != stamp:
            return None
        return [PluginEntry(str(name), str(value)) for name, value in data["entry_points"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _write_index(path: Path, stamp: list[list[Any]], entries: list[PluginEntry]) -> None:
    data = {
        "format": _INDEX_FORMAT,
        "stamp": stamp,
        "entry_points": [[entry.name, entry.value] for entry in entries],
    }
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)  # atomic: a concurrent run sees the old or the new index
    except OSError as error:
        LOG.debug("could not write the plugin index %s: %s", path, error)
        with contextlib.suppress(OSError):  # e.g. its folder could not be made
            temporary.unlink(missing_ok=True)


@cache
def installed_plugins() -> tuple[PluginEntry, ...]:
    """The ``lintkit.rules`` entry points of the installed packages, from the index if current."""
    stamp = _environment_stamp()
    path = _index_file()
    indexed = _read_index(path, stamp)
    if indexed is not None:
        LOG.debug("plugin index %s is current: %d plugin(s)", path, len(indexed))
        return tuple(indexed)
    found = _scan()
    _write_index(path, stamp, found)
    return tuple(found)


def plugins_fingerprint() -> str:
    """Text that changes whenever the installed plugins may have changed (empty without any).

    With plugins installed, it includes the stamp of ``sys.path``, so that upgrading a
    plugin (which keeps its entry points but changes its rules) changes it too.
    """
    plugins = installed_plugins()
    if not plugins:
        return ""
    return json.dumps([[entry.name, entry.value] for entry in plugins] + _environment_stamp())

"""Finds third-party rules: installed packages that declare a ``lintkit.rules`` entry point.

Reading the installed packages' metadata means importing :mod:`importlib.metadata`, which
alone costs more than linting a small file. So the entry points found are kept in a small
index file, together with, for each folder on ``sys.path``, its
modification time and the names and times of the package metadata in it (``*.dist-info``,
``*.egg-info``). Installing, upgrading or removing a package changes those. A run whose
folders have the same modification times uses the index as it is; a folder that changed
for another reason (a file saved in the current folder) only costs a listing of it.

The index lives in ``$XDG_CACHE_HOME/lintkit`` (``~/.cache/lintkit`` by default), one file
per Python environment and module search path. It is only an index of what is installed,
not a cache of findings, so ``--no-cache`` does not turn it off; when it cannot be read or
written, lintkit scans the metadata every time.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from lintkit.project_files import digest
from lintkit.records import record

LOG = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "lintkit.rules"
_INDEX_FORMAT = 2


@record
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


_METADATA_SUFFIXES = (".dist-info", ".egg-info")


def _modified(folder: str) -> int | None:
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return None


def _metadata_listing(folder: str) -> list[list[Any]] | None:
    """Names and modification times of the package metadata in one folder of ``sys.path``."""
    try:
        with os.scandir(folder or ".") as entries:
            return sorted(
                [entry.name, entry.stat().st_mtime_ns]
                for entry in entries
                if entry.name.endswith(_METADATA_SUFFIXES)
            )
    except OSError:
        return None


def _folders_now() -> list[list[Any]]:
    """``[folder, modification time, metadata listing]`` for each folder on ``sys.path``."""
    return [[folder, _modified(folder), _metadata_listing(folder)] for folder in sys.path]


def _scan() -> list[PluginEntry]:
    from importlib.metadata import entry_points  # the costly import this module avoids

    found = [
        PluginEntry(point.name, point.value) for point in entry_points(group=ENTRY_POINT_GROUP)
    ]
    LOG.debug("scanned installed packages: %d lintkit rule plugin(s)", len(found))
    return found


def _index_file() -> Path:
    # One index per environment and module search path: ``python -m lintkit`` puts the
    # current folder first on the path, and a single shared index would be rescanned each
    # time that folder changed.
    key = json.dumps([sys.prefix, sys.path])
    environment = digest(key.encode("utf-8", "surrogatepass"))[:16]
    return index_directory() / f"plugins-{environment}.json"


def _read_index(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _INDEX_FORMAT:
        return None
    return data


def _still_current(index: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the index still describes the installed packages, and whether to rewrite it.

    A folder whose modification time changed but whose package metadata did not keeps the
    index current; the new time is written back so the next run does not list it again.
    """
    folders = index.get("folders")
    if not isinstance(folders, list) or [item[0] for item in folders] != sys.path:
        return False, True
    touched = False
    for item in folders:
        folder, modified, listing = item
        now = _modified(folder)
        if now == modified:
            continue
        if _metadata_listing(folder) != listing:
            return False, True
        item[1] = now
        touched = True
    return True, touched


def _write_index(path: Path, folders: list[list[Any]], entries: list[PluginEntry]) -> None:
    data = {
        "format": _INDEX_FORMAT,
        "folders": folders,
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
def _index() -> tuple[tuple[PluginEntry, ...], str]:
    """The installed plugins, and a text describing the package metadata they came from."""
    path = _index_file()
    index = _read_index(path)
    if index is not None:
        current, rewrite = _still_current(index)
        if current:
            try:
                plugins = [PluginEntry(str(n), str(v)) for n, v in index["entry_points"]]
            except (KeyError, TypeError, ValueError):
                plugins = None
            if plugins is not None:
                LOG.debug("plugin index %s is current: %d plugin(s)", path, len(plugins))
                if rewrite:
                    _write_index(path, index["folders"], plugins)
                return tuple(plugins), json.dumps([item[2] for item in index["folders"]])
    folders = _folders_now()
    found = _scan()
    _write_index(path, folders, found)
    return tuple(found), json.dumps([item[2] for item in folders])


def installed_plugins() -> tuple[PluginEntry, ...]:
    """The ``lintkit.rules`` entry points of the installed packages, from the index if current."""
    return _index()[0]


def plugins_fingerprint() -> str:
    """Text that changes whenever the installed plugins may have changed (empty without any).

    With plugins installed, it includes the package metadata listing of every folder on
    ``sys.path``, so that upgrading a plugin (which keeps its entry points but changes its
    rules) changes it too.
    """
    plugins, metadata = _index()
    if not plugins:
        return ""
    return json.dumps([[entry.name, entry.value] for entry in plugins]) + metadata

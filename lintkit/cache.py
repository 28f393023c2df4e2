"""A result cache: findings keyed by file content, configuration and lintkit version.

Entries live in ``.lintkit_cache/`` in the current folder (or ``$LINTKIT_CACHE_DIR``).
Each entry also records the other files its findings depended on (``.env``,
``.dockerignore``, a Dockerfile a compose service builds, …, see
:mod:`lintkit.project_files`) and is reused only while they are unchanged.
Writes go to a temporary file that is renamed into place, so concurrent runs
never see half an entry; an unreadable entry is treated as a miss.
"""

from __future__ import annotations

import logging
import os
import pickle
from functools import cache
from pathlib import Path

from lintkit import __version__, project_files
from lintkit.diagnostics import Tally
from lintkit.plugins import plugins_fingerprint
from lintkit.records import record
from lintkit.rule import FileKind
from lintkit.run_snapshot import cache_directory

LOG = logging.getLogger(__name__)

_FORMAT = 3


def default_cache_dir() -> Path:
    """Where the cache lives unless told otherwise."""
    return Path(cache_directory())


@cache
def _code_fingerprint() -> str:
    """A hash of lintkit's own source files and of the installed rule plugins.

    Releases would be told apart by the version alone; this also covers editable installs,
    and a plugin installed, removed or upgraded since the results were stored.
    """
    package = Path(__file__).resolve().parent
    stamps = []
    # followlinks: rules/ and fixers/ are reached through symlinks in a source checkout.
    for folder, _, names in sorted(os.walk(package, followlinks=True)):
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            try:
                status = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    stamps.append(plugins_fingerprint())
    return project_files.digest("\n".join(stamps).encode())[:12]


@record
class CacheEntry:
    """Findings for one file content, and the other files they depended on.

    ``rendered`` is the findings as plain text when the run that linted the file asked for
    it, made as ``rendered_as`` says (see :class:`lintkit.engine.Prerender`).
    """

    kind: FileKind | None
    packed: bytes  # the findings, pickled (see lintkit.engine.FileReport)
    tally: Tally
    reads: dict[str, str]
    rendered: str | None = None
    rendered_as: str = ""


class ResultCache:
    """Stores and finds :class:`CacheEntry` objects on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory / f"v{_FORMAT}-{__version__}-{_code_fingerprint()}"
        self._ready = False
        #: The recorded reads of every entry :meth:`get` returned.
        self.hit_reads: dict[str, str] = {}

    def key(self, path: Path, raw: bytes, kind: str, settings: str) -> str:
        """The key for a file's content linted as ``kind`` under ``settings``.

        Findings name their file as it was given (``../app/Dockerfile``), and so does the
        output: the key holds that spelling, and the current folder when it is relative,
        besides the real path, so a cache shared by several folders never shows one
        folder's spelling in another.
        """
        spelling = str(path) if path.is_absolute() else os.path.join(os.getcwd(), path)
        where = f"{project_files.resolved(path)}\0{spelling}".encode()
        return project_files.digest(b"\0".join([where, kind.encode(), settings.encode(), raw]))

    def get(self, key: str) -> CacheEntry | None:
        """The entry for ``key`` if present, readable and still valid."""
        entry_path = self.directory / key[:2] / key
        try:
            with entry_path.open("rb") as handle:
                entry = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is only a miss
            LOG.debug("ignoring unreadable cache entry %s", entry_path, exc_info=True)
            return None
        if not isinstance(entry, CacheEntry) or not project_files.unchanged(entry.reads):
            return None
        self.hit_reads.update(entry.reads)
        return entry

    def put(self, key: str, entry: CacheEntry) -> None:
        """Store an entry; failures are logged at debug level and otherwise ignored."""
        folder = self.directory / key[:2]
        # Named after this process: no other writer uses the name (tempfile would do the
        # same, but importing it costs more than linting a small file).
        temporary = folder / f".tmp-{key}-{os.getpid()}"
        try:
            if not self._ready:
                self._prepare()
            folder.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as stream:
                pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / key)
        except OSError:
            LOG.debug("cannot write cache entry in %s", folder, exc_info=True)
            temporary.unlink(missing_ok=True)

    def _prepare(self) -> None:
        root = self.directory.parent
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            # Keep the cache out of version control without asking users to edit .gitignore.
            ignore.write_text("# Created by lintkit.\n*\n", encoding="utf-8")
        self._ready = True

"""Replays a whole ``lintkit check`` run whose files and settings have not changed.

The result cache (:mod:`lintkit.cache`) answers for one file at a time, and a run over
unchanged files still reads and hashes every file, resolves every configuration and
unpacks every entry. When a ``check`` run was served entirely from that cache, lintkit
also keeps a *snapshot* of it: its output, its exit code, and the file-system state of
every path the output depends on. The next identical command in the same folder checks
that state with one ``stat`` a path, and if nothing changed, prints the stored output
without importing the rest of lintkit.

A path's state is its modification and change times, size, inode, device and mode.
Folders count too: adding, removing or renaming an entry changes its folder's times, so
a file that appears where lintkit looked for one (a new ``.dockerignore``) is noticed.
A snapshot is not written when any of those times is less than :data:`RACY_SECONDS`
before the run started: a file changed again within the file system's time resolution
could otherwise keep the recorded state. The change time cannot be set back by tools that
restore modification times (``touch -d``, ``rsync -t``), so neither can fool it.

Known limit: on file systems that do not update a folder's times when entries are added
(some network and FAT mounts), a new configuration file in a parent folder goes unnoticed
until another change there; ``--no-cache`` or deleting ``.lintkit_cache/`` forces a fresh
run.

Only this module's own imports (``os``, ``sys``, ``marshal``) are needed to replay: that is
what makes a replay cheaper than the cache lookups it stands for.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Iterable, Mapping, Sequence

try:
    # The BLAKE2 module alone: hashlib would also load OpenSSL.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python implementations without it
    from hashlib import blake2b

from lintkit import __version__

FORMAT = 1
CACHE_DIR_NAME = ".lintkit_cache"
FOLDER_NAME = "runs-v1"
#: How many snapshots a cache folder keeps (one per distinct command and folder).
KEPT = 32
#: Paths changed less than this many seconds before a run make it unfit to snapshot.
RACY_SECONDS = 2.0
#: Settings from the environment that can change what a run prints.
ENVIRONMENT = (
    "COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM", "PATH", "HOME", "XDG_CACHE_HOME",
    "LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8",
)  # fmt: skip

Signature = tuple[int, int, int, int, int, int]


def cache_directory() -> str:
    """Where the result cache lives: ``$LINTKIT_CACHE_DIR``, else ``.lintkit_cache`` here."""
    return os.environ.get("LINTKIT_CACHE_DIR") or os.path.join(os.getcwd(), CACHE_DIR_NAME)


def signature(path: str) -> Signature | None:
    """The state of ``path`` as :func:`os.stat` tells it (through links), ``None`` if absent."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_size,
        status.st_ino,
        status.st_dev,
        status.st_mode,
    )


def _snapshot_file(argv: Sequence[str]) -> str:
    """The file that holds the snapshot of ``argv`` run here, in this environment."""
    identity = (
        FORMAT,
        __version__,
        sys.executable,
        tuple(sys.path),
        os.getcwd(),
        tuple(argv),
        tuple(os.environ.get(name) for name in ENVIRONMENT),
    )
    # repr, not marshal: marshal's bytes depend on which equal strings are the same object.
    key = blake2b(repr(identity).encode(), digest_size=16).hexdigest()
    return os.path.join(cache_directory(), FOLDER_NAME, key)


def replay(argv: Sequence[str]) -> int | None:
    """Print the stored output of ``argv`` and return its exit code, if nothing changed.

    ``None`` means the run must be made: no snapshot, a damaged one, or a changed path.
    """
    if not argv or argv[0] != "check" or sys.stdout is None or sys.stdout.isatty():
        return None
    try:
        with open(_snapshot_file(argv), "rb") as stream:
            stored_format, paths, signatures, output, code = marshal.load(stream)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    well_formed = (
        stored_format == FORMAT
        and isinstance(paths, tuple)
        and isinstance(signatures, tuple)
        and len(paths) == len(signatures)
        and isinstance(output, str)
        and isinstance(code, int)
    )
    if not well_formed:
        return None
    for path, expected in zip(paths, signatures, strict=True):
        if expected is True:
            if not os.path.exists(path):
                return None
        elif signature(path) != expected:
            return None
    sys.stdout.write(output)
    return int(code)


def store(argv: Sequence[str], needs: Dependencies, output: str, code: int, started: float) -> bool:
    """Keep a snapshot of a run that printed ``output`` and ended with ``code``.

    ``needs`` are the paths the output depends on; ``started`` is when the run began
    (:func:`time.time`). Returns whether a snapshot was written: not when a path changed too
    recently, nor when the cache folder cannot be written.
    """
    target = _snapshot_file(argv)
    folder = os.path.dirname(target)
    temporary = f"{target}.tmp-{os.getpid()}"
    try:
        # Made before the paths are looked at: making it changes the folders around it.
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    states = sorted(needs.states | set(_code_paths()))
    presence = sorted(needs.presence - set(states))
    found = [signature(path) for path in states]
    newest = max((max(sig[0], sig[1]) for sig in found if sig is not None), default=0)
    if newest >= (started - RACY_SECONDS) * 1e9:
        return False
    expected: list[Signature | bool | None] = [*found]
    expected.extend(True if os.path.exists(path) else None for path in presence)
    try:
        with open(temporary, "wb") as stream:
            record = (FORMAT, (*states, *presence), tuple(expected), output, code)
            marshal.dump(record, stream)
        os.replace(temporary, target)
        _prune(folder)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def _prune(folder: str) -> None:
    """Remove the least recently written snapshots beyond :data:`KEPT`."""
    entries = [entry for entry in os.scandir(folder) if ".tmp-" not in entry.name]
    if len(entries) <= KEPT:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
    for entry in entries[: len(entries) - KEPT]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _code_paths() -> list[str]:
    """The source files and folders of lintkit itself, and the folders Python imports from.

    A changed rule changes the findings; a package installed or removed (a rule plugin)
    changes a folder on the module search path.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    found = [folder for folder in sys.path if folder and os.path.isdir(folder)]
    # followlinks: rules/ and fixers/ are reached through symlinks in a source checkout.
    for folder, subfolders, names in os.walk(package, followlinks=True):
        # Compiled bytecode is written on first import; it follows the sources.
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found.append(folder)
        found.extend(os.path.join(folder, name) for name in names if name.endswith(".py"))
    return found


class Dependencies:
    """The paths whose state decides a run's output.

    ``states``: the whole state of each matters (a linted file, a folder searched), or that
    it is still missing. ``presence``: only whether each exists (a ``.git`` folder, which
    changes with every commit but only marks where a project starts). A plain class: the
    record helpers import :mod:`typing`, which costs more than a whole replay.
    """

    __slots__ = ("presence", "states")

    def __init__(self) -> None:
        self.states: set[str] = set()
        self.presence: set[str] = set()


def dependencies(
    files: Iterable[str],
    folders: Iterable[str],
    reads: Mapping[str, str],
    arguments: Iterable[str],
    watched: Iterable[str],
    present: Iterable[str],
) -> Dependencies:
    """What a run's output depends on.

    ``files`` were linted and ``folders`` searched; ``reads`` are the other files the
    findings depend on, as the result cache records them (a content hash, or
    :data:`lintkit.project_files.MISSING`); ``arguments`` are the command's words, of which
    those naming a path count too (``--config``, a folder given to search). A linted file's
    folder and the one above it count whole (rules look for sibling compose files there).
    Above that, configuration is looked up in every folder up to the top: the files called
    one of ``watched`` count there, present or missing, and those called one of ``present``
    by their presence only. A folder's own state does not count there, since folders such
    as a home folder or ``/tmp`` change all the time.
    """
    from lintkit.project_files import MISSING, NAMES

    found = Dependencies()
    watched = tuple(watched)
    present = tuple(present)
    seen_folders: set[str] = set()

    def add_lookups(folder: str) -> None:
        while folder not in seen_folders:
            seen_folders.add(folder)
            found.states.update(os.path.join(folder, name) for name in watched)
            found.presence.update(os.path.join(folder, name) for name in present)
            parent = os.path.dirname(folder)
            if parent == folder:
                return
            folder = parent

    add_lookups(os.getcwd())
    for file in files:
        for spelling in (os.path.abspath(file), os.path.realpath(file)):
            folder = os.path.dirname(spelling)
            found.states.update((spelling, folder, os.path.dirname(folder)))
            add_lookups(folder)
    for folder in folders:
        found.states.add(os.path.abspath(folder))
        add_lookups(os.path.abspath(folder))
    for path, content in reads.items():
        if content.startswith(NAMES):  # which files a folder holds: the folder's own state
            found.states.add(os.path.dirname(path))
            continue
        found.states.add(path)
        if content == MISSING:
            add_lookups(os.path.dirname(path))
    found.states.update(os.path.abspath(word) for word in arguments if os.path.exists(word))
    return found

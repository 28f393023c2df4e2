"""Reads of files other than the one being linted: ``.env``, ``.dockerignore``, a built Dockerfile.

Every such read goes through here so that the result cache knows what a
file's findings depend on: while the engine lints a file it records each path
read here with a hash of its content (or that it was missing), and a cached
result is reused only while all of them are unchanged.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

try:
    # The BLAKE2 module alone: importing hashlib also loads OpenSSL, which takes longer
    # than linting a small file.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python implementations without it
    from hashlib import blake2b

MISSING = "-"
#: How a recorded read of a folder's listing starts (see :func:`names_matching`).
NAMES = "names:"

_recorded: ContextVar[dict[str, str] | None] = ContextVar("lintkit_project_reads", default=None)


def digest(data: bytes) -> str:
    """A short content hash used to notice changed files."""
    return blake2b(data, digest_size=16).hexdigest()


@lru_cache(maxsize=4096)
def _real_directory(directory: str) -> str:
    # Built on the parent's real path: a folder next to one already resolved then costs one
    # system call instead of one per component of its path.
    parent, name = os.path.split(directory)
    if name in ("", ".", "..") or parent == directory:
        return os.path.realpath(directory)
    candidate = os.path.join(_real_directory(parent), name)
    return os.path.realpath(candidate) if os.path.islink(candidate) else candidate


def resolved(path: Path) -> Path:
    """``path.resolve()``, faster: each directory's real path is looked up once per process.

    Linting many files in one folder resolves the same directories again and again, and
    each resolution costs a system call per path component. Inside
    :func:`remembering_reads` whole answers are kept too. Call :func:`forget` when a
    long-running process (the language server) starts a new run, so that a folder replaced
    by a symbolic link since is seen as it is now.
    """
    text = os.fspath(path)
    if _resolutions is not None:
        known = _resolutions.get(text)
        if known is None:
            if len(_resolutions) >= _MAX_REMEMBERED_READS:
                _resolutions.clear()
            known = _resolutions[text] = _resolve(path, text)
        return known
    return _resolve(path, text)


def is_within(path: Path, folder: Path) -> bool:
    """``path.is_relative_to(folder)`` for resolved paths, comparing text (several times faster)."""
    if os.name == "nt":  # Windows paths compare without case; leave that to pathlib
        return path.is_relative_to(folder)
    inner, outer = os.fspath(path), os.fspath(folder)
    return inner == outer or inner.startswith(outer if outer.endswith(os.sep) else outer + os.sep)


def _resolve(path: Path, text: str) -> Path:
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    # No normalisation before the lookup: ``link/..`` must leave the link's target.
    directory, name = os.path.split(text)
    if name in ("", ".", ".."):
        return path.resolve()
    real_directory = _real_directory(directory)
    candidate = os.path.join(real_directory, name)
    if _surely_missing(real_directory, name):
        return Path(candidate)  # nothing there, so not a link either
    if os.path.islink(candidate):
        return Path(os.path.realpath(candidate))
    return Path(candidate)


# Inside `remembering_reads()`: what each path read so far held, as (real path, content
# digest, content or the error). Many linted files read the same `.dockerignore`, `.env`
# or parent folders' files.
_reads: dict[str, tuple[str, str, bytes | OSError]] | None = None
_resolutions: dict[str, Path] | None = None
_MAX_REMEMBERED_READS = 4096
# Inside `remembering_reads()`: the casefolded names in each folder looked into, or None when
# it cannot be listed. Rules ask about many files that do not exist (`.dockerignore`, `.env`,
# `<name>.dockerignore`, key files); one listing per folder answers them all.
_listings: dict[str, frozenset[str] | None] | None = None
# Inside `remembering_reads()`: values other modules derive from file contents (parsed compose
# files), by memo name; a file that several linted files read is then parsed once per batch.
_derived: dict[str, dict[object, object]] | None = None


@contextmanager
def remembering_reads() -> Iterator[None]:
    """Read each project file once inside the block (for a batch of files linted together).

    Files are assumed not to change meanwhile, except through :mod:`lintkit.writer`, which
    calls :func:`forget`.
    """
    global _reads, _resolutions, _derived, _listings
    outer = _reads, _resolutions, _derived, _listings
    if _reads is None or _resolutions is None or _derived is None or _listings is None:
        _reads, _resolutions, _derived, _listings = {}, {}, {}, {}
    try:
        yield
    finally:
        _reads, _resolutions, _derived, _listings = outer


def forget() -> None:
    """Forget the real paths and file contents remembered so far."""
    _real_directory.cache_clear()
    if _reads is not None:
        _reads.clear()
    if _resolutions is not None:
        _resolutions.clear()
    if _derived is not None:
        _derived.clear()
    if _listings is not None:
        _listings.clear()


def _surely_missing(real_directory: str, name: str) -> bool:
    """Whether the folder has no entry ``name``, from its listing (inside a batch only).

    Names are compared casefolded: on a case-insensitive file system another spelling of
    the name opens the file, so only a name absent in every spelling is surely missing.
    """
    if _listings is None:
        return False
    if real_directory in _listings:
        names = _listings[real_directory]
    else:
        try:
            names = frozenset(entry.casefold() for entry in os.listdir(real_directory))
        except OSError:
            names = None
        if len(_listings) >= _MAX_REMEMBERED_READS:
            _listings.clear()
        _listings[real_directory] = names
    return names is not None and name.casefold() not in names


def batch_memo(name: str) -> dict[object, object] | None:
    """A dict kept for the current :func:`remembering_reads` block (``None`` outside one).

    For values computed from file contents. The key must hold everything the value depends
    on, the content itself included (an editor's unsaved text differs from the disk), and the
    values must not be changed by their users. Emptied by :func:`forget`.
    """
    if _derived is None:
        return None
    memo = _derived.get(name)
    if memo is None:
        memo = _derived[name] = {}
    return memo


def _read(path: Path) -> tuple[str, str, bytes | OSError]:
    key = os.fspath(path)
    found = _reads.get(key) if _reads is not None else None
    if found is None:
        data: bytes | OSError
        directory, name = os.path.split(key)
        if (
            os.path.isabs(key)
            and name not in ("", ".", "..")
            and _surely_missing(_real_directory(directory), name)
        ):
            data = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), key)
        else:
            try:
                with open(key, "rb") as stream:
                    data = stream.read()
            except OSError as error:
                # Kept without its traceback: that would hold this frame and its callers'
                # (with the file being linted) in a reference cycle only the collector frees.
                data = error.with_traceback(None)
        stamp = MISSING if isinstance(data, OSError) else digest(data)
        found = (str(resolved(path)), stamp, data)
        _remember(key, found)
    return found


def _remember(key: str, found: tuple[str, str, bytes | OSError]) -> None:
    if _reads is not None:
        if len(_reads) >= _MAX_REMEMBERED_READS:
            forget()
        _reads[key] = found


def read_bytes(path: Path) -> bytes:
    """Read a project file, recording it for the cache.

    Raises:
        OSError: when the file cannot be read (recorded as missing).
    """
    data = _recorded_read(path)
    if isinstance(data, OSError):
        # A new exception each time: raising one instance again would grow its traceback.
        raise OSError(data.errno, data.strerror, data.filename)
    return data


def _recorded_read(path: Path) -> bytes | OSError:
    real, stamp, data = _read(path)
    reads = _recorded.get()
    if reads is not None:
        reads[real] = stamp
    return data


def read_text(path: Path) -> str:
    """Read a project file as UTF-8 text, recording it for the cache.

    Raises:
        OSError: when the file cannot be read.
        UnicodeDecodeError: when it is not UTF-8.
    """
    return read_bytes(path).decode("utf-8")


def exists(path: Path) -> bool:
    """Whether a project file exists, recording the answer for the cache."""
    data = _recorded_read(path)  # no exception raised and caught: rules ask this a lot
    if isinstance(data, FileNotFoundError):
        return False
    if isinstance(data, OSError):
        return path.is_dir()
    return True


def is_file(path: Path) -> bool:
    """``path.is_file()``, answered once per path inside :func:`remembering_reads`.

    Compose rules ask it of the same few paths many times per file (is the linted file on
    disk, which default compose files a folder holds). A name the folder's listing lacks is
    answered without a system call.
    """
    return _kind_of(path) == "file"


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, answered once per path inside :func:`remembering_reads`."""
    return _kind_of(path) == "dir"


def _kind_of(path: Path) -> str:
    memo = batch_memo("kinds")
    text = os.fspath(path)
    if memo is not None:
        known = memo.get(text)
        if known is not None:
            return known  # type: ignore[return-value]
    kind = "missing"
    directory, name = os.path.split(text)
    if not (
        name not in ("", ".", "..")
        and _surely_missing(_real_directory(os.path.abspath(directory)), name)
    ):
        try:
            mode = os.stat(text).st_mode
        except (OSError, ValueError):
            pass
        else:
            kind = "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"
    if memo is not None:
        memo[text] = kind
    return kind


def names_matching(directory: Path, pattern: str) -> tuple[str, ...]:
    """The names in ``directory`` matching ``pattern`` (a lower-case glob), sorted.

    Names are compared casefolded. The listing is recorded for the cache, so findings that
    depended on which such files a folder holds (the other compose files beside a linted
    one) are worked out again when one is added or removed there.
    """
    real = os.fspath(resolved(directory))
    names = _names_now(real, pattern)
    reads = _recorded.get()
    if reads is not None:
        reads[os.path.join(real, pattern)] = _names_stamp(names)
    return names


def _names_stamp(names: tuple[str, ...]) -> str:
    return NAMES + digest("\0".join(names).encode())


def _names_now(real_directory: str, pattern: str) -> tuple[str, ...]:
    try:
        stamp = os.stat(real_directory).st_mtime_ns
    except OSError:
        return ()
    return _names_at(real_directory, pattern, stamp)


@lru_cache(maxsize=256)
def _names_at(real_directory: str, pattern: str, stamp: int) -> tuple[str, ...]:
    # Kept per folder state (``stamp`` is its modification time): a large tree lists the
    # same parent folder for every file in it.
    try:
        entries = os.listdir(real_directory)
    except OSError:
        return ()
    return tuple(sorted(name for name in entries if fnmatch.fnmatchcase(name.casefold(), pattern)))


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect ``{resolved path: content hash}`` for every read made inside the block."""
    reads: dict[str, str] = {}
    token = _recorded.set(reads)
    try:
        yield reads
    finally:
        _recorded.reset(token)


def unchanged(reads: dict[str, str]) -> bool:
    """Whether every recorded file still has the recorded content (or is still missing).

    Inside :func:`remembering_reads` each file is read once, however many entries name it.
    Most recorded reads are files that do not exist (``.dockerignore``, ``.env``, key files
    a rule looks for); the recorded paths are real paths already, so one listing of their
    folder answers for all of them, and otherwise one ``stat`` each.
    """
    for name, expected in reads.items():
        if expected.startswith(NAMES):
            if _names_stamp(_names_now(*os.path.split(name))) != expected:
                return False
            continue
        if expected == MISSING and _reads is not None and name not in _reads:
            if _surely_missing(*os.path.split(name)):
                continue
            try:
                os.stat(name)
            except (FileNotFoundError, NotADirectoryError) as error:
                _remember(name, (name, MISSING, error.with_traceback(None)))  # as in _read
                continue
        if _read(Path(name))[1] != expected:
            return False
    return True

"""Write fixed files back without ever leaving a partial or clobbered file.

The new content goes to a temporary file next to the real one, is flushed to disk, takes
over the mode bits (and owner, when allowed) and then replaces the file in one rename. The
write is refused when the file changed since lintkit read it, is read-only, or the disk is
full; the original is then left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from lintkit import project_files

LOG = logging.getLogger(__name__)

#: The points between steps at which ``on_step`` is called (tests inject failures there).
WriteStep = Literal["checked", "created", "written", "synced", "before-replace"]

_TEMP_SUFFIX = ".lintkit-tmp"


class WriteRefused(Exception):
    """lintkit did not write a file; ``reason`` says why in words a user can act on."""

    def __init__(self, path: Path, reason: str, errno_code: int | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.errno = errno_code


def write_atomic(
    path: Path,
    data: bytes,
    *,
    expected: bytes,
    on_step: Callable[[WriteStep], None] | None = None,
) -> None:
    """Replace the content of ``path`` with ``data`` in one step.

    A symlink is followed and its target is written; the link itself stays. The temporary
    file is removed on any failure, so the original file is either untouched or fully
    replaced.

    Args:
        path: The file to write.
        data: The new content.
        expected: The content lintkit read and fixed; the write is refused when the file on
            disk holds anything else.
        on_step: Called with each :data:`WriteStep` as it is reached; an exception it raises
            aborts the write as a failure at that point would (for tests).

    Raises:
        WriteRefused: when the file changed on disk, is missing, read-only or not writable,
            or the disk is full (or any other operating-system error occurs).
    """
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop before 3.13
        raise WriteRefused(path, f"cannot resolve the file: {_describe(exc)}") from exc
    if real != path.absolute():
        LOG.debug("writing %s through the link %s", real, path)

    status = _check(real, expected)
    temp_name: str | None = None
    try:
        _notify(on_step, "checked")
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{real.name}.", suffix=_TEMP_SUFFIX, dir=real.parent
        )
        with os.fdopen(fd, "wb") as handle:
            _notify(on_step, "created")
            handle.write(data)
            handle.flush()
            _notify(on_step, "written")
            os.fsync(handle.fileno())
            _notify(on_step, "synced")
            _copy_metadata(handle.fileno(), temp_name, status)
        # NOTE: look again right before the rename: an editor may have saved the file while
        # it was being linted and fixed. The window left between this read and the rename
        # is a few microseconds instead of the whole lint run.
        _check(real, expected)
        _notify(on_step, "before-replace")
        os.replace(temp_name, real)
        temp_name = None
    except OSError as exc:
        raise WriteRefused(path, _describe(exc), exc.errno) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    _sync_directory(real.parent)
    project_files.forget()  # other files' lints may read this one
    LOG.debug("wrote %d bytes to %s", len(data), real)


def _check(real: Path, expected: bytes) -> os.stat_result:
    """Refuse unless ``real`` is a writable regular file that still holds ``expected``."""
    try:
        status = real.stat()
        if not stat.S_ISREG(status.st_mode):
            raise WriteRefused(real, "not a regular file")
        current = real.read_bytes()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise WriteRefused(real, "the file was removed since it was read", exc.errno) from exc
        raise WriteRefused(real, _describe(exc), exc.errno) from exc
    if current != expected:
        raise WriteRefused(real, "the file changed on disk since it was read; run lintkit again")
    # NOTE: the rename would succeed on a read-only file (only the directory's permission
    # counts), and root passes every access() test, so the mode bits are checked as well: a
    # file nobody may write is one its owner meant to keep as it is.
    if not os.access(real, os.W_OK) or not stat.S_IMODE(status.st_mode) & 0o222:
        raise WriteRefused(real, "the file is read-only", errno.EACCES)
    # LIMITATION: the rename gives the path a new inode, so other hard links to the file keep
    # the old content, and extended attributes and ACLs are not copied to the new file.
    if status.st_nlink > 1:
        LOG.debug("%s has %d hard links; only this path gets the fix", real, status.st_nlink)
    return status


def _copy_metadata(fd: int, temp_name: str, status: os.stat_result) -> None:
    mode = stat.S_IMODE(status.st_mode)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows
        os.chmod(temp_name, mode)
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, status.st_uid, status.st_gid)
        except PermissionError:
            # Only root may give a file away; the new file then belongs to whoever runs
            # lintkit, as it would after an editor saved it.
            LOG.debug("could not keep the owner %d:%d", status.st_uid, status.st_gid)


def _sync_directory(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk; failing to sync it is
    # no reason to report the write as failed.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        LOG.debug("could not sync directory %s", directory)
    finally:
        os.close(fd)


def _notify(on_step: Callable[[WriteStep], None] | None, step: WriteStep) -> None:
    if on_step is not None:
        on_step(step)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return "no space left on the device (the file was not changed)"
        if exc.errno == errno.EROFS:
            return "the file system is read-only"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        if exc.strerror:
            return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc)

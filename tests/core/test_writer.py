"""Tests of the atomic writer: what it keeps, what it refuses, and that failures change nothing."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from lintkit.writer import WriteRefused, WriteStep, write_atomic

ORIGINAL = b"FROM alpine\r\nRUN echo hi\r\n"
FIXED = b"FROM alpine:3.20\r\nRUN echo hi\r\n"
STEPS: list[WriteStep] = ["checked", "created", "written", "synced", "before-replace"]


@pytest.fixture
def dockerfile(tmp_path: Path) -> Path:
    path = tmp_path / "Dockerfile"
    path.write_bytes(ORIGINAL)
    return path


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_writes_new_content_and_leaves_no_temp_file(dockerfile: Path) -> None:
    steps: list[WriteStep] = []
    write_atomic(dockerfile, FIXED, expected=ORIGINAL, on_step=steps.append)
    assert dockerfile.read_bytes() == FIXED
    assert listing(dockerfile.parent) == ["Dockerfile"]
    assert steps == STEPS


def test_symlink_target_written_and_link_kept(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "Dockerfile"
    target.write_bytes(ORIGINAL)
    link = tmp_path / "Dockerfile"
    link.symlink_to(Path("real") / "Dockerfile")

    write_atomic(link, FIXED, expected=ORIGINAL)

    assert link.is_symlink()
    assert os.readlink(link) == str(Path("real") / "Dockerfile")
    assert target.read_bytes() == FIXED
    # the temporary file was made next to the target, and is gone
    assert listing(real_dir) == ["Dockerfile"]
    assert listing(tmp_path) == ["Dockerfile", "real"]


def test_chained_symlinks_are_followed(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_bytes(ORIGINAL)
    (tmp_path / "one").symlink_to("target")
    (tmp_path / "two").symlink_to("one")
    write_atomic(tmp_path / "two", FIXED, expected=ORIGINAL)
    assert target.read_bytes() == FIXED
    assert (tmp_path / "one").is_symlink() and (tmp_path / "two").is_symlink()


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o755, 0o640])
def test_mode_kept(dockerfile: Path, mode: int) -> None:
    dockerfile.chmod(mode)
    write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    assert stat.S_IMODE(dockerfile.stat().st_mode) == mode
    assert dockerfile.read_bytes() == FIXED


@pytest.mark.skipif(not is_root(), reason="only root can give a file to another owner")
def test_owner_kept(dockerfile: Path) -> None:
    os.chown(dockerfile, 4321, 4322)
    write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    status = dockerfile.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)


def test_changed_on_disk_refused(dockerfile: Path) -> None:
    dockerfile.write_bytes(ORIGINAL + b"USER app\r\n")
    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    assert caught.value.reason == "the file changed on disk since it was read; run lintkit again"
    assert dockerfile.read_bytes() == ORIGINAL + b"USER app\r\n"
    assert listing(dockerfile.parent) == ["Dockerfile"]


def test_changed_while_writing_refused(dockerfile: Path) -> None:
    def editor_saves(step: WriteStep) -> None:
        if step == "synced":
            dockerfile.write_bytes(b"FROM debian\n")

    with pytest.raises(WriteRefused, match="changed on disk"):
        write_atomic(dockerfile, FIXED, expected=ORIGINAL, on_step=editor_saves)
    assert dockerfile.read_bytes() == b"FROM debian\n"
    assert listing(dockerfile.parent) == ["Dockerfile"]


def test_read_only_refused(dockerfile: Path) -> None:
    dockerfile.chmod(0o444)
    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    assert caught.value.reason == "the file is read-only"
    assert caught.value.errno == errno.EACCES
    assert dockerfile.read_bytes() == ORIGINAL
    assert stat.S_IMODE(dockerfile.stat().st_mode) == 0o444
    assert listing(dockerfile.parent) == ["Dockerfile"]


@pytest.mark.skipif(is_root(), reason="root may write into any directory")
def test_unwritable_directory_refused(dockerfile: Path) -> None:
    dockerfile.parent.chmod(0o555)
    try:
        with pytest.raises(WriteRefused) as caught:
            write_atomic(dockerfile, FIXED, expected=ORIGINAL)
        assert caught.value.reason == "permission denied"
    finally:
        dockerfile.parent.chmod(0o755)
    assert dockerfile.read_bytes() == ORIGINAL
    assert listing(dockerfile.parent) == ["Dockerfile"]


def test_missing_file_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="cannot resolve the file"):
        write_atomic(tmp_path / "gone", FIXED, expected=ORIGINAL)
    assert listing(tmp_path) == []


def test_dangling_symlink_refused(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to("nowhere")
    with pytest.raises(WriteRefused):
        write_atomic(tmp_path / "link", FIXED, expected=ORIGINAL)
    assert listing(tmp_path) == ["link"]
    assert not (tmp_path / "nowhere").exists()


def test_directory_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_atomic(tmp_path, FIXED, expected=ORIGINAL)


@pytest.mark.parametrize("failing_step", STEPS)
def test_disk_full_at_any_step_leaves_original(dockerfile: Path, failing_step: WriteStep) -> None:
    def fail(step: WriteStep) -> None:
        if step == failing_step:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=ORIGINAL, on_step=fail)
    assert caught.value.reason == "no space left on the device (the file was not changed)"
    assert caught.value.errno == errno.ENOSPC
    assert dockerfile.read_bytes() == ORIGINAL
    assert listing(dockerfile.parent) == ["Dockerfile"]


@pytest.mark.parametrize("failing_step", STEPS)
def test_crash_at_any_step_leaves_original(dockerfile: Path, failing_step: WriteStep) -> None:
    dockerfile.chmod(0o640)

    def crash(step: WriteStep) -> None:
        if step == failing_step:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(dockerfile, FIXED, expected=ORIGINAL, on_step=crash)
    assert dockerfile.read_bytes() == ORIGINAL
    assert stat.S_IMODE(dockerfile.stat().st_mode) == 0o640
    assert listing(dockerfile.parent) == ["Dockerfile"]


def test_failed_replace_leaves_original(dockerfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    assert caught.value.errno == errno.EXDEV
    assert caught.value.reason == "invalid cross-device link"
    assert dockerfile.read_bytes() == ORIGINAL
    assert listing(dockerfile.parent) == ["Dockerfile"]


def test_refusal_message_names_the_path(dockerfile: Path) -> None:
    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=b"something else")
    assert str(caught.value) == (
        f"{dockerfile}: the file changed on disk since it was read; run lintkit again"
    )
    assert caught.value.path == dockerfile


def test_temp_file_not_creatable_refused(dockerfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("lintkit.writer.tempfile.mkstemp", denied)
    with pytest.raises(WriteRefused) as caught:
        write_atomic(dockerfile, FIXED, expected=ORIGINAL)
    assert caught.value.reason == "permission denied"
    assert dockerfile.read_bytes() == ORIGINAL

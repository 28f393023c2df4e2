"""Whole-run snapshots: replayed only while nothing the output depends on has changed."""

from __future__ import annotations

import io
import marshal
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lintkit import run_snapshot
from lintkit.project_files import MISSING

ARGV = ["check", "Dockerfile"]
# Pretend the run started well after the files were written, so none of them is "racy".
LATER = time.time() + 60


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    return tmp_path


class _Pipe(io.StringIO):
    """Standard output that is not a terminal."""

    def isatty(self) -> bool:
        return False


def _replay(monkeypatch, argv=ARGV):
    out = _Pipe()
    monkeypatch.setattr(sys, "stdout", out)
    code = run_snapshot.replay(argv)
    return code, out.getvalue()


def _store(project: Path, reads=None, started=LATER, argv=ARGV) -> bool:
    needs = run_snapshot.dependencies(
        files=["Dockerfile"],
        folders=[],
        reads=reads or {},
        arguments=argv,
        watched=("lintkit.toml", ".gitignore"),
        present=(".git",),
    )
    return run_snapshot.store(argv, needs, "the report\n", 1, started)


def test_nothing_is_replayed_without_a_snapshot(project, monkeypatch):
    assert _replay(monkeypatch) == (None, "")


def test_a_stored_run_is_replayed_with_its_output_and_exit_code(project, monkeypatch):
    assert _store(project)
    assert _replay(monkeypatch) == (1, "the report\n")


def test_other_words_or_another_folder_are_another_run(project, monkeypatch, tmp_path_factory):
    assert _store(project)
    assert _replay(monkeypatch, ["check", "--quiet", "Dockerfile"]) == (None, "")
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert _replay(monkeypatch) == (None, "")


def test_an_environment_setting_that_changes_output_is_part_of_the_run(project, monkeypatch):
    assert _store(project)
    monkeypatch.setenv("NO_COLOR", "1")
    assert _replay(monkeypatch) == (None, "")


def test_only_check_is_replayed_and_never_to_a_terminal(project, monkeypatch):
    assert _store(project, argv=["fix", "Dockerfile"])
    assert _replay(monkeypatch, ["fix", "Dockerfile"]) == (None, "")
    assert _store(project)

    class Terminal(_Pipe):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    assert run_snapshot.replay(ARGV) is None


def test_a_changed_linted_file_is_not_replayed(project, monkeypatch):
    assert _store(project)
    (project / "Dockerfile").write_text("FROM alpine:3.21\n")
    assert _replay(monkeypatch) == (None, "")


def test_a_file_appearing_where_a_rule_looked_is_not_replayed(project, monkeypatch):
    ignore_file = str(project / ".dockerignore")
    assert _store(project, reads={ignore_file: MISSING})
    (project / ".dockerignore").write_text("*\n")
    assert _replay(monkeypatch) == (None, "")


def test_a_changed_file_a_rule_read_is_not_replayed(project, monkeypatch):
    env_file = project / ".env"
    env_file.write_text("TAG=1\n")
    assert _store(project, reads={str(env_file): "hash"})
    env_file.write_text("TAG=22\n")
    assert _replay(monkeypatch) == (None, "")


def test_configuration_appearing_in_a_parent_folder_is_not_replayed(project, monkeypatch):
    # Two levels up: above the folders whose whole state counts.
    deeper = project / "a" / "b"
    deeper.mkdir(parents=True)
    (deeper / "Dockerfile").write_text("FROM alpine:3.20\n")
    monkeypatch.chdir(deeper)
    assert _store(project)
    assert _replay(monkeypatch) == (1, "the report\n")
    (project / "lintkit.toml").write_text("[tool.lintkit]\n")
    assert _replay(monkeypatch) == (None, "")


def test_a_repository_starting_above_is_noticed_but_its_changes_are_not(project, monkeypatch):
    assert _store(project)
    (project / ".git").mkdir()
    assert _replay(monkeypatch) == (None, "")
    assert _store(project)
    (project / ".git" / "index").write_text("changes with every commit")
    assert _replay(monkeypatch) == (1, "the report\n")


def test_a_run_over_files_changed_just_before_it_is_not_stored(project):
    assert not _store(project, started=time.time())


@pytest.mark.parametrize(
    "content",
    [
        b"\x00not marshal data",
        marshal.dumps((run_snapshot.FORMAT, 7, (), "out", 0)),
        marshal.dumps((run_snapshot.FORMAT, (), (), b"not text", 0)),
        marshal.dumps((run_snapshot.FORMAT, ("a",), (), "out", 0)),
        marshal.dumps(("too", "short")),
    ],
)
def test_a_damaged_snapshot_is_ignored(project, monkeypatch, content):
    assert _store(project)
    folder = Path(os.environ["LINTKIT_CACHE_DIR"], run_snapshot.FOLDER_NAME)
    for snapshot in folder.iterdir():
        snapshot.write_bytes(content)
    assert _replay(monkeypatch) == (None, "")


def test_old_snapshots_are_pruned(project):
    for index in range(run_snapshot.KEPT + 5):
        assert _store(project, argv=["check", f"--select=LK{index}", "Dockerfile"])
    folder = Path(os.environ["LINTKIT_CACHE_DIR"], run_snapshot.FOLDER_NAME)
    assert len(list(folder.iterdir())) == run_snapshot.KEPT


def _lintkit(cwd: Path, *args: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "lintkit"]
    environment = {**os.environ, "LINTKIT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, env=environment, check=False
    )


def test_the_command_replays_an_unchanged_run_and_notices_a_change(tmp_path):
    (tmp_path / "app").mkdir()
    dockerfile = tmp_path / "app" / "Dockerfile"
    dockerfile.write_text("FROM python:latest\nRUN pip install flask\n")
    first = _lintkit(tmp_path, "check", "app")
    time.sleep(run_snapshot.RACY_SECONDS + 0.2)
    second = _lintkit(tmp_path, "check", "app")  # all from the cache: keeps a snapshot
    assert list((tmp_path / "cache" / run_snapshot.FOLDER_NAME).iterdir())
    # Without the per-file entries, only the snapshot can answer.
    for entries in (tmp_path / "cache").glob("v*"):
        for entry in sorted(entries.rglob("*"), reverse=True):
            entry.rmdir() if entry.is_dir() else entry.unlink()
    third = _lintkit(tmp_path, "check", "app", importtime=True)
    assert (first.returncode, first.stdout) == (second.returncode, second.stdout)
    assert (third.returncode, third.stdout) == (first.returncode, first.stdout)
    assert "lintkit.cli" not in third.stderr
    assert not [
        entry for entries in (tmp_path / "cache").glob("v*") for entry in entries.rglob("*")
    ]

    dockerfile.write_text("FROM python:3.12\n")
    fourth = _lintkit(tmp_path, "check", "app")
    fresh = _lintkit(tmp_path, "check", "--no-cache", "app")
    assert fourth.stdout == fresh.stdout != first.stdout


def _snapshots() -> list[Path]:
    folder = Path(os.environ["LINTKIT_CACHE_DIR"], run_snapshot.FOLDER_NAME)
    return list(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def settled(project, monkeypatch):
    """Files count as settled however recently they were written."""
    monkeypatch.setattr(run_snapshot, "RACY_SECONDS", -3600.0)
    return project


def test_only_a_run_served_whole_from_the_cache_is_kept(settled, capsys):
    from lintkit.cli import main

    main(["check", "Dockerfile"])
    assert not _snapshots()
    main(["check", "Dockerfile"])
    assert len(_snapshots()) == 1


@pytest.mark.parametrize(
    "words",
    [["--no-cache"], ["--verbose"], ["--write-baseline", "base.json"]],
)
def test_runs_that_do_more_than_print_a_report_are_not_kept(settled, capsys, words):
    from lintkit.cli import main

    for _ in range(2):
        main(["check", *words, "Dockerfile"])
    assert not _snapshots()


def test_a_run_that_warned_is_not_kept(settled, capsys, caplog):
    from lintkit.cli import main

    (settled / ".hadolint.yaml").write_text("- not a mapping\n")
    for _ in range(2):
        main(["check", "Dockerfile"])
    assert "ignoring" in caplog.text
    assert not _snapshots()

"""Reads of neighbouring files: path resolution, the per-batch memory, and cache records."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit import project_files


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Folders with links: ``link`` to ``real/inner``, ``escape`` to a file outside."""
    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "real" / "inner" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "outside.txt").write_text("secret\n")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "link").symlink_to(tmp_path / "real" / "inner")
    (tmp_path / "project" / "escape").symlink_to(tmp_path / "outside.txt")
    project_files.forget()
    return tmp_path


def test_resolved_agrees_with_pathlib(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tree / "project"
    monkeypatch.chdir(project)
    for path in [
        project / "link" / "Dockerfile",
        project / "link" / ".." / "inner" / "Dockerfile",  # `..` after a link leaves its target
        project / "link",
        project / "escape",
        project / "missing" / "file",
        project / ".",
        project / "link" / "..",
        Path("link/Dockerfile"),
        Path("."),
    ]:
        assert project_files.resolved(path) == path.resolve(), path
        with project_files.remembering_reads():
            assert project_files.resolved(path) == path.resolve(), path
            assert project_files.resolved(path) == path.resolve(), path  # remembered answer


# The tree is only read, so sharing it between generated paths is fine.
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(
        st.sampled_from(["project", "link", "..", ".", "real", "inner", "x"]), max_size=6
    )
)
def test_resolved_agrees_with_pathlib_on_any_path(tree: Path, parts: list[str]) -> None:
    path = tree.joinpath(*parts) if parts else tree
    assert project_files.resolved(path) == path.resolve()


def test_reads_are_remembered_in_a_batch_and_recorded_for_every_file(tree: Path) -> None:
    dockerfile = tree / "real" / "inner" / "Dockerfile"
    with project_files.remembering_reads():
        with project_files.recording() as first:
            assert project_files.read_text(dockerfile) == "FROM scratch\n"
            assert not project_files.exists(tree / "nothing")
        dockerfile.write_text("FROM alpine\n")  # not through lintkit.writer: not noticed
        with project_files.recording() as second:
            assert project_files.read_text(dockerfile) == "FROM scratch\n"
            assert not project_files.exists(tree / "nothing")
        assert first == second and len(first) == 2
        project_files.forget()  # what lintkit.writer does after writing a file
        assert project_files.read_text(dockerfile) == "FROM alpine\n"
    # Outside a batch nothing is remembered.
    dockerfile.write_text("FROM busybox\n")
    assert project_files.read_text(dockerfile) == "FROM busybox\n"


def test_a_missing_file_raises_a_fresh_error_each_time(tree: Path) -> None:
    with project_files.remembering_reads():
        errors = []
        for _ in range(2):
            with pytest.raises(FileNotFoundError) as caught:
                project_files.read_bytes(tree / "nothing")
            errors.append(caught.value)
        assert errors[0] is not errors[1]
        assert errors[1].filename == os.fspath(tree / "nothing")


def test_a_batch_answers_missing_files_from_one_listing_per_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = tree / "real" / "inner"
    (inner / ".dockerignore").write_text(".git\n")
    opened: list[str] = []
    real_open = open

    def counting_open(file: str, *args: object, **kwargs: object) -> object:
        opened.append(os.path.basename(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", counting_open)
    with project_files.remembering_reads():
        with project_files.recording() as reads:
            assert not project_files.exists(inner / ".env")
            assert not project_files.exists(inner / "Dockerfile.dockerignore")
            assert project_files.exists(tree / "real")  # a folder exists too
            assert project_files.read_text(inner / ".dockerignore") == ".git\n"
            # Another spelling may open the file on a case-insensitive file system.
            project_files.exists(inner / ".DockerIgnore")
        assert opened.count(".env") == opened.count("Dockerfile.dockerignore") == 0
        assert ".dockerignore" in opened and ".DockerIgnore" in opened
        assert reads[str(project_files.resolved(inner / ".env"))] == project_files.MISSING
    assert project_files.resolved(inner / ".env") == (inner / ".env").resolve()


def test_file_kinds_agree_with_pathlib_and_are_remembered_in_a_batch(tree: Path) -> None:
    paths = [
        tree,
        tree / "real",
        tree / "real" / "inner" / "Dockerfile",
        tree / "project" / "link",
        tree / "project" / "link" / "Dockerfile",
        tree / "project" / "escape",
        tree / "nothing",
        tree / "real" / "..",
        tree / "nothing" / "deeper",
    ]
    for path in paths:
        assert project_files.is_file(path) == path.is_file(), path
        assert project_files.is_dir(path) == path.is_dir(), path
    with project_files.remembering_reads():
        for path in paths:
            assert project_files.is_file(path) == path.is_file(), path
            assert project_files.is_dir(path) == path.is_dir(), path
        (tree / "nothing").write_text("now here")
        assert not project_files.is_file(tree / "nothing")  # the batch's answer stands
        project_files.forget()
        assert project_files.is_file(tree / "nothing")

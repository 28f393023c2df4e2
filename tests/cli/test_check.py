"""End-to-end behaviour of ``lintkit check`` and the listing commands, run in-process."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lintkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_have_findings_with_excerpts(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "check", "examples/", "--no-color")
    assert code == 1
    assert "examples/webapp/Dockerfile:2:6: LK100 [mutable-image-tag]" in out
    assert "2 | FROM python:latest" in out
    assert "  |      ^^^^^^^^^^^^^" in out
    assert out.rstrip().splitlines()[-1].startswith("Checked 2 files:")


def test_json_output_is_lsp_shaped(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "check", "examples/", "--output-format", "json")
    assert code == 1
    files = json.loads(out)
    assert {Path(f["uri"]).name for f in files} == {"compose.yaml", "Dockerfile"}
    for entry in files:
        assert entry["uri"].startswith("file:///")
        for diagnostic in entry["diagnostics"]:
            assert set(diagnostic) >= {"range", "severity", "code", "source", "message", "data"}
            assert diagnostic["source"] == "lintkit"
            assert 1 <= diagnostic["severity"] <= 4
            assert diagnostic["codeDescription"]["href"].endswith(".md")
            start = diagnostic["range"]["start"]
            assert start["line"] >= 0 and start["character"] >= 0


def test_hostile_folder_is_checked_quickly_without_traceback(tmp_path, capsys):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "Dockerfile").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00binary")
    (tmp_path / "unclosed").mkdir()
    (tmp_path / "unclosed" / "compose.yaml").write_text('services:\n  web:\n    image: "nginx\n')
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "compose.yaml").write_text("")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    (tmp_path / "bomb").mkdir()
    (tmp_path / "bomb" / "docker-compose.yml").write_text(bomb)
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "Dockerfile").write_text("FROM python\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    started = time.monotonic()
    code, out, err = run(capsys, "check", str(tmp_path), "--no-color")
    assert time.monotonic() - started < 10
    assert "Traceback" not in out + err
    assert code == 1
    for name in ("bin/Dockerfile", "unclosed/compose.yaml", "bomb/docker-compose.yml"):
        assert any(name in line and "LK001" in line for line in out.splitlines()), name
    assert "empty/compose.yaml" in out
    assert any("good/Dockerfile" in line and "LK100" in line for line in out.splitlines())
    assert before == {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}


def test_stdin_with_filename(capsys, monkeypatch):
    monkeypatch.setattr(
        sys, "stdin", type("S", (), {"buffer": __import__("io").BytesIO(b"FROM node\n")})()
    )
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "Dockerfile", "--no-color", "-q")
    assert code == 1
    assert out.startswith("Dockerfile:1:6: LK100")


def test_select_ignore_and_exit_zero(tmp_path, capsys):
    (tmp_path / "Dockerfile").write_text("FROM python\n")
    assert run(capsys, "check", str(tmp_path), "--ignore", "DL3006")[0] == 0
    assert run(capsys, "check", str(tmp_path), "--exit-zero")[0] == 0
    assert run(capsys, "check", str(tmp_path), "--select", "LK001")[0] == 0


def test_bad_selector_and_bad_config_exit_2(tmp_path, capsys):
    (tmp_path / "Dockerfile").write_text("FROM python\n")
    code, _, err = run(capsys, "check", str(tmp_path), "--select", "mutable-image-tagg")
    assert code == 2 and "did you mean 'mutable-image-tag'" in err
    (tmp_path / "lintkit.toml").write_text('selct = ["ALL"]\n')
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert "lintkit.toml" in err and "did you mean 'select'" in err


def test_missing_path_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err


def test_explicit_file_of_any_name_is_linted_by_content(tmp_path, capsys):
    (tmp_path / "build.docker").write_text("# a comment\nFROM python\n")
    (tmp_path / "stack.txt").write_text("services:\n  web:\n    image: nginx\n")
    code, out, _ = run(
        capsys, "check", str(tmp_path / "build.docker"), str(tmp_path / "stack.txt"), "-q"
    )
    assert code == 1
    assert out.count("LK100") == 2


def test_rules_listing_json_and_rule_doc(capsys):
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["mutable-image-tag"]["aliases"] == ["DL3006", "DL3007"]
    assert set(rows["mutable-image-tag"]) >= {
        "code",
        "summary",
        "kinds",
        "severity",
        "fix",
        "enabled_by_default",
    }
    code, out, _ = run(capsys, "rule", "DL3006")
    assert code == 0 and "# mutable-image-tag (LK100)" in out and "## Why is this bad?" in out
    assert run(capsys, "rule", "nope")[0] == 2


def test_parse_windows_crlf_dockerfile(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_bytes(
        b"# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n"
        b"RUN powershell -Command `\r\n    New-Item -ItemType Directory C:\\app\r\n"
        b"COPY app C:\\app\\\r\nWORKDIR C:\\app\r\n"
    )
    code, out, _ = run(capsys, "parse", str(path))
    assert code == 0
    tree = json.loads(out)
    keywords = [(i["keyword"], i["range"]["start"]["line"]) for i in tree["instructions"]]
    assert keywords == [("FROM", 1), ("RUN", 2), ("COPY", 4), ("WORKDIR", 5)]


def test_parse_heredocs(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_text(
        "# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN <<EOT\npip install flask\n"
        'FROM nothing\nEOT\nCOPY <<-EOF /app/config\n\tkey=value\n\tEOF\nCMD ["python"]\n'
    )
    code, out, _ = run(capsys, "parse", str(path))
    assert code == 0
    tree = json.loads(out)
    keywords = [(i["keyword"], i["range"]["start"]["line"]) for i in tree["instructions"]]
    assert keywords == [("FROM", 1), ("RUN", 2), ("COPY", 6), ("CMD", 9)]


def test_console_script_runs(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\n")
    done = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "no findings" in done.stdout


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_other_formats_exit_like_text(fmt, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "check", "examples/", "--output-format", fmt)
    assert code == 1 and out


@pytest.mark.parametrize("quiet", [False, True])
def test_text_rendered_by_workers_equals_text_rendered_here(tmp_path, capsys, monkeypatch, quiet):
    from lintkit import runner

    for index in range(30):
        folder = tmp_path / f"p{index:02d}"
        folder.mkdir()
        (folder / "Dockerfile").write_text(
            f"FROM python\nRUN apt-get install curl\nCOPY . .\nEXPOSE {8000 + index}\n"
        )
        (folder / "compose.yaml").write_text(f"services:\n  web:\n    image: nginx:{index}\n")
    monkeypatch.chdir(tmp_path)
    flags = ["check", "--no-cache", *(["-q"] if quiet else []), "."]
    assert main(flags) == 1
    pooled = capsys.readouterr().out
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 10**9)  # all in this process
    assert main(flags) == 1
    here = capsys.readouterr().out
    assert pooled == here
    assert pooled.count("[mutable-image-tag]") == 30


def test_the_command_flushes_everything_and_keeps_its_exit_code(tmp_path):
    # The console command skips the interpreter's teardown; its output must still be whole.
    for index in range(150):  # more text than a pipe holds (64 KiB)
        folder = tmp_path / f"p{index}"
        folder.mkdir()
        (folder / "Dockerfile").write_text("FROM alpine\nRUN apk add curl\nCOPY . .\n")
    command = [sys.executable, "-m", "lintkit", "check", "--no-cache", "--output-format", "json"]
    done = subprocess.run(
        [*command, str(tmp_path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)) == 150
    # A reader that stops early (``| head -1``) ends the run quietly.
    reader = subprocess.Popen(
        [sys.executable, "-m", "lintkit", "check", "--no-cache", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    errors = reader.stderr.read().decode()
    reader.wait(timeout=120)
    assert "Traceback" not in errors and "Exception ignored" not in errors, errors

"""The pre-commit hooks, run by the real ``pre-commit`` against a copy of this checkout.

``pre-commit try-repo`` clones the hook repository at HEAD, so the checkout's files
(tracked and untracked-but-not-ignored, as they are now) are committed into a temporary
repository first. pre-commit then installs lintkit into its own virtualenv, which needs
PyPI for the dependencies.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lintkit.engine import kind_from_name

CHECKOUT = Path(__file__).resolve().parents[2]
HOOKS_FILE = CHECKOUT / ".pre-commit-hooks.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "lintkit tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "lintkit tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

BAD_DOCKERFILE = (
    "FROM python\nMAINTAINER Jane <jane@example.com>\nRUN apt-get update && apt-get install curl\n"
)
BAD_COMPOSE = "services:\n  web:\n    image: nginx\n"


def _hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS_FILE.read_text())}


@pytest.mark.parametrize(
    "name",
    [
        "Dockerfile",
        "dockerfile",
        "Containerfile",
        "Dockerfile.dev",
        "Dockerfile.prod.arm64",
        "api.Dockerfile",
        "web.containerfile",
        "compose.yaml",
        "compose.yml",
        "compose.override.yaml",
        "docker-compose.yml",
        "docker-compose.prod.yaml",
        "Docker-Compose.YML",
        "Dockerfile.md",
        "Dockerfile.j2",
        "Dockerfile.template",
        "Dockerfile.orig",
        "docker-compose.yml.bak",
        "mydockerfile",
        "values.yaml",
        "compose.json",
        ".dockerignore",
        "Dockerfile.dockerignore",
        "dockerfile.yaml",
        "Dockerfile.yml",
        "Dockerfile.json",
        "build-dockerfile.sh",
        "Dockerfile.python",
    ],
)
def test_files_pattern_matches_lintkit_discovery(name: str) -> None:
    hooks = _hooks()
    for hook in hooks.values():
        pattern = re.compile(str(hook["files"]))
        expected = kind_from_name(Path(name)) is not None
        assert bool(pattern.search(name)) is expected, (hook["id"], name)
        assert bool(pattern.search(f"deploy/app/{name}")) is expected, (hook["id"], name)


def test_hook_definitions() -> None:
    hooks = _hooks()
    assert set(hooks) == {"lintkit", "lintkit-fix"}
    assert all(hook["language"] == "python" for hook in hooks.values())
    assert str(hooks["lintkit"]["entry"]).startswith("lintkit check")
    assert str(hooks["lintkit-fix"]["entry"]).startswith("lintkit fix")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
        timeout=60,
    )


def _snapshot_checkout(destination: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=CHECKOUT,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = CHECKOUT / relative
        target = destination / relative
        if relative.startswith(("bench/corpus/", ".lintkit_cache/")):
            continue  # large data pre-commit does not need
        if source.is_symlink():  # lintkit/rules -> ../rules: keep the link itself
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(os.readlink(source))
            continue
        if not source.is_file():
            continue  # deleted in the work tree
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git("init", "-q", cwd=destination)
    _git("add", "-A", cwd=destination)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=destination)


def _run_hook(
    project: Path, hook_repo: Path, hook: str, home: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            hook,
            "--all-files",
            "--color",
            "never",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
    )


@pytest.mark.slow
def test_hooks_with_real_pre_commit(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    hook_repo = tmp_path / "lintkit-repo"
    hook_repo.mkdir()
    _snapshot_checkout(hook_repo)

    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "Dockerfile").write_text(BAD_DOCKERFILE)
    (project / "compose.yaml").write_text(BAD_COMPOSE)
    (project / "README.md").write_text("FROM python\n")  # not matched by the hooks
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "--no-verify", "-m", "bad files", cwd=project)
    home = tmp_path / "pre-commit-home"

    checked = _run_hook(project, hook_repo, "lintkit", home)
    output = checked.stdout + checked.stderr
    assert checked.returncode == 1, output
    assert "app/Dockerfile:1:6: LK100" in output
    assert "compose.yaml:3:12: LK100" in output
    assert "README.md" not in output.split("Passed")[0].split("lintkit (check)")[-1]

    fixed = _run_hook(project, hook_repo, "lintkit-fix", home)
    output = fixed.stdout + fixed.stderr
    assert fixed.returncode == 1, output  # files were modified: pre-commit fails the hook
    assert "files were modified by this hook" in output
    after = (project / "app" / "Dockerfile").read_text()
    assert after != BAD_DOCKERFILE
    assert after.startswith("FROM python\n")  # no safe fix can pin an image

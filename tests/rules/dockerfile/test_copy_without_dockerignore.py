from tests.conftest import lint, spans

RULE = "copy-without-dockerignore"
TEXT = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCOPY ./ /b\n"


def run(directory, root, text=TEXT):
    path = directory / "Dockerfile"
    path.write_text(text)
    return lint(text, "dockerfile", [RULE], path=path, root=root)


def test_flags_whole_context_copy_without_ignore_file(tmp_path, snapshot):
    found = run(tmp_path, tmp_path)
    assert [s[1:] for s in spans(found)] == [(3, 6, 3, 7), (4, 6, 4, 8)]
    snapshot.assert_match(found[0].message + "\n", "message.txt")


def test_flags_ignore_file_that_keeps_git(tmp_path, snapshot):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dockerignore").write_text("node_modules\n")
    found = run(tmp_path, tmp_path)
    assert len(found) == 2
    snapshot.assert_match(found[0].message + "\n", "message.txt")


def test_leaves_alone(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dockerignore").write_text("**/.git\n")
    assert run(tmp_path, tmp_path) == []


def test_no_git_directory_needs_no_git_pattern(tmp_path):
    (tmp_path / ".dockerignore").write_text("node_modules\n")
    assert run(tmp_path, tmp_path) == []


def test_dockerfile_specific_ignore_file(tmp_path):
    (tmp_path / "Dockerfile.dockerignore").write_text("x\n")
    assert run(tmp_path, tmp_path) == []


def test_ignore_file_in_a_parent_directory(tmp_path):
    (tmp_path / ".dockerignore").write_text(".git\n")
    sub = tmp_path / "docker"
    sub.mkdir()
    assert run(sub, tmp_path) == []


def test_other_sources_and_copy_from_are_left_alone(tmp_path):
    text = "FROM node:20 AS b\nFROM node:20-slim\nCOPY --from=b . /app\nCOPY src /app\n"
    assert run(tmp_path, tmp_path, text) == []

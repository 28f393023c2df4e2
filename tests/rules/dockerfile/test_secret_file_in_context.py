from tests.conftest import lint, spans

RULE = "secret-file-in-context"
TEXT = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\n"


def run(directory, root, text=TEXT):
    path = directory / "Dockerfile"
    path.write_text(text)
    return lint(text, "dockerfile", [RULE], path=path, root=root)


def test_flags_env_file_without_dockerignore(tmp_path, snapshot):
    (tmp_path / ".env").write_text("DB_PASSWORD=x\n")
    found = run(tmp_path, tmp_path)
    assert [s[1:] for s in spans(found)] == [(3, 6, 3, 7)]
    snapshot.assert_match(found[0].message + "\n", "message.txt")


def test_flags_what_the_dockerignore_keeps(tmp_path, snapshot):
    (tmp_path / ".env").write_text("A=1\n")
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".dockerignore").write_text(".git\n.env\n")
    found = run(tmp_path, tmp_path)
    assert [s[1:] for s in spans(found)] == [(3, 6, 3, 7)]
    snapshot.assert_match(found[0].message + "\n", "message.txt")


def test_leaves_alone_when_excluded(tmp_path):
    (tmp_path / ".env").write_text("A=1\n")
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".dockerignore").write_text(".env*\n.ssh\n")
    assert run(tmp_path, tmp_path) == []


def test_leaves_alone_without_secret_files(tmp_path):
    (tmp_path / ".env.example").write_text("A=\n")
    assert run(tmp_path, tmp_path) == []


def test_leaves_alone_builder_stage(tmp_path):
    (tmp_path / ".env").write_text("A=1\n")
    text = "FROM node:20 AS build\nCOPY . .\nFROM nginx:1\nCOPY --from=build /app/dist /usr/share\n"
    assert run(tmp_path, tmp_path, text) == []


def test_parent_dockerignore_means_other_context(tmp_path):
    (tmp_path / ".dockerignore").write_text(".env\n")
    sub = tmp_path / "app"
    sub.mkdir()
    (sub / ".env").write_text("A=1\n")
    assert run(sub, tmp_path) == []

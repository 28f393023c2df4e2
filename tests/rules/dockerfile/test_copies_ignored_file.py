import pytest

from tests.conftest import lint, spans

RULE = "copies-ignored-file"


def run(tmp_path, dockerfile, ignore, name=".dockerignore"):
    (tmp_path / name).write_text(ignore)
    path = tmp_path / "Dockerfile"
    path.write_text(dockerfile)
    return lint(dockerfile, "dockerfile", [RULE], path=path, root=tmp_path)


@pytest.mark.parametrize(
    ("dockerfile", "ignore", "expected"),
    [
        ("FROM alpine:3.20\nCOPY Dockerfile /x\n", "Dockerfile\n", [(2, 6, 2, 16)]),
        ("FROM alpine:3.20\nADD ./config/app.yaml /x\n", "config\n", [(2, 5, 2, 22)]),
        ("FROM alpine:3.20\nCOPY a.txt b.md /x/\n", "*.md\n", [(2, 12, 2, 16)]),
        ("FROM alpine:3.20\nCOPY . /x\n", "**\n", [(2, 6, 2, 7)]),
    ],
)
def test_flags(tmp_path, dockerfile, ignore, expected):
    assert [s[1:] for s in spans(run(tmp_path, dockerfile, ignore))] == expected


@pytest.mark.parametrize(
    ("dockerfile", "ignore"),
    [
        ("FROM alpine:3.20\nCOPY . /x\n", "node_modules\n"),
        ("FROM alpine:3.20\nCOPY app/node_modules /x\n", "node_modules\n"),
        ("FROM alpine:3.20\nCOPY config /x\n", "config\n!config/app.yaml\n"),
        ("FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /config /x\n", "config\n"),
        ("FROM alpine:3.20\nCOPY $SRC *.md /x/\n", "*.md\nsrc\n"),
        ("FROM alpine:3.20\nADD https://example.com/config /x\n", "config\n"),
    ],
)
def test_leaves_alone(tmp_path, dockerfile, ignore):
    assert run(tmp_path, dockerfile, ignore) == []


def test_dockerfile_specific_ignore_file_wins(tmp_path):
    (tmp_path / ".dockerignore").write_text("nothing\n")
    found = run(
        tmp_path, "FROM alpine:3.20\nCOPY secret /x\n", "secret\n", "Dockerfile.dockerignore"
    )
    assert [d.message for d in found] == [
        "COPY source 'secret' is excluded by Dockerfile.dockerignore (pattern 'secret' on line 1)"
        ", so it never reaches the builder; stop excluding it or copy something else"
    ]


def test_no_ignore_file(tmp_path):
    path = tmp_path / "Dockerfile"
    text = "FROM alpine:3.20\nCOPY x /x\n"
    path.write_text(text)
    assert lint(text, "dockerfile", [RULE], path=path, root=tmp_path) == []


def test_messages(tmp_path, snapshot):
    found = run(tmp_path, "FROM alpine:3.20\nCOPY .env app.log /x/\n", ".env\n**/*.log\n")
    snapshot.assert_match("\n".join(d.message for d in found) + "\n", "messages.txt")

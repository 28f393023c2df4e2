import pytest

from lintkit.dockerignore import DockerIgnore, clean_path


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        ("node_modules", "node_modules", True),
        ("node_modules", "node_modules/x/index.js", True),
        ("node_modules", "app/node_modules", False),  # anchored at the context root
        ("**/node_modules", "app/node_modules/x", True),
        ("*.log", "x.log", True),
        ("*.log", "logs/x.log", False),
        ("**/*.log", "logs/deep/x.log", True),
        ("/build/", "build/out.bin", True),
        ("./build", "build", True),
        ("doc?", "docs", True),
        ("doc?", "doc", False),
        ("[a-c].txt", "b.txt", True),
        ("[^a].txt", "a.txt", False),
        ("*\n!keep.md", "keep.md", False),
        ("*\n!keep.md", "other.md", True),
        ("docs\n!docs/README.md\ndocs", "docs/README.md", True),  # last match wins
        ("# comment\n  \n  .git  ", ".git/HEAD", True),
        ("#.git", ".git", False),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("a/**", "a/x", True),
        ("file\\*", "file*", True),
        ("file\\*", "fileX", False),
    ],
)
def test_excludes(patterns, path, excluded):
    assert DockerIgnore.parse(patterns).excludes(path) is excluded


def test_deciding_pattern_reports_line_and_exceptions():
    ignore = DockerIgnore.parse("# x\r\nconfig\r\n!config/keep\r\n")
    assert ignore.has_exceptions
    pattern = ignore.deciding_pattern("config/other")
    assert pattern is not None and (pattern.pattern, pattern.line) == ("config", 2)


@pytest.mark.parametrize(
    ("path", "cleaned"),
    [("./a/b/", "a/b"), ("/a//b", "a/b"), (".", "."), ("/", "."), ("a/../b", "b")],
)
def test_clean_path(path, cleaned):
    assert clean_path(path) == cleaned

"""LK615 unknown-build-target."""

import pytest

from tests.rules.compose.structure_support import run_file, where, where_file, write

RULE = "unknown-build-target"
DOCKERFILE = 'FROM python:3.12 AS Base\nRUN true\nFROM base AS production\nCMD ["app"]\n'


@pytest.mark.parametrize(
    ("build", "files", "expected"),
    [
        (
            "    build:\n      context: .\n      target: prod\n",
            {"Dockerfile": DOCKERFILE},
            [("compose.yaml", 5, 15, 5, 19)],
        ),
        (
            "    build:\n      context: api\n      dockerfile: Dockerfile.prod\n"
            "      target: dev\n",
            {"api/Dockerfile.prod": DOCKERFILE},
            [("compose.yaml", 6, 15, 6, 18)],
        ),
    ],
)
def test_flags(tmp_path, build, files, expected):
    write(tmp_path, {"compose.yaml": "services:\n  api:\n" + build, **files})
    assert where_file(tmp_path, "compose.yaml", RULE) == expected


@pytest.mark.parametrize(
    ("build", "files"),
    [
        ("    build:\n      context: .\n      target: production\n", {"Dockerfile": DOCKERFILE}),
        # stage names are case-insensitive
        ("    build:\n      context: .\n      target: BASE\n", {"Dockerfile": DOCKERFILE}),
        ("    build:\n      context: .\n      target: prod\n", {}),  # no Dockerfile: not known
        ("    build:\n      context: .\n      target: ${TARGET}\n", {"Dockerfile": DOCKERFILE}),
        (
            "    build:\n      context: https://github.com/x/y.git\n      target: prod\n",
            {"Dockerfile": DOCKERFILE},
        ),
        (
            "    build:\n      context: .\n      dockerfile_inline: FROM x\n      target: prod\n",
            {"Dockerfile": DOCKERFILE},
        ),
        ("    build:\n      context: ..\n      target: prod\n", {}),  # outside the project
        ("    build: .\n", {"Dockerfile": DOCKERFILE}),
    ],
)
def test_leaves_alone(tmp_path, build, files):
    write(tmp_path, {"compose.yaml": "services:\n  api:\n" + build, **files})
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_dockerfile_outside_the_project_is_not_read(tmp_path):
    write(
        tmp_path,
        {
            "Dockerfile": DOCKERFILE,
            "p/compose.yaml": "services:\n  api:\n    build:\n      context: ..\n"
            "      target: prod\n",
        },
    )
    assert where_file(tmp_path / "p", "compose.yaml", RULE) == []


def test_not_checked_without_a_file_on_disk():
    assert where("services:\n  a:\n    build: {context: ., target: x}\n", RULE) == []


def test_messages(tmp_path, snapshot):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: prod\n",
            "Dockerfile": DOCKERFILE,
        },
    )
    text = "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run_file(tmp_path, "compose.yaml", RULE)
    )
    snapshot.assert_match(text, "messages.txt")

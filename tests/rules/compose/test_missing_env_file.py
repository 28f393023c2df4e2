"""LK611 missing-env-file and LK612 file-outside-project."""

from tests.rules.compose.structure_support import run_file, where, where_file, write

RULE = "missing-env-file"
OUTSIDE = "file-outside-project"


def test_flags_missing_files(tmp_path):
    write(
        tmp_path,
        {
            "app/compose.yaml": "services:\n  web:\n    image: x:1\n    env_file: .env.local\n"
            "  db:\n    image: p:1\n    env_file:\n      - db.env\n      - path: other.env\n"
            "  cache:\n    image: r:1\n    env_file: config/stack.env\n",
            "app/db.env": "A=1\n",
        },
    )
    assert where_file(tmp_path, "app/compose.yaml", RULE) == [
        ("compose.yaml", 4, 15, 4, 25),
        ("compose.yaml", 9, 9, 9, 24),
        ("compose.yaml", 12, 15, 12, 31),  # not Portainer's stack.env beside the file
    ]


def test_leaves_alone(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n    env_file:\n      - web.env\n"
            "      - path: optional.env\n        required: false\n      - ${ENV_FILE}\n"
            "      - ./conf/${STAGE:-dev}.env\n      - stack.env\n",
            "web.env": "A=1\n",
            "conf/dev.env": "B=2\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_not_checked_without_a_file_on_disk():
    text = "services:\n  web:\n    image: x:1\n    env_file: missing.env\n"
    assert where(text, RULE) == []


def test_notices_a_file_created_later(tmp_path):
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x:1\n    env_file: w.env\n"})
    assert len(run_file(tmp_path, "compose.yaml", RULE)) == 1
    write(tmp_path, {"w.env": "A=1\n"})
    assert run_file(tmp_path, "compose.yaml", RULE) == []


def test_path_leaving_the_project_is_not_read_but_reported(tmp_path):
    root = tmp_path / "project"
    write(
        tmp_path,
        {
            "secret.env": "TOKEN=x\n",
            "project/compose.yaml": "services:\n  web:\n    image: x:1\n"
            "    env_file: ../secret.env\n",
        },
    )
    assert where_file(root, "compose.yaml", RULE) == []
    assert where_file(root, "compose.yaml", OUTSIDE) == [("compose.yaml", 4, 15, 4, 28)]


def test_include_leaving_the_project_is_reported(tmp_path):
    root = tmp_path / "project"
    write(
        tmp_path,
        {
            "shared.yaml": "services:\n  s:\n    image: x:1\n",
            "project/compose.yaml": "include:\n  - ../shared.yaml\nservices:\n  web:\n"
            "    image: x:1\n",
        },
    )
    assert where_file(root, "compose.yaml", OUTSIDE) == [("compose.yaml", 2, 5, 2, 19)]
    assert where_file(root, "compose.yaml", "unresolved-compose-reference") == []


def test_messages(tmp_path, snapshot):
    root = tmp_path / "p"
    write(
        tmp_path,
        {
            "p/compose.yaml": "services:\n  web:\n    image: x:1\n"
            "    env_file: [.env.local, ../x.env]\n"
        },
    )
    text = "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for rule in (RULE, OUTSIDE)
        for d in run_file(root, "compose.yaml", rule)
    )
    snapshot.assert_match(text, "messages.txt")


def test_absolute_paths_are_host_paths(tmp_path):
    write(tmp_path, {"compose.yaml": "services:\n  w:\n    image: x:1\n    env_file: /etc/w.env\n"})
    assert where_file(tmp_path, "compose.yaml", OUTSIDE) == []

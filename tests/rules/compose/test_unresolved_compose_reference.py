"""LK603 unresolved-compose-reference."""

from tests.rules.compose.structure_support import run_file, where, where_file, write

RULE = "unresolved-compose-reference"


def test_missing_include(tmp_path):
    write(tmp_path, {"compose.yaml": "include:\n  - ./db/compose.yaml\nservices: {}\n"})
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 2, 5, 2, 22)]


def test_extends_of_unknown_service(tmp_path):
    write(
        tmp_path,
        {"compose.yaml": "services:\n  web:\n    extends:\n      service: base\n"},
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 4, 7, 4, 20)]


def test_extends_from_missing_file(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    extends:\n      file: base.yaml\n"
            "      service: base\n"
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 4, 7, 5, 20)]


def test_extends_cycle(tmp_path):
    write(
        tmp_path,
        {"compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"},
    )
    # one loop, reported once
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 2, 3, 2, 4)]


def test_remote_include_is_left_alone(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include:\n  - oci://docker.io/example/stack:1.0\n"
            "  - git@github.com:example/stack.git\nservices: {}\n"
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_resolvable_references(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [db.yaml]\nservices:\n  web:\n    extends:\n"
            "      file: base.yaml\n      service: base\n",
            "db.yaml": "services:\n  db:\n    image: p:1\n",
            "base.yaml": "services:\n  base:\n    image: x:1\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_service_defined_here_and_in_an_included_file(tmp_path):
    # Compose 5.0 merges the definition here over the included one (Compose 2.x refused it).
    write(
        tmp_path,
        {
            "compose.yaml": "include:\n  - path: ./services/db.yaml\nservices:\n  db:\n"
            "    shm_size: 256mb\n    volumes: !override\n      - ./initdb:/initdb:ro\n"
            "volumes:\n  data:\n    driver: local\n",
            "services/db.yaml": "services:\n  db:\n    image: postgres:17\n"
            "    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data: {}\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_missing_include_still_reported_beside_a_merged_service(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [db.yaml, gone.yaml]\nservices:\n  db:\n"
            "    shm_size: 256mb\n",
            "db.yaml": "services:\n  db:\n    image: postgres:17\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 1, 20, 1, 29)]


def test_same_file_extends_checked_without_disk():
    assert where("services:\n  web:\n    extends: base\n", RULE) == [(3, 14, 3, 18)]


def test_messages(tmp_path, snapshot):
    write(
        tmp_path,
        {
            "compose.yaml": "include: [missing.yaml]\nservices:\n  web:\n    extends: base\n"
            "  a:\n    extends: b\n  b:\n    extends: a\n"
        },
    )
    text = "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run_file(tmp_path, "compose.yaml", RULE)
    )
    snapshot.assert_match(text, "messages.txt")

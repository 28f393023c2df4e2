"""LK618 missing-project-name (off by default)."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "missing-project-name"


def test_flags():
    assert where("# app\nservices:\n  web:\n    image: x:1\n", RULE) == [(2, 1, 2, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "name: shop\nservices:\n  web:\n    image: x:1\n",
        "volumes:\n  data:\n",
        "",
        "web:\n  image: x:1\n",
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_override_and_included_files_are_left_alone(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "name: shop\ninclude: [db/compose.yaml]\nservices:\n  web:\n"
            "    image: x:1\n",
            "compose.override.yaml": "services:\n  web:\n    ports: ['80:80']\n",
            "db/compose.yaml": "services:\n  db:\n    image: p:1\n",
        },
    )
    assert where_file(tmp_path, "compose.override.yaml", RULE) == []
    assert where_file(tmp_path, "db/compose.yaml", RULE) == []


def test_messages(snapshot):
    snapshot.assert_match(messages("services:\n  web:\n    image: x:1\n", RULE), "messages.txt")

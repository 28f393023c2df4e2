import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "dnf-missing-yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN dnf install httpd\n", [(2, 9, 2, 16)]),
        ("FROM fedora:40\nRUN dnf in nginx && dnf clean all\n", [(2, 9, 2, 11)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN dnf install -y httpd\n",
        "FROM fedora:40\nRUN microdnf install httpd\n",
        "FROM fedora:40\nRUN dnf -y upgrade\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM fedora:40\nRUN dnf install httpd\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_flag():
    text = "FROM fedora:40\nRUN dnf install httpd\n"
    assert fixed(text, RULE) == "FROM fedora:40\nRUN dnf install -y httpd\n"

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-dnf-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN dnf install -y httpd\n", [(2, 20, 2, 25)]),
        ("FROM fedora:40\nRUN dnf in -y nginx && dnf clean all\n", [(2, 15, 2, 20)]),
        ("FROM fedora:40\nRUN dnf module install -y postgresql\n", [(2, 27, 2, 37)]),
        ("FROM fedora:40\nRUN microdnf install httpd\n", [(2, 22, 2, 27)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 'python3 >= 3.9'\n",
        "FROM fedora:40\nRUN dnf module install -y postgresql:16 && dnf clean all\n",
        "FROM fedora:40\nRUN dnf module enable -y nodejs\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM fedora:40\nRUN dnf install -y httpd\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

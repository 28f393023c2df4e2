import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "yum-cache-not-cleaned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN yum install -y httpd-2.4\n", [(2, 9, 2, 16)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN yum install -y httpd && yum clean all\n",
        "FROM fedora:40\nRUN yum install -y httpd && rm -rf /var/cache/yum\n",
        "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n",
        "FROM fedora:40 AS b\nRUN yum install -y gcc\nFROM fedora:40\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM fedora:40\nRUN yum install -y httpd\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-yum-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN yum install -y httpd\n", [(2, 20, 2, 25)]),
        # A module without a stream gets whatever stream is the default today.
        ("FROM rockylinux:8\nRUN yum -y module install ruby && yum clean all\n", [(2, 27, 2, 31)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN yum install -y httpd-2.4.6 @development 'php-*' /tmp/x.rpm $PKG\n",
        "FROM rockylinux:8\nRUN yum -y module install ruby:3.1 && yum clean all\n",
        "FROM rockylinux:8\nRUN yum -y module enable ruby && yum -y module reset php\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages_for_a_module(snapshot):
    texts = ["FROM rockylinux:8\nRUN yum module install -y perl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_messages(snapshot):
    texts = ["FROM fedora:40\nRUN yum install -y httpd\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

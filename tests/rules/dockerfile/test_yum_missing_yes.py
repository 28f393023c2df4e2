import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "yum-missing-yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN yum install httpd\n", [(2, 9, 2, 16)]),
        ("FROM fedora:40\nONBUILD RUN yum -q update\n", [(2, 20, 2, 26)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN yum install -y httpd\n",
        "FROM fedora:40\nRUN yum -y install httpd\n",
        "FROM fedora:40\nRUN yum --assumeyes install x\n",
        "FROM fedora:40\nRUN yum clean all\n",
        "FROM fedora:40\nRUN echo assumeyes=1 >> /etc/yum.conf\nRUN yum install httpd\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM fedora:40\nRUN yum install httpd\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_flag():
    text = "FROM fedora:40\nRUN yum install \\\r\n  httpd\r\n"
    assert fixed(text, RULE) == "FROM fedora:40\nRUN yum install -y \\\r\n  httpd\r\n"

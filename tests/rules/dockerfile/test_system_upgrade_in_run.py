import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "system-upgrade-in-run"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n", [(2, 34, 2, 41)]),
        ("FROM debian:12\nRUN apt-get -qq -y dist-upgrade\n", [(2, 20, 2, 32)]),
        ("FROM debian:12\nRUN apt full-upgrade -y\n", [(2, 9, 2, 21)]),
        ("FROM alpine:3\nRUN apk update && apk upgrade --no-cache\n", [(2, 23, 2, 30)]),
        ("FROM fedora:40\nRUN dnf -y upgrade\n", [(2, 12, 2, 19)]),
        ("FROM centos:7\nRUN yum update -y && yum clean all\n", [(2, 9, 2, 15)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get upgrade -y openssl\n",
        "FROM alpine:3\nRUN apk upgrade --no-cache openssl\n",
        "FROM centos:7\nRUN yum -y update curl\n",
        "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl\n",
        "FROM opensuse/leap\nRUN zypper dist-upgrade -y\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt-get -y upgrade && apk upgrade\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

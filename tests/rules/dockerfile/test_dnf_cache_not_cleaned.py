import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "dnf-cache-not-cleaned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM fedora:40\nRUN dnf install -y httpd\n", [(2, 9, 2, 16)]),
        # dnf's short aliases download packages too; a clean before them does not count.
        ("FROM fedora:40\nRUN dnf clean all && dnf in -y nginx\n", [(2, 26, 2, 28)]),
        ("FROM fedora:40\nRUN dnf -y up\n", [(2, 12, 2, 14)]),
        ("FROM fedora:40\nRUN microdnf install httpd\n", [(2, 14, 2, 21)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
        "FROM fedora:40\nRUN microdnf install x && microdnf clean all\n",
        "FROM fedora:40\n"
        "RUN dnf install -y x && dnf clean --disableplugin=subscription-manager all\n",
        "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y x\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM fedora:40\nRUN dnf install -y httpd\n",
        "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y jq\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "expose-host-mapping"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nEXPOSE 8080:80\n", [(2, 8, 2, 15)]),
        ("FROM a:1\nEXPOSE 80 127.0.0.1:8080:80/udp\n", [(2, 11, 2, 32)]),
        ("FROM a:1\nEXPOSE [::1]:80:80\n", [(2, 8, 2, 19)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nEXPOSE 80 443/tcp 8000-8010/udp\n",
        "FROM a:1\nEXPOSE ${HOST_PORT}:80\n",
        "FROM a:1\nRUN echo 8080:80\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nEXPOSE 8080:80 0.0.0.0:53:53/udp\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

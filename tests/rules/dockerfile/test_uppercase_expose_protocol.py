import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "uppercase-expose-protocol"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nEXPOSE 80/TCP\n", [(2, 8, 2, 14)]),
        ("FROM a:1\nEXPOSE 80/tcp 53/Udp\n", [(2, 15, 2, 21)]),
        ('FROM a:1\nEXPOSE "8000-8010/UDP"\n', [(2, 8, 2, 23)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nEXPOSE 80/tcp 53/udp 80\n",
        "FROM a:1\nEXPOSE $PORT/TCP\n",
        "FROM a:1\n# EXPOSE 80/TCP\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ['FROM a:1\nEXPOSE 80/TCP "53/Udp"\n']
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\nEXPOSE 80/TCP 443/Tcp # not a comment for Docker\n",
        "FROM a:1\r\nEXPOSE 80/TCP \\\r\n  53/UDP\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")

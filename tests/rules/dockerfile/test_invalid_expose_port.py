import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "invalid-expose-port"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nEXPOSE 80800\n", [(2, 8, 2, 13)]),
        ("FROM a:1\nEXPOSE 80 53/upd\n", [(2, 11, 2, 17)]),
        ("FROM a:1\nEXPOSE 9000-8000\n", [(2, 8, 2, 17)]),
        ("FROM a:1\nEXPOSE 8080:99999/tcp\n", [(2, 8, 2, 22)]),
        ("FROM a:1\nEXPOSE http\n", [(2, 8, 2, 12)]),
        ("FROM a:1\nONBUILD EXPOSE 70000\n", [(2, 16, 2, 21)]),
        ("FROM a:1\nEXPOSE 80 \\\n  65536\n", [(3, 3, 3, 8)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nEXPOSE 80 443/tcp 53/udp 9/sctp 8000-8010 65535 0\n",
        "FROM a:1\nEXPOSE 80/TCP\n",
        "FROM a:1\nEXPOSE $PORT ${PORT:-8080}/tcp\n",
        "ARG P=99999\nFROM a:1\nEXPOSE ${P}\n",
        "FROM a:1\nEXPOSE 8080:80\n",
        "# escape=`\r\nFROM a:1\r\nEXPOSE 80 `\r\n  443\r\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nEXPOSE 80800 53/upd 9000-8000 x\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

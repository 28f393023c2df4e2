import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "env-same-instruction-reference"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nENV APP=/app DATA=$APP/data\n", [(2, 14, 2, 28)]),
        ("FROM a:1\nENV A=1 \\\n    B=${A}\n", [(3, 5, 3, 11)]),
        ('FROM a:1\nENV A=1 B="x $A" C=$A\n', [(2, 9, 2, 17), (2, 18, 2, 22)]),
        # The second pair extends the PATH from before the ENV: /usr/local/go/bin is lost.
        (
            "FROM a:1\nENV PATH=/usr/local/go/bin:$PATH PATH=/root/go/bin:${PATH}\n",
            [(2, 34, 2, 59)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nENV PATH=/opt/bin:$PATH X=1\n",
        "FROM a:1\nENV PATH=/opt/bin:$PATH\nENV PATH=/srv/bin:$PATH\n",
        "FROM a:1\nENV A=0\nENV A=1 B=$A\n",
        "FROM a:1 AS base\nENV A=0\nFROM base\nENV A=1 B=$A\n",
        "FROM a:1\nARG A=0\nENV A=1 B=$A\n",
        "FROM a:1\nENV A=1 B='$A'\n",
        "FROM a:1\nENV A=1 B=\\$A\n",
        "FROM a:1\nENV B=$A A=1\n",
        "FROM a:1\nENV A=1\nENV B=$A\n",
        "# escape=`\nFROM a:1\nENV A=1 B=`$A\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nENV APP=/app DATA=$APP/data\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_messages_for_a_lost_earlier_value(snapshot):
    texts = ["FROM a:1\nENV PATH=/opt/a/bin:$PATH PATH=/opt/b/bin:$PATH\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "overridden-instruction"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('FROM a:1\nCMD ["a"]\nCMD ["b"]\n', [(2, 1, 2, 4)]),
        (
            "FROM a:1\nENTRYPOINT a\nCMD x\nentrypoint b\nENTRYPOINT c\n",
            [(2, 1, 2, 11), (4, 1, 4, 11)],
        ),
        ("FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f localhost\n", [(2, 1, 2, 12)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        # one per stage is fine, also when a stage builds on another
        'FROM a:1 AS base\nCMD ["a"]\nFROM base\nCMD ["b"]\n',
        'FROM a:1\nCMD ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD true\n',
        'FROM a:1\nONBUILD CMD ["a"]\nCMD ["b"]\n',
        "FROM a:1\nRUN <<EOF\nCMD a\nEOF\nCMD b\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        'FROM a:1 AS app\nCMD ["a"]\nCMD ["b"]\n',
        "FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "unknown-copy-from-stage"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1 AS builder\nRUN x\nFROM b:1\nCOPY --from=bulder /o /o\n", [(4, 13, 4, 19)]),
        ("FROM a:1 AS build-env\nFROM b:1\nCOPY --from=build_env /o /o\n", [(3, 13, 3, 22)]),
        ("FROM a:1\nFROM b:1\nCOPY --from=2 /o /o\n", [(3, 13, 3, 14)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=builder /o /o\n",
        "FROM a:1 AS Builder\nFROM b:1\nCOPY --from=BUILDER /o /o\n",
        "FROM a:1\nFROM b:1\nCOPY --from=0 /o /o\n",
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=busybox /bin/busybox /bin/\n",
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n",
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=$BUILDER /o /o\n",
        # BuildKit resolves stages defined later in the file too
        "FROM b:1\nCOPY --from=later /o /o\nFROM a:1 AS later\n",
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=ghcr.io/org/bulder /o /o\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM a:1 AS builder\nFROM b:1\nCOPY --from=bulder /o /o\n",
        "FROM a:1\nCOPY --from=1 /o /o\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

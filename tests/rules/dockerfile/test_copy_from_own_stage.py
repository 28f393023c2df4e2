import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "copy-from-own-stage"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1 AS build\nCOPY --from=build /a /b\n", [(2, 13, 2, 18)]),
        ("FROM a:1 AS Build\nCOPY --from=BUILD /a /b\n", [(2, 13, 2, 18)]),
        ("FROM a:1\nRUN x\nFROM b:1\nCOPY --from=1 /a /b\n", [(4, 13, 4, 14)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1 AS build\nFROM b:1\nCOPY --from=build /a /b\n",
        "FROM a:1\nFROM b:1\nCOPY --from=0 /a /b\n",
        "FROM a:1 AS build\nONBUILD COPY --from=build /a /b\n",
        "FROM a:1 AS build\nCOPY --from=$STAGE /a /b\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1 AS build\nCOPY --from=build /a /b\n", "FROM a:1\nCOPY --from=0 /a /b\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

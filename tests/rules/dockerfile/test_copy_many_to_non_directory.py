import pytest

from tests.conftest import lint, spans
from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "copy-many-to-non-directory"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nCOPY a b /app\n", [(2, 10, 2, 14)]),
        ('FROM a:1\nADD a b "/mydir"\n', [(2, 9, 2, 17)]),
        ("FROM a:1\nCOPY <<one <<two /etc/conf\nx\none\ny\ntwo\n", [(2, 18, 2, 27)]),
        ("FROM a:1\nONBUILD COPY a b /app\n", [(2, 18, 2, 22)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nCOPY a b /app/\n",
        "FROM a:1\nCOPY a b .\n",
        "FROM a:1\nCOPY a b ./\n",
        "FROM a:1\nCOPY a b $DEST\n",
        "FROM a:1\nCOPY a /app\n",
        'FROM a:1\nCOPY ["a", "b", "/app/"]\n',
        "# escape=`\nFROM a:1\nCOPY a b C:\\app\\\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nCOPY a b c /app\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\nCOPY a b /app\n",
        "FROM a:1\r\nCOPY a \\\r\n  b '/srv'\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE, unsafe=True), "fixes.txt")


def test_flag_without_value_is_a_syntax_error_not_a_source():
    # `--from build` (no '=') is rejected by BuildKit; `build` is no source of the COPY.
    text = "FROM a:1\nCOPY --from build /src /dst\n"
    assert spans(lint(text, "dockerfile", [RULE, "syntax-error"])) == [
        ("syntax-error", 2, 6, 2, 28)
    ]
    assert found("FROM a:1\nCOPY --from=build /src /dst\n", RULE) == []

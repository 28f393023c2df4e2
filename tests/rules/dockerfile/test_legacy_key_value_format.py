import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "legacy-key-value-format"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nENV PYTHONUNBUFFERED 1\n", [(2, 5, 2, 23)]),
        ("FROM a:1\nLABEL maintainer Jane Doe\n", [(2, 7, 2, 26)]),
        ("FROM a:1\nONBUILD ENV A b\n", [(2, 13, 2, 16)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nENV A=1 B=2\n",
        'FROM a:1\nLABEL a="x y"\n',
        "FROM a:1\nARG A\n",
        "FROM a:1\nRUN export A 1\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM a:1\nENV JAVA_OPTS -Xmx1g -Xms256m\n",
        "FROM a:1\nENV A \\\n  one \\\n  two\n",
        "FROM a:1\nENV A \\\n# note\n  one\n",
        "FROM a:1\nENV A one \\\n  'two' \\\n  three\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\nENV PYTHONUNBUFFERED 1\nENV PATH /usr/local/bin:$PATH\n",
        "FROM a:1\r\nENV JAVA_OPTS -Xmx1g   -Xms256m\r\n# keep\r\n",
        "FROM a:1\nLABEL description \"A 'quoted' app\" with $HOME and 'lit $x' and \\\"esc\n",
        "FROM a:1\nENV A \\\n  single-line-value\n",
        "# escape=`\r\nFROM a:1\r\nENV GOPATH C:\\go path\r\n",
        "FROM a:1\r\nENV DEPS \\\r\n\t\tautoconf \\\r\n\t\tmake\r\nRUN x\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")


@pytest.mark.parametrize(
    "value",
    [
        "a b",
        "'a b' c",
        "\"a\" 'b' c",
        "x\\ y z",
        "$A ${B:-c d}",
        "a\\$b c",
        "'$x' \"$y\" z",
        "a\tb",
        "'it''s' $x",
    ],
)
def test_fix_keeps_the_value(value):
    from lintkit.dockerfile.model import expand, parse_dockerfile
    from lintkit.source import SourceText

    variables: dict[str, str | None] = {"A": "1", "B": "2", "x": "X", "y": "Y"}

    def expanded(text: str) -> str:
        source = SourceText.from_text(text)
        pair = parse_dockerfile(source).stages[0].instructions[0].pairs[0]  # type: ignore[attr-defined]
        raw = text[pair.value_range.start.offset : pair.value_range.end.offset]
        return expand(raw, variables)[0]

    text = f"FROM a:1\nENV K {value}\n"
    after = before_after([text], RULE).split("+++ after\n")[1]
    assert expanded(after) == expanded(text)

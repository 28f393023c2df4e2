"""LK700 obsolete-compose-version."""

import pytest

from tests.rules.compose.yaml_support import fix_all, fix_once, messages, run, where

RULE = "obsolete-compose-version"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version: '3.8'\nservices:\n  a:\n    image: x:1\n", [(1, 1, 1, 15)]),
        ('services:\n  a:\n    image: x:1\nversion: "2"\n', [(4, 1, 4, 13)]),
        ("# top\nversion: 3\nservices: {}\n", [(2, 1, 2, 11)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: x:1\n",
        "services:\n  version:\n    image: x:1\n",
        "services:\n  a:\n    image: x:1\n    labels:\n      version: '3'\n",
        "web:\n  image: x:1\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_alias_selects_the_rule():
    from tests.conftest import lint

    found = lint("version: '3'\nservices: {}\n", "compose", ["no-version-field"], "compose.yaml")
    assert [d.name for d in found] == [RULE]


def test_messages(snapshot):
    text = 'version: "3.8"  # legacy\nservices:\n  a:\n    image: x:1\n'
    snapshot.assert_match(messages(text, RULE), "messages.txt")


def test_message_does_not_nest_the_value_quotes():
    # Most real files quote the version ('3.8'); the message must not read "'version: '3.8''".
    found = run("version: '3.8'\nservices:\n  a:\n    image: x:1\n", RULE)
    assert [d.message.split(" is obsolete")[0] for d in found] == ["'version: 3.8'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # comments before and after stay; the blank line after stays
        (
            "# compose file\nversion: '3.8'  # pinned\n\n# the services\nservices:\n"
            "  a:\n    image: x:1\n",
            "# compose file\n\n# the services\nservices:\n  a:\n    image: x:1\n",
        ),
        # not first
        (
            "services:\n  a:\n    image: x:1\nversion: '2.4'\n",
            "services:\n  a:\n    image: x:1\n",
        ),
        # last line without a newline
        ("services: {}\nversion: '3'", "services: {}\n"),
        # CRLF stays CRLF; at the top of the file the blank line after it goes too, so the
        # file does not start with an empty line
        (
            "version: '3'\r\n\r\nservices:\r\n  a:\r\n    image: x:1\r\n",
            "services:\r\n  a:\r\n    image: x:1\r\n",
        ),
        (
            "version: '3.8'\n\n  \n# app\nservices:\n  a:\n    image: x:1\n",
            "# app\nservices:\n  a:\n    image: x:1\n",
        ),
        # a blank line the file already started with is left as it was
        ("\nversion: '3'\n\nservices: {}\n", "\nservices: {}\n"),
        # set apart by blank lines on both sides: one blank line stays, not two
        (
            "# notes\n\nversion: '3'\n\nservices: {}\n",
            "# notes\n\nservices: {}\n",
        ),
    ],
)
def test_fix(text, expected):
    assert fix_once(text, RULE) == expected
    result = fix_all(text, [RULE], unsafe=False)
    assert result.text == expected
    assert run(result.text, RULE) == []
    assert fix_all(result.text, [RULE]).changed is False


def test_fix_is_safe():
    found = run("version: '3'\nservices: {}\n", RULE)
    assert found[0].fix is not None
    assert found[0].fix.applicability.value == "safe"


def test_fix_refused_in_flow_style_and_merged():
    found = run("{version: '3', services: {a: {image: x}}}\n", RULE)
    assert [(d.fix, d.unfixable_reason) for d in found] == [
        (None, "the top level is written in flow style ({...}); edit it by hand")
    ]
    found = run("x: &v\n  version: '3'\n<<: *v\nservices: {}\n", RULE)
    assert found[0].fix is None
    assert found[0].unfixable_reason == (
        "'version' comes from a '<<' merge key; remove it at the anchor"
    )

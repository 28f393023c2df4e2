"""LK503 missing-cap-drop."""

import pytest

from tests.rules.compose.hardening_support import (
    LAYOUTS,
    REFUSED,
    assert_fix_properties,
    fix_once,
    messages,
    run,
    where,
)

RULE = "missing-cap-drop"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  web:\n    image: a:1\n", [(2, 3, 2, 6)]),
        ("services:\n  web:\n    image: a:1\n    cap_drop:\n      - NET_RAW\n", [(4, 5, 4, 13)]),
        ("services:\n  web:\n    image: a:1\n    cap_drop: []\n", [(4, 5, 4, 13)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: a:1\n    cap_drop: [ALL]\n",
        "services:\n  web:\n    image: a:1\n    cap_drop:\n      - all\n",
        "services:\n  web:\n    image: a:1\n    cap_drop:\n      - CAP_ALL\n",
        "services:\n  web:\n    image: a:1\n    cap_drop:\n      - ${DROP}\n",
        "services:\n  web:\n    image: a:1\n    cap_drop: ALL\n",  # not a list: schema rules
        "services:\n  web:\n    extends: base\n  base:\n    image: a:1\n    cap_drop: [ALL]\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n    cap_drop:\n      - NET_RAW\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")


@pytest.mark.parametrize("name", LAYOUTS)
def test_fix(snapshot, name):
    text = LAYOUTS[name]
    fixed = fix_once(text, RULE)
    snapshot.assert_match(fixed, f"{name}.yaml")
    assert run(fixed, RULE) == []
    assert_fix_properties(text, RULE)
    assert fix_once(text.replace("\n", "\r\n"), RULE) == fixed.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "services:\n  web:\n    cap_drop:\n    - NET_RAW  # no raw sockets\n    image: a:1\n",
            "services:\n  web:\n    cap_drop:\n    - NET_RAW  # no raw sockets\n    - ALL\n"
            "    image: a:1\n",
        ),
        (
            "services:\n  web:\n    image: a:1\n    cap_drop: [NET_RAW]\n",
            "services:\n  web:\n    image: a:1\n    cap_drop: [NET_RAW, ALL]\n",
        ),
        (
            "services:\n    web:\n        image: a:1\n        cap_drop:\n            -   NET_RAW\n",
            "services:\n    web:\n        image: a:1\n        cap_drop:\n            -   NET_RAW\n"
            "            -   ALL\n",
        ),
    ],
)
def test_fix_extends_existing_list(text, fixed):
    assert fix_once(text, RULE) == fixed
    assert_fix_properties(text, RULE)


@pytest.mark.parametrize("name", REFUSED)
def test_fix_refused(name):
    text, reason = REFUSED[name]
    found = run(text, RULE)
    assert found[0].fix is None
    assert found[0].unfixable_reason == reason


def test_fix_refused_when_list_is_an_alias():
    text = (
        "x-caps: &caps [NET_RAW]\nservices:\n  web:\n    image: a:1\n    cap_drop: *caps\n"
        "  api:\n    image: b:1\n    cap_drop: *caps\n"
    )
    found = run(text, RULE)
    assert [d.unfixable_reason for d in found] == [
        "'cap_drop' of service 'web' is an alias of an anchored value; changing it there would "
        "change every place that uses the anchor",
        "'cap_drop' of service 'api' is an alias of an anchored value; changing it there would "
        "change every place that uses the anchor",
    ]

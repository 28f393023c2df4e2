"""LK502 missing-no-new-privileges."""

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

RULE = "missing-no-new-privileges"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  web:\n    image: a:1\n", [(2, 3, 2, 6)]),
        (
            "services:\n  web:\n    image: a:1\n    security_opt:\n"
            "      - no-new-privileges:false\n",
            [(5, 9, 5, 32)],
        ),
        (
            'services:\n  web:\n    image: a:1\n    security_opt: ["no-new-privileges=false"]\n',
            [(4, 20, 4, 45)],
        ),
        (
            "services:\n  web:\n    image: a:1\n    security_opt:\n      - label:type:x\n",
            [(2, 3, 2, 6)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "option",
    [
        "no-new-privileges:true",
        "no-new-privileges",
        "no-new-privileges=true",
        "'no-new-privileges: true'",
        "NO-NEW-PRIVILEGES:TRUE",
        "no-new-privileges:${NNP:-true}",
    ],
)
def test_accepts_every_spelling(option):
    text = f"services:\n  web:\n    image: a:1\n    security_opt:\n      - {option}\n"
    assert run(text, RULE) == []


def test_leaves_extends_alone():
    assert (
        run(
            "services:\n  web:\n    extends: base\n  base:\n    image: a:1\n"
            "    security_opt: [no-new-privileges]\n",
            RULE,
        )
        == []
    )


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n    security_opt:\n"
        "      - no-new-privileges:false\n"
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
            "services:\n  web:\n    image: a:1\n    security_opt:\n      - label:type:x  # keep\n",
            "services:\n  web:\n    image: a:1\n    security_opt:\n      - label:type:x  # keep\n"
            "      - no-new-privileges:true\n",
        ),
        (
            "services:\n  web:\n    security_opt: [label:type:x]\n    image: a:1\n",
            "services:\n  web:\n    security_opt: [label:type:x, no-new-privileges:true]\n"
            "    image: a:1\n",
        ),
        (
            "services:\n  web:\n    image: a:1\n    security_opt:\n"
            "      - no-new-privileges:false\n",
            "services:\n  web:\n    image: a:1\n    security_opt:\n"
            "      - no-new-privileges:true\n",
        ),
        (
            "services:\n  web:\n    image: a:1\n    security_opt: []\n",
            "services:\n  web:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n",
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


def test_fix_refused_when_list_is_merged():
    text = (
        "x-sec: &sec\n  security_opt:\n    - label:type:x\n"
        "services:\n  web:\n    <<: *sec\n    image: a:1\n"
    )
    found = run(text, RULE)
    assert found[0].fix is None
    assert found[0].unfixable_reason == (
        "'security_opt' of service 'web' comes from a '<<' merge key; changing it at the anchor "
        "would change every service that merges it"
    )

"""LK501 missing-pids-limit."""

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

RULE = "missing-pids-limit"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  web:\n    image: a:1\n", [(2, 3, 2, 6)]),
        ("services:\n  web:\n    image: a:1\n    pids_limit: -1\n", [(4, 17, 4, 19)]),
        ("services:\n  web:\n    image: a:1\n    pids_limit: 0\n", [(4, 17, 4, 18)]),
        (
            "services:\n  web:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n"
            "          pids: -1\n",
            [(7, 17, 7, 19)],
        ),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: a:1\n    pids_limit: 100\n",
        "services:\n  web:\n    image: a:1\n    pids_limit: ${PIDS}\n",
        "services:\n  web:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n"
        "          pids: 50\n",
        "services:\n  web:\n    extends:\n      file: base.yaml\n      service: web\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = "services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n    pids_limit: -1\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")


@pytest.mark.parametrize("name", LAYOUTS)
def test_fix(snapshot, name):
    text = LAYOUTS[name]
    fixed = fix_once(text, RULE)
    snapshot.assert_match(fixed, f"{name}.yaml")
    assert run(fixed, RULE) == []
    assert_fix_properties(text, RULE)
    crlf = text.replace("\n", "\r\n")
    assert fix_once(crlf, RULE) == fixed.replace("\n", "\r\n")


def test_fix_uses_the_limit_option_and_replaces_unlimited():
    text = "services:\n  web:\n    image: a:1\n    pids_limit: -1  # unlimited\n"
    assert fix_once(text, RULE, {"limit": 64}) == (
        "services:\n  web:\n    image: a:1\n    pids_limit: 64  # unlimited\n"
    )
    text = "services:\n  web:\n    image: a:1\n"
    assert fix_once(text, RULE, {"limit": 64}).endswith("    pids_limit: 64\n")


@pytest.mark.parametrize("name", REFUSED)
def test_fix_refused(name):
    text, reason = REFUSED[name]
    found = run(text, RULE)
    assert found[0].fix is None
    assert found[0].unfixable_reason == reason


def test_fix_refused_for_merged_unlimited_value():
    text = "x-base: &base\n  pids_limit: -1\nservices:\n  web:\n    <<: *base\n    image: a:1\n"
    found = run(text, RULE)
    assert [(d.range.start.line, d.fix) for d in found] == [(1, None)]
    assert found[0].unfixable_reason == (
        "'pids_limit' of service 'web' comes from a '<<' merge key; changing it at the anchor "
        "would change every service that merges it"
    )

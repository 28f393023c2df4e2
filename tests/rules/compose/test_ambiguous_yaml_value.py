"""LK703 ambiguous-yaml-value."""

import pytest

from tests.rules.compose.yaml_support import fix_all, fix_once, messages, run, where

RULE = "ambiguous-yaml-value"


def env(*lines: str) -> str:
    return "services:\n  a:\n    image: x:1\n    environment:\n" + "".join(
        f"      {line}\n" for line in lines
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (env("DEBUG: yes"), [(5, 14, 5, 17)]),
        (env("A: off", "B: NO", "C: On"), [(5, 10, 5, 13), (6, 10, 6, 12), (7, 10, 7, 12)]),
        (env("VERSION: 1.10"), [(5, 16, 5, 20)]),
        (env("V: 3.0"), [(5, 10, 5, 13)]),
        (env("MODE: 0755"), [(5, 13, 5, 17)]),
        (env("T: 1:30"), [(5, 10, 5, 14)]),
        (env("B: True"), [(5, 10, 5, 14)]),
        (env("N: 1_000"), [(5, 10, 5, 15)]),
        (
            "services:\n  a:\n    labels:\n      com.example.on: on\n",
            [(4, 23, 4, 25)],
        ),
        (
            "services:\n  a:\n    build:\n      context: .\n      args:\n        PY: 3.10\n",
            [(6, 13, 6, 17)],
        ),
        ("services:\n  a:\n    image: x:1\n    restart: no\n", [(4, 14, 4, 16)]),
        # legacy (format 1) files are linted too
        ("web:\n  image: x:1\n  environment:\n    DEBUG: yes\n", [(4, 12, 4, 15)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        env("DEBUG: 'yes'", 'V: "1.10"', "PORT: 8080", "E: ", "F: ~", "T: true", "F2: false"),
        env("X: ${VERSION}", "Y: 1.5", "Z: -3", "W: hello", "U: yes please"),
        # y and n: PyYAML and Compose v2 keep them as text
        env("ACCEPT_EULA: Y", "N: n"),
        # list form is always a string
        "services:\n  a:\n    environment:\n      - DEBUG=yes\n      - V=1.10\n",
        "services:\n  a:\n    restart: 'no'\n",
        "services:\n  a:\n    restart: unless-stopped\n",
        # only service settings are looked at
        "x-notes:\n  flag: yes\nservices:\n  a:\n    image: x:1\n",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = env("DEBUG: yes", "VERSION: 1.10", "MODE: 0755", "T: 1:30", "B: TRUE") + (
        "    restart: no\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")


def test_fix_is_safe_for_words_and_unsafe_for_rewritten_numbers():
    found = run(env("DEBUG: yes", "VERSION: 1.10", "T: 1:30"), RULE)
    assert [d.fix.applicability.value for d in found if d.fix] == ["safe", "unsafe", "safe"]


def test_fix_quotes_and_keeps_comments():
    text = env("DEBUG: yes   # verbose", "VERSION: 1.10", "KEEP: 'no'")
    assert fix_once(text, RULE) == env('DEBUG: "yes"   # verbose', 'VERSION: "1.10"', "KEEP: 'no'")
    crlf = text.replace("\n", "\r\n")
    assert fix_once(crlf, RULE) == fix_once(text, RULE).replace("\n", "\r\n")


def test_fix_engine_safe_only_then_unsafe():
    text = env("DEBUG: yes", "VERSION: 1.10")
    safe = fix_all(text, [RULE], unsafe=False)
    assert safe.text == env('DEBUG: "yes"', "VERSION: 1.10")
    full = fix_all(text, [RULE])
    assert full.text == env('DEBUG: "yes"', 'VERSION: "1.10"')
    assert run(full.text, RULE) == []
    assert fix_all(full.text, [RULE]).changed is False


def test_shared_value_is_reported_once_at_its_definition():
    text = (
        "x-env: &env\n  DEBUG: yes\nservices:\n  a:\n    environment: *env\n"
        "  b:\n    environment: *env\n"
    )
    assert where(text, RULE) == [(2, 10, 2, 13)]
    assert fix_once(text, RULE).startswith('x-env: &env\n  DEBUG: "yes"\n')

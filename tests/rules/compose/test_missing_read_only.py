"""LK500 missing-read-only."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rules.compose.hardening_support import (
    assert_fix_properties,
    fix_once,
    messages,
    run,
    where,
)

RULE = "missing-read-only"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("services:\n  web:\n    image: nginx:1.27\n", [(2, 3, 2, 6)]),
        ("services:\n  web:\n    image: nginx:1.27\n    read_only: false\n", [(4, 16, 4, 21)]),
        ('services:\n  web:\n    image: nginx:1.27\n    read_only: "false"\n', [(4, 16, 4, 23)]),
        ("services:\n  'my app':\n    image: a:1\n", [(2, 3, 2, 11)]),
    ],
)
def test_flags(text, expected):
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n",
        "services:\n  web:\n    image: nginx:1.27\n    read_only: ${RO:-true}\n",
        "services:\n  web:\n    extends: base\n  base:\n    image: a:1\n    read_only: true\n",
        "x-hard: &hard\n  read_only: true\nservices:\n  web:\n    <<: *hard\n    image: a:1\n",
        "services: {}\n",
        "",
    ],
)
def test_leaves_alone(text):
    assert run(text, RULE) == []


def test_is_off_by_default():
    from tests.conftest import lint

    found = lint("services:\n  web:\n    image: a:1\n", "compose", None, path="compose.yaml")
    assert all(d.code != "LK500" for d in found)


def test_messages(snapshot):
    text = "services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n    read_only: false\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")


COMMENTED = """\
services:
  # the front end
  web:
    image: nginx:1.27  # pinned
    # data lives in a volume
    volumes:
      - data:/data
  # the database
  db:
    image: postgres:16
    read_only: false  # TODO
volumes:
  data:
"""

FOUR_SPACES = """\
services:
    web:
        image: nginx:1.27
        tmpfs:
            - /run
"""

FLUSH = """\
services:
  web:
    image: nginx:1.27
    ports:
    - "80:80"
"""

TMP_COVERED = """\
services:
  web:
    image: nginx:1.27
    volumes:
      - type: tmpfs
        target: /tmp
  api:
    image: api:1
    tmpfs: /tmp:size=64m
  job:
    image: job:1
    tmpfs: /run
"""


FIX_CASES = {
    "commented": COMMENTED,
    "four_spaces": FOUR_SPACES,
    "flush": FLUSH,
    "tmp_covered": TMP_COVERED,
}


@pytest.mark.parametrize("name", FIX_CASES)
def test_fix(snapshot, name):
    text = FIX_CASES[name]
    fixed = fix_once(text, RULE)
    snapshot.assert_match(fixed, f"{name}.yaml")
    assert run(fixed, RULE) == []
    assert_fix_properties(text, RULE)


def test_fix_keeps_crlf():
    crlf = COMMENTED.replace("\n", "\r\n")
    fixed = fix_once(crlf, RULE)
    assert fixed == fix_once(COMMENTED, RULE).replace("\n", "\r\n")
    assert run(fixed, RULE) == []
    assert_fix_properties(crlf, RULE)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "x-base: &base\n  image: a:1\nservices:\n  web: *base\n  api: *base\n",
            "service 'web' is defined under a YAML anchor that other places use; adding the key "
            "there would change them too",
        ),
        (
            "x-base: &base\n  read_only: false\nservices:\n  web:\n    <<: *base\n    image: a:1\n",
            "'read_only' of service 'web' comes from a '<<' merge key; changing it at the anchor "
            "would change every service that merges it",
        ),
        (
            "services:\n  web: {image: 'a:1'}\n",
            "service 'web' is written in flow style ({...})",
        ),
        ("services:\n  web:\n", "service 'web' has no settings to place the new key next to"),
    ],
)
def test_fix_refused(text, reason):
    found = run(text, RULE)
    assert found
    assert found[0].fix is None
    assert found[0].unfixable_reason == reason


def test_fix_at_merge_adds_local_keys():
    text = "x-base: &base\n  image: a:1\nservices:\n  web:\n    <<: *base\n    init: true\n"
    fixed = fix_once(text, RULE)
    assert fixed.endswith("    init: true\n    read_only: true\n    tmpfs:\n      - /tmp\n")
    assert fixed.startswith("x-base: &base\n  image: a:1\n")


_KEYS = st.sampled_from(
    [
        "image: a:1",
        "image: a:1  # c",
        "tmpfs:\n{i}- /run",
        "tmpfs: /var/run",
        "read_only: false",
        "command: [a, b]",
        "environment:\n{i}A: 1",
        "volumes:\n{i}- /tmp",
        "healthcheck:\n{i}test: [CMD, true]\n{i}interval: 5s",
        "# a comment",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_KEYS, min_size=1, max_size=5, unique=True),
    st.sampled_from([2, 4]),
    st.booleans(),
)
def test_fix_property(keys, step, crlf):
    indent = " " * step
    body = "".join(f"{indent * 2}{key.format(i=indent * 3)}\n" for key in keys)
    if all(key.startswith("#") for key in keys):
        body += f"{indent * 2}image: a:1\n"
    text = f"services:\n{indent}web:\n{body}"
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_fix_properties(text, RULE)

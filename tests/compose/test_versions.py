"""The compose format version table (lintkit.compose.versions)."""

import re
from pathlib import Path

import pytest

from lintkit.compose.versions import (
    KNOWN_VERSIONS,
    MIN_ENGINE,
    engine_older,
    format_version,
    key_info,
    key_tree,
    parse_version,
    valid_engine,
)

REFERENCE = Path("/work/shared/reference/compose-versions.md")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", (3, 0)),
        ("3.8", (3, 8)),
        (" 2.4 ", (2, 4)),
        ("2", (2, 0)),
        ("3.13", (3, 13)),
        ("3.14", None),
        ("1", None),
        ("2.5", None),
        ("latest", None),
        ("${V}", None),
        (None, None),
    ],
)
def test_parse_version(text, expected):
    assert parse_version(text) == expected


@pytest.mark.parametrize(
    ("path", "since_v2", "since_v3", "in_spec"),
    [
        ("services.*.deploy", None, (3, 0), True),
        ("services.*.mem_limit", (2, 0), None, True),
        ("services.*.cpus", (2, 2), None, True),
        ("services.*.extends", (2, 0), None, True),
        ("services.*.volume_driver", (2, 0), None, False),
        ("services.*.depends_on.*.condition", (2, 1), None, True),
        ("services.*.healthcheck.start_period", (2, 3), (3, 4), True),
        ("services.*.init", (2, 2), (3, 7), True),
        ("volumes.*.name", (2, 1), (3, 4), True),
        ("x-*", (2, 0), (3, 4), True),
        ("services.*.ports[].target", None, (3, 2), True),
        ("services.*.cgroupns_mode", None, (3, 9), False),
        ("services.*.profiles", None, None, True),
        ("services.*.healthcheck.start_interval", None, (3, 12), True),
        ("services.*.oom_score_adj", (2, 0), (3, 13), True),
    ],
)
def test_key_rows(path, since_v2, since_v3, in_spec):
    info = key_info(path)
    assert info is not None
    assert (info.since_v2, info.since_v3, info.in_spec) == (since_v2, since_v3, in_spec)


def test_supported_in_follows_each_line():
    start_period = key_info("services.*.healthcheck.start_period")
    assert start_period is not None
    assert not start_period.supported_in((2, 2))
    assert start_period.supported_in((2, 3))
    assert not start_period.supported_in((3, 3))
    assert start_period.supported_in((3, 8))
    assert key_info("nothing.here") is None


def test_tree_matches_names_and_extensions():
    root = key_tree()
    services = root.child("services")
    assert services is not None
    web = services.child("web")
    assert web is not None
    assert web.child("deploy") is not None
    extension = web.child("x-mine")
    assert extension is not None and extension.info is not None
    assert extension.info.path == "services.*.x-*"
    assert web.child("no_such_key") is None
    ports = web.child("ports")
    assert ports is not None and ports.item() is not None
    top = root.child("x-common")
    assert top is not None and top.info is not None and top.info.path == "x-*"


def test_table_agrees_with_the_reference():
    """Every row of the reference's key-path table is in the module with the same versions."""
    if not REFERENCE.exists():
        pytest.skip("reference notes not available")
    rows = re.findall(
        r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| [^|]+ \| ([^|]+) \|$",
        REFERENCE.read_text(),
        re.M,
    )
    assert len(rows) > 200
    overridden = {"services.*.oom_score_adj"}  # 3.13 (docker/cli) is past the table's 3.9
    for path, since_v2, since_v3, spec in rows:
        info = key_info(path)
        assert info is not None, path
        expected_v2 = None if since_v2.strip() == "-" else since_v2.strip()
        got_v2 = format_version(info.since_v2) if info.since_v2 else None
        assert got_v2 == expected_v2, path
        if path not in overridden:
            expected_v3 = None if since_v3.strip() == "-" else since_v3.strip()
            got_v3 = format_version(info.since_v3) if info.since_v3 else None
            assert got_v3 == expected_v3, path
        assert info.in_spec == spec.strip().startswith("yes"), path


def test_min_engine_table_and_comparison():
    assert set(KNOWN_VERSIONS) <= set(MIN_ENGINE)
    assert MIN_ENGINE[(3, 8)] == "19.03.0"
    assert MIN_ENGINE[(2, 4)] == "17.12.0"
    assert engine_older("18.09", "19.03.0")
    assert not engine_older("19.03", "19.03.0")
    assert not engine_older("20.10.7", "19.03.0")
    assert engine_older("1.13", "1.13.1")
    assert valid_engine("18.09") and valid_engine("1.13.1")
    assert not valid_engine("latest") and not valid_engine("")

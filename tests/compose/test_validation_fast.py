"""The quick validity check (jsonschema-rs) must never accept what jsonschema rejects.

Schema findings are always described by ``jsonschema``; jsonschema-rs only lets valid files skip
it. So the one thing that must hold is: whenever jsonschema-rs says "valid", jsonschema finds no
error. These cases sit where the two libraries could differ (number types, equality in
``uniqueItems``, regular expressions, values JSON cannot hold).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from lintkit.compose import validation
from lintkit.compose.model import parse_compose
from lintkit.source import SourceText


def _service(**settings: Any) -> dict[str, Any]:
    return {"services": {"web": {"image": "nginx", **settings}}}


CASES: list[Any] = [
    _service(),
    _service(ports=["80:80", "80:80"]),  # uniqueItems
    _service(ports=[80, 80.0]),  # 80 and 80.0 are the same JSON number
    _service(cap_add=["NET_ADMIN", True]),
    _service(cpus=math.inf),
    _service(cpus=math.nan),
    _service(cpus=10**30),
    _service(mem_swappiness=1.0),  # an integer in JSON Schema
    _service(mem_swappiness=True),  # a boolean is never an integer
    _service(pids_limit=-(10**20)),
    _service(pull_policy="every_2d"),
    _service(pull_policy="every_2d\n"),  # Python's `$` also matches before a final newline
    _service(restart="always"),
    _service(healthcheck={"test": ["CMD", "true"], "retries": 1.5}),
    _service(image="\ud800"),  # a lone surrogate: not valid UTF-8
    _service(bogus=1),
    _service(**{"x-custom": {"anything": [1, None]}}),
    {"services": {"we b": {"image": "x"}}},  # a service name outside the allowed pattern
    {"services": {"web\n": {"image": "x"}}},
    {"services": {"web": None}},
    {"services": [], "volumes": {"data": None}},
    {"name": 5},
    {"networks": {"front": {"ipam": {"config": [{"subnet": "10.0.0.0/24"}]}}}},
]


@pytest.mark.parametrize("document", CASES)
def test_fast_check_never_accepts_what_jsonschema_rejects(document: Any) -> None:
    fast = validation.fast_validator()
    if fast is None:
        pytest.skip("jsonschema_rs is not installed")
    slow_valid = not any(True for _ in validation.validator().iter_errors(document))
    try:
        fast_valid = fast.is_valid(document)
    except Exception:  # the fast path then leaves the answer to jsonschema
        fast_valid = False
    assert not (fast_valid and not slow_valid)
    if isinstance(document, dict) and document == _service():
        assert fast_valid and slow_valid  # the check is not vacuous


def _issues(text: str) -> list[tuple[int, int, str]]:
    compose = parse_compose(SourceText.from_text(text), env={})
    return [
        (issue.range.start.offset, issue.range.end.offset, issue.message)
        for issue in validation.validate_compose(compose)
    ]


INVALID = "services:\n  web:\n    image: [nginx]\n    restrat: always\n"
VALID = "services:\n  web:\n    image: nginx\n    restart: always\n"


def test_findings_are_the_same_without_jsonschema_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    with_fast = (_issues(INVALID), _issues(VALID))
    monkeypatch.setattr(validation, "_fast", False)  # as if jsonschema_rs were not installed
    assert validation.fast_validator() is None
    without_fast = (_issues(INVALID), _issues(VALID))
    assert with_fast == without_fast
    assert with_fast[1] == []
    assert [message for _, _, message in with_fast[0]] == [
        "'image' of service 'web' must be a string, not a list",
        "Service 'web' has an unknown key 'restrat'; did you mean 'restart'?",
    ]


def test_a_failing_fast_check_falls_back_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def is_valid(self, document: Any) -> bool:
            raise ValueError("cannot take this document")

    expected = _issues(INVALID)
    monkeypatch.setattr(validation, "_fast", Broken())
    assert _issues(INVALID) == expected
    assert _issues(VALID) == []

"""LK272 label-schema-violation: labels missing, unexpected or malformed per the schema."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from urllib.parse import urlparse

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import KeyValue, Label
from lintkit.rule import FileKind, Option, Rule, RuleContext

LOG = logging.getLogger(__name__)

_SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_HASH = re.compile(r"^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_SPDX_TOKEN = re.compile(r"\(|\)|[A-Za-z0-9.+-]+(?::[A-Za-z0-9.+-]+)?")
_SPDX_OPERATORS = frozenset({"AND", "OR", "WITH"})
TYPES = ("text", "url", "semver", "hash", "rfc3339", "spdx", "email")


class LabelSchemaViolation(Rule):
    """## What it does
    Checks labels against a schema the project configures: every label in
    `required-labels` must be set in the final stage (directly or inherited
    from the stages it builds on), with a non-empty value of the declared type;
    with `strict-labels`, labels not in the schema are flagged too. Values built
    from variables are not checked. Without configuration the rule does nothing.

    Types: `text` (any non-empty value), `url`, `semver`, `hash` (a Git commit
    hash), `rfc3339` (a timestamp such as `2024-05-01T12:00:00Z`), `spdx` (a
    licence expression such as `Apache-2.0 OR MIT`) and `email`.

    ## Why is this bad?
    Release tooling, registries and compliance scans read labels such as
    `org.opencontainers.image.source`, `…revision` and `…licenses`. An image
    without them, or with a value in the wrong format, breaks those tools
    quietly, long after the build.

    ## Example
    With `required-labels = { "org.opencontainers.image.source" = "url" }`:
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="github.com/example/app"
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="https://github.com/example/app"
    ```

    ## Options
    - `required-labels` (table, default empty): label key → type.
    - `strict-labels` (default `false`): also flag labels that are not in the table.

    ```toml
    [tool.lintkit.rules.label-schema-violation]
    strict-labels = true

    [tool.lintkit.rules.label-schema-violation.required-labels]
    "org.opencontainers.image.source" = "url"
    "org.opencontainers.image.licenses" = "spdx"
    ```

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    - [SPDX license expressions](https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/)
    - [RFC 3339](https://www.rfc-editor.org/rfc/rfc3339)
    """

    code = "LK272"
    name = "label-schema-violation"
    summary = "Label missing, unexpected or malformed according to the configured schema"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = (
        "DL3049",
        "DL3050",
        "DL3051",
        "DL3052",
        "DL3053",
        "DL3054",
        "DL3055",
        "DL3056",
        "DL3058",
    )
    options = (
        Option("required-labels", {}, "Label keys the final image must carry, mapped to a type."),
        Option("strict-labels", False, "Also flag labels that are not in required-labels."),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check label values everywhere and required labels on the final stage."""
        schema: Mapping[str, str] = dict(context.options.get("required-labels") or {})
        strict = bool(context.options.get("strict-labels", False))
        if not schema:
            return
        for instruction in dockerfile.instructions:
            if not isinstance(instruction, Label):
                continue
            for pair in instruction.pairs:
                yield from _check_pair(pair, schema, strict)
        if dockerfile.stages:
            yield from _check_required(dockerfile.stages[-1], schema)


def _check_pair(pair: KeyValue, schema: Mapping[str, str], strict: bool) -> Iterator[Problem]:
    if pair.key not in schema:
        if strict and "$" not in pair.key:
            yield Problem(
                pair.key_range,
                f"Label '{pair.key}' is not in the project's label schema; add it to "
                "required-labels or remove it",
            )
        return
    value = pair.value or ""
    kind = str(schema[pair.key]).lower()
    where = pair.value_range or pair.range
    if not value.strip():
        yield Problem(where, f"Label '{pair.key}' is empty; the schema needs a {kind} value")
        return
    if "$" in value:
        return
    if not _valid(kind, value):
        yield Problem(
            where,
            f"Label '{pair.key}' should be {_DESCRIPTIONS.get(kind, kind)}, not '{value}'",
        )


def _check_required(stage: Stage, schema: Mapping[str, str]) -> Iterator[Problem]:
    present = {
        pair.key
        for member in stage.chain()
        for instruction in member.instructions
        if isinstance(instruction, Label)
        for pair in instruction.pairs
    }
    where = stage.from_instruction.keyword_range
    for key, kind in schema.items():
        if key not in present:
            yield Problem(
                where,
                f"The final image lacks the label '{key}' ({kind}) that the project's schema "
                "requires; add it with LABEL",
            )


_DESCRIPTIONS = {
    "url": "a URL with a scheme and host (https://…)",
    "semver": "a semantic version (1.2.3)",
    "hash": "a Git commit hash",
    "rfc3339": "an RFC 3339 timestamp (2024-05-01T12:00:00Z)",
    "spdx": "an SPDX licence expression (MIT, Apache-2.0 OR MIT)",
    "email": "an e-mail address",
}


def _valid(kind: str, value: str) -> bool:
    if kind == "url":
        parsed = urlparse(value)
        return bool(parsed.scheme and parsed.netloc)
    if kind == "semver":
        return bool(_SEMVER.match(value))
    if kind == "hash":
        return bool(_HASH.match(value))
    if kind == "rfc3339":
        return _is_rfc3339(value)
    if kind == "spdx":
        return _is_spdx(value)
    if kind == "email":
        return bool(_EMAIL.match(value))
    if kind != "text":
        LOG.debug("unknown label type %r: only checked for emptiness", kind)
    return True


_RFC3339 = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$"
)


def _is_rfc3339(value: str) -> bool:
    match = _RFC3339.match(value.strip())
    if not match:
        return False
    try:
        datetime.strptime(f"{match.group(1)}T{match.group(2)}", "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return match.group(3) is None or (int(match.group(3)) < 24 and int(match.group(4)) < 60)


def _is_spdx(value: str) -> bool:
    """Whether ``value`` is a well-formed SPDX expression (identifiers are not looked up).

    LIMITATION: licence identifiers are checked for shape only, not against the SPDX
    list, so a misspelt identifier such as ``Apache2`` passes.
    """
    tokens = _SPDX_TOKEN.findall(value)
    if "".join(tokens) != re.sub(r"\s+", "", value):
        return False
    depth = 0
    expect_term = True
    for token in tokens:
        if token == "(":
            if not expect_term:
                return False
            depth += 1
        elif token == ")":
            if expect_term or depth == 0:
                return False
            depth -= 1
        elif token.upper() in _SPDX_OPERATORS:
            if expect_term:
                return False
            expect_term = True
        else:
            if not expect_term:
                return False
            expect_term = False
    return depth == 0 and not expect_term

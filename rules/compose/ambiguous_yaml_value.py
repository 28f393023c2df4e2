"""LK703 ambiguous-yaml-value: an unquoted environment/label value that YAML readers retype."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.loader import ScalarStyle, YamlMap, YamlScalar
from lintkit.compose.yaml11 import Scalar, compose_value, yaml11_value
from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.fixers.yaml_edits import quote
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.loader import YamlNode
    from lintkit.compose.model import ComposeFile, Service

# `y`/`n` are booleans in the YAML 1.1 spec's list, but PyYAML (docker-compose 1.x) and Compose
# v2 keep them strings; flagging `ACCEPT_EULA: Y` would be noise.
_YAML11_BOOLEAN_WORDS = frozenset(("yes", "no", "on", "off"))


class AmbiguousYamlValue(Rule):
    """## What it does
    Reports an unquoted value in the mapping form of a service's
    `environment`, `labels` or `build.args`, or in its `restart`, that a YAML
    reader does not keep as the text written:

    - `yes`, `no`, `on`, `off` (in the spellings YAML 1.1 knows: `yes`,
      `Yes`, `YES`...): booleans for YAML 1.1 readers (docker-compose 1.x,
      PyYAML);
    - base-60 looking values such as `1:30`: a number for YAML 1.1 readers;
    - numbers Docker Compose v2 itself rewrites: `1.10` and `3.0` (floats,
      passed on as `1.1` and `3`), `0755` and `0x1F` (octal and hex, passed
      on as `493` and `31`), `1e3`, `1_000`, and `True`/`FALSE` (passed on as
      `true`/`false`).

    The list form (`- DEBUG=yes`) is always a string and is left alone, as
    are lower-case `true`/`false`, plain integers and `${VAR}` values. `y`
    and `n` are not reported: the YAML 1.1 specification lists them as
    booleans, but PyYAML, docker-compose 1.x and Compose v2 all keep them
    as text.

    ## Why is this bad?
    Environment variables and labels are strings. An unquoted value is typed
    by the YAML reader first and turned back into text afterwards, so
    `VERSION: 1.10` reaches the container as `1.1` and `MODE: 0755` as `493`.
    YAML 1.1 tools make `COUNTRY: NO` the boolean false (the "Norway
    problem"); docker-compose 1.x even refuses such a value. The same file
    then means different things to different tools.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.3
        environment:
          DEBUG: yes
          APP_VERSION: 1.10
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.3
        environment:
          DEBUG: "yes"
          APP_VERSION: "1.10"
    ```

    ## Fix safety
    The fix puts the value in double quotes. For words and base-60 values it
    is safe: Docker Compose v2 already passes the text as written, and YAML
    1.1 tools now agree with it. For numbers Docker Compose v2 rewrites (`1.10`,
    `0755`, `True`...) the fix is unsafe: the container then receives the
    text as written (`1.10`) instead of what it received so far (`1.1`),
    which is almost always what was meant but is a change.

    ## References
    - [Compose file reference: environment](https://docs.docker.com/reference/compose-file/services/#environment)
    - [YAML 1.1 boolean type](https://yaml.org/type/bool.html)
    """

    code = "LK703"
    name = "ambiguous-yaml-value"
    summary = "Unquoted environment or label value that YAML reads as a boolean or number"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.SAFE

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report map-form values of environment, labels and build args, and ``restart``."""
        seen: set[int] = set()
        for service in compose.services.values():
            for what, name, value in _values(service):
                if not isinstance(value, YamlScalar) or id(value) in seen:
                    continue
                found = classify(value)
                if found is None:
                    continue
                seen.add(id(value))
                reason, safe = found
                quoted = quote(value.value)
                edit = Edit(value.range.start.offset, value.range.end.offset, quoted)
                title = f"Quote the value: {quoted}"
                yield Problem(
                    value.range,
                    f"Service '{service.name}': {what}{name} is set to the unquoted "
                    f"{value.value!r}, {reason}; write {quoted}",
                    fix=Fix.safe(title, edit) if safe else Fix.unsafe(title, edit),
                )


def _values(service: Service) -> Iterator[tuple[str, str, YamlNode]]:
    """(what, ' name', value node) for every value this rule looks at."""
    build = service.get("build")
    settings: list[tuple[str, YamlNode | None]] = [
        ("environment variable", service.get("environment")),
        ("label", service.get("labels")),
        ("build argument", build.get("args") if isinstance(build, YamlMap) else None),
    ]
    for what, node in settings:
        if isinstance(node, YamlMap):
            for entry in node.entries:
                yield what, f" '{entry.key_text}'", entry.value
    restart = service.get("restart")
    if restart is not None:
        yield "'restart'", "", restart


def classify(node: YamlScalar) -> tuple[str, bool] | None:
    """Why a plain scalar does not stay the text written, and whether quoting keeps v2's value.

    Returns ``None`` for a value every reader keeps as written (or that is quoted, tagged,
    null, interpolated or spread over several lines).
    """
    if node.style is not ScalarStyle.PLAIN or node.tag is not None or node.is_null:
        return None
    found = _classify_plain(node.value)
    # Asked last: most values are fine, and working out a node's lines costs more.
    if found is None or node.range.start.line != node.range.end.line:
        return None
    return found


def _classify_plain(text: str) -> tuple[str, bool] | None:
    new = compose_value(text)
    if isinstance(new, bool):
        if text in ("true", "false"):
            return None
        return (
            f"which Docker Compose reads as a boolean and passes on as '{str(new).lower()}'",
            False,
        )
    if isinstance(new, int | float):
        rendered = _render(new)
        if rendered is not None and rendered != text:
            return (
                f"which Docker Compose reads as a number and passes on as '{rendered}'",
                False,
            )
        return None
    old = yaml11_value(text)
    if text.lower() in _YAML11_BOOLEAN_WORDS and isinstance(old, bool):
        return (
            "which YAML 1.1 readers (docker-compose 1.x, PyYAML) take for the boolean "
            f"{str(old).lower()}",
            True,
        )
    if isinstance(old, int | float) and not isinstance(old, bool) and ":" in text:
        return (
            "which YAML 1.1 readers (docker-compose 1.x, PyYAML) take for the base-60 number "
            f"{_render(old) or old}",
            True,
        )
    return None


def _render(value: Scalar) -> str | None:
    """The text Compose v2 passes on for a number (Go's shortest float formatting)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return None
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)

"""How plain YAML scalars resolve: the YAML 1.2 way Compose v2 reads them, and the YAML 1.1 way.

docker compose v2 reads files with go-yaml v3, which follows the YAML 1.2 core schema with a few
compatibility extras (``0777`` is still octal, ``_`` separators are dropped). docker-compose v1,
PyYAML and many other tools use YAML 1.1, where ``yes``/``off`` are booleans and ``22:22`` is the
base-60 number 1342. Rules compare the two to warn about values that older readers see differently.
"""

from __future__ import annotations

import math
import re

Scalar = bool | int | float | str | None

_YAML11_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"), True),
    **dict.fromkeys(("on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE"), False),
    **dict.fromkeys(("off", "Off", "OFF"), False),
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_YAML11_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_YAML11_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
# go-yaml v3 (what docker compose v2 uses) accepts this float shape after removing ``_``.
_GO_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$")


def _sexagesimal(text: str) -> float:
    sign = -1 if text.startswith("-") else 1
    value = 0.0
    for part in text.lstrip("+-").split(":"):
        value = value * 60 + float(part)
    return sign * value


def yaml11_value(text: str) -> Scalar:
    """Return what a YAML 1.1 reader (PyYAML, docker-compose v1) makes of a plain scalar.

    Examples: ``yes`` → True, ``off`` → False, ``22:22`` → 1342, ``0440`` → 288,
    ``1.10`` → 1.1, ``~`` → None; anything else stays the string itself.
    """
    if text in _NULLS:
        return None
    if text in _YAML11_BOOLS:
        return _YAML11_BOOLS[text]
    if _YAML11_INT.match(text):
        digits = text.replace("_", "")
        sign = -1 if digits.startswith("-") else 1
        body = digits.lstrip("+-")
        if ":" in body:
            return int(_sexagesimal(digits))
        if body.startswith("0b"):
            return sign * int(body[2:] or "0", 2)
        if body.startswith("0x"):
            return sign * int(body[2:] or "0", 16)
        if body.startswith("0") and len(body) > 1:
            return sign * int(body, 8)
        return sign * int(body)
    if _YAML11_FLOAT.match(text):
        digits = text.replace("_", "").lower()
        if digits.endswith(".inf"):
            return -math.inf if digits.startswith("-") else math.inf
        if digits.endswith(".nan"):
            return math.nan
        if ":" in digits:
            return _sexagesimal(digits)
        return float(digits)
    return text


def compose_value(text: str) -> Scalar:
    """Return what docker compose v2 (go-yaml v3, YAML 1.2 core schema) makes of a plain scalar.

    ``yes`` and ``22:22`` stay strings; ``true``/``false`` (three spellings each) are booleans;
    ``0o17``, ``0x1F``, ``0b11`` and the old ``017`` are integers; ``1.10`` is the float 1.1.
    """
    if text in _NULLS:
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    if not text or text[0] not in "0123456789+-.":
        return text
    plain = text.replace("_", "")
    if _GO_INT.match(plain):
        sign = -1 if plain.startswith("-") else 1
        body = plain.lstrip("+-").lower()
        if body.startswith("0x"):
            return sign * int(body[2:], 16)
        if body.startswith("0b"):
            return sign * int(body[2:], 2)
        if body.startswith("0o"):
            return sign * int(body[2:], 8)
        if body.startswith("0") and len(body) > 1:
            return sign * int(body, 8)
        return sign * int(body)
    if _GO_FLOAT.match(plain):
        return float(plain)
    return text


def differs_under_yaml11(text: str) -> bool:
    """Return whether a YAML 1.1 reader reads a plain scalar differently from Compose v2."""
    old = yaml11_value(text)
    new = compose_value(text)
    if type(old) is not type(new):
        return True
    if isinstance(old, float) and isinstance(new, float) and math.isnan(old) and math.isnan(new):
        return False
    return old != new

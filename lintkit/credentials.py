"""Credential values that stand in for a real one, shared by the Dockerfile and compose rules.

It lives outside ``rules/`` so that neither family of rules imports the other (linting a
Dockerfile never loads the compose rules, and the other way round).
"""

from __future__ import annotations

import re

# Values that stand in for a credential still to be chosen: `<password>`, `xxx` or `****`, `dummy`,
# `_admin_password_`, and values that tell the reader to change them (`changeme`,
# `change-this-insecure-key`, `replace-me`, `your-api-key-here`, `please-change`).
_PLACEHOLDER = re.compile(
    r"<.*>|[xX*]{3,}|_[A-Za-z]+(?:[_-][A-Za-z]+)*_|your[-_. ].*[-_. ]here|dummy"
    r"|(?:.*[-_. ])?(?:change[-_. ]?(?:me|this)|replace[-_. ]?me|please[-_. ]change)"
    r"(?:[-_. !].*)?",
    re.IGNORECASE,
)
# Zeros, with or without dashes: the nil UUID, an all-zero hex key. No generator makes these.
_ZEROS = re.compile(r"[0-]*0[0-]*")


def placeholder(value: str) -> bool:
    """Whether ``value`` only stands in for a credential (``<password>``, ``xxx``, ``changeme``).

    Values made only of zeros and dashes (``00000000-0000-0000-0000-000000000000``) count too.
    """
    return _PLACEHOLDER.fullmatch(value) is not None or _ZEROS.fullmatch(value) is not None

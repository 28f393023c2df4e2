"""LK271 invalid-label-key: a LABEL key outside Docker's naming guidelines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Label
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import with_triggers

_VALID = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")
_RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")
#: Keys that other tools define and read by their exact names, so the image cannot choose
#: them: a Docker Desktop extension's image must carry `com.docker.desktop.extension.api.version`
#: and may carry the other extension keys (in a namespace Docker reserves); an Operator
#: Framework bundle image carries `operators.operatorframework.io.*` keys, some of which
#: contain `_` (`operators.operatorframework.io.metrics.project_layout`).
_DOCUMENTED = (
    "com.docker.desktop.extension.",
    "com.docker.extension.",
    "operators.operatorframework.io.",
)


class InvalidLabelKey(Rule):
    """## What it does
    Flags `LABEL` keys that do not follow Docker's guidelines for label keys:
    lower-case letters, digits, `.` and `-` only, starting and ending with a
    letter or digit, with no `..` or `--`, and outside the namespaces Docker
    reserves for itself (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`).
    Keys built from variables are left alone, and so are keys whose exact names
    another tool requires: the labels of a Docker Desktop extension
    (`com.docker.desktop.extension.*`, `com.docker.extension.*`, in a reserved
    namespace) and those of an Operator Framework bundle
    (`operators.operatorframework.io.*`, some of which contain `_`).

    ## Why is this bad?
    Labels are read by other tools (registries, orchestrators, scanners) that
    expect reverse-DNS, lower-case keys such as `org.opencontainers.image.source`.
    Keys like `Maintainer` or `build_date` are easy to mistype when querying
    (`docker inspect`, label filters are case-sensitive), and the reserved
    namespaces may be overwritten by Docker.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    LABEL Version="1.2" build_date="2024-05-01"
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.version="1.2" org.opencontainers.image.created="2024-05-01"
    ```

    ## References
    - [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    - [Docker extensions: image labels](https://docs.docker.com/extensions/extensions-sdk/extensions/labels/)
    - [Operator Framework: bundle format](https://github.com/operator-framework/operator-registry/blob/master/docs/design/operator-bundle.md)
    """

    code = "LK271"
    name = "invalid-label-key"
    summary = "`LABEL` key not lower-case reverse-DNS style, or in a reserved namespace"
    severity = Severity.STYLE
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3048",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check each literal LABEL key."""
        for instruction in with_triggers(dockerfile.instructions):
            if not isinstance(instruction, Label):
                continue
            for pair in instruction.pairs:
                key = pair.key
                if "$" in key or not key:
                    continue
                reason = _problem(key)
                if reason is not None:
                    yield Problem(pair.key_range, f"Label key '{key}' {reason}")


def _problem(key: str) -> str | None:
    if key.startswith(_DOCUMENTED):
        return None
    lowered = key.lower()
    for namespace in _RESERVED:
        if lowered.startswith(namespace) and not lowered.startswith(_DOCUMENTED):
            return f"is in the '{namespace}*' namespace, which Docker reserves; use your own"
    if ".." in key or "--" in key:
        return "has a doubled '.' or '-'; use single separators"
    if not _VALID.match(key):
        suggestion = re.sub(r"[^a-z0-9.-]+", "-", lowered).strip(".-")
        hint = f" such as '{suggestion}'" if suggestion and _VALID.match(suggestion) else ""
        return (
            "should use only lower-case letters, digits, '.' and '-', starting and ending "
            f"with a letter or digit; use a key{hint}"
        )
    return None

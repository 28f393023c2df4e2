"""LK253 invalid-expose-port: an EXPOSE port Docker cannot read."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import (
    expose_specs,
    port_range_error,
    with_triggers,
)

_PROTOCOLS = ("", "tcp", "udp", "sctp")


class InvalidExposePort(Rule):
    """## What it does
    Flags `EXPOSE` ports that are not port numbers from 0 to 65535, port
    ranges that end before they start, and protocols other than `tcp`, `udp`
    and `sctp`. Ports given through variables are not checked.

    ## Why is this bad?
    Docker refuses such a port when it builds the image, after the earlier
    steps have already run; a typo such as `EXPOSE 80800` or `EXPOSE 53/upd`
    fails the build late instead of at review time.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80800
    EXPOSE 53/upd
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 8080
    EXPOSE 53/udp
    ```

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "LK253"
    name = "invalid-expose-port"
    summary = "`EXPOSE` port out of range or malformed"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3011",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check each literal port of each EXPOSE (ONBUILD triggers included)."""
        for instruction in with_triggers(dockerfile.instructions):
            if instruction.keyword != "EXPOSE":
                continue
            for spec in expose_specs(instruction):
                reason = port_range_error(spec.container)
                if reason is None and spec.host:
                    reason = port_range_error(spec.host)
                if reason is None and spec.proto.lower() not in _PROTOCOLS:
                    reason = f"'{spec.proto}' is not a protocol (use tcp, udp or sctp)"
                if reason is not None:
                    yield Problem(
                        spec.word.range,
                        f"EXPOSE '{spec.word.value}' is not a valid port: {reason}; "
                        "Docker stops the build here",
                    )

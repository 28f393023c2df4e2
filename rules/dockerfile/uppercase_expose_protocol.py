"""LK254 uppercase-expose-protocol: ``EXPOSE 80/TCP``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import expose_specs, with_triggers


class UppercaseExposeProtocol(Rule):
    """## What it does
    Flags an `EXPOSE` protocol written in capitals or mixed case, such as
    `80/TCP` or `53/Udp`.

    ## Why is this bad?
    Docker accepts the protocol in any case and stores it in lower case, so the
    image metadata differs from what the file says; tools that read the file
    (or compare it with `docker inspect` output) see two spellings of one
    thing. BuildKit's build checks warn about it.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80/TCP
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80/tcp
    ```

    ## Fix safety
    The fix lower-cases the protocol. It is safe: Docker lower-cases it anyway.

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    - [Build checks: ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    """

    code = "LK254"
    name = "uppercase-expose-protocol"
    summary = "`EXPOSE` protocol not in lower case"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("ExposeProtoCasing",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each protocol that is not lower case and offer to lower it."""
        for instruction in with_triggers(dockerfile.instructions):
            if instruction.keyword != "EXPOSE":
                continue
            for spec in expose_specs(instruction):
                if not spec.proto or spec.proto == spec.proto.lower():
                    continue
                message = (
                    f"Protocol '{spec.proto}' in EXPOSE '{spec.word.value}' should be lower "
                    f"case: '{spec.proto.lower()}'"
                )
                if spec.proto_index < 0:
                    yield Problem(spec.word.range, message)
                    continue
                start = spec.word.range.start.offset + spec.proto_index
                edit = Edit(start, start + len(spec.proto), spec.proto.lower())
                yield Problem(
                    spec.word.range,
                    message,
                    fix=Fix.safe(f"Write '{spec.proto.lower()}'", edit),
                )

"""LK255 expose-host-mapping: an IP address or host port in EXPOSE."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import expose_specs, with_triggers


class ExposeHostMapping(Rule):
    """## What it does
    Flags `EXPOSE` words that name an IP address or a host port, such as
    `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:80:80`.

    ## Why is this bad?
    `EXPOSE` only documents which container ports the image listens on; an
    image cannot choose host ports or addresses. Docker ignores the host part
    (only the container port is recorded), so the line promises a mapping that
    never happens. Docker has announced that this form will become an error.
    Publish ports when the container is run (`docker run -p 8080:80`, or
    `ports:` in compose).

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 8080:80
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80
    ```

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    - [Build checks: ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
    """

    code = "LK255"
    name = "expose-host-mapping"
    summary = "`EXPOSE` with an IP address or host port mapping"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("ExposeInvalidFormat",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each EXPOSE word with a host part."""
        for instruction in with_triggers(dockerfile.instructions):
            if instruction.keyword != "EXPOSE":
                continue
            for spec in expose_specs(instruction):
                if not spec.ip and not spec.host:
                    continue
                container = spec.container + (f"/{spec.proto}" if spec.proto else "")
                part = "an IP address and host port" if spec.ip else "a host port"
                yield Problem(
                    spec.word.range,
                    f"EXPOSE '{spec.word.value}' names {part}, which Docker ignores because "
                    f"an image cannot publish ports; expose '{container}' and publish it at "
                    "run time (docker run -p, compose ports:)",
                )

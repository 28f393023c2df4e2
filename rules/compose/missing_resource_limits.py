"""LK514 missing-resource-limits: a service without a memory or CPU limit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class MissingResourceLimits(Rule):
    """## What it does
    Reports a service without a memory limit (`mem_limit` or
    `deploy.resources.limits.memory`) or without a CPU limit (`cpus`,
    `cpu_quota`, `cpu_count`, `cpu_percent` or `deploy.resources.limits.cpus`).
    Services that take settings from `extends:` are left alone.

    This rule is off by default: limits depend on the host and the workload,
    and development stacks rarely set them. Turn it on for production files.

    ## Why is this bad?
    Without limits, one container with a memory leak or a busy loop can use
    all of the host's memory or CPU. The kernel's out-of-memory killer then
    picks a victim, which may be another service or the Docker daemon.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:1.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: example/api:1.4
        deploy:
          resources:
            limits:
              memory: 512M
              cpus: "1.0"
    ```

    ## References
    - [Compose deploy reference: resources](https://docs.docker.com/reference/compose-file/deploy/#resources)
    - [Compose file reference: mem_limit](https://docs.docker.com/reference/compose-file/services/#mem_limit)
    - [Docker: resource constraints](https://docs.docker.com/engine/containers/resource_constraints/)
    """

    code = "LK514"
    name = "missing-resource-limits"
    summary = "Service has no memory or CPU limit"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0026",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report services missing a memory or CPU limit."""
        for service in compose.services.values():
            if h.service_uses_extends(service):
                continue
            missing = [
                what
                for what, node in (
                    ("memory", h.memory_limit(service)),
                    ("CPU", h.cpu_limit(service)),
                )
                if node is None
            ]
            if not missing:
                continue
            yield Problem(
                service.name_range,
                f"Service '{service.name}' has no {' or '.join(missing)} limit; set "
                "'deploy.resources.limits' so it cannot starve the host and other services",
            )

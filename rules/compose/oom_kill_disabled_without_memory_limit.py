"""LK515 oom-kill-disabled-without-memory-limit: the OOM killer is off and memory is unbounded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class OomKillDisabledWithoutMemoryLimit(Rule):
    """## What it does
    Reports `oom_kill_disable: true` on a service that has no memory limit
    (`mem_limit` or `deploy.resources.limits.memory`).

    ## Why is this bad?
    With the out-of-memory killer disabled for the container and no limit, the
    container can take all of the host's memory and the kernel cannot stop it;
    it kills other processes instead, or the host stops responding. Docker's
    documentation says to use this option only together with a memory limit.

    ## Example
    ```yaml
    services:
      cache:
        image: example/cache:5.0
        oom_kill_disable: true
    ```

    ## Use instead
    ```yaml
    services:
      cache:
        image: example/cache:5.0
        oom_kill_disable: true
        mem_limit: 2g
    ```

    ## References
    - [Compose file reference: oom_kill_disable](https://docs.docker.com/reference/compose-file/services/#oom_kill_disable)
    - [Docker: memory constraints](https://docs.docker.com/engine/containers/resource_constraints/#memory)
    """

    code = "LK515"
    name = "oom-kill-disabled-without-memory-limit"
    summary = "`oom_kill_disable: true` without a memory limit"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``oom_kill_disable: true`` without a memory limit."""
        found = h.Collector()
        for service in compose.services.values():
            node = service.get("oom_kill_disable")
            if node is None or h.node_flag(node) is not True or h.service_uses_extends(service):
                continue
            if h.memory_limit(service) is not None:
                continue
            found.add(
                node.range,
                service.name,
                "{who}: 'oom_kill_disable: true' without a memory limit lets the container "
                "exhaust the host's memory; set 'mem_limit' or 'deploy.resources.limits.memory'",
            )
        yield from found.problems()

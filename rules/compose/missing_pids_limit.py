"""LK501 missing-pids-limit: a service that may start any number of processes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Option, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.loader import YamlNode
    from lintkit.compose.model import ComposeFile, Service

DEFAULT_LIMIT = 512


class MissingPidsLimit(Rule):
    """## What it does
    Reports a service that sets neither `pids_limit` nor
    `deploy.resources.limits.pids`, and a limit of `0` or `-1` (both mean
    "unlimited"). Values written as `${VAR}` and services that take settings
    from `extends:` are left alone.

    This rule is off by default (almost no compose file sets a limit); turn it
    on with `extend-select = ["missing-pids-limit"]` when hardening a stack.

    ## Why is this bad?
    Without a limit, a fork bomb or a runaway worker pool in one container can
    exhaust the host's process table and take down every other container and
    the host itself. A limit confines the damage to the misbehaving container.

    ## Example
    ```yaml
    services:
      worker:
        image: example/worker:2.1
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: example/worker:2.1
        pids_limit: 512
    ```

    ## Fix safety
    The fix adds `pids_limit: <limit>` to the service (or replaces `0`/`-1`).
    It is unsafe: the limit counts threads as well as processes, so a service
    that legitimately runs more (a JVM, Elasticsearch, a database with many
    connections) fails to start threads once it reaches the limit. Check the
    number against what the service needs. The fix is refused when the service
    is defined under a shared YAML anchor or in flow style.

    ## Options
    - `limit` (integer, default `512`): the value the fix writes. The default
      is generous because threads count against it; lower it for small
      single-process services.

    ## References
    - [Compose file reference: pids_limit](https://docs.docker.com/reference/compose-file/services/#pids_limit)
    - [Compose deploy reference: resources](https://docs.docker.com/reference/compose-file/deploy/#resources)
    """

    code = "LK501"
    name = "missing-pids-limit"
    summary = "Service has no limit on the number of processes"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    enabled_by_default = False
    options = (
        Option("limit", DEFAULT_LIMIT, "the pids_limit value the fix writes (threads count too)"),
    )

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each service without a positive process limit."""
        limit = int(context.options.get("limit", DEFAULT_LIMIT))
        for service in compose.services.values():
            if h.service_uses_extends(service):
                continue
            deploy_pids = h.path_get(service.get("deploy"), "resources", "limits", "pids")
            entry = service.entry("pids_limit")
            if entry is None:
                if deploy_pids is not None and not _unlimited(deploy_pids):
                    continue
                if deploy_pids is not None:
                    yield _unlimited_problem(service, deploy_pids, "deploy.resources.limits.pids")
                    continue
                added = h.add_to_service(compose, service, [f"pids_limit: {limit}"])
                yield Problem(
                    service.name_range,
                    f"Service '{service.name}' has no process limit; set 'pids_limit' so a fork "
                    "bomb or runaway workers cannot exhaust the host's process table",
                    fix=None
                    if isinstance(added, str)
                    else Fix.unsafe(f"Add 'pids_limit: {limit}'", added),
                    unfixable_reason=added if isinstance(added, str) else None,
                )
                continue
            if not _unlimited(entry.value):
                continue
            reason = h.entry_refusal(service, entry)
            fix = None
            if reason is None:
                value = entry.value.range
                fix = Fix.unsafe(
                    f"Set 'pids_limit: {limit}'",
                    Edit(value.start.offset, value.end.offset, str(limit)),
                )
            yield _unlimited_problem(service, entry.value, "pids_limit", fix, reason)


def _unlimited(node: YamlNode) -> bool:
    text = h.node_text(node)
    if text is None:
        return False
    try:
        return int(text.strip()) <= 0
    except ValueError:
        return False


def _unlimited_problem(
    service: Service,
    node: YamlNode,
    key: str,
    fix: Fix | None = None,
    reason: str | None = None,
) -> Problem:
    return Problem(
        node.range,
        f"Service '{service.name}' sets '{key}' to unlimited; use a positive number so a fork "
        "bomb or runaway workers cannot exhaust the host's process table",
        fix=fix,
        unfixable_reason=reason,
    )

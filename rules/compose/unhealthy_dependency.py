"""LK111 unhealthy-dependency: ``service_healthy`` on a service that has no healthcheck."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from lintkit.compose.model import ComposeFile
from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.fixers.healthcheck_edits import add_healthcheck
from lintkit.fixers.yaml_edits import YamlEditRefused
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose._health import (
    Health,
    healthcheck_test,
    moved_port_reason,
    service_health,
    service_image,
)

LOG = logging.getLogger(__name__)


class UnhealthyDependency(Rule):
    """## What it does
    Flags a `depends_on` entry with `condition: service_healthy` on a service that has no
    healthcheck: none in the compose file (or one turned off with `disable: true` or
    `test: ["NONE"]`) and none in its image. For `build:` services the Dockerfile is read from
    the project; for `image:` services only official Docker Hub images count as known to have
    none (official images never define a `HEALTHCHECK`). Services defined in another file,
    using `extends`, or built from a Dockerfile lintkit cannot read are left alone.

    ## Why is this bad?
    A container without a healthcheck never becomes healthy, so Compose refuses to start the
    dependant ("container … has no healthcheck configured") and `docker compose up` fails.

    ## Example
    ```yaml
    services:
      web:
        build: .
        depends_on:
          db:
            condition: service_healthy
      db:
        image: postgres:16
    ```

    ## Use instead
    ```yaml
    services:
      web:
        build: .
        depends_on:
          db:
            condition: service_healthy
      db:
        image: postgres:16
        healthcheck:
          test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}"]
          interval: 10s
    ```

    ## Fix safety
    For official postgres, mysql, mariadb, redis, mongo and rabbitmq images an unsafe fix adds
    a healthcheck to the dependency (see `missing-healthcheck` for the commands and why they
    may need adjusting). It is not offered when the healthcheck was turned off on purpose, or
    when the dependency's `command`/`entrypoint` moves its server off the default port that
    the added check would probe, or starts it from a configuration file that may.

    ## References
    - [Compose file reference: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Compose file reference: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    """

    code = "LK111"
    name = "unhealthy-dependency"
    summary = "`service_healthy` dependency on a service without a healthcheck"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Check every ``service_healthy`` condition."""
        cache: dict[str, Health] = {}
        for service in compose.iter_services():
            for dependency in service.depends_on:
                if dependency.condition != "service_healthy":
                    continue
                target = compose.services.get(dependency.service)
                if target is None:
                    continue
                if dependency.service not in cache:
                    cache[dependency.service] = service_health(target, context)
                health = cache[dependency.service]
                if health not in (Health.ABSENT, Health.DISABLED):
                    continue
                why = (
                    "has its healthcheck turned off"
                    if health is Health.DISABLED
                    else ("has no healthcheck")
                )
                message = (
                    f"Service '{service.name}' waits for '{dependency.service}' to be healthy, "
                    f"but '{dependency.service}' {why}, so Compose refuses to start "
                    f"'{service.name}'; give '{dependency.service}' a healthcheck or use "
                    "'condition: service_started'"
                )
                fix = None
                reason = None
                test = healthcheck_test(service_image(target)) if target.build is None else None
                if test is not None and health is Health.ABSENT:
                    reason = moved_port_reason(target, service_image(target))
                if test is not None and health is Health.ABSENT and reason is None:
                    try:
                        edit = add_healthcheck(compose, target, test)
                        fix = Fix.unsafe(f"Add a healthcheck to '{dependency.service}'", edit)
                    except YamlEditRefused as refused:
                        reason = refused.reason
                yield Problem(dependency.node.range, message, fix=fix, unfixable_reason=reason)

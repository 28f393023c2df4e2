"""LK112 dependency-not-awaited: a service starts before the database it depends on is ready."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from lintkit.compose.loader import YamlMap
from lintkit.compose.model import ComposeFile, Dependency, Service
from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.fixers.healthcheck_edits import add_healthcheck, await_healthy
from lintkit.fixers.yaml_edits import YamlEditRefused
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose._health import (
    Health,
    compose_health,
    healthcheck_test,
    is_database,
    service_health,
    service_image,
)

LOG = logging.getLogger(__name__)


class DependencyNotAwaited(Rule):
    """## What it does
    Flags a `depends_on` entry that only waits for a database, cache or message broker to
    *start* (the list form, or `condition: service_started`), when that dependency runs a
    well-known data service image: postgres, mysql, mariadb, redis, valkey, mongo, rabbitmq,
    kafka, zookeeper, elasticsearch, opensearch, cassandra, couchdb, neo4j, influxdb,
    clickhouse, memcached, nats, … (matched on the image name, whatever the registry or
    namespace). Dependencies whose healthcheck is turned off on purpose are left alone.

    ## Why is this bad?
    "Started" means the container's process was launched, not that the server accepts
    connections: postgres or mysql may spend seconds to minutes initialising. The dependant
    starts anyway and fails its first connections, crashing or needing restart loops unless it
    retries on its own.

    ## Example
    ```yaml
    services:
      web:
        build: .
        depends_on:
          - db
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
          timeout: 5s
          retries: 5
          start_period: 30s
    ```

    ## Fix safety
    An unsafe fix rewrites that `depends_on` to the map form with
    `condition: service_healthy` for the database (other entries get `service_started`, which
    is what the list form meant), and, when the database has no healthcheck and runs an
    official postgres, mysql, mariadb, redis, mongo or rabbitmq image, adds one (see
    `missing-healthcheck`). Comments between entries are kept. It is unsafe because the
    dependant now starts later, and not at all if the healthcheck never passes. It is not
    offered when `depends_on` or the service comes from a YAML anchor, alias or merge key,
    when the file declares a format version without conditions (2.0, 3.x), or when the
    database may lack a healthcheck that lintkit cannot add.

    ## References
    - [Compose: control startup order](https://docs.docker.com/compose/how-tos/startup-order/)
    - [Compose file reference: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    """

    code = "LK112"
    name = "dependency-not-awaited"
    summary = "Service depends on a database without waiting for it to be healthy"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Check every dependency on a database that only waits for it to start."""
        reported: set[tuple[int, str]] = set()
        for service in compose.iter_services():
            for dependency in service.depends_on:
                if dependency.condition != "service_started":
                    continue
                target = compose.services.get(dependency.service)
                if target is None or target is service:
                    continue
                info = service_image(target)
                own_health = compose_health(target)
                if not is_database(info) or own_health is Health.DISABLED:
                    continue
                if own_health is Health.PRESENT and _explicit_condition(service, dependency):
                    # The author wrote 'service_started' next to a healthcheck: a decision.
                    LOG.debug("%s: explicit service_started on %s", service.name, target.name)
                    continue
                key = (id(dependency.node), dependency.service)
                if key in reported:
                    continue  # the same entry, shared through a YAML anchor
                reported.add(key)
                assert info is not None
                message = (
                    f"Service '{service.name}' starts as soon as '{dependency.service}' "
                    f"({info.name}) has started, not when it accepts connections; wait for it "
                    "with 'condition: service_healthy'"
                    + (" (and give it a healthcheck)" if own_health is None else "")
                )
                fix, reason = _fix(compose, service, target, dependency.service, context)
                yield Problem(dependency.node.range, message, fix=fix, unfixable_reason=reason)


def _explicit_condition(service: Service, dependency: Dependency) -> bool:
    node = service.get("depends_on")
    if not isinstance(node, YamlMap):
        return False
    settings = node.get(dependency.service)
    return isinstance(settings, YamlMap) and "condition" in settings


def _fix(
    compose: ComposeFile,
    service: Service,
    target: Service,
    name: str,
    context: RuleContext,
) -> tuple[Fix | None, str | None]:
    edits: list[Edit] = []
    try:
        edits.append(await_healthy(compose, service, name))
        health = service_health(target, context)
        if health is not Health.PRESENT:
            test = healthcheck_test(service_image(target)) if target.build is None else None
            if test is None:
                return None, f"lintkit has no healthcheck to add to '{name}'; add one first"
            edits.append(add_healthcheck(compose, target, test))
    except YamlEditRefused as refused:
        return None, refused.reason
    return Fix.unsafe(f"Wait for '{name}' to be healthy", *edits), None

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
    moved_port_reason,
    retries_on_its_own,
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
    namespace). Dependencies whose healthcheck is turned off on purpose are left alone, and so
    is an explicit `condition: service_started` on a dependency that has a healthcheck (a
    decision). Dependants that wait for their backend by themselves are not flagged: admin
    UIs and dashboards (grafana, kibana, adminer, pgadmin, kafka-ui, …), log shippers,
    `*-exporter` images, applications whose image waits at start-up (paperless-ngx,
    sameersbn/gitlab, photoprism/photoprism, netboxcommunity/netbox, temporalio/auto-setup,
    and the Confluent Platform images `confluentinc/cp-*`, whose `ensure` script waits for
    ZooKeeper and Kafka), and data services waiting for their own coordinator (kafka on
    zookeeper). Services built by the project
    (`build:`) are always checked.

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
    `missing-healthcheck`); other services that wait for that database with a written-out
    `condition: service_started` then get `service_healthy` too, since next to the new
    healthcheck their condition would look like a choice nobody made. Comments between
    entries are kept. It is unsafe because the dependant now starts later, and not at all if
    the healthcheck never passes. It is not offered when `depends_on` or the service comes
    from a YAML anchor, alias or merge key, when a list-form `depends_on` is in a file that
    declares a format version without conditions (2.0, 3.x), or when the database may lack a
    healthcheck that lintkit cannot add (including a database whose `command` moves it off
    the default port the added check would probe, or starts it from a configuration file
    that may, see `missing-healthcheck`).

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
            if service.build is None and retries_on_its_own(service_image(service)):
                LOG.debug("%s waits for its backends by itself", service.name)
                continue
            found: list[tuple[Dependency, Service, str, Health | None]] = []
            for dependency in service.depends_on:
                if dependency.condition != "service_started":
                    continue
                target = compose.services.get(dependency.service)
                if target is None or target is service:
                    continue
                info = service_image(target)
                own_health = compose_health(target)
                if info is None or not is_database(info) or own_health is Health.DISABLED:
                    continue
                if own_health is Health.PRESENT and _explicit_condition(service, dependency):
                    # The author wrote 'service_started' next to a healthcheck: a decision.
                    LOG.debug("%s: explicit service_started on %s", service.name, target.name)
                    continue
                key = (id(dependency.node), dependency.service)
                if key in reported:
                    continue  # the same entry, shared through a YAML anchor
                reported.add(key)
                found.append((dependency, target, info.name, own_health))
            if not found:
                continue
            # One fix per service: rewriting the list to the map form is a single edit, and
            # every awaited database gets its condition in it (a later pass would otherwise
            # read the written-out 'service_started' of the others as a decision).
            fix, reasons = _fix(compose, service, [target for _, target, _, _ in found], context)
            for dependency, target, image, own_health in found:
                message = (
                    f"Service '{service.name}' starts as soon as '{dependency.service}' "
                    f"({image}) has started, not when it accepts connections; wait for it "
                    "with 'condition: service_healthy'"
                    + (" (and give it a healthcheck)" if own_health is None else "")
                )
                reason = reasons.get(target.name)
                yield Problem(
                    dependency.node.range,
                    message,
                    fix=None if reason else fix,
                    unfixable_reason=reason,
                )


def _explicit_condition(service: Service, dependency: Dependency) -> bool:
    node = service.get("depends_on")
    if not isinstance(node, YamlMap):
        return False
    settings = node.get(dependency.service)
    return isinstance(settings, YamlMap) and "condition" in settings


def _fix(
    compose: ComposeFile,
    service: Service,
    targets: list[Service],
    context: RuleContext,
) -> tuple[Fix | None, dict[str, str]]:
    """The fix awaiting every target that can be awaited, and why the others cannot."""
    reasons: dict[str, str] = {}
    healthchecks: list[Edit] = []
    awaited: list[str] = []
    for target in targets:
        if target.name in awaited or target.name in reasons:
            continue
        if service_health(target, context) is Health.PRESENT:
            awaited.append(target.name)
            continue
        test = healthcheck_test(service_image(target)) if target.build is None else None
        if test is None:
            reasons[target.name] = (
                f"lintkit has no healthcheck to add to '{target.name}'; add one first"
            )
            continue
        moved = moved_port_reason(target, service_image(target))
        if moved is not None:
            reasons[target.name] = moved
            continue
        try:
            healthchecks.append(add_healthcheck(compose, target, test))
        except YamlEditRefused as refused:
            reasons[target.name] = refused.reason
            continue
        healthchecks.extend(_other_dependants(compose, service, target))
        awaited.append(target.name)
    if not awaited:
        return None, reasons
    try:
        edits = await_healthy(compose, service, awaited)
    except YamlEditRefused as refused:
        return None, {target.name: refused.reason for target in targets}
    names = " and ".join(f"'{name}'" for name in awaited)
    return Fix.unsafe(f"Wait for {names} to be healthy", *edits, *healthchecks), reasons


def _other_dependants(compose: ComposeFile, service: Service, target: Service) -> list[Edit]:
    """Edits making the other services that wait for ``target`` to start wait for its health.

    Needed when the fix gives ``target`` its first healthcheck: the fix of every other
    dependant would add the same healthcheck, so only one of them applies, and on the next
    pass an explicit ``condition: service_started`` next to the new healthcheck would read as
    the author's decision and no longer be reported, although the author never chose it.
    The list form needs nothing here: it stays reported and is fixed on the next pass.
    """
    edits: list[Edit] = []
    for other in compose.iter_services():
        if other is service or other is target:
            continue
        if other.build is None and retries_on_its_own(service_image(other)):
            continue
        for dependency in other.depends_on:
            if (
                dependency.service != target.name
                or dependency.condition != "service_started"
                or not _explicit_condition(other, dependency)
            ):
                continue
            try:
                edits.extend(await_healthy(compose, other, [target.name]))
            except YamlEditRefused as refused:
                LOG.debug("%s keeps service_started on %s: %s", other.name, target.name, refused)
    return edits

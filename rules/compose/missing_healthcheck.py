"""LK110 missing-healthcheck: a long-running service whose container has no healthcheck."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose._health import (
    SERVER_IMAGES,
    Health,
    ServiceEvidence,
    awaited_to_complete,
    built_stage,
    command_evidence,
    compose_health,
    entrypoint_server,
    healthcheck_test,
    moved_port_reason,
    service_image,
    stage_evidence,
    stage_health,
)

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Service
    from lintkit.dockerfile.model import Dockerfile

LOG = logging.getLogger(__name__)


class MissingHealthcheck(Rule):
    """## What it does
    Flags a long-running service that has no healthcheck.

    In a Dockerfile: the final stage, when it shows positive signs of running a server
    (`EXPOSE`, a server-like `CMD`/`ENTRYPOINT` such as `nginx`, `gunicorn`, `uvicorn`,
    `java -jar`, `npm start`, `node server.js`, `redis-server`, or an inherited server from an
    official base image like `nginx`), and neither it nor an earlier stage it builds on has a
    `HEALTHCHECK`. Builder stages and tool images (a CLI `CMD`, no `EXPOSE`) are not flagged.
    The finding is on the final stage's `FROM` line, where the stage (and a suppression
    comment for it) starts; the message says which `EXPOSE`/command made it look like a server.

    In a compose file: a service with no `healthcheck:` (with a `test`) whose image does not
    define one either: for `build:` services the Dockerfile (and `target` stage) is read from
    the project; for `image:` services only official Docker Hub images that run a server
    (postgres, mysql, mariadb, redis, mongo, rabbitmq, nginx, httpd, …) are flagged, since
    official images never define a `HEALTHCHECK`. Other images may ship one, so they are left
    alone. A service needs a sign of being a server (`ports`, `expose`, a server image or
    command) and is skipped when another service waits for it to complete
    (`service_completed_successfully`: a one-shot job), or when its `command`/`entrypoint`
    replaces the image's server with something else (`command: psql …` on a postgres image).
    The same holds for `build:` services: when the service replaces what the image runs (an
    `entrypoint:`, or a `command:` that is not just options and not given to a server
    `ENTRYPOINT` such as `uvicorn`) with something that is not a known server
    (`command: worker`), the Dockerfile's `EXPOSE`, program and server base image no longer
    count, only the service's own `ports`/`expose`. The finding is on the service's name.

    `HEALTHCHECK NONE` and `healthcheck: {disable: true}` are decisions and silence the rule.
    When the base image is not an official image (nor scratch, .NET or distroless), it may
    define a `HEALTHCHECK` itself and nothing is reported.

    Unlike hadolint's DL3057, the rule is on by default: it only speaks when it has positive
    evidence of a server. Images that only ever run under an orchestrator with its own probes
    (Kubernetes ignores `HEALTHCHECK`) can turn it off with `ignore = ["missing-healthcheck"]`.

    ## Why is this bad?
    Without a healthcheck, Docker only knows whether the process is running, not whether it
    answers: a hung server stays "Up", `depends_on: condition: service_healthy` cannot be used,
    and rolling updates in Swarm cannot wait for a new container to be ready.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
    ```

    ## Use instead
    ```yaml
    services:
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
    For compose services running official postgres, mysql, mariadb, redis, mongo and rabbitmq
    images, an unsafe fix appends a `healthcheck:` using the image's own client
    (`pg_isready`, `mysqladmin ping`, `healthcheck.sh --connect --innodb_initialized` for
    mariadb images that ship it (branch tags such as `10.11` or `11`, patch releases from
    August 2023 on; older ones get `mysqladmin ping`), `redis-cli ping`, `mongosh`/`mongo`,
    `rabbitmq-diagnostics ping`),
    indented like the file. It is unsafe because the check may need credentials the service
    sets up differently (a password-protected redis, a mariadb data directory initialised by an
    image older than its healthcheck user), and a failing check changes what `docker compose
    up --wait` and dependants do. `$` is written `$$` so the container's shell expands it.
    Services defined through YAML anchors or merge keys are not edited. No fix is offered
    when the service's `command`/`entrypoint` moves the server off the default port that the
    check probes (`--port=4001`, `-P 3307` for mysql and mariadb images probed with
    `mysqladmin`, `-p 5433` or `-c port=5433` for postgres, `--port` for redis and mongo,
    `--configsvr`/`--shardsvr` for mongo), or starts it from a configuration file that may
    (`redis-server /etc/redis.conf`, `mongod --config …`, `postgres -c config_file=…`,
    `--defaults-file=…`): that healthcheck has to be written by hand.

    ## References
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    - [Compose file reference: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    - [docker-library FAQ: healthchecks in official images](https://github.com/docker-library/faq#healthcheck)
    """

    code = "LK110"
    name = "missing-healthcheck"
    summary = "Long-running service without a healthcheck"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL3057",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check the final stage."""
        if not dockerfile.stages:
            return
        stage = dockerfile.stages[-1]
        health, _ = stage_health(stage)
        if health is not Health.ABSENT:
            LOG.debug("final stage health: %s", health.value)
            return
        evidence = stage_evidence(stage)
        if not evidence:
            return
        yield Problem(
            stage.from_instruction.range,
            f"{_capital(evidence.describe('the final stage'))} but has no HEALTHCHECK; add "
            "one so Docker can tell when the server stops answering "
            "(or 'HEALTHCHECK NONE' to opt out)",
        )

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Check each service that looks like a server."""
        jobs = awaited_to_complete(compose)
        for service in compose.iter_services():
            if service.name in jobs or compose_health(service) is not None:
                continue
            if service.extends is not None:
                continue
            problem = self._check_service(compose, service, context)
            if problem is not None:
                yield problem

    def _check_service(
        self, compose: ComposeFile, service: Service, context: RuleContext
    ) -> Problem | None:
        ports = [text for text in (p.target for p in service.ports) if text]
        ports += [text for text, _ in service.expose]
        command = [text for text, _ in service.strings("command")]
        entrypoint = [text for text, _ in service.strings("entrypoint")]
        program = command_evidence(entrypoint + command) if entrypoint or command else None
        # A `command:` of options only passes them to the image's program; anything else
        # replaces what the image runs, as an `entrypoint:` does.
        replaced = bool(entrypoint) or bool(command and not command[0].lstrip().startswith("-"))
        info = service_image(service) if service.build is None else None
        if service.build is not None:
            stage = built_stage(service, context)
            if stage is None or stage_health(stage)[0] is not Health.ABSENT:
                return None
            if replaced and not entrypoint and entrypoint_server(stage):
                replaced = False  # `ENTRYPOINT ["gunicorn"]` runs on with the new arguments
            # `command: worker` on an image that serves by default: what the Dockerfile
            # exposes and runs no longer describes the container; only its own ports do.
            built = ServiceEvidence() if replaced and program is None else stage_evidence(stage)
            evidence = ServiceEvidence(
                tuple(dict.fromkeys(ports or list(built.exposed))),
                program or built.program,
                built.base_server,
            )
            where = "its Dockerfile has no HEALTHCHECK"
        else:
            if info is None or not info.official or info.name not in SERVER_IMAGES:
                return None
            if replaced and program is None:
                # `command: psql ...` on a postgres image: a client or a job, not the server.
                return None
            evidence = ServiceEvidence(tuple(dict.fromkeys(ports)), program, None)
            where = f"the official '{info.name}' image defines none"
        if service.build is None and info is not None and not evidence.program:
            shown = f"service '{service.name}' runs the '{info.name}' server"
            if evidence.exposed:
                shown = evidence.describe(shown + " and")
        elif evidence:
            shown = evidence.describe(f"service '{service.name}'")
        else:
            return None
        message = (
            f"{_capital(shown)} but has no healthcheck ({where}); add a 'healthcheck:' so "
            "Compose knows when it is ready and when it stops answering"
        )
        fix = None
        test = healthcheck_test(info)
        reason = moved_port_reason(service, info) if test is not None else None
        if test is not None and reason is None:
            # Imported here: on Dockerfiles this rule never edits YAML.
            from lintkit.fixers.healthcheck_edits import add_healthcheck
            from lintkit.fixers.yaml_edits import YamlEditRefused

            try:
                edit = add_healthcheck(compose, service, test)
                fix = Fix.unsafe(f"Add a healthcheck to '{service.name}'", edit)
            except YamlEditRefused as refused:
                reason = refused.reason
        return Problem(service.name_range, message, fix=fix, unfixable_reason=reason)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

"""LK601 invalid-compose-schema: a value the Compose Specification does not allow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.validation import validate_compose
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class InvalidComposeSchema(Rule):
    """## What it does
    Validates the file against the Compose Specification's JSON schema and
    reports values of the wrong kind (a string where a list is needed), values
    outside the allowed set (`condition: service_healty`), service names with
    characters Compose does not accept, and other departures from the schema,
    at the value concerned. Keys the specification does not know are reported
    by `unknown-compose-key` instead.

    Values written with `${VAR}` are checked only after the variables known
    from `.env` are substituted, and never reported: their type is known only
    once the variable is set (`cpus: ${CPUS}` is fine). Values tagged
    `!reset` or `!override` are merge directives and are left alone, as are
    legacy (format 1) files, which predate the specification.

    An entry written twice is reported only in lists that Compose keeps as
    written (`security_opt`, `group_add`, `depends_on`, `extra_hosts`, ...).
    From `environment`, `labels`, `volumes`, `ports`, `expose`, `cap_add`,
    `profiles`, `dns` and the other lists Compose de-duplicates (2.24.4 and
    later) the repeat is dropped before the schema is checked, so it is not
    an error; a variable set twice with different values is reported by
    `duplicate-environment-variable`.

    ## Why is this bad?
    `docker compose` validates every file against this schema before doing
    anything and refuses the whole project at the first error, so a typo in
    one service stops every service from starting, often only on the machine
    or CI job that runs that file.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        environment: production
        depends_on:
          db:
            condition: service_healty
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        environment:
          APP_ENV: production
        depends_on:
          db:
            condition: service_healthy
    ```

    ## References
    - [Compose Specification](https://github.com/compose-spec/compose-spec/blob/main/spec.md)
    - [Compose file reference](https://docs.docker.com/reference/compose-file/)
    - [`docker compose config`](https://docs.docker.com/reference/cli/docker/compose/config/)
    """

    code = "LK601"
    name = "invalid-compose-schema"
    summary = "A value does not follow the Compose Specification"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("invalid-schema",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report schema errors other than unknown keys."""
        for issue in validate_compose(compose):
            if not issue.unknown_key:
                yield Problem(issue.range, issue.message)

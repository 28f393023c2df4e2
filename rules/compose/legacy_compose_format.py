"""LK710 legacy-compose-format: a format-1 file, with its services at the top level."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile
    from lintkit.diagnostics import Edit

LOG = logging.getLogger(__name__)


class LegacyComposeFormat(Rule):
    """## What it does
    Reports a compose file in the legacy format 1: no `version`, no
    `services:` key, the services written directly at the top level, often
    with keys that later formats renamed (`net`, `dockerfile` beside `build`,
    `log_driver`, `log_opt`, `volume_driver`). The finding is on the first
    service's name. Other rules still lint the services of such a file.

    ## Why is this bad?
    Format 1 was retired with docker-compose 1.x. Docker Compose v2 reads
    only the Compose Specification, where services live under `services:`,
    and refuses a format-1 file; its renamed keys are unknown there too.

    ## Example
    ```yaml
    web:
      build: .
      dockerfile: Dockerfile.dev
      net: host
      log_driver: syslog
    ```

    ## Use instead
    ```yaml
    services:
      web:
        build:
          context: .
          dockerfile: Dockerfile.dev
        network_mode: host
        logging:
          driver: syslog
    ```

    ## Fix safety
    The fix migrates the file in place: it adds `services:` after the file's
    leading comments and indents every following line (comments included) by
    the file's own indent step, keeping quoting, anchors, blank lines and line
    endings. It rewrites `net` as `network_mode` (`container:x` becomes
    `service:x` when x is a service of the file), `dockerfile` beside
    `build: ctx` as `build:` with `context` and `dockerfile`, `log_driver` /
    `log_opt` as `logging:` with `driver` / `options`, `volume_driver` as
    `driver` on the named volumes the service mounts, and `volumes_from`
    entries naming a container (not a service) as `container:<name>`. Named
    volumes, which format 1 created on the fly, are declared under a
    top-level `volumes:` with `name:` set to the same name, so the same
    Docker volumes keep being used. `links` and `external_links` are kept.

    It is unsafe: services move from the default bridge network to the
    project's own network (they still reach each other by name), container
    names change (`project_web_1` becomes `project-web-1`), and a service that
    `extends` a service of another format-1 file needs that file migrated too.
    It is refused when something has no equivalent: `net` naming a network,
    `volume_driver` with host paths or anonymous volumes, `dockerfile` without
    `build`, top-level `x-` keys, several YAML documents, flow-style
    services whose keys must change, or block scalars with an explicit
    indentation indicator (`|2`).

    ## References
    - [Legacy compose file versions](https://docs.docker.com/reference/compose-file/legacy-versions/)
    - [Compose file reference: services](https://docs.docker.com/reference/compose-file/services/)
    - [Migrate to Compose V2](https://docs.docker.com/compose/releases/migrate/)
    """

    code = "LK710"
    name = "legacy-compose-format"
    summary = "Legacy format-1 compose file (services at the top level)"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report a format-1 file once, on its first service, with the migration as fix."""
        if not compose.is_legacy or compose.root is None or not compose.services:
            return
        from lintkit.fixers.compose_migration import MigrationRefused, migrate_legacy

        first = next(iter(compose.services.values()))
        names = list(compose.services)
        shown = ", ".join(f"'{name}'" for name in names[:3]) + (", ..." if len(names) > 3 else "")
        message = (
            f"This file uses the legacy compose format 1: its services ({shown}) sit at the top "
            "level without a 'services:' key, which Docker Compose v2 does not accept; move them "
            "under 'services:'"
        )
        try:
            edit = _one_edit(compose, migrate_legacy(compose))
        except MigrationRefused as exc:
            yield Problem(first.name_range, message, unfixable_reason=exc.reason)
            return
        yield Problem(
            first.name_range,
            message,
            fix=Fix.unsafe("Migrate to the Compose Specification (under 'services:')", edit),
        )


def _one_edit(compose: ComposeFile, edits: list[Edit]) -> Edit:
    """The migration as one edit, after reading the result back.

    One edit from the first changed line to the end: every line moves, so a fix of another
    rule computed on the old layout must not be applied in the same pass (the fix engine
    defers overlapping fixes and recomputes them on the migrated text).

    Raises:
        MigrationRefused: when the result is not the same services in the new layout.
    """
    from lintkit.compose.model import parse_compose
    from lintkit.diagnostics import Edit
    from lintkit.errors import ParseError
    from lintkit.fixers.compose_migration import MigrationRefused
    from lintkit.fixing import apply_edits
    from lintkit.source import SourceText

    old = compose.source.text
    text = apply_edits(old, edits)
    try:
        migrated = parse_compose(SourceText.from_text(text, compose.source.path))
    except ParseError as exc:
        LOG.debug("migrated text does not parse: %s", exc.message)
        raise MigrationRefused(
            f"the migrated file would not parse ({exc.message}); migrate it by hand"
        ) from None
    if migrated.is_legacy or list(migrated.services) != list(compose.services):
        raise MigrationRefused("the migrated file would not hold the same services")
    start = min(edit.start for edit in edits)
    start = compose.source.line_starts[compose.source.position(start).line]
    return Edit(start, len(old), text[start:])

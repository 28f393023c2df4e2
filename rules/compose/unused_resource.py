"""LK605 unused-resource: a top-level volume, network, secret or config no service uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.loader import YamlMap
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class UnusedResource(Rule):
    """## What it does
    Reports a volume, network, secret or config defined at the top level that
    no service of the project uses. Uses are looked up in the whole project
    (override, included and extended files, and the other compose files of the
    same directory). The `default` network is configured for every service and
    is never reported; nor is anything when a service names a resource through
    `${VAR}`, in partial files, or when a file of the project cannot be read.

    ## Why is this bad?
    Compose creates unused volumes and networks anyway, so they take space and
    addresses for nothing. More often, an unused definition is a leftover of a
    rename: the service now uses another name and the data in the old volume
    is silently no longer mounted.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - db-data:/var/lib/postgresql/data
    volumes:
      pgdata:
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - pgdata:/var/lib/postgresql/data
    volumes:
      pgdata:
    ```

    ## References
    - [Compose file reference: volumes](https://docs.docker.com/reference/compose-file/volumes/)
    - [Compose file reference: networks](https://docs.docker.com/reference/compose-file/networks/)
    """

    code = "LK605"
    name = "unused-resource"
    summary = "A top-level volume, network, secret or config is not used"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report top-level definitions no service of the project uses."""
        if compose.is_legacy or not compose.services:
            return
        seen = st.view(compose, context)
        if seen.fragment or not seen.complete:
            return

        for section in st.SECTIONS:
            defined = compose.get(section)
            if not isinstance(defined, YamlMap):
                continue
            used = seen.names.used[section]
            if any(h.has_variables(name) for name in used):
                continue
            for entry in defined.entries:
                name = entry.key_text
                if name in used or name.startswith("x-"):
                    continue
                if section == "networks" and name == "default":
                    continue
                yield Problem(
                    entry.key.range,
                    f"The {st.SINGULAR[section]} '{name}' is defined but no service uses it; "
                    "remove it or use it where it was meant to be",
                )

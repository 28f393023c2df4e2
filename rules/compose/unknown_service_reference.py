"""LK606 unknown-service-reference: depends_on, links or volumes_from naming no service."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.model import text_of
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.loader import YamlNode
    from lintkit.compose.model import ComposeFile, Service


class UnknownServiceReference(Rule):
    """## What it does
    Reports a service named in `depends_on`, `links`, `volumes_from` or in
    `network_mode`, `pid`, `ipc`, `uts` or `cgroup` as `service:<name>` that the project does
    not define. Services are looked up in the whole project: the override
    file, included and extended files, files of `COMPOSE_FILE` and the other
    compose files of the same directory. A service that a compose file in a
    folder above defines (up to the project root) counts as defined, and so
    does any service in a file evidently combined with such a file (`-f
    suites/compose.yml -f suites/web/compose.yml`): one below a file that
    defines shared resources and no service, or one that uses a volume,
    network, secret or config that only such a file defines. A service
    defined in an example of the override file beside the main file
    (`compose.override.yaml.example`, `.sample`, `.dist`) counts while the
    override file itself is missing. A dependency marked `required: false`,
    `container:<name>` references, names written with `${VAR}` and partial
    files (an override whose main file is missing) are left alone.

    ## Why is this bad?
    Compose refuses to start a project whose services depend on a service it
    does not know. The usual cause is a renamed or removed service, or a typo.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        depends_on:
          - databse
      database:
        image: postgres:17
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        depends_on:
          - database
      database:
        image: postgres:17
    ```

    ## References
    - [Compose file reference: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Compose file reference: volumes_from](https://docs.docker.com/reference/compose-file/services/#volumes_from)
    """

    code = "LK606"
    name = "unknown-service-reference"
    summary = "A service depends on a service that is not defined"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report references to services that no related file defines."""
        seen = st.view(compose, context)
        if seen.fragment or not seen.complete:
            return
        known = seen.names.services
        found = h.Collector()
        for service in compose.services.values():
            for key, name, node in references(service):
                if name in known or h.has_variables(name):
                    continue
                if name in st.override_example(compose, context).services:
                    continue  # the override users copy from the shipped example defines it
                if st.service_from_above(compose, context, name):
                    continue  # the file is combined with a compose file of a folder above (`-f`)
                close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: '{key}' names the service '{name}', which is not defined in "
                    f"this project{hint}",
                )
        yield from found.problems()


def references(service: Service) -> Iterator[tuple[str, str, YamlNode]]:
    """``(key, service name, node)`` for each service another service refers to."""
    for dependency in service.depends_on:
        if dependency.required:
            yield "depends_on", dependency.service, dependency.node
    for text, node in service.strings("links"):
        yield "links", text.split(":", 1)[0].strip(), node
    for text, node in service.strings("volumes_from"):
        name = text.split(":", 1)[0].strip()
        # Format-1 files may name any container here, not only a service.
        if not text.startswith("container:") and not service.compose.is_legacy:
            yield "volumes_from", name, node
    for key in st.NAMESPACE_KEYS:
        setting = service.get(key)
        value = text_of(setting)
        if value is not None and setting is not None and value.startswith("service:"):
            yield key, value[len("service:") :].strip(), setting

"""LK604 undefined-resource: a service uses a volume, network, secret or config not defined."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class UndefinedResource(Rule):
    """## What it does
    Reports a service that uses a named volume, a network, a secret or a
    config that no top-level `volumes:`, `networks:`, `secrets:` or `configs:`
    section defines. Definitions are looked up in the whole project: the
    override file, included files, files of `COMPOSE_FILE`, services reached
    through `extends`, and the other compose files of the same directory
    (often combined with `-f`). A name that a compose file in a folder above
    defines (up to the project root, whatever that file is called) counts as
    defined too: a file that relies on it is meant to be combined with it, as
    in `-f compose.yml -f suites/web/compose.yml`. So does a name defined in
    an example of the override file beside the main file
    (`compose.override.yaml.example`, or `.sample` or `.dist` instead of
    `.example`) while the override file itself is missing: users copy that
    example to the override file, which is often kept out of the repository.
    The built-in networks (`default`, `host`, `bridge`, `none`) need no
    definition. Names written with `${VAR}`, partial files such as an
    override whose main file is missing, and projects with files that cannot
    be read are left alone.

    ## Why is this bad?
    Compose refuses to start a project in which a service refers to an
    undefined volume, network, secret or config. A bind mount written without
    `./` (`data:/var/lib/data`) is read as a named volume too, so this often
    reveals a path that was meant to be relative.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - pgdata:/var/lib/postgresql/data
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
    - [Compose file reference: secrets](https://docs.docker.com/reference/compose-file/secrets/)
    - [Compose file reference: configs](https://docs.docker.com/reference/compose-file/configs/)
    """

    code = "LK604"
    name = "undefined-resource"
    summary = "A service uses a volume, network, secret or config that is not defined"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report uses of names no related file defines."""
        if compose.is_legacy:
            return
        seen = st.view(compose, context)
        if seen.fragment or not seen.complete:
            return
        found = h.Collector()
        for service in compose.services.values():
            for section, name, node in st.uses(service):
                if name in seen.names.defined[section] or h.has_variables(name):
                    continue
                if section == "networks" and name in st.BUILTIN_NETWORKS:
                    continue
                if name in st.above(compose, context).defined[section]:
                    continue  # the file is combined with the one above that defines it (`-f`)
                if name in st.override_example(compose, context).defined[section]:
                    continue  # the override users copy from the shipped example defines it
                what = st.SINGULAR[section]
                hint = (
                    " (for a host directory, start the path with './')"
                    if section == "volumes"
                    else ""
                )
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: the {what} '{name}' is not defined under a top-level "
                    f"'{section}:'; Compose refuses to start the project. Define it there{hint}",
                )
        yield from found.problems()

"""LK603 unresolved-compose-reference: an include, extends or env file Compose cannot find."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class UnresolvedComposeReference(Rule):
    """## What it does
    Reports what stops Compose from assembling the project, written in this
    file: an `include` of a file that does not exist, an `extends` naming a
    service or file that cannot be found, and a chain of `extends` that returns
    to where it started. A file outside the project is reported by
    `file-outside-project` instead; remote sources (`oci://`, Git URLs) are not
    fetched and not reported.

    A service (or volume, network, ...) defined both here and in an included
    file is not reported: since Docker Compose 5.0 the definition here is
    merged over the included one, as an override file would be, and lintkit
    checks the project that way. Compose 2.x refused such a project with
    "conflicts with imported resource"; if you still run it, keep the changes
    in an override file instead.

    ## Why is this bad?
    Compose resolves these references before anything starts and stops with an
    error when one is missing, so the project cannot be started at all.

    ## Example
    ```yaml
    include:
      - ./monitoring/compose.yaml   # the directory was renamed
    services:
      worker:
        extends:
          service: base-worker      # defined nowhere
    ```

    ## Use instead
    Point `include` and `extends` at files and services that exist.

    ## References
    - [Compose: include](https://docs.docker.com/compose/how-tos/multiple-compose-files/include/)
    - [Compose: extends](https://docs.docker.com/compose/how-tos/multiple-compose-files/extends/)
    """

    code = "LK603"
    name = "unresolved-compose-reference"
    summary = "An include or extends reference cannot be resolved"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report the project's reading problems located in this file."""
        cycles: set[frozenset[str]] = set()
        for problem in st.view(compose, context).project.problems:
            if problem.range is None or problem.path != compose.source.path:
                continue
            if problem.message.startswith("extends cycle: "):
                members = frozenset(problem.message.split(": ", 1)[1].split(" -> "))
                if members in cycles:
                    continue  # one loop, found from each of its services
                cycles.add(members)
            if st.is_outside_message(problem.message):
                continue
            message = st.tidy(problem.message, compose)
            if message is not None:
                yield Problem(problem.range, message)

"""LK616 port-not-exposed: a published container port the built Dockerfile does not EXPOSE."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Port


class PortNotExposed(Rule):
    """## What it does
    For a service built from a Dockerfile in the project, reports a `ports`
    entry whose container port is not among the ports the built stage
    `EXPOSE`s, when none of the service's published ports is exposed (a
    service that publishes its exposed port and a debug or metrics port as
    well is left alone). Only Dockerfiles that expose at least one port, all with known
    values, are compared, and only when the built stage starts from a stage
    of the same Dockerfile or from `scratch`, or exposes ports itself: ports
    a base image exposes are not visible to lintkit.

    This rule is off by default: `EXPOSE` is documentation, and a container
    can listen on any port.

    ## Why is this bad?
    A mismatch between the port the image documents and the port compose
    publishes usually means one of them is stale, and the published port
    leads nowhere ("connection reset").

    ## Example
    ```yaml
    services:
      api:
        build: .          # the Dockerfile says `EXPOSE 8000`
        ports:
          - "8080:80"
    ```

    ## Use instead
    ```yaml
    services:
      api:
        build: .
        ports:
          - "8080:8000"
    ```

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    - [Compose file reference: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    """

    code = "LK616"
    name = "port-not-exposed"
    summary = "A published container port is not exposed by the built Dockerfile"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report published container ports the built stage does not expose."""
        for service in compose.services.values():
            ports = [p for p in service.ports if p.target_range is not None and not p.interpolated]
            if not ports or service.build is None:
                continue
            dockerfile = st.build_dockerfile(compose, service, context)
            if dockerfile is None:
                continue
            # Imported only once a Dockerfile was read (see build_dockerfile).
            from lintkit.dockerfile.model import Dockerfile

            if not isinstance(dockerfile, Dockerfile) or not dockerfile.stages:
                continue
            exposed = _exposed(dockerfile, service.build.target)
            if not exposed:
                continue
            missing = [p for p in ports if not _matches(p, exposed)]
            if len(missing) < len(ports):
                continue  # one published port is exposed: the others are extras (debug, metrics)
            for port in missing:
                shown = ", ".join(sorted(f"{n}/{p}" for n, p in exposed)[:6])
                yield Problem(
                    port.range,
                    f"Service '{service.name}': container port {port.target}/{port.protocol} is "
                    f"published, but the Dockerfile exposes only {shown}; check which port the "
                    "application listens on",
                )


def _matches(port: Port, exposed: set[tuple[int, str]]) -> bool:
    first, last = port.target_range or (0, 0)
    return any((n, port.protocol) in exposed for n in range(first, last + 1))


def _exposed(dockerfile: object, target: str | None) -> set[tuple[int, str]] | None:
    """Ports the built stage exposes; ``None`` when they cannot all be known."""
    from lintkit.dockerfile.model import Dockerfile

    assert isinstance(dockerfile, Dockerfile)
    stage = dockerfile.stage_named(target) if target else dockerfile.stages[-1]
    if stage is None:
        return None
    chain = stage.chain()
    base = chain[-1] if chain else stage
    own: set[tuple[int, str]] = set()
    for member in chain or [stage]:
        for instruction in member.instructions:
            if instruction.keyword != "EXPOSE":
                continue
            for word in instruction.words:
                value = word.value
                if "$" in value:
                    return None
                number, _, protocol = value.partition("/")
                first, _, last = number.partition("-")
                if not first.isdigit() or (last and not last.isdigit()):
                    return None
                for n in range(int(first), int(last or first) + 1):
                    own.add((n, (protocol or "tcp").lower()))
    if not own:
        return None
    if not base.image.is_scratch and base.parent is None and not _exposes_itself(stage):
        return None  # the base image may expose more ports than we can see
    return own


def _exposes_itself(stage: object) -> bool:
    from lintkit.dockerfile.model import Stage

    assert isinstance(stage, Stage)
    return any(i.keyword == "EXPOSE" for i in stage.instructions)

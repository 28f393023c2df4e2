"""LK615 unknown-build-target: build.target names a stage the Dockerfile does not have."""

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


class UnknownBuildTarget(Rule):
    """## What it does
    Reports a `build.target` that names no stage (`FROM ... AS <name>`) of the
    Dockerfile the service builds. The Dockerfile is read from the build
    context inside the project; remote contexts, `dockerfile_inline`, paths or
    targets written with `${VAR}` whose value is not known, and Dockerfiles
    that are missing or do not parse are left alone.

    ## Why is this bad?
    The build fails with "target stage could not be found", usually after a
    stage was renamed in the Dockerfile but not in the compose file.

    ## Example
    ```yaml
    services:
      api:
        build:
          context: .
          target: prod   # the Dockerfile has `FROM python:3.12 AS production`
    ```

    ## Use instead
    ```yaml
    services:
      api:
        build:
          context: .
          target: production
    ```

    ## References
    - [Compose Build Specification: target](https://docs.docker.com/reference/compose-file/build/#target)
    - [Docker: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "LK615"
    name = "unknown-build-target"
    summary = "build.target names a stage the Dockerfile does not have"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report targets that no stage of the built Dockerfile is named."""
        import difflib

        for service in compose.services.values():
            build = service.build
            if build is None or build.target is None or not isinstance(build.node, YamlMap):
                continue
            target = h.resolved(compose, build.target)
            node = build.node.get("target")
            if target is None or node is None:
                continue
            dockerfile = st.build_dockerfile(compose, service, context)
            if dockerfile is None:
                continue
            # Imported only once a Dockerfile was read (see build_dockerfile).
            from lintkit.dockerfile.model import Dockerfile

            if not isinstance(dockerfile, Dockerfile):
                continue
            names = [stage.name for stage in dockerfile.stages if stage.name]
            if target.lower() in names:
                continue
            close = difflib.get_close_matches(target.lower(), names, n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            listed = ", ".join(f"'{n}'" for n in names) or "none"
            yield Problem(
                node.range,
                f"Service '{service.name}': build target '{target}' is not a stage of "
                f"{build.dockerfile or 'Dockerfile'} (its named stages: {listed}){hint}",
            )

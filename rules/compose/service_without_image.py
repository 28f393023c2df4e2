"""LK619 service-without-image: a service with neither image nor build."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit import project_files
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class ServiceWithoutImage(Rule):
    """## What it does
    Reports a service that, once the project is merged (override file,
    `extends`, included files), has neither `image` nor `build` (nor a
    `provider`). Override files and other partial files are checked through
    the main file they belong to, never on their own; projects with files
    that cannot be read are left alone. A file from which another compose
    file of the folder extends services (`extends: {file: ..., service: ...}`)
    is a library of templates, never run on its own. A file combined with a
    compose file of a folder above (`-f docker-compose.yml -f sub/extra.yml`)
    is a fragment too: one that names a service such a file defines, uses a
    volume, network, secret or config that only such a file defines, or lies
    below a file that defines such resources and no service at all (a shared
    base). None of these need an image.

    ## Why is this bad?
    Compose cannot create a container without an image to run or a build to
    make one, and refuses the project.

    ## Example
    ```yaml
    services:
      worker:
        command: ["celery", "worker"]
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: example/app:2.0
        command: ["celery", "worker"]
    ```

    ## References
    - [Compose file reference: image](https://docs.docker.com/reference/compose-file/services/#image)
    - [Compose file reference: build](https://docs.docker.com/reference/compose-file/build/)
    """

    code = "LK619"
    name = "service-without-image"
    summary = "A service has neither image nor build"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report merged services without image, build or provider, at their name here."""
        if compose.is_legacy:
            return  # legacy-compose-format reports the file as a whole
        seen = st.view(compose, context)
        if seen.fragment or not seen.complete:
            return
        merged = seen.services
        own = project_files.resolved(compose.source.path)
        if any(path == own for path, _service in seen.names.extended):
            return  # a library of templates: the services that extend them give the image
        for name, service in compose.services.items():
            final = merged.get(name)
            if final is None or seen.names.service_files.get(name, 0) > 1:
                continue  # defined in several files: another one may give the image (`-f`)
            if any(key in final.entries for key in ("image", "build", "provider")):
                continue
            if "extends" in service:
                continue  # unresolved extends are reported by unresolved-compose-reference
            if st.service_from_above(compose, context, name):
                continue  # a fragment combined with a compose file of a folder above (`-f`)
            yield Problem(
                service.name_range,
                f"Service '{name}' has no 'image' and no 'build'; Compose cannot create its "
                "container. Add the image to run, or a build context",
            )

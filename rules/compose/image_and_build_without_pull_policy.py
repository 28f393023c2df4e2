"""LK614 image-and-build-without-pull-policy: a service with both image and build."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class ImageAndBuildWithoutPullPolicy(Rule):
    """## What it does
    Reports a service that has both `build` and `image` but no `pull_policy`.
    This rule is off by default: naming the built image with `image:` (to tag
    or push it) is a common and valid pattern.

    ## Why is this bad?
    With both set and no `pull_policy`, Compose first tries to pull `image`
    from the registry and builds only when it is not found. When an image of
    that name exists in the registry (pushed by CI, or a public image with the
    same name), `docker compose up` runs the pulled image and local changes to
    the source are silently not used.

    ## Example
    ```yaml
    services:
      web:
        build: .
        image: example/web:1.4
    ```

    ## Use instead
    ```yaml
    services:
      web:
        build: .
        image: example/web:1.4
        pull_policy: build
    ```

    ## References
    - [Compose Build Specification: using build and image](https://docs.docker.com/reference/compose-file/build/#using-build-and-image)
    - [Compose file reference: pull_policy](https://docs.docker.com/reference/compose-file/services/#pull_policy)
    """

    code = "LK614"
    name = "image-and-build-without-pull-policy"
    summary = "A service sets both image and build without a pull_policy"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("no-build-and-image",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report services with image and build and no pull_policy."""
        found = h.Collector()
        for service in compose.services.values():
            image = service.get("image")
            if image is None or service.get("build") is None or "pull_policy" in service:
                continue
            found.add(
                image.range,
                service.name,
                "{who}: sets both 'build' and 'image' but no 'pull_policy', so Compose pulls "
                f"'{service.image}' when it exists in a registry instead of building; add "
                "'pull_policy: build' (or 'missing') to say which you mean",
            )
        yield from found.problems()

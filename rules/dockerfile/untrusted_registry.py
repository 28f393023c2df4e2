"""LK312 untrusted-registry: an image pulled from a registry outside the configured list."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, expand
from lintkit.dockerfile.syntax import Instruction, Onbuild
from lintkit.images import DOCKER_HUB, split_image
from lintkit.rule import FileKind, Option, Rule, RuleContext
from lintkit.source import Range

DEFAULT_REGISTRY = "docker.io"


def registry_of(reference: str) -> str:
    """The registry an image reference pulls from (Docker Hub when none is named)."""
    registry = split_image(reference).registry
    if registry is None or registry.lower() in DOCKER_HUB:
        return DEFAULT_REGISTRY
    return registry.lower()


def trusted(registry: str, patterns: Sequence[str]) -> bool:
    """Whether ``registry`` matches one of the glob ``patterns`` (``*.gcr.io``, ``*``)."""
    for pattern in patterns:
        wanted = pattern.strip().lower()
        if wanted in DOCKER_HUB:
            wanted = DEFAULT_REGISTRY
        if fnmatch.fnmatchcase(registry, wanted):
            return True
    return False


def _mount_sources(dockerfile: Dockerfile, instruction: Instruction) -> Iterator[tuple[str, Range]]:
    """``from=`` values of RUN --mount flags, with the range of the value where it is exact."""
    text = dockerfile.source.text
    for flag in instruction.flags:
        if flag.name != "mount" or not flag.value:
            continue
        where = flag.value_range or flag.range
        exact = text[where.start.offset : where.end.offset] == flag.value
        position = 0
        for part in flag.value.split(","):
            key, _, value = part.partition("=")
            if key.strip().lower() == "from" and value.strip():
                if exact:
                    start = where.start.offset + position + len(key) + 1
                    where = dockerfile.source.range(start, start + len(value))
                yield value.strip().strip("\"'"), where
            position += len(part) + 1


class UntrustedRegistry(Rule):
    """## What it does
    When `trusted-registries` is configured, flags images pulled from any other
    registry: in `FROM`, `COPY --from=<image>` and `RUN --mount=…,from=<image>`.
    References to earlier stages, `scratch`, and images whose name is built
    from an ARG without a known value are left alone. An image without a
    registry name comes from Docker Hub, which is written `docker.io` in the
    list. Patterns are globs: `*.gcr.io`, `registry.example.com`, `*`.

    With the default (an empty list) the rule reports nothing.

    ## Why is this bad?
    Organisations often allow base images only from registries they control
    or mirror, where images are scanned and kept. An image from elsewhere
    bypasses those checks, and may disappear or change without notice.

    ## Example
    With `trusted-registries = ["registry.example.com", "*.gcr.io"]`:
    ```dockerfile
    FROM node:20-slim
    ```

    ## Use instead
    ```dockerfile
    FROM registry.example.com/mirror/node:20-slim
    ```

    ## Options
    - `trusted-registries` (list of globs, default `[]`): registries images may
      come from; `docker.io` stands for Docker Hub. hadolint's
      `trustedRegistries` setting is carried over by `lintkit` when it
      converts a hadolint configuration.

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    """

    code = "LK312"
    name = "untrusted-registry"
    summary = "An image is pulled from a registry outside `trusted-registries`"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3026",)
    options = (
        Option(
            "trusted-registries",
            [],
            "registries images may come from (globs such as *.gcr.io; docker.io for Docker Hub)",
        ),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag images from registries not in the list."""
        patterns = [str(item) for item in context.options.get("trusted-registries", [])]
        if not patterns:
            return
        shown = ", ".join(patterns)
        for stage in dockerfile.stages:
            image = stage.image
            if stage.parent is None and not image.unresolved and not image.is_scratch:
                yield from self._check(image.expanded, image.range, "FROM", patterns, shown)
            for outer in stage.instructions:
                instruction: Instruction | None = outer
                if isinstance(outer, Onbuild):
                    instruction = outer.trigger
                if instruction is None:
                    continue
                references: list[tuple[str, Range]] = []
                source = instruction.flag("from")
                if instruction.keyword in ("COPY", "ADD") and source and source.value:
                    references.append((source.value, source.value_range or source.range))
                if instruction.keyword == "RUN":
                    references.extend(_mount_sources(dockerfile, instruction))
                variables = stage.variables_before(outer, dockerfile.global_args)
                for raw, where in references:
                    value, unresolved = expand(raw, variables, dockerfile.escape)
                    if unresolved or not value:
                        continue
                    if dockerfile.stage_for_reference(value.lower(), stage.index) is not None:
                        continue
                    if instruction.keyword == "RUN" and "/" not in value and ":" not in value:
                        continue  # a build context name (--build-context) more likely than an image
                    label = (
                        "RUN --mount from="
                        if instruction.keyword == "RUN"
                        else (f"{instruction.keyword} --from")
                    )
                    yield from self._check(value, where, label, patterns, shown)

    @staticmethod
    def _check(
        reference: str, where: Range, label: str, patterns: Sequence[str], shown: str
    ) -> Iterator[Problem]:
        registry = registry_of(reference)
        if trusted(registry, patterns):
            return
        yield Problem(
            where,
            f"{label} pulls {reference} from {registry}, which is not among the trusted "
            f"registries ({shown}); use an image from one of them",
        )

"""LK100 mutable-image-tag: an image referenced without a tag, or by ``latest``."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.images import OFFICIAL_IMAGES, split_image
from lintkit.rule import FileKind, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile
    from lintkit.dockerfile.model import Dockerfile, Stage
    from lintkit.dockerfile.syntax import Flag, Instruction

LOG = logging.getLogger(__name__)


class MutableImageTag(Rule):
    """## What it does
    Flags images used without a tag or with the `latest` tag: in a Dockerfile's
    `FROM`, `COPY --from=<image>` and `RUN --mount=from=<image>`, and in a
    compose service's `image:`. An `ARG` whose default is such an image is
    flagged where it is used. Digests, `scratch`, earlier build stages and
    variables whose value is not known are left alone; so is the `image:` of a
    compose service that also has `build:` (there it names the image built).

    Docker resolves `--from=<name>` to a stage first, then to a build context
    passed under that name (`docker buildx build --build-context`, bake
    `contexts`), and only then to an image. So a plain word in `--from` that
    names no stage of the file (`--from=templates`, or a stage of another file
    that the build script joins in front) is reported only when it is the name
    of a Docker Official Image, such as `--from=busybox` or `--from=golang`.
    In `FROM` too, a plain name that is not an official image (`FROM app-base`)
    is left alone: Docker Hub serves plain names only for official images, so
    such an image is built locally first (by another Dockerfile or a compose
    service's `build:` with that `image:`), and there is no published version to
    pin.

    ## Why is this bad?
    A tag-less reference means `latest`, and `latest` moves: the same file
    builds or starts a different image from one week to the next, so builds are
    not reproducible and an upstream change can break production unannounced.

    ## Example
    ```dockerfile
    FROM python
    COPY --from=busybox:latest /bin/busybox /bin/
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY --from=busybox:1.36 /bin/busybox /bin/
    ```
    For full reproducibility, pin a digest too: `python:3.12-slim@sha256:…`.

    ## References
    - [Docker: image tags and digests](https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier)
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    """

    code = "LK100"
    name = "mutable-image-tag"
    summary = "Image used without a tag or with `latest`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})
    aliases = ("DL3006", "DL3007")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check FROM images and images named by ``--from``."""
        for stage in dockerfile.stages:
            yield from self._check_from(stage)
            for instruction in stage.instructions:
                yield from self._check_from_flags(dockerfile, stage, instruction)

    def _check_from(self, stage: Stage) -> Iterator[Problem]:
        image = stage.image
        if stage.parent is not None or image.unresolved or image.is_scratch or image.digest:
            return
        if image.tag is not None and image.tag != "latest":
            return
        if _local_name(image.expanded):
            LOG.debug("FROM %s: no such image on Docker Hub, built locally", image.expanded)
            return
        shown = f"'{image.raw}'"
        if image.raw != image.expanded:
            shown += f" (which resolves to '{image.expanded}')"
        yield Problem(
            image.range, _message(shown, _named(image.registry, image.repository), image.tag)
        )

    def _check_from_flags(
        self, dockerfile: Dockerfile, stage: Stage, instruction: Instruction
    ) -> Iterator[Problem]:
        for flag in instruction.flags:
            if flag.value is None or flag.value_range is None:
                continue
            if flag.name == "from":
                reference, start = flag.value, flag.value_range.start.offset
            elif flag.name == "mount":
                found = _mount_from(flag)
                if found is None:
                    continue
                reference, start = found
            else:
                continue
            reference = reference.strip("\"'")
            if not reference or "$" in reference or reference.isdigit():
                continue
            if dockerfile.stage_for_reference(reference, stage.index) is not None:
                continue
            if dockerfile.stage_named(reference) is not None:
                continue  # a later stage: a different rule's business
            name = split_image(reference)
            if name.is_pinned or reference.lower() == "scratch":
                continue
            if _local_name(reference):
                continue  # a build context, a stage of a joined file, or a local image
            shown = f"'{reference}'"
            if not any(char in reference for char in "/:@."):
                shown += " (no stage has that name, so it is taken as the official image)"
            where = dockerfile.source.range(start, start + len(reference))
            yield Problem(where, _message(shown, _named(name.registry, name.repository), name.tag))

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Check each service's ``image:`` unless the service builds that image itself.

        An ``image:`` that several services share through an anchor is one place to edit, so
        it is reported once, naming every service.
        """
        found: dict[int, tuple[Problem, list[str]]] = {}
        for service in compose.services.values():
            node = service.image_node
            if node is None or service.build is not None:
                continue
            resolved = service.interpolate("image")
            if resolved is None or not resolved.is_known or not resolved.value.strip():
                continue
            name = split_image(resolved.value)
            if name.is_pinned:
                continue
            raw = service.image or ""
            shown = f"'{raw}'"
            if resolved.value != raw:
                shown += f" (which resolves to '{resolved.value}')"
            message = _message(shown, _named(name.registry, name.repository), name.tag)
            seen = found.get(node.range.start.offset)
            if seen is None:
                found[node.range.start.offset] = (Problem(node.range, message), [service.name])
            else:
                seen[1].append(service.name)
        for problem, names in found.values():
            who = (
                f"Service '{names[0]}'"
                if len(names) == 1
                else "Services " + ", ".join(f"'{name}'" for name in names)
            )
            message = problem.message
            yield Problem(problem.range, f"{who}: {message[0].lower()}{message[1:]}")


def _named(registry: str | None, repository: str) -> str:
    """The image name to suggest a tag for, keeping the registry the user wrote."""
    # Without the registry the suggestion would name a Docker Hub image instead.
    return f"{registry}/{repository}" if registry else repository


def _message(shown: str, repository: str, tag: str | None) -> str:
    problem = "uses the moving 'latest' tag" if tag == "latest" else "has no tag, so means 'latest'"
    return (
        f"Image {shown} {problem}; pin a version such as '{repository}:<version>' "
        "(or a digest) so every build uses the same image"
    )


def _mount_from(flag: Flag) -> tuple[str, int] | None:
    """The ``from=`` value of a ``--mount`` flag and its offset in the file."""
    assert flag.value is not None and flag.value_range is not None
    position = 0
    for part in flag.value.split(","):
        key, _, value = part.partition("=")
        if key.strip().lower() == "from" and value:
            offset = position + part.index("=") + 1
            return value, flag.value_range.start.offset + offset
        position += len(part) + 1
    return None


def _local_name(reference: str) -> bool:
    """Whether ``reference`` (tag and all) is a plain name no registry serves: a local image."""
    name = reference.split(":", 1)[0]
    return bool(name) and not any(char in name for char in "/.@$") and name not in OFFICIAL_IMAGES

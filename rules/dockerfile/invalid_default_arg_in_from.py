"""LK282 invalid-default-arg-in-from: global ARG defaults that leave FROM without a valid image."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, expand
from lintkit.rule import FileKind, Rule, RuleContext

# Values that stand in for the platform arguments Docker sets itself.
_PLATFORM_SAMPLES = {
    "TARGETPLATFORM": "linux/amd64",
    "TARGETOS": "linux",
    "TARGETARCH": "amd64",
    "TARGETVARIANT": "",
    "BUILDPLATFORM": "linux/amd64",
    "BUILDOS": "linux",
    "BUILDARCH": "amd64",
    "BUILDVARIANT": "",
}
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(
    rf"^(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[\w][\w.-]{{0,127}})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$"
)


class InvalidDefaultArgInFrom(Rule):
    """## What it does
    Expands each `FROM` image that uses variables with the defaults of the
    global `ARG`s (as a build without `--build-arg` would) and flags it when
    the result is empty or not a valid image reference, e.g. `ARG TAG` without
    a default and `FROM alpine:${TAG}`, which becomes `alpine:`.

    ## Why is this bad?
    A plain `docker build` of the file fails, and so does every tool that
    builds it without knowing which build arguments it needs (CI templates,
    dependency bots, IDE integrations, `docker build --check` itself). A
    working default documents the expected value.

    ## Example
    ```dockerfile
    ARG PYTHON_VERSION
    FROM python:${PYTHON_VERSION}-slim
    ```

    ## Use instead
    ```dockerfile
    ARG PYTHON_VERSION=3.12
    FROM python:${PYTHON_VERSION}-slim
    ```

    ## References
    - [Dockerfile reference: ARG default values](https://docs.docker.com/reference/dockerfile/#default-values)
    - [Build checks: InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
    """

    code = "LK282"
    name = "invalid-default-arg-in-from"
    summary = "Global `ARG` defaults make a `FROM` image empty or invalid"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("InvalidDefaultArgInFrom",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Expand FROM images with ARG defaults and check the result."""
        variables: dict[str, str | None] = dict(_PLATFORM_SAMPLES)
        variables.update(
            {key: value for key, value in dockerfile.global_args.items() if value is not None}
        )
        for stage in dockerfile.stages:
            image = stage.from_instruction.image
            if image is None or "$" not in image.raw:
                continue
            expanded, _ = expand(image.raw, variables, dockerfile.escape)
            if expanded.lower() == "scratch" or dockerfile.stage_named(expanded) is not None:
                continue
            if expanded and _REFERENCE.match(expanded):
                continue
            missing = [
                name
                for name in expand(image.raw, {}, dockerfile.escape)[1]
                if not dockerfile.global_args.get(name) and name not in _PLATFORM_SAMPLES
            ]
            hint = _hint(dockerfile, missing)
            shown = f"'{expanded}'" if expanded else "an empty name"
            yield Problem(
                image.range,
                f"With the default build arguments, '{image.raw}' becomes {shown}, which is "
                f"not a valid image reference{hint}",
            )


def _hint(dockerfile: Dockerfile, missing: list[str]) -> str:
    """What to do: give a default, or look at a written default that expands to nothing."""
    if not missing:
        return "; fix the ARG defaults"
    name = missing[0]
    written: str | None = None
    for instruction in dockerfile.global_arg_instructions:
        for pair in instruction.pairs:
            if pair.key == name:
                written = pair.value
    if written:
        # A default such as ``${templateOption:imageVariant}`` (a template placeholder) or
        # ``$OTHER`` with OTHER unset: saying "give it a default" would be wrong.
        return f"; the default of ARG {name}, '{written}', expands to an empty string"
    return f"; give ARG {name} a default"

"""LK279 undefined-arg-in-from: FROM uses a variable no global ARG declares."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, expand
from lintkit.dockerfile.syntax import Word
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import PLATFORM_ARGS, did_you_mean, used_bare
from lintkit.source import Range


class UndefinedArgInFrom(Rule):
    """## What it does
    Flags variables in a `FROM` line (image or `--platform`) that are not
    declared by an `ARG` before the first `FROM`. The platform arguments
    Docker predefines (`TARGETPLATFORM`, `BUILDPLATFORM`, `TARGETARCH`, …) count
    as declared, and so do uses with a default (`${TAG:-latest}`). When a
    declared name is close, the message suggests it.

    ## Why is this bad?
    Only `ARG`s declared before the first `FROM` can be used in `FROM` lines.
    Any other variable, including one declared inside an earlier stage or
    misspelt, expands to an empty string: `FROM node:${NODE_VERSON}` silently
    builds from `node:`, which fails or pulls something unexpected.

    ## Example
    ```dockerfile
    ARG NODE_VERSION=22
    FROM node:${NODE_VERSON}-slim
    ```

    ## Use instead
    ```dockerfile
    ARG NODE_VERSION=22
    FROM node:${NODE_VERSION}-slim
    ```

    ## References
    - [Dockerfile reference: how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    - [Build checks: UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
    """

    code = "LK279"
    name = "undefined-arg-in-from"
    summary = "`FROM` uses a variable that no global `ARG` declares"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("UndefinedArgInFrom",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check the variables of each FROM image and --platform value."""
        declared = set(dockerfile.global_args) | PLATFORM_ARGS
        escape = dockerfile.escape
        for stage in dockerfile.stages:
            instruction = stage.from_instruction
            texts: list[tuple[str, Range]] = []
            flag = instruction.flag("platform")
            if flag is not None and flag.value and flag.value_range is not None:
                texts.append((flag.value, flag.value_range))
            image: Word | None = instruction.image
            if image is not None:
                texts.append((image.raw, image.range))
            for text, where in texts:
                if "$" not in text:
                    continue
                _, used = expand(text, {}, escape)
                for name in used:
                    if name in declared or not used_bare(text, name):
                        continue
                    hint = did_you_mean(name, dockerfile.global_args)
                    advice = hint or f"; declare 'ARG {name}=<default>' before the first FROM"
                    yield Problem(
                        where,
                        f"FROM uses ${name}, which no ARG before the first FROM declares, so "
                        f"it is empty here{advice}",
                    )

"""LK251 relative-workdir: a relative WORKDIR whose result depends on the base image."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.rule import FileKind, Option, Rule, RuleContext

_ABSOLUTE = re.compile(r"^(?:/|\\|[A-Za-z]:|\$|%)")


class RelativeWorkdir(Rule):
    """## What it does
    Flags a `WORKDIR` with a relative path when no absolute `WORKDIR` was set
    before it in the same stage or the stages it builds on. Paths that start
    with a variable are left alone (they may expand to an absolute path). With
    the option `all-relative`, every relative `WORKDIR` is flagged, as hadolint
    does.

    ## Why is this bad?
    A relative `WORKDIR` is resolved against the working directory of the base
    image, which this file does not control: `WORKDIR app` means `/app` on one
    base and `/usr/src/app` or `/go/app` on another, and it silently moves when
    the base image changes. Files copied to relative destinations then land
    somewhere unexpected.

    ## Example
    ```dockerfile
    FROM node:22
    WORKDIR app
    COPY . .
    ```

    ## Use instead
    ```dockerfile
    FROM node:22
    WORKDIR /app
    COPY . .
    ```

    ## Options
    - `all-relative` (default `false`): flag every relative `WORKDIR`, even after
      an absolute one.

    ## References
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    - [Build checks: WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
    """

    code = "LK251"
    name = "relative-workdir"
    summary = "Relative `WORKDIR` resolved against the base image's working directory"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3000", "WorkdirRelativePath")
    options = (
        Option(
            "all-relative",
            False,
            "Flag every relative WORKDIR, not only the first one of a build (hadolint's DL3000).",
        ),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the first relative WORKDIR of each stage chain (or all with ``all-relative``)."""
        strict = bool(context.options.get("all-relative", False))
        for stage in dockerfile.stages:
            set_before = _inherits_workdir(stage)
            for instruction in stage.instructions:
                if instruction.keyword != "WORKDIR" or not instruction.words:
                    continue
                word = instruction.words[0]
                path = word.value
                relative = not _ABSOLUTE.match(path)
                if relative and not set_before:
                    yield Problem(
                        word.range,
                        f"WORKDIR '{path}' is relative and no absolute WORKDIR is set before "
                        "it in this build, so where it points depends on the base image; use "
                        f"an absolute path such as '/{path.lstrip('./')}'",
                    )
                elif relative and strict:
                    yield Problem(
                        word.range,
                        f"WORKDIR '{path}' is relative to the previous WORKDIR; write the "
                        "absolute path so readers need not work it out",
                    )
                set_before = True


def _inherits_workdir(stage: Stage) -> bool:
    """Whether a stage this one builds on already set a WORKDIR."""
    parent = stage.parent
    return parent is not None and parent.workdir() is not None

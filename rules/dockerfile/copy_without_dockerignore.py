"""LK153 copy-without-dockerignore: ``COPY .`` with no ``.dockerignore`` or one keeping .git."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import CopyLike
from lintkit.dockerignore import clean_path
from lintkit.rule import FileKind, Rule, RuleContext

from ._context import ancestor_has_ignore_file, context_has, context_ignore_file


class CopyWithoutDockerignore(Rule):
    """## What it does
    Flags `COPY .` and `ADD .` (the whole build context) when the build context
    has no `.dockerignore` (nor `<Dockerfile>.dockerignore`), or when it has one
    that does not exclude `.git` although the context holds a `.git`
    directory. lintkit assumes the context is the Dockerfile's directory; when
    a parent directory inside the project has a `.dockerignore`, the context is
    probably there and nothing is reported. `COPY --from=…` is left alone.

    ## Why is this bad?
    Without a `.dockerignore` the whole directory goes into the image: version
    control history, local `node_modules` or virtual environments, build
    output, and files such as `.env` that may hold secrets. The image grows, and
    any change to any file (even in `.git`) invalidates the build cache of this
    layer and all after it.

    ## Example
    ```dockerfile
    FROM node:20-slim
    WORKDIR /app
    COPY . .
    ```
    with no `.dockerignore` next to it.

    ## Use instead
    Add a `.dockerignore` next to the Dockerfile:
    ```text
    .git
    node_modules
    .env
    ```

    ## References
    - [Docker: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    """

    code = "LK153"
    name = "copy-without-dockerignore"
    summary = "`COPY .` copies the whole context, but no `.dockerignore` limits it"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag whole-context copies that nothing filters."""
        sources = [
            source
            for instruction in _copies(dockerfile)
            for source in instruction.sources
            if "$" not in source.raw and clean_path(source.value) == "."
        ]
        if not sources:
            return
        found = context_ignore_file(context)
        if found is None:
            if ancestor_has_ignore_file(context):
                return
            message = (
                "This copies the whole build context, and no .dockerignore limits it; add a "
                ".dockerignore that leaves out .git, dependencies, build output and secrets"
            )
        else:
            name, ignore = found
            if ignore.excludes(".git/HEAD") or not context_has(context, ".git"):
                return
            message = (
                f"This copies the whole build context, and {name} does not exclude .git; "
                f"add '.git' to {name}"
            )
        for source in sources:
            yield Problem(source.range, message)


def _copies(dockerfile: Dockerfile) -> Iterator[CopyLike]:
    for instruction in dockerfile.instructions:
        if isinstance(instruction, CopyLike) and instruction.flag("from") is None:
            yield instruction

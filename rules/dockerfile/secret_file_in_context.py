"""LK310 secret-file-in-context: ``COPY . .`` while a ``.env`` or key file sits in the context."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lintkit import project_files
from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerignore import clean_path
from lintkit.rule import FileKind, Rule, RuleContext

from ._context import ancestor_has_ignore_file, context_ignore_file
from .secret_file_copied import image_copies

#: Files looked for next to the Dockerfile (a fixed list: lintkit never lists folders).
CANDIDATES = (
    ".env", ".env.local", ".env.production", ".env.prod", ".env.development",
    "id_rsa", "id_ecdsa", "id_ed25519", ".netrc", ".git-credentials", ".pypirc", ".pgpass",
    ".ssh", ".aws",
)  # fmt: skip


class SecretFileInContext(Rule):
    """## What it does
    Flags `COPY .` / `ADD .` (the whole build context) in a stage that ends up
    in the image when the Dockerfile's folder holds a file that usually
    contains secrets (`.env`, `.env.local`, `.env.production`, `id_rsa`,
    `id_ed25519`, `.netrc`, `.git-credentials`, `.pypirc`, `.pgpass`, `.ssh/`,
    `.aws/`) and the `.dockerignore` does not leave it out (or there is no
    `.dockerignore`). Only that fixed list of names is looked up; lintkit
    assumes the build context is the Dockerfile's folder, and stays silent when
    a parent folder has the `.dockerignore` (the context is probably there).

    ## Why is this bad?
    The file is copied into a layer of the image, where anyone who pulls the
    image can read it, and it is also sent to the builder on every build.

    ## Example
    ```dockerfile
    FROM node:20-slim
    WORKDIR /app
    COPY . .
    ```
    next to a `.env` holding `DATABASE_PASSWORD=…`, with no `.dockerignore`.

    ## Use instead
    Leave it out of the context with `.dockerignore`:
    ```text
    .env
    .env.*
    !.env.example
    ```
    and pass the values at run time (`docker run --env-file .env`).

    ## References
    - [Docker: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    """

    code = "LK310"
    name = "secret-file-in-context"
    summary = "`COPY .` copies a `.env` or key file that `.dockerignore` does not leave out"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag whole-context copies that take a secret file along."""
        sources = [
            source
            for instruction in image_copies(dockerfile)
            for source in instruction.sources
            if "$" not in source.raw and clean_path(source.value) == "."
        ]
        if not sources or context.path.name == "<string>":
            return
        folder = Path(context.path).parent
        present = [name for name in CANDIDATES if project_files.exists(folder / name)]
        if not present:
            return
        found = context_ignore_file(context)
        if found is None:
            if ancestor_has_ignore_file(context):
                return
            kept, ignore_name = present, None
        else:
            ignore_name, ignore = found
            probe = {name: name + "/x" if name in (".ssh", ".aws") else name for name in present}
            kept = [name for name in present if not ignore.excludes(probe[name])]
        if not kept:
            return
        listed = ", ".join(kept)
        where = (
            f"{ignore_name} does not leave them out"
            if ignore_name
            else "no .dockerignore leaves them out"
        )
        for source in sources:
            yield Problem(
                source.range,
                f"This copies the whole build context, including {listed}, and {where}; "
                "anyone with the image can read them: add them to .dockerignore",
            )

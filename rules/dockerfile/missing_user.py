"""LK306 missing-user: the final stage never sets ``USER``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._users import final_stage, last_user

#: Image names that say the image already runs as a non-root user.
_NON_ROOT_HINTS = ("nonroot", "non-root", "rootless", "unprivileged")


class MissingUser(Rule):
    """## What it does
    Flags the final stage when neither it nor the stages it builds on set a
    `USER`. It is off by default: many base images already switch to a
    non-root user (which lintkit cannot see without pulling them), so the
    finding needs a person to check. Base images whose name or tag says they
    are non-root (`…:nonroot`, `…-rootless`, `…-unprivileged`) are left alone,
    and so is an image whose name is built from an ARG.

    ## Why is this bad?
    Without `USER` the container runs as the base image's user, which is root
    for almost all official images. A compromised process then has every
    privilege in the container.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --system --uid 10001 app
    COPY app.py /app/
    USER 10001
    CMD ["python", "/app/app.py"]
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "LK306"
    name = "missing-user"
    summary = "The final stage never sets `USER`, so the image probably runs as root"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the final stage's FROM when no USER is set along its chain."""
        stage = final_stage(dockerfile)
        if stage is None or last_user(stage) is not None:
            return
        base = stage.chain()[-1].image
        if base.unresolved or any(hint in base.expanded.lower() for hint in _NON_ROOT_HINTS):
            return
        word = stage.from_instruction.image
        where = word.range if word is not None else stage.from_instruction.range
        yield Problem(
            where,
            f"The final stage never sets USER, so the image runs as {base.expanded}'s user, "
            "usually root; add a USER with a non-root UID after the steps that need root",
        )

"""LK305 final-user-is-root: the image's last ``USER`` switches to root."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._users import final_stage, is_root, last_user


class FinalUserIsRoot(Rule):
    """## What it does
    Flags the last `USER` instruction of the final stage (or of the stages it
    builds on) when it is `root` or UID `0` (also `root:group`, `0:0`). Build
    stages that do not end up in the image are left alone, and so is a
    `USER root` followed later by a switch to another user.

    ## Why is this bad?
    Containers from this image run as root unless the person running them
    overrides the user. A process compromised in a root container has every
    privilege in it and is one kernel or runtime bug away from the host. The
    typical cause is a `USER root` added to install packages over a base image
    that had a non-root user, and never switched back.

    ## Example
    ```dockerfile
    FROM jenkins/jenkins:lts
    USER root
    RUN apt-get update && apt-get install -y --no-install-recommends make
    ```

    ## Use instead
    ```dockerfile
    FROM jenkins/jenkins:lts
    USER root
    RUN apt-get update && apt-get install -y --no-install-recommends make
    USER jenkins
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "LK305"
    name = "final-user-is-root"
    summary = "The image's last `USER` is root, so its containers run as root"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3002",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the final stage's last USER when it is root."""
        stage = final_stage(dockerfile)
        if stage is None:
            return
        instruction = last_user(stage)
        if instruction is None:
            return
        word = instruction.words[0]
        if "$" in word.raw or not is_root(word.value):
            return
        yield Problem(
            instruction.range,
            f"The image's last USER is {word.value}, so its containers run as root; switch "
            "to a non-root user (USER <uid>) after the steps that need root",
        )

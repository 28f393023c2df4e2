"""LK276 user-by-name: ``USER`` given as a name instead of a numeric UID."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext


class UserByName(Rule):
    """## What it does
    Flags `USER` instructions that name the user (`USER app`) instead of giving
    a numeric UID (`USER 10001` or `USER 10001:10001`). `root` (always UID 0),
    users built from variables and Windows files (`` # escape=` ``) are left
    alone. Off by default: it is a deployment policy that not every project
    follows.

    ## Why is this bad?
    Kubernetes' `runAsNonRoot` and other admission policies can only verify that
    an image does not run as root when the user is numeric; with a name they
    must trust `/etc/passwd` and refuse to start the pod. A numeric UID also
    keeps file ownership the same across base images that number their users
    differently.

    ## Example
    ```dockerfile
    FROM node:22-slim
    USER node
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    USER 1000:1000
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Kubernetes: security context (runAsNonRoot)](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    """

    code = "LK276"
    name = "user-by-name"
    summary = "`USER` by name rather than numeric UID"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3066",)
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag USER values whose user part is not a number."""
        if dockerfile.escape == "`":
            return  # Windows images have no numeric user ids.
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if instruction.keyword != "USER" or not instruction.words:
                    continue
                word = instruction.words[0]
                user = word.value.split(":", 1)[0]
                if not user or "$" in word.value or user.isdigit() or user == "root":
                    continue  # root is UID 0 everywhere; running as root is another rule's
                yield Problem(
                    word.range,
                    f"USER '{word.value}' names the user; give its numeric UID (and GID) so "
                    "policies such as Kubernetes' runAsNonRoot can verify it",
                )

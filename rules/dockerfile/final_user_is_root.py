"""LK305 final-user-is-root: the image's last ``USER`` switches to root."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import CopyLike
from lintkit.rule import FileKind, Rule, RuleContext

from ._apt import APT_TAKES_VALUE, APT_TOOLS
from ._pkg import APK_TAKES_VALUE, RPM_TAKES_VALUE
from ._run_commands import find_invocations, iter_runs
from ._users import final_stage, is_root, last_user

# A privilege-dropping tool, as a package operand (``su-exec=0.2-r3``, ``gosu-1.17``).
_DROP_PACKAGE_RE = re.compile(r"(gosu|su-exec|setpriv)([=<>~].*|-\d.*)?")
# A gosu or su-exec binary named in a COPY/ADD path (``/gosu``, ``gosu-amd64``, not ``gosu.asc``).
_DROP_BINARY_RE = re.compile(r"(gosu|su-exec)(-[a-z0-9_]+)?")
# Package tools with their install subcommand and the options that take a value.
_INSTALLERS = (
    (("apk",), ("add",), APK_TAKES_VALUE),
    (APT_TOOLS, ("install",), APT_TAKES_VALUE),
    (("dnf", "dnf5", "microdnf", "yum"), ("install",), RPM_TAKES_VALUE),
)


class FinalUserIsRoot(Rule):
    """## What it does
    Flags the last `USER` instruction of the final stage (or of the stages it
    builds on) when it is `root` or UID `0` (also `root:group`, `0:0`). Build
    stages that do not end up in the image are left alone, and so is a
    `USER root` followed later by a switch to another user.

    Nor does it flag an image that installs a tool for dropping privileges,
    `gosu`, `su-exec` or `setpriv` (with `apk add`, `apt-get install`,
    `dnf`/`yum install`, or a `COPY`/`ADD` of a `gosu` or `su-exec` binary,
    such as `COPY --from=tianon/gosu /gosu /usr/local/bin/`), in the final
    stage or the stages it builds on. Such images start as root on purpose,
    so that their entrypoint can fix the ownership of volumes and then
    switch to an unprivileged user, as the official postgres and redis
    images do with `gosu`.

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
        if _installs_privilege_dropper(dockerfile, stage):
            return
        yield Problem(
            instruction.range,
            f"The image's last USER is {word.value}, so its containers run as root; switch "
            "to a non-root user (USER <uid>) after the steps that need root",
        )


def _installs_privilege_dropper(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the stage or a stage it builds on installs or copies gosu, su-exec or setpriv."""
    chain = stage.chain()
    for current in chain:
        for instruction in current.instructions:
            if not isinstance(instruction, CopyLike):
                continue
            paths = [*instruction.sources, instruction.destination]
            if any(
                path is not None
                and _DROP_BINARY_RE.fullmatch(path.value.rstrip("/").rsplit("/", 1)[-1])
                for path in paths
            ):
                return True
    for run in iter_runs(dockerfile, onbuild=False):
        if not any(run.stage is current for current in chain):
            continue
        for tools, subcommands, takes_value in _INSTALLERS:
            for call in find_invocations(run, tools, subcommands, takes_value):
                if any(_DROP_PACKAGE_RE.fullmatch(word.value) for word in call.operands):
                    return True
    return False

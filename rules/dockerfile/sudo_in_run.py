"""LK307 sudo-in-run: ``sudo`` in a RUN instruction."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs


class SudoInRun(Rule):
    """## What it does
    Flags `sudo` used in a RUN instruction (also in `ONBUILD RUN` and
    `RUN <<EOF` scripts), wherever it appears in the command list.
    `sudo -u <user>` with a user other than root is left alone: run as root,
    it drops privileges for one command, like `gosu` or `runuser`.

    ## Why is this bad?
    A RUN already executes as the user the last `USER` set. `sudo` needs a
    sudoers setup to work without a terminal or password, drags a setuid
    program into the image that any process can later use to become root, and
    its behaviour (environment reset, tty requirements) makes builds fail in
    confusing ways.

    ## Example
    ```dockerfile
    USER app
    RUN sudo apt-get update && sudo apt-get install -y curl
    ```

    ## Use instead
    ```dockerfile
    USER root
    RUN apt-get update && apt-get install -y curl
    USER app
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "LK307"
    name = "sudo-in-run"
    summary = "`sudo` in a RUN; switch users with `USER` instead"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3004",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each sudo word."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                word = _sudo_word(command.prefix, command.name_word)
                if word is not None:
                    yield Problem(
                        word.range,
                        "sudo in a RUN: the command already runs as the current USER; use "
                        "'USER root' before the steps that need root and switch back after",
                    )


def _drops_privileges(prefix: list[ShellWord], start: int) -> bool:
    """Whether the sudo at ``prefix[start]`` runs the command as another, non-root user."""
    for index in range(start + 1, len(prefix)):
        value = prefix[index].value
        target = None
        if value in ("-u", "--user") and index + 1 < len(prefix):
            target = prefix[index + 1].value
        elif value.startswith("--user="):
            target = value.partition("=")[2]
        elif value.startswith("-u") and len(value) > 2:
            target = value[2:]
        if target is not None:
            return target not in ("root", "0", "#0")
    return False


def _sudo_word(prefix: list[ShellWord], name: ShellWord | None) -> ShellWord | None:
    for index, word in enumerate(prefix):
        if word.value.rsplit("/", 1)[-1] == "sudo":
            # ``sudo -u app …`` run as root drops privileges for one command: a
            # legitimate use (gosu and runuser do the same), not a privilege raise.
            return None if _drops_privileges(prefix, index) else word
    if name is not None and name.value.rsplit("/", 1)[-1] == "sudo":
        return name
    return None

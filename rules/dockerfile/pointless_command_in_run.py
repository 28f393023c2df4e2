"""LK146 pointless-command-in-run: interactive or system commands that make no sense in a build."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs

#: Command name -> why it is pointless during a build.
POINTLESS = {
    "ssh": "opens an interactive remote session",
    "vim": "is an interactive editor",
    "vi": "is an interactive editor",
    "nano": "is an interactive editor",
    "emacs": "is an interactive editor",
    "top": "is an interactive process viewer",
    "htop": "is an interactive process viewer",
    "free": "only reports the build machine's memory",
    "ps": "only lists the build's own processes",
    "shutdown": "cannot shut down anything in a build container",
    "reboot": "cannot reboot anything in a build container",
    "halt": "cannot halt anything in a build container",
    "poweroff": "cannot power off anything in a build container",
}


class PointlessCommandInRun(Rule):
    """## What it does
    Flags RUN commands that have no useful effect in a build: interactive
    programs (`vim`, `nano`, `ssh`, `top`), status reports about the build
    machine (`ps`, `free`) and power commands (`shutdown`, `reboot`).
    Commands inside `$(…)` are left alone, and so are `service`, `kill` and
    `mount`, which hadolint also flags but which have real uses while building
    (starting a database to seed it, then stopping it).

    ## Why is this bad?
    An interactive program has no terminal in a build and either hangs or
    fails; the others only print facts about a throw-away container or fail.
    They usually come from copying an interactive session into a Dockerfile.

    ## Example
    ```dockerfile
    RUN apt-get install -y vim && vim /etc/app.conf
    ```

    ## Use instead
    ```dockerfile
    COPY app.conf /etc/app.conf
    ```

    ## References
    - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    """

    code = "LK146"
    name = "pointless-command-in-run"
    summary = "Interactive or system command in RUN that does nothing useful in a build"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3001",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each such command on its name."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                name = command.name
                if name not in POINTLESS or command.in_substitution or command.name_word is None:
                    continue
                yield Problem(
                    command.name_word.range,
                    f"'{name}' {POINTLESS[name]}, which is pointless during a build; remove it",
                )

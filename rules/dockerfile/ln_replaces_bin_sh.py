"""LK148 ln-replaces-bin-sh: ``ln -sf /bin/bash /bin/sh`` instead of ``SHELL``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs

SH_PATHS = frozenset({"/bin/sh", "/usr/bin/sh"})
LN_TAKES_VALUE = frozenset({"-S", "--suffix", "-t", "--target-directory"})
# Without one of these, ln refuses to overwrite an existing link name.
LN_REPLACES_EXISTING = ("-f", "--force", "-b", "--backup")


class LnReplacesBinSh(Rule):
    """## What it does
    Flags `ln` commands that replace `/bin/sh` (or `/usr/bin/sh`), such as
    `ln -sf /bin/bash /bin/sh`: the link is forced (`-f`, `--force`) or
    backed up (`-b`, `--backup`), or the same RUN removed `/bin/sh` first
    (`rm /bin/sh && ln -s /bin/bash /bin/sh`). A plain `ln -s ... /bin/sh`
    fails when `/bin/sh` exists, so it can only add a missing one (as in
    distroless `:debug` images that ship busybox elsewhere) and is left alone.

    ## Why is this bad?
    Replacing `/bin/sh` changes the shell of every program in the image that
    runs `sh`, including package maintainer scripts, not just the RUN
    instructions it was meant for. The `SHELL` instruction changes only the
    shell of the following instructions, and says so where readers look.

    ## Example
    ```dockerfile
    RUN ln -sf /bin/bash /bin/sh
    ```

    ## Use instead
    ```dockerfile
    SHELL ["/bin/bash", "-c"]
    ```

    ## References
    - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    """

    code = "LK148"
    name = "ln-replaces-bin-sh"
    summary = "`/bin/sh` replaced with `ln`; use the `SHELL` instruction"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL4005",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the ``/bin/sh`` operand of each such ``ln``."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                if command.name != "ln":
                    continue
                operands = command.positional(LN_TAKES_VALUE)
                if len(operands) < 2 or operands[-1].value not in SH_PATHS:
                    continue
                target = operands[-1]
                if not command.has_option(
                    *LN_REPLACES_EXISTING, takes_value=LN_TAKES_VALUE
                ) and not _removed_before(run.commands, command, target.value):
                    continue
                yield Problem(
                    target.range,
                    f"'ln' replaces {target.value} for every program in the image; set the "
                    'shell of RUN instructions with SHELL ["/bin/bash", "-c"] instead',
                )


def _removed_before(commands: list[SimpleCommand], link: SimpleCommand, path: str) -> bool:
    """Whether a command before ``link`` in the same RUN removes ``path`` (``rm -f /bin/sh``)."""
    for command in commands:
        if command is link:
            return False
        if command.name in ("rm", "unlink") and any(
            word.value == path for word in command.positional()
        ):
            return True
    return False

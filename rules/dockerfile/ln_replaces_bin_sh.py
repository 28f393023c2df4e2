"""LK148 ln-replaces-bin-sh: ``ln -sf /bin/bash /bin/sh`` instead of ``SHELL``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs

SH_PATHS = frozenset({"/bin/sh", "/usr/bin/sh"})
LN_TAKES_VALUE = frozenset({"-S", "--suffix", "-t", "--target-directory"})


class LnReplacesBinSh(Rule):
    """## What it does
    Flags `ln` commands whose link name is `/bin/sh` (or `/usr/bin/sh`), such
    as `ln -sf /bin/bash /bin/sh`.

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
                yield Problem(
                    target.range,
                    f"'ln' replaces {target.value} for every program in the image; set the "
                    'shell of RUN instructions with SHELL ["/bin/bash", "-c"] instead',
                )

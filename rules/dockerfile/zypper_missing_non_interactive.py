"""LK134 zypper-missing-non-interactive: ``zypper install`` that may prompt."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, FixAvailability

from ._pkg import ZYPPER_TAKES_VALUE
from ._run_commands import MissingFlagRule


class ZypperMissingNonInteractive(MissingFlagRule):
    """## What it does
    Flags `zypper install`/`in` (also `remove`, `update`, `patch`,
    `dist-upgrade`, `source-install`) without `-n`/`--non-interactive` (before
    the subcommand) or `-y`/`--no-confirm` (after it).

    ## Why is this bad?
    The build cannot answer zypper's confirmation prompt, so zypper aborts and
    the build fails.

    ## Example
    ```dockerfile
    RUN zypper install curl
    ```

    ## Use instead
    ```dockerfile
    RUN zypper --non-interactive install curl && zypper clean --all
    ```

    ## Fix safety
    The fix inserts `-y` right after the subcommand. It is safe: it only
    answers the prompt the build could not answer.

    ## References
    - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "LK134"
    name = "zypper-missing-non-interactive"
    summary = "`zypper install` without `-n`/`-y` stops at a prompt the build cannot answer"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3034",)
    tool_names = ("zypper",)
    subcommands = (
        "install",
        "in",
        "remove",
        "rm",
        "update",
        "up",
        "patch",
        "dist-upgrade",
        "dup",
        "source-install",
        "si",
    )
    takes_value = ZYPPER_TAKES_VALUE
    accepted = ("-n", "--non-interactive", "-y", "--no-confirm")
    fix_flag = "-y"
    message_template = (
        "{call} runs without '-n' or '-y'; the build cannot answer zypper's prompt, so add '-y'"
    )

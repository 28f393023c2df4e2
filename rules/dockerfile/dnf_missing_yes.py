"""LK138 dnf-missing-yes: ``dnf install`` without ``-y``."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, FixAvailability

from ._pkg import RPM_TAKES_VALUE
from ._rpm import assumes_yes
from ._run_commands import Invocation, MissingFlagRule, RunInfo


class DnfMissingYes(MissingFlagRule):
    """## What it does
    Flags `dnf install` (also `dnf5`; `groupinstall`, `localinstall`, `update`,
    `upgrade`, `remove`, `reinstall`, `downgrade`, and their short aliases such
    as `in` and `up`) without `-y` or `--assumeyes`. `microdnf` is not flagged:
    it never prompts. An earlier RUN that writes `assumeyes=True` to a dnf
    configuration silences it.

    ## Why is this bad?
    The build cannot answer dnf's "Is this ok [y/N]" prompt, so dnf aborts and
    the build fails.

    ## Example
    ```dockerfile
    RUN dnf install httpd
    ```

    ## Use instead
    ```dockerfile
    RUN dnf install -y httpd && dnf clean all
    ```

    ## Fix safety
    The fix inserts `-y` right after the subcommand. It is safe: it only
    answers the prompt the build could not answer.

    ## References
    - [dnf command reference](https://dnf.readthedocs.io/en/latest/command_ref.html)
    """

    code = "LK138"
    name = "dnf-missing-yes"
    summary = "`dnf install` without `-y` stops at a prompt the build cannot answer"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3038",)
    tool_names = ("dnf", "dnf5")
    subcommands = (
        "install",
        "groupinstall",
        "localinstall",
        "update",
        "upgrade",
        "remove",
        "reinstall",
        "downgrade",
        "erase",
        # dnf's documented short aliases of the commands above.
        "in",
        "up",
        "upgrade-minimal",
        "update-minimal",
        "up-min",
        "rm",
        "rei",
        "dg",
    )
    takes_value = RPM_TAKES_VALUE
    accepted = ("-y", "--assumeyes")
    fix_flag = "-y"
    message_template = "{call} runs without '-y'; the build cannot answer dnf's prompt, so add '-y'"

    def satisfied(self, run: RunInfo, call: Invocation) -> bool:
        """``assumeyes=True`` written to a config file earlier."""
        return assumes_yes(run, "assumeyes=true") or assumes_yes(run, "assumeyes=1")

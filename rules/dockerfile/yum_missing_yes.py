"""LK131 yum-missing-yes: ``yum install`` without ``-y``."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, FixAvailability

from ._pkg import RPM_TAKES_VALUE
from ._rpm import assumes_yes
from ._run_commands import Invocation, MissingFlagRule, RunInfo


class YumMissingYes(MissingFlagRule):
    """## What it does
    Flags `yum install` (also `groupinstall`, `localinstall`, `update`,
    `upgrade`, `remove`, `erase`, `reinstall`, `downgrade`) without `-y` or
    `--assumeyes`. An earlier RUN that writes `assumeyes=1` to a yum
    configuration silences it.

    ## Why is this bad?
    The build cannot answer yum's "Is this ok [y/N]" prompt, so yum aborts and
    the build fails.

    ## Example
    ```dockerfile
    RUN yum install httpd
    ```

    ## Use instead
    ```dockerfile
    RUN yum install -y httpd && yum clean all
    ```

    ## Fix safety
    The fix inserts `-y` right after the subcommand. It is safe: it only
    answers the prompt the build could not answer.

    ## References
    - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    """

    code = "LK131"
    name = "yum-missing-yes"
    summary = "`yum install` without `-y` stops at a prompt the build cannot answer"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3030",)
    tool_names = ("yum",)
    subcommands = (
        "install",
        "groupinstall",
        "localinstall",
        "update",
        "upgrade",
        "remove",
        "erase",
        "reinstall",
        "downgrade",
    )
    takes_value = RPM_TAKES_VALUE
    accepted = ("-y", "--assumeyes")
    fix_flag = "-y"
    message_template = "{call} runs without '-y'; the build cannot answer yum's prompt, so add '-y'"

    def satisfied(self, run: RunInfo, call: Invocation) -> bool:
        """``assumeyes=1`` written to a config file earlier."""
        return assumes_yes(run, "assumeyes=1") or assumes_yes(run, "assumeyes=true")

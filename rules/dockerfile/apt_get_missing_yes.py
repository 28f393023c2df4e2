"""LK120 apt-get-missing-yes: ``apt-get install`` without ``-y``."""

from __future__ import annotations

import re

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, FixAvailability

from ._apt import (
    APT_PROMPTING,
    APT_TAKES_VALUE,
    apt_config_before,
    fed_by_yes,
    option_set,
    simulates,
)
from ._run_commands import Invocation, MissingFlagRule, RunInfo

_TRUE = ("1", "true", "yes", "on")
_SHORT_QUIET_LEVEL = re.compile(r"-q=(\d+)")


class AptGetMissingYes(MissingFlagRule):
    """## What it does
    Flags `apt-get install` (and `upgrade`, `remove`, `purge`, `autoremove`, ...)
    run without `-y`. It accepts `-y` in any spelling: `-y`, `-qy`, `--yes`,
    `--assume-yes`, `-qq` or `-q=2` (which imply it), `-o APT::Get::Assume-Yes=true`, and
    a call fed by `yes |`. An earlier RUN or COPY that writes an `apt.conf` file, or a
    command earlier in the same RUN that writes one, also silences it, since that file may
    set the option for every call.
    `RUN <<EOF` scripts and `ONBUILD RUN` triggers are checked too.

    ## Why is this bad?
    A build has no one to answer apt's "Do you want to continue?" prompt, so
    apt-get aborts as soon as it would ask, and the build fails.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Fix safety
    The fix inserts `-y` right after the subcommand. It is safe: it only answers
    the prompt the build could not answer. It is not offered for exec-form RUNs.

    ## References
    - [apt-get(8)](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    - [Docker: best practices for RUN and apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    """

    code = "LK120"
    name = "apt-get-missing-yes"
    summary = "`apt-get install` without `-y` stops at a prompt the build cannot answer"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3014",)
    tool_names = ("apt-get",)
    subcommands = APT_PROMPTING
    takes_value = APT_TAKES_VALUE
    accepted = ("-y", "--yes", "--assume-yes")
    fix_flag = "-y"
    message_template = (
        "{call} runs without '-y'; the build cannot answer apt's confirmation prompt, so add '-y'"
    )

    def satisfied(self, run: RunInfo, call: Invocation) -> bool:
        """Quiet level 2 (``-qq``), ``Assume-Yes`` config, or ``yes |`` answer the prompt."""
        if simulates(call):
            return True
        quiet = 0
        for name, value, word in call.view._options(self.takes_value):
            if name in ("-q", "--quiet"):
                level = _SHORT_QUIET_LEVEL.fullmatch(word.value)
                if level is not None:  # apt's own `-q=2` spelling of a level
                    quiet += int(level.group(1))
                    continue
                quiet += int(value) if value is not None and value.isdigit() else 1
        if quiet >= 2 or option_set(call, "APT::Get::Assume-Yes", _TRUE):
            return True
        return fed_by_yes(run, call.command) or apt_config_before(run, call, "Assume-Yes")

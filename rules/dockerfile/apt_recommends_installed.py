"""LK121 apt-recommends-installed: ``apt-get install`` without ``--no-install-recommends``."""

from __future__ import annotations

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.fixers.dockerfile_edits import insert_after_word
from lintkit.rule import FileKind, FixAvailability

from ._apt import APT_TAKES_VALUE, apt_config_before, option_set, simulates
from ._run_commands import Invocation, MissingFlagRule, RunInfo

_FALSE = ("0", "false", "no", "off")


class AptRecommendsInstalled(MissingFlagRule):
    """## What it does
    Flags `apt-get install` without `--no-install-recommends` (or
    `-o APT::Install-Recommends=false`). An earlier RUN or COPY that writes an
    `apt.conf` file silences it, and so does a command earlier in the same RUN
    that writes one (`echo 'APT::Install-Recommends "false";' >
    /etc/apt/apt.conf.d/…` before the install), since that file may turn
    recommends off for every later call.

    ## Why is this bad?
    By default apt also installs every package the requested ones merely
    *recommend*: documentation, optional tools, sometimes whole language
    runtimes. They make the image larger and widen its attack surface while the
    application rarely needs them.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Fix safety
    The fix inserts `--no-install-recommends` right after `install`. It is
    **unsafe**: packages that were installed as recommendations are no longer
    installed, and the image may have relied on one of them (CA certificates
    are a common case). Check the build and add such packages explicitly.

    ## References
    - [apt-get(8): --no-install-recommends](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    - [Docker: best practices for apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    """

    code = "LK121"
    name = "apt-recommends-installed"
    summary = "`apt-get install` without `--no-install-recommends` pulls in extra packages"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL3015",)
    tool_names = ("apt-get",)
    subcommands = ("install",)
    takes_value = APT_TAKES_VALUE
    accepted = ("--no-install-recommends",)
    message_template = (
        "{call} also installs recommended packages; add '--no-install-recommends' "
        "to keep the image small"
    )

    def satisfied(self, run: RunInfo, call: Invocation) -> bool:
        """Recommends turned off by ``-o`` or by an apt.conf written before the call."""
        if simulates(call) or option_set(call, "APT::Install-Recommends", _FALSE):
            return True
        if any(value.lower() in _FALSE for value in call.option_values("--install-recommends")):
            return True
        return apt_config_before(run, call, "Install-Recommends")

    def problem(self, run: RunInfo, call: Invocation, message: str) -> Problem:
        """The finding with an unsafe fix (see Fix safety)."""
        if run.exec_form:
            return Problem(call.subcommand.range, message, unfixable_reason="exec-form RUN")
        edit = insert_after_word(call.subcommand, "--no-install-recommends")
        return Problem(
            call.subcommand.range, message, fix=Fix.unsafe("Add `--no-install-recommends`", edit)
        )

"""LK141 wget-progress-bar: ``wget`` without a quieter progress setting floods the build log."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._pkg import APK_TAKES_VALUE
from ._run_commands import RunInfo, invocation, iter_runs

LOG = logging.getLogger(__name__)

#: wget options that take a value (so their value is not read as more options).
WGET_TAKES_VALUE = frozenset(
    {"-O", "-o", "-a", "-P", "-t", "-T", "-U", "-e", "-i", "-B", "-w", "-Q", "-l", "-A"}
    | {"-R", "-D", "-I", "-X", "--header", "--user", "--password", "--output-document"}
    | {"--directory-prefix", "--tries", "--timeout", "--user-agent", "--post-data"}
)
#: Options that make wget quiet or send its progress elsewhere.
QUIET = (
    "--progress",
    "-q",
    "--quiet",
    "-nv",
    "--no-verbose",
    "-o",
    "--output-file",
    "-a",
    "--append-output",
    "--show-progress",
)


class WgetProgressBar(Rule):
    """## What it does
    Flags `wget` calls in RUN instructions that neither choose a progress style
    (`--progress=dot:giga`, `--progress=bar:force`) nor quiet wget (`-q`, `-nv`,
    `--no-verbose`) nor send its messages to a file (`-o`, `-a`). A `-q`
    combined with other short options (`-qO-`) counts. `ONBUILD RUN` triggers
    and `RUN <<EOF` scripts are checked too.

    On Alpine and BusyBox stages (the base image's name says so, or the stage
    runs `apk`) `wget` is BusyBox's unless `apk add wget` installed GNU wget
    before it; BusyBox wget prints a single progress line and rejects
    `--progress`, so those calls are left alone.

    ## Why is this bad?
    Without a terminal, wget prints a line of dots for every few kilobytes:
    downloading a large file writes thousands of lines into the build log,
    which hides the output that matters and can hit log size limits in CI.

    ## Example
    ```dockerfile
    RUN wget https://example.com/tool.tar.gz
    ```

    ## Use instead
    ```dockerfile
    RUN wget --progress=dot:giga https://example.com/tool.tar.gz
    ```
    or `wget -q` / `wget -nv` when the progress is not wanted at all.

    ## References
    - [GNU Wget manual: --progress](https://www.gnu.org/software/wget/manual/wget.html#index-progress-indicator)
    """

    code = "LK141"
    name = "wget-progress-bar"
    summary = "`wget` without `-q`, `-nv` or `--progress` floods the build log"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3047",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each noisy wget call, on its command name."""
        runs = list(iter_runs(dockerfile))
        for run in runs:
            for command in run.commands:
                if command.name != "wget" or command.name_word is None:
                    continue
                if command.has_option(*QUIET, takes_value=WGET_TAKES_VALUE):
                    continue
                # ``-nv`` is one option, not ``-n -v``: the generic reader splits it.
                if any(word.value == "-nv" for word in command.args):
                    continue
                if _busybox_wget(runs, run, command):
                    LOG.debug("wget at %s is BusyBox's: left alone", command.name_word.range.start)
                    continue
                yield Problem(
                    command.name_word.range,
                    "wget prints its progress line by line into the build log; add "
                    "'--progress=dot:giga' (or '-q'/'-nv')",
                )


def _busybox_wget(runs: list[RunInfo], run: RunInfo, command: SimpleCommand) -> bool:
    """Whether ``command`` most likely runs BusyBox's wget rather than GNU wget.

    True on an Alpine/BusyBox stage (base image name, or any ``apk`` call in the stage
    chain) where no ``apk add wget`` ran before ``command``.
    """
    chain = run.stage.chain()
    base = chain[-1].image.expanded.lower()
    alpine = "alpine" in base or "busybox" in base
    # LIMITATION: a base image that already ships GNU wget under an Alpine name (a custom
    # base built FROM alpine) is taken for BusyBox, so its noisy calls are missed.
    chain_runs = [other for other in runs if other.stage in chain and not other.onbuild]
    # RUNs of the chain in file order (which is build order), up to the command itself.
    for other in chain_runs:
        for candidate in other.commands:
            if other is run and candidate is command:
                break
            if candidate.name != "apk":
                continue
            alpine = True
            call = invocation(candidate, ("apk",), ("add",), APK_TAKES_VALUE)
            if call is not None and any(
                word.value == "wget" or word.value.startswith(("wget=", "wget~", "wget<", "wget>"))
                for word in call.operands
            ):
                return False
        if other is run:
            break
    if not alpine:
        # ``apk`` later in the stage still tells the distribution.
        alpine = any(other.name == "apk" for each in chain_runs for other in each.commands)
    return alpine

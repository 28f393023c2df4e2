"""LK141 wget-progress-bar: ``wget`` without a quieter progress setting floods the build log."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs

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
        for run in iter_runs(dockerfile):
            for command in run.commands:
                if command.name != "wget" or command.name_word is None:
                    continue
                if command.has_option(*QUIET, takes_value=WGET_TAKES_VALUE):
                    continue
                # ``-nv`` is one option, not ``-n -v``: the generic reader splits it.
                if any(word.value == "-nv" for word in command.args):
                    continue
                yield Problem(
                    command.name_word.range,
                    "wget prints its progress line by line into the build log; add "
                    "'--progress=dot:giga' (or '-q'/'-nv')",
                )

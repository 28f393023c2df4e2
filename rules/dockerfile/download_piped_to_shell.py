"""LK302 download-piped-to-shell: ``curl … | sh`` runs whatever the server sends."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.source import Range

from ._run_commands import RunInfo, iter_runs

DOWNLOADERS = frozenset({"curl", "wget"})
SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"})
#: Interpreters that run a script read from stdin when given no script (or ``-``).
INTERPRETERS = re.compile(r"(python[0-9.]*|perl|ruby|node|php)$")


def _reads_stdin(command: SimpleCommand) -> bool:
    """Whether a shell or interpreter command runs a script from its standard input."""
    name = command.name or ""
    if name in SHELLS:
        if command.has_option("-c"):
            return False
        operands = [word for word in command.args if not word.value.startswith("-")]
        return not operands or command.has_option("-s")
    if INTERPRETERS.match(name):
        operands = [
            word for word in command.args if word.value == "-" or not word.value.startswith("-")
        ]
        return not operands or operands[0].value == "-"
    return False


class DownloadPipedToShell(Rule):
    r"""## What it does
    Flags RUN commands that run a script straight from the network:
    `curl … | sh`, `wget -qO- … | bash`, `curl … | sudo bash -`,
    `curl … | python3 -`, `sh -c "$(curl …)"` and `bash <(curl …)`.
    A download saved to a file and then run is left alone: that leaves room
    for a checksum or signature check in between.

    ## Why is this bad?
    The build runs whatever the server (or anyone between it and you) sends
    at that moment, with the build's privileges, without any check. The
    script can change from one build to the next, so builds are neither
    reproducible nor reviewable, and a compromised download site compromises
    the image.

    ## Example
    ```dockerfile
    RUN curl -fsSL https://example.com/install.sh | sh
    ```

    ## Use instead
    Download a pinned version, check it against a known checksum, then run it:
    ```dockerfile
    RUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \
        && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
        && sh /tmp/install.sh && rm /tmp/install.sh
    ```
    or use the tool's package or a release archive verified with `ADD --checksum`.

    ## References
    - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    - [OpenSSF: Scorecard pinned dependencies](https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies)
    """

    code = "LK302"
    name = "download-piped-to-shell"
    summary = "A script downloaded by curl or wget is piped straight into a shell"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each download run as a script without a check."""
        for run in iter_runs(dockerfile):
            if run.exec_form:
                continue
            yield from self._pipes(run)
            yield from self._substitutions(run)
            yield from self._process_substitutions(run)

    def _pipes(self, run: RunInfo) -> Iterator[Problem]:
        for script in run.scripts:
            top = [command for command in script.commands if not command.in_substitution]
            for index, command in enumerate(top):
                if command.connector not in ("|", "|&") or not _reads_stdin(command):
                    continue
                # Walk left along the pipeline to find the download.
                position = index - 1
                while position >= 0:
                    left = top[position]
                    if left.name in DOWNLOADERS and left.range is not None:
                        end = command.range
                        assert end is not None
                        yield Problem(
                            Range(left.range.start, end.end),
                            _message(left.name or "", command.name or ""),
                        )
                        break
                    if left.connector not in ("|", "|&"):
                        break
                    position -= 1

    def _substitutions(self, run: RunInfo) -> Iterator[Problem]:
        for script in run.scripts:
            commands = script.commands
            for command in commands:
                if command.name not in SHELLS or command.in_substitution:
                    continue
                word = command.option_word("-c")
                if word is None:
                    continue
                # The script is the word after -c (or -c's attached value).
                args = command.args
                position = next(i for i, w in enumerate(args) if w is word)
                target = args[position + 1] if position + 1 < len(args) else None
                if target is None or not target.has_expansion:
                    continue
                inner = [
                    other
                    for other in commands
                    if other.in_substitution
                    and other.name in DOWNLOADERS
                    and other.range is not None
                    and target.range.contains(other.range)
                ]
                if inner and command.range is not None:
                    yield Problem(command.range, _message(inner[0].name or "", command.name or ""))

    def _process_substitutions(self, run: RunInfo) -> Iterator[Problem]:
        # ``bash <(curl …)``: the shell reads the download as its script file.
        for script in run.scripts:
            commands = script.commands
            for command in commands:
                if command.name not in SHELLS or command.in_substitution:
                    continue
                for word in command.args:
                    if not word.raw.startswith("<("):
                        continue
                    inner = [
                        other
                        for other in commands
                        if other.in_substitution
                        and other.name in DOWNLOADERS
                        and other.range is not None
                        and word.range.contains(other.range)
                    ]
                    if inner and command.name_word is not None:
                        where = Range(command.name_word.range.start, word.range.end)
                        yield Problem(where, _message(inner[0].name or "", command.name or ""))
                        break


def _message(tool: str, shell: str) -> str:
    return (
        f"A script downloaded with {tool} is run by {shell} without any check, so the build "
        "runs whatever the server sends; download it to a file, verify its checksum or "
        "signature, then run it"
    )

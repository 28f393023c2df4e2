"""LK145 wget-and-curl-both-used: one stage downloads with both wget and curl."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs

TOOLS = ("wget", "curl")


class WgetAndCurlBothUsed(Rule):
    """## What it does
    Flags, within one stage, each use of `wget` or `curl` when the other tool
    was used first in that stage: every call of the tool that came second is
    reported. Installing either package is not a use; only running it is.

    ## Why is this bad?
    Both tools do the same job here. Needing both means two packages (and
    their libraries) in the image where one would do, and two sets of flags to
    get right (`curl -f`, `wget -q`).

    ## Example
    ```dockerfile
    RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
    RUN wget -q https://example.com/b.tgz
    ```

    ## Use instead
    ```dockerfile
    RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
    RUN curl -fsSLO https://example.com/b.tgz
    ```

    ## References
    - [Docker: best practices, minimize packages](https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages)
    """

    code = "LK145"
    name = "wget-and-curl-both-used"
    summary = "A stage runs both `wget` and `curl`; one download tool is enough"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL4001",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag uses of the tool a stage took up second."""
        uses: dict[int, list[tuple[str, ShellWord]]] = {}
        for run in iter_runs(dockerfile):
            for command in run.commands:
                if command.name in TOOLS and command.name_word is not None:
                    uses.setdefault(run.stage.index, []).append((command.name, command.name_word))
        for found in uses.values():
            first_tool, first_word = found[0]
            if all(tool == first_tool for tool, _ in found):
                continue
            line = first_word.range.start.line + 1
            for tool, word in found:
                if tool == first_tool:
                    continue
                yield Problem(
                    word.range,
                    f"'{tool}' is used here although this stage already uses '{first_tool}' "
                    f"(line {line}); download with one tool so the image needs only one",
                )

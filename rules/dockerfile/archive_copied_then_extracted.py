"""LK284 archive-copied-then-extracted: COPY of a tarball that a later RUN unpacks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.shell import SimpleCommand, commands_of
from lintkit.dockerfile.syntax import Copy, Instruction, Run, Word
from lintkit.rule import FileKind, Rule, RuleContext

# Local archives ADD unpacks by itself: tar, plain or compressed (not zip).
_TARBALL = re.compile(
    r"\.(?:tar|tar\.(?:gz|bz2|xz|zst|lz|lzma)|tgz|tbz2?|txz|tzst)$", re.IGNORECASE
)


class ArchiveCopiedThenExtracted(Rule):
    """## What it does
    Flags a `COPY` of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`,
    …) when a later `RUN` of the same stage unpacks that file with `tar`
    (under its own name, or under the file name the `COPY` gives it).
    Copies from other stages (`--from`) and zip files are left alone, since
    `ADD` does not unpack those.

    ## Why is this bad?
    The archive is stored in the layer the `COPY` creates even if the `RUN`
    deletes it afterwards, so the image carries both the archive and its
    contents. `ADD` unpacks a local tar archive in one step, without keeping
    the archive.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    COPY vendor.tar.gz /tmp/
    RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ADD vendor.tar.gz /opt/
    ```

    ## References
    - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    """

    code = "LK284"
    name = "archive-copied-then-extracted"
    summary = "Tar archive copied in, then unpacked by `RUN`; `ADD` unpacks it"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3010",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Pair local tarball COPYs with later ``tar -x`` of the same file."""
        for stage in dockerfile.stages:
            yield from _check_stage(dockerfile, stage)


def _check_stage(dockerfile: Dockerfile, stage: Stage) -> Iterator[Problem]:
    for position, instruction in enumerate(stage.instructions):
        if not isinstance(instruction, Copy) or instruction.flag("from") is not None:
            continue
        renamed = _renamed_to(instruction)
        for source in instruction.sources:
            name = _basename(source.value)
            if "$" in source.value or not _TARBALL.search(name):
                continue
            names = {name} if renamed is None else {name, renamed}
            line = _extracting_run(dockerfile, stage.instructions[position + 1 :], names)
            if line is not None:
                yield _problem(source, name, line)


def _renamed_to(instruction: Copy) -> str | None:
    """The file name a single source gets when the destination is a file path.

    ``COPY app.tar.gz /tmp/vendor.tgz`` stores the archive as ``vendor.tgz``, which is
    the name a later ``tar`` call uses. A destination ending in ``/`` is a folder.
    """
    destination = instruction.destination
    if len(instruction.sources) != 1 or destination is None:
        return None
    value = destination.value
    if "$" in value or value.endswith("/"):
        return None
    name = _basename(value)
    return name if _TARBALL.search(name) else None


def _problem(source: Word, name: str, line: int) -> Problem:
    return Problem(
        source.range,
        f"'{name}' is copied in and then unpacked by the RUN on line {line}, so the image "
        "keeps the archive too; ADD unpacks a local tar archive in one step",
    )


def _extracting_run(
    dockerfile: Dockerfile, following: Sequence[Instruction], names: set[str]
) -> int | None:
    for instruction in following:
        if not isinstance(instruction, Run):
            continue
        for command in commands_of(dockerfile.run_scripts(instruction)):
            if _extracts(command, names):
                return instruction.range.start.line + 1
    return None


def _extracts(command: SimpleCommand, names: set[str]) -> bool:
    if command.name != "tar" or not command.args:
        return False
    first = command.args[0].value
    extracting = command.has_option("-x", "--extract", "--get") or (
        not first.startswith("-") and "x" in first and first.isalpha()
    )
    return extracting and any(_basename(arg.value) in names for arg in command.args)


def _basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]

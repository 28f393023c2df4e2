"""LK304 world-writable-permissions: ``chmod 777`` and friends give every user write access."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.dockerfile.syntax import CopyLike, Instruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.source import Range

from ._run_commands import RunInfo, iter_runs

_OCTAL = re.compile(r"[0-7]{3,4}")
_SYMBOLIC_CLAUSE = re.compile(r"([ugoa]*)([-+=])([rwxXstugo]*)")


def world_writable(mode: str) -> bool:
    """Whether a chmod mode gives others write access without the sticky bit.

    The sticky bit (``1777``, ``+t``) is the right way to share a directory such as
    ``/tmp``, so it is not flagged.
    """
    if _OCTAL.fullmatch(mode):
        digits = mode.zfill(4)
        special, others = int(digits[0]), int(digits[3])
        return bool(others & 2) and not special & 1
    writable = False
    sticky = False
    for clause in mode.split(","):
        match = _SYMBOLIC_CLAUSE.fullmatch(clause)
        if not match:
            return False
        who, operator, perms = match.groups()
        if "t" in perms and operator in "+=":
            sticky = True
        # A clause without "who" follows the umask, which normally withholds o+w.
        if ("o" in who or "a" in who) and "w" in perms and operator in "+=":
            writable = True
    return writable and not sticky


class WorldWritablePermissions(Rule):
    """## What it does
    Flags permission modes that let every user write: `chmod 777`, `chmod 666`,
    `chmod -R o+w`, `chmod a+rwx`, `mkdir -m 777`, `install -m 777`, and
    `COPY --chmod=777` / `ADD --chmod=777`. Modes with the sticky bit
    (`chmod 1777 /shared`) are left alone: that is how a shared directory such
    as `/tmp` is meant to be set up. So is a `chmod` of paths that the same RUN
    deletes later (a scratch folder shared with another build user).

    ## Why is this bad?
    Any process in the container, whatever user it runs as, can then change
    those files: a compromised low-privilege process can rewrite the
    application's code or configuration, and files written with such modes are
    a common step in privilege escalation. Usually only the user the
    application runs as needs write access.

    ## Example
    ```dockerfile
    RUN chmod -R 777 /app
    ```

    ## Use instead
    Give the files to the user that needs them:
    ```dockerfile
    RUN chown -R app:app /app && chmod -R u+rwX,go-w /app
    ```
    or `COPY --chown=app:app . /app`.

    ## References
    - [chmod(1)](https://man7.org/linux/man-pages/man1/chmod.1.html)
    - [Dockerfile reference: COPY --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    """

    code = "LK304"
    name = "world-writable-permissions"
    summary = "A file mode such as 777 lets every user in the container write the files"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag chmod/mkdir -m/install -m and COPY/ADD --chmod modes writable by others."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                mode_word = _mode_word(command.name, command.args, command)
                if mode_word is None or mode_word.has_expansion:
                    continue
                if world_writable(mode_word.value) and not _removed_later(run, command):
                    option = "" if command.name == "chmod" else "-m "
                    label = f"{command.name} {option}{mode_word.value}"
                    yield Problem(mode_word.range, _message(label))
        for outer in dockerfile.instructions:
            instruction: Instruction | None = outer
            if isinstance(outer, Onbuild):
                instruction = outer.trigger
            if not isinstance(instruction, CopyLike):
                continue
            flag = instruction.flag("chmod")
            if flag is None or flag.value is None or "$" in flag.value:
                continue
            if world_writable(flag.value):
                where: Range = flag.value_range or flag.range
                yield Problem(where, _message(f"{instruction.keyword} --chmod={flag.value}"))


def _removed_later(run: RunInfo, command: SimpleCommand) -> bool:
    """Whether every path the command changes is deleted later in the same RUN.

    ``tempDir="$(mktemp -d)"; chmod 777 "$tempDir"; …; rm -rf "$tempDir"`` opens a
    scratch folder to another build user; nothing of it reaches the image.
    """
    targets = [word.raw for word in command.args if not word.value.startswith("-")][1:]
    if not targets:
        return False
    removed = {
        word.raw
        for later in run.commands_after(command)
        if later.name == "rm"
        for word in later.args
    }
    return all(target in removed for target in targets)


def _mode_word(name: str | None, args: list[ShellWord], command: object) -> ShellWord | None:
    if name == "chmod":
        for word in args:
            value = word.value
            if value.startswith("--") or (
                value.startswith("-") and not _SYMBOLIC_CLAUSE.fullmatch(value)
            ):
                continue  # options such as -R, -v, --reference=…
            return word
        return None
    if name in ("mkdir", "install"):
        for index, word in enumerate(args):
            if word.value in ("-m", "--mode") and index + 1 < len(args):
                return args[index + 1]
            if word.value.startswith("--mode="):
                return _suffix(word, len("--mode="))
            if word.value.startswith("-m") and len(word.value) > 2 and word.value[2:].isdigit():
                return _suffix(word, 2)
    return None


def _suffix(word: ShellWord, skip: int) -> ShellWord:
    """The part of ``word`` after ``skip`` characters, as its own word (for the range)."""
    return ShellWord(
        raw=word.raw[skip:],
        value=word.value[skip:],
        has_expansion=word.has_expansion,
        start=word.start + skip,
        end=word.end,
        ranger=word.ranger,
        known_range=word.known_range,
    )


def _message(what: str) -> str:
    return (
        f"'{what}' lets every user in the container write these files; give them to the "
        "user that needs them (chown, COPY --chown) and drop write access for others"
    )

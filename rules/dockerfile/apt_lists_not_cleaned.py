"""LK122 apt-lists-not-cleaned: ``apt-get update`` leaves package lists in the image."""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand
from lintkit.fixers.dockerfile_edits import append_to_chain, has_compound_commands
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

from ._apt import APT_TAKES_VALUE, APT_TOOLS
from ._run_commands import (
    RunInfo,
    covers,
    final_image_stages,
    has_cache_mount,
    invocation,
    iter_runs,
    removes_path,
    runs_script,
)

LOG = logging.getLogger(__name__)

LISTS = "/var/lib/apt/lists"
CLEANUP = "&& rm -rf /var/lib/apt/lists/*"
#: apt subcommands that read the package lists an earlier `apt-get update` wrote.
READS_LISTS = (
    *("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source"),
    *("download", "reinstall", "safe-upgrade", "search", "show", "policy", "madison"),
)


class AptListsNotCleaned(Rule):
    r"""## What it does
    Flags `apt-get update` (also `apt update`, `aptitude update`) in a RUN that
    does not remove `/var/lib/apt/lists` afterwards (`rm -rf /var/lib/apt/lists/*`,
    `rm -r` of a folder above it such as `rm -rf /var/lib`, or `apt-get
    distclean`). Only stages that end up in the image are checked:
    the last stage and the stages it is built `FROM`; a builder stage whose
    files are only copied from is left alone. A RUN with a cache or tmpfs mount
    on `/var/lib/apt/lists` (or a parent directory) is fine: the lists never
    reach the layer. `RUN <<EOF` scripts and `ONBUILD RUN` triggers are checked.

    ## Why is this bad?
    The package lists take tens of megabytes. Removing them in a later RUN does
    not help: they stay in the earlier layer. They are also stale by the next
    build, so keeping them buys nothing.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*
    ```
    or, with BuildKit:
    ```dockerfile
    RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
        apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Fix safety
    The fix appends ` && rm -rf /var/lib/apt/lists/*` to the `&&` chain of the
    last apt command of the RUN, on that command's last line (continuations and
    comment lines are kept). It is safe: it is not offered when a later RUN of
    the stage (or of a stage built `FROM` it, or an `ONBUILD RUN` trigger)
    installs packages before running `apt-get update` itself (`RUN apt-get
    update` then `RUN apt-get install`), which would then find no lists; nor
    when the apt command sits inside `if`/`for`/`case`/subshell structures,
    reads a here-document, or the RUN
    is in exec form.

    ## References
    - [Docker: best practices for apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK122"
    name = "apt-lists-not-cleaned"
    summary = "`apt-get update` without removing `/var/lib/apt/lists` in the same RUN"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3009",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag the update of each RUN that keeps the lists."""
        shipped = final_image_stages(dockerfile)
        for run in iter_runs(dockerfile):
            if run.stage.index not in shipped and not run.onbuild:
                continue
            if has_cache_mount(run.instruction, covers(LISTS)):
                continue
            yield from self._check_run(run)

    def _check_run(self, run: RunInfo) -> Iterator[Problem]:
        commands = run.commands
        update = None
        for position, command in enumerate(commands):
            call = invocation(command, APT_TOOLS, ("update",), APT_TAKES_VALUE)
            if call is None:
                continue
            later = commands[position + 1 :]
            if any(_cleans(other) or runs_script(other) for other in later):
                continue
            update = call
            break
        if update is None:
            return
        where = run.dockerfile.source.range(
            update.name_word.range.start.offset, update.subcommand.range.end.offset
        )
        tool = update.command.name
        message = (
            f"'{tool} update' leaves the package lists in this layer; remove them in the "
            "same RUN with 'rm -rf /var/lib/apt/lists/*' (or use a cache mount)"
        )
        fix, reason = self._fix(run)
        if fix is not None and _later_run_reads_lists(run):
            fix, reason = None, "a later RUN installs packages from these lists without an update"
        yield Problem(where, message, fix=fix, unfixable_reason=reason)

    @staticmethod
    def _fix(run: RunInfo) -> tuple[Fix | None, str | None]:
        if run.exec_form:
            return None, "exec-form RUN"
        last = None
        for command in run.commands:
            if command.name in APT_TOOLS and not command.in_substitution:
                last = command
        script = run.script_of(last) if last is not None else None
        if last is None or script is None:
            return None, "no apt command to append the cleanup to"
        if has_compound_commands(script.text) or last.depth:
            return None, "the apt command sits inside a compound command"
        edit = append_to_chain(script, last, CLEANUP)
        if edit is None:
            return None, "the cleanup cannot be appended to the apt command here"
        return Fix.safe("Append `rm -rf /var/lib/apt/lists/*`", edit), None


def _later_run_reads_lists(run: RunInfo) -> bool:
    """Whether a later RUN built on this one uses the lists before updating them again."""
    start = run.outer.range.start.offset
    for other in iter_runs(run.dockerfile):
        if other.outer.range.start.offset <= start or all(
            stage is not run.stage for stage in other.stage.chain()
        ):
            continue
        for command in other.commands:
            if invocation(command, APT_TOOLS, ("update",), APT_TAKES_VALUE) is not None:
                if other.stage is run.stage:
                    return False  # from here on the stage reads fresh lists
                break
            if invocation(command, APT_TOOLS, READS_LISTS, APT_TAKES_VALUE) is not None:
                return True
    return False


def _cleans(command: SimpleCommand) -> bool:
    if command.name == "rm":
        recursive = command.has_option("-r", "-R", "--recursive")
        return any(_removes_lists(word.value, recursive) for word in command.positional())
    if removes_path(command, (LISTS,)):
        return True
    call = invocation(command, APT_TOOLS, ("distclean", "dist-clean"), APT_TAKES_VALUE)
    return call is not None


def _removes_lists(path: str, recursive: bool) -> bool:
    """Whether removing ``path`` (a glob pattern) removes the package lists.

    That is the lists folder itself, a glob inside it (``lists/*``), or, with ``-r``, a
    folder above it (``/var/lib/apt``, ``/var/lib/*``). A named entry inside it
    (``lists/partial``) leaves the lists in place.
    """
    parts = path.rstrip("/").split("/")
    wanted = LISTS.split("/")
    if len(parts) > len(wanted) and not any(char in parts[len(wanted)] for char in "*?["):
        return False
    if len(parts) < len(wanted) and not (recursive and parts[-1]):
        return False
    pairs = zip(wanted, parts, strict=False)  # ``parts`` stops early for a parent folder
    return all(fnmatch.fnmatchcase(name, pattern) for name, pattern in pairs)

"""Shared checks of the yum, dnf and zypper rules (LK131-LK140); not a rule module."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand

from ._pkg import cache_problems, has_glob, is_archive_or_path, later_command, runs_subcommand
from ._run_commands import (
    Invocation,
    RunInfo,
    covers,
    has_cache_mount,
    mentioned_earlier,
    removes_path,
)

_VERSIONED_RE = re.compile(r"-\d")


def rpm_pinned(operand: str) -> bool:
    """``name-1.2.3`` (any ``-<digit>``), a comparison, a group, a glob, a path or an ``.rpm``."""
    if _VERSIONED_RE.search(operand) or any(mark in operand for mark in "=<>"):
        return True
    return operand.startswith("@") or has_glob(operand) or is_archive_or_path(operand, (".rpm",))


class ModuleStreamPins:
    """Mixin of the yum and dnf pin rules: ``<tool> module install NAME`` needs ``NAME:STREAM``.

    Without a stream the module's default stream is installed, which the distribution
    may change from one release to the next.
    """

    def packages(self, call: Invocation) -> list[ShellWord]:
        """Packages of ``install``; for ``module``, the modules of ``module install``."""
        if call.subcommand.value != "module":
            return call.operands
        operands = call.operands
        if not operands or operands[0].value != "install":
            return []
        return operands[1:]

    def call_label(self, call: Invocation) -> str:
        """``dnf module install`` rather than ``dnf module``."""
        if call.subcommand.value == "module":
            return f"{call.command.name} module install"
        return f"{call.command.name} {call.subcommand.value}"

    def is_pinned(self, operand: str) -> bool:
        """A versioned package, or a module with a stream (``nodejs:20``).

        LIMITATION: a module with a profile but no stream (``nodejs/common``) reads as a
        path and is left alone.
        """
        return ":" in operand or rpm_pinned(operand)

    def hint(self, operand: str, call: Invocation) -> str:
        """``name-<version>`` for a package, ``name:<stream>`` for a module."""
        if call.subcommand.value == "module":
            return f"'{operand.split('/', 1)[0]}:<stream>'"
        return f"'{operand}-<version>'"


def zypper_pinned(operand: str) -> bool:
    """A comparison (``=``, ``<``, ``>``), a glob, a path or an ``.rpm`` file."""
    if any(mark in operand for mark in "=<>") or has_glob(operand):
        return True
    return is_archive_or_path(operand, (".rpm",))


def assumes_yes(run: RunInfo, setting: str) -> bool:
    """Whether an earlier RUN/heredoc writes the tool's assume-yes setting to a config file."""
    return mentioned_earlier(
        run, f"rpm:{setting}", lambda text: setting in text.replace(" ", "").lower()
    )


def uncleaned(
    dockerfile: Dockerfile,
    names: tuple[str, ...],
    subcommands: tuple[str, ...],
    takes_value: frozenset[str],
    cache_dirs: tuple[str, ...],
    clean_tools: tuple[str, ...],
    clean_words: tuple[tuple[str, ...], ...],
) -> Iterator[tuple[RunInfo, Invocation]]:
    """Calls whose cache stays in a shipped layer: no cache mount, no later clean or rm."""

    def cleans(command: SimpleCommand) -> bool:
        if removes_path(command, cache_dirs):
            return True
        return any(runs_subcommand(command, clean_tools, *words) for words in clean_words)

    def kept(run: RunInfo, call: Invocation) -> bool:
        if has_cache_mount(run.instruction, covers(*cache_dirs)):
            return False
        return not later_command(run, call, cleans)

    yield from cache_problems(dockerfile, names, subcommands, takes_value, kept)


def cache_problem(call: Invocation, cleanup: str) -> Problem:
    """The finding of a *-cache-not-cleaned rule, on the subcommand word."""
    return Problem(
        call.subcommand.range,
        f"{call.command.name} {call.subcommand.value} leaves its package cache in this layer; "
        f"run '{cleanup}' at the end of the same RUN (or use a cache mount)",
    )

"""Shared checks of the yum, dnf and zypper rules (LK131-LK140); not a rule module."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand

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

"""Shared machinery for the rules that read the shell commands of RUN instructions.

Not a rule module (it is not listed in ``rules/__init__.py``): it holds what the
package-manager, cache and shell-usage rules (LK120-LK199) have in common:

- :func:`iter_runs` walks every RUN, ONBUILD RUN triggers included, skipping RUNs whose
  shell is not POSIX (PowerShell, cmd) because their text is not shell.
- :func:`mount_targets` / :func:`has_cache_mount` read ``RUN --mount=type=cache,...``.
- :func:`final_image_stages` says which stages end up in the built image.
- :func:`invocation` finds ``<tool> <subcommand>`` calls (``python -m pip install`` too)
  and splits their arguments into options and operands.
- Base classes for the three common rule shapes: an operand without a version pin
  (:class:`UnpinnedPackageRule`), a missing non-interactive flag
  (:class:`MissingFlagRule`) and a package cache left in the image.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar

from lintkit.diagnostics import Fix, Problem
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.shell import ShellScript, ShellWord, SimpleCommand
from lintkit.dockerfile.syntax import CopyLike, Env, Instruction, Onbuild
from lintkit.fixers.dockerfile_edits import insert_after_word
from lintkit.records import record, replace
from lintkit.rule import Rule, RuleContext

LOG = logging.getLogger(__name__)

_FIRST_MENTION: weakref.WeakKeyDictionary[Stage, dict[str, int]] = weakref.WeakKeyDictionary()
_CHAIN_TEXTS: weakref.WeakKeyDictionary[Stage, tuple[list[str], dict[int, int]]] = (
    weakref.WeakKeyDictionary()
)

NON_POSIX_SHELLS = frozenset({"pwsh", "powershell", "cmd", "pwsh.exe", "powershell.exe", "cmd.exe"})
_WINDOWS_IMAGE_RE = re.compile(r"(windows|nanoserver|servercore)", re.IGNORECASE)


@record(frozen=False)
class RunInfo:
    """One RUN to check: the instruction (an ONBUILD's trigger for ``ONBUILD RUN``)."""

    dockerfile: Dockerfile
    stage: Stage
    instruction: Instruction
    outer: Instruction
    scripts: list[ShellScript]

    @property
    def onbuild(self) -> bool:
        """Whether this RUN is an ONBUILD trigger (it runs in images built FROM this one)."""
        return self.outer is not self.instruction

    @property
    def exec_form(self) -> bool:
        """Whether the RUN is in exec (JSON) form; edits of its words would break the JSON."""
        return self.instruction.exec_form is not None

    @property
    def commands(self) -> list[SimpleCommand]:
        """Every simple command of the RUN, in order (heredoc scripts after the RUN line)."""
        return list(self._commands())

    def _commands(self) -> list[SimpleCommand]:
        # Built once (rules ask for it many times); callers get copies.
        cached: list[SimpleCommand] | None = self.__dict__.get("_all_commands")
        if cached is None:
            cached = [command for script in self.scripts for command in script.commands]
            self.__dict__["_all_commands"] = cached
        return cached

    def _tool_commands(self, names: tuple[str, ...]) -> list[SimpleCommand]:
        """Commands that may be calls of ``names`` (see :func:`tool_view`), in order.

        A superset of the commands :func:`tool_view` accepts, found through an index of
        the RUN's commands by program name built once.
        """
        memo: dict[tuple[str, ...], list[SimpleCommand]] = self.__dict__.setdefault(
            "_tool_memo", {}
        )
        cached = memo.get(names)
        if cached is not None:
            return cached
        index: dict[str, list[int]] | None = self.__dict__.get("_by_name")
        commands = self._commands()
        if index is None:
            index = {}
            for position, command in enumerate(commands):
                name = command.name
                if name is None:
                    continue
                index.setdefault(name, []).append(position)
                if _PIP_RE.match(name) or _PYTHON_RE.match(name):
                    index.setdefault(_PIP_LIKE, []).append(position)
            self.__dict__["_by_name"] = index
        found: list[int] = []
        lists = 0
        for name in names + ((_PIP_LIKE,) if "pip" in names else ()):
            positions = index.get(name)
            if positions:
                found.extend(positions)
                lists += 1
        if lists > 1:
            found = sorted(set(found))
        cached = memo[names] = [commands[position] for position in found]
        return cached

    def script_of(self, command: SimpleCommand) -> ShellScript | None:
        """The script holding ``command``."""
        for script in self.scripts:
            if any(other is command for other in script.commands):
                return script
        return None

    def commands_after(self, command: SimpleCommand) -> list[SimpleCommand]:
        """Commands of the same RUN that come after ``command``."""
        commands = self.commands
        for index, other in enumerate(commands):
            if other is command:
                return commands[index + 1 :]
        return []


def shell_is_posix(shell: Sequence[str]) -> bool:
    """Whether a SHELL (exec-form list) runs a POSIX-like shell."""
    if not shell:
        return True
    program = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    return program not in NON_POSIX_SHELLS


def _windows_stage(dockerfile: Dockerfile, stage: Stage) -> bool:
    # A Windows image with the default shell runs cmd, whose syntax the shell reader
    # would misread; the backtick escape and the image name are the usual signs.
    if any(instruction.keyword == "SHELL" for s in stage.chain() for instruction in s.instructions):
        return False
    image = stage.chain()[-1].image.expanded
    if _WINDOWS_IMAGE_RE.search(image):
        return True
    # The backtick escape alone does not make a Windows file (it is legal anywhere),
    # but with a Microsoft registry image it almost always does.
    return dockerfile.escape == "`" and "mcr.microsoft.com" in image.lower()


def iter_runs(dockerfile: Dockerfile, *, onbuild: bool = True) -> Iterator[RunInfo]:
    """Every RUN of every stage with its shell scripts (ONBUILD RUN triggers too).

    RUNs run by a non-POSIX shell (SHELL ["pwsh", ...], Windows images) are skipped.
    The list is built once per file: dozens of rules walk it.
    """
    runs: list[RunInfo] | None = dockerfile.memo.get("runs")
    if runs is None:
        runs = dockerfile.memo["runs"] = list(_collect_runs(dockerfile))
    return iter(runs if onbuild else [run for run in runs if not run.onbuild])


def _collect_runs(dockerfile: Dockerfile) -> Iterator[RunInfo]:
    for stage in dockerfile.stages:
        windows = _windows_stage(dockerfile, stage)
        for outer in stage.instructions:
            instruction: Instruction | None = outer
            if isinstance(outer, Onbuild):
                instruction = outer.trigger
            if instruction is None or instruction.keyword != "RUN":
                continue
            shell = stage.shell_before(outer)
            if not shell_is_posix(shell) or (windows and instruction.exec_form is None):
                LOG.debug("skipping RUN at %s: not a POSIX shell", instruction.range.start)
                continue
            scripts = dockerfile.run_scripts(instruction)
            yield RunInfo(dockerfile, stage, instruction, outer, scripts)


def mount_targets(instruction: Instruction, types: Iterable[str] = ("cache", "tmpfs")) -> list[str]:
    """Targets of the ``--mount`` flags of the given types (``type=cache,target=/x``)."""
    wanted = set(types)
    targets: list[str] = []
    for value in instruction.flag_values("mount"):
        fields: dict[str, str] = {}
        for part in value.split(","):
            key, _, item = part.partition("=")
            fields[key.strip().lower()] = item.strip().strip("\"'")
        kind = fields.get("type", "bind")
        target = fields.get("target") or fields.get("dst") or fields.get("destination")
        if kind in wanted and target:
            targets.append(target.rstrip("/") or "/")
    return targets


def has_cache_mount(instruction: Instruction, matches: Callable[[str], bool]) -> bool:
    """Whether a cache or tmpfs mount of ``instruction`` has a target ``matches`` accepts."""
    return any(matches(target) for target in mount_targets(instruction))


def covers(*paths: str) -> Callable[[str], bool]:
    """A matcher accepting a mount target that is one of ``paths`` or a parent directory of one."""

    def matches(target: str) -> bool:
        return any(path == target or path.startswith(target.rstrip("/") + "/") for path in paths)

    return matches


def final_image_stages(dockerfile: Dockerfile) -> set[int]:
    """Indexes of the stages whose layers end up in the final image (the last and its bases)."""
    if not dockerfile.stages:
        return set()
    return {stage.index for stage in dockerfile.stages[-1].chain()}


def stage_env(run: RunInfo) -> dict[str, str | None]:
    """ENV values in force for the RUN (parent stages included); ``None`` for unknown values."""
    variables: dict[str, str | None] = {}
    for stage in reversed(run.stage.chain()):
        for instruction in stage.instructions:
            if stage is run.stage and instruction is run.outer:
                break
            if isinstance(instruction, Env):
                for pair in instruction.pairs:
                    variables[pair.key] = pair.value
    return variables


def _chain_texts(stage: Stage) -> tuple[list[str], dict[int, int]]:
    """Texts of RUNs, heredocs and COPY destinations along a stage chain, oldest first,
    and the position of each instruction of ``stage`` in that list; cached per stage.
    """
    cached = _CHAIN_TEXTS.get(stage)
    if cached is None:
        texts: list[str] = []
        positions: dict[int, int] = {}
        for current in reversed(stage.chain()):
            for instruction in current.instructions:
                if current is stage:
                    positions[id(instruction)] = len(texts)
                parts = [instruction.arguments] if instruction.keyword == "RUN" else []
                if isinstance(instruction, CopyLike) and instruction.destination is not None:
                    parts.append(instruction.destination.value)
                parts.extend(heredoc.body for heredoc in instruction.heredocs)
                texts.append("\n".join(parts))
        cached = _CHAIN_TEXTS[stage] = (texts, positions)
    return cached


def mentioned_earlier(run: RunInfo, key: str, test: Callable[[str], bool]) -> bool:
    """Whether an earlier RUN, heredoc or COPY destination in the stage chain passes ``test``.

    Used to notice tool configuration written to files earlier (``apt.conf`` snippets).
    ``key`` names the test: the first passing position is cached under it per stage, so
    asking for every RUN of a long file stays linear.
    """
    texts, positions = _chain_texts(run.stage)
    first = _FIRST_MENTION.setdefault(run.stage, {})
    if key not in first:
        first[key] = next((i for i, text in enumerate(texts) if test(text)), len(texts))
    return first[key] < positions.get(id(run.outer), len(texts))


def env_assigned(run: RunInfo, command: SimpleCommand, name: str) -> bool:
    """Whether ``name`` is set for ``command``: ENV, ``NAME=x cmd``, ``env NAME=x``, or export."""
    value = stage_env(run).get(name, "")
    if value is None or value:
        return True
    prefix = name + "="
    if any(word.raw.startswith(prefix) for word in command.assignments + command.prefix):
        return True
    for other in run.commands:
        if other is command:
            break
        if other.name in ("export", "declare", "typeset") and any(
            word.value.startswith(prefix) for word in other.args
        ):
            return True
        if other.name is None and any(word.raw.startswith(prefix) for word in other.assignments):
            return True
    return False


@record(frozen=False)
class Invocation:
    """A ``<tool> <subcommand> ...`` call.

    ``view`` is the command with ``args`` starting after the tool (``python -m pip``
    drops ``-m pip``); ``subcommand`` is the subcommand word; ``operands`` are the
    positional arguments after it.
    """

    command: SimpleCommand
    view: SimpleCommand
    subcommand: ShellWord
    operands: list[ShellWord]
    takes_value: frozenset[str]

    @property
    def name_word(self) -> ShellWord:
        """The word naming the tool (``apt-get``, ``pip3``, ...)."""
        assert self.command.name_word is not None
        return self.command.name_word

    def has_option(self, *names: str) -> bool:
        """Whether one of ``names`` is given anywhere in the call."""
        return self.view.has_option(*names, takes_value=self.takes_value)

    def option_values(self, *names: str) -> list[str]:
        """Values of every occurrence of ``names``."""
        wanted = set(names)
        options = self.view._options(self.takes_value | wanted)
        return [value or "" for name, value, _ in options if name in wanted]


_PIP_RE = re.compile(r"pip(\d+(\.\d+)*)?$")
_PYTHON_RE = re.compile(r"python(\d+(\.\d+)*)?$")
# Index key of commands that may run pip under another name (``pip3``, ``python -m pip``).
_PIP_LIKE = "\0pip"
# Types whose ``in`` needs no conversion to a set.
_COLLECTIONS = (tuple, frozenset, set, list)


def tool_view(command: SimpleCommand, names: Iterable[str]) -> SimpleCommand | None:
    """The command seen as a call of one of ``names`` (``pip`` matches ``pip3`` too).

    ``python -m pip ...`` counts as ``pip``.
    """
    name = command.name
    if name is None:
        return None
    wanted = names if type(names) in _COLLECTIONS else set(names)
    if name in wanted:
        return command
    if "pip" in wanted:
        if _PIP_RE.match(name):
            return command
        args = command.args
        if (
            _PYTHON_RE.match(name)
            and len(args) >= 2
            and args[0].value == "-m"
            and _PIP_RE.match(args[1].value)
        ):
            # One view per command, so that its parsed options are computed once.
            view: SimpleCommand | None = command.__dict__.get("_pip_view")
            if view is None:
                view = command.__dict__["_pip_view"] = replace(command, args=args[2:])
            return view
    return None


def invocation(
    command: SimpleCommand,
    names: Iterable[str],
    subcommands: Iterable[str],
    takes_value: Iterable[str] = (),
) -> Invocation | None:
    """Return the call if ``command`` runs one of ``names`` with one of ``subcommands``."""
    view = tool_view(command, names)
    if view is None:
        return None
    valued = frozenset(takes_value)
    positional = view._positional(valued)
    if not positional:
        return None
    wanted = subcommands if type(subcommands) in _COLLECTIONS else set(subcommands)
    if positional[0].value not in wanted:
        return None
    return Invocation(command, view, positional[0], positional[1:], valued)


def find_invocations(
    run: RunInfo,
    names: Iterable[str],
    subcommands: Iterable[str],
    takes_value: Iterable[str] = (),
) -> Iterator[Invocation]:
    """Every call of ``names`` with one of ``subcommands`` in a RUN."""
    names = tuple(names)
    subcommands = tuple(subcommands)
    valued = frozenset(takes_value)
    # Many rules look for the same calls: find them once per RUN.
    memo: dict[tuple[tuple[str, ...], tuple[str, ...], frozenset[str]], list[Invocation]] = (
        run.__dict__.setdefault("_invocations", {})
    )
    key = (names, subcommands, valued)
    calls = memo.get(key)
    if calls is None:
        calls = []
        for command in run._tool_commands(names):
            found = invocation(command, names, subcommands, valued)
            if found is not None:
                calls.append(found)
        memo[key] = calls
    return iter(calls)


_OPTION_VARIABLE_RE = re.compile(r"\$\{?[A-Za-z_]*(OPT|FLAG|ARG)", re.IGNORECASE)


def options_from_variable(call: Invocation) -> bool:
    """Whether the call takes options from a variable (``$APT_OPTS``), which may hold the flag."""
    return any(
        word.has_expansion and _OPTION_VARIABLE_RE.search(word.raw) for word in call.view.args
    )


def word_is_literal(word: ShellWord) -> bool:
    """Whether a word holds no expansion and no glob, so its value is what runs."""
    return not word.has_expansion and "$" not in word.value


class UnpinnedPackageRule(Rule):
    """Base: flag each operand of ``<tool> <subcommand>`` that carries no version.

    Subclasses set the tool names, subcommands, options taking a value and
    :meth:`is_pinned`; ``tool_label`` is the call shown in the message.
    """

    abstract = True
    tool_names: ClassVar[tuple[str, ...]]
    subcommands: ClassVar[tuple[str, ...]] = ("install",)
    takes_value: ClassVar[frozenset[str]] = frozenset()
    pin_hint: ClassVar[str]

    def is_pinned(self, operand: str) -> bool:
        """Whether an operand names a version or something that is not a registry package."""
        raise NotImplementedError

    def package_name(self, operand: str) -> str:
        """The package name shown in the pin hint (subclasses strip tags)."""
        return operand

    def skip_call(self, call: Invocation) -> bool:
        """Whether the whole call is pinned in another way (a version option, a file)."""
        return False

    def call_label(self, call: Invocation) -> str:
        """The call as the message names it (``pip install``)."""
        return f"{call.command.name} {call.subcommand.value}"

    def hint(self, operand: str, call: Invocation) -> str:
        """How to pin ``operand`` of ``call``, shown in the message."""
        return self.pin_hint.format(package=self.package_name(operand))

    def packages(self, call: Invocation) -> list[ShellWord]:
        """The operands that name packages (subclasses drop words passed on to others)."""
        return call.operands

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each unpinned operand."""
        for run in iter_runs(dockerfile):
            for call in find_invocations(run, self.tool_names, self.subcommands, self.takes_value):
                if self.skip_call(call):
                    continue
                label = self.call_label(call)
                for operand in self.packages(call):
                    if not word_is_literal(operand) or self.is_pinned(operand.value):
                        continue
                    hint = self.hint(operand.value, call)
                    yield Problem(
                        operand.range,
                        f"{label} of '{operand.value}' has no version pin; "
                        f"write {hint} so that a rebuild installs the same version",
                    )


class MissingFlagRule(Rule):
    """Base: flag ``<tool> <subcommand>`` calls lacking any of ``accepted`` options.

    With a fix, ``fix_flag`` is inserted right after the subcommand word.
    """

    abstract = True
    tool_names: ClassVar[tuple[str, ...]]
    subcommands: ClassVar[tuple[str, ...]] = ("install",)
    takes_value: ClassVar[frozenset[str]] = frozenset()
    accepted: ClassVar[tuple[str, ...]]
    fix_flag: ClassVar[str | None] = None
    message_template: ClassVar[str]

    def satisfied(self, run: RunInfo, call: Invocation) -> bool:
        """Whether the call is fine in another way (hook for subclasses)."""
        return False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each call without the flag (on its subcommand word)."""
        for run in iter_runs(dockerfile):
            for call in find_invocations(run, self.tool_names, self.subcommands, self.takes_value):
                if call.has_option(*self.accepted) or self.satisfied(run, call):
                    continue
                if options_from_variable(call):
                    continue
                label = f"{call.command.name} {call.subcommand.value}"
                yield self.problem(run, call, self.message_template.format(call=label))

    def problem(self, run: RunInfo, call: Invocation, message: str) -> Problem:
        """The finding for one call (a safe fix inserting ``fix_flag`` when set)."""
        return flag_problem(run, call, message, self.fix_flag)


def flag_problem(run: RunInfo, call: Invocation, message: str, flag: str | None) -> Problem:
    """A problem on the subcommand word, with a fix inserting ``flag`` after it if given."""
    if flag is None:
        return Problem(call.subcommand.range, message)
    if run.exec_form:
        return Problem(
            call.subcommand.range,
            message,
            unfixable_reason="exec-form RUN: the flag must be added as a JSON string by hand",
        )
    fix = Fix.safe(f"Add `{flag}`", insert_after_word(call.subcommand, flag))
    return Problem(call.subcommand.range, message, fix=fix)


_SCRIPT_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "source", "."})


def runs_script(command: SimpleCommand) -> bool:
    """Whether ``command`` runs a script file whose content lintkit cannot see.

    ``bash /tmp/setup.sh``, ``./install.sh``, ``/usr/local/bin/cleanup``: such a script
    may clean caches itself, so cache rules give the RUN the benefit of the doubt.
    """
    word = command.name_word
    if word is None:
        return False
    if command.name in _SCRIPT_SHELLS:
        return any(
            not arg.value.startswith("-") for arg in command.args
        ) and not command.has_option("-c")
    return word.value.endswith(".sh") or word.value.startswith(("./", "/tmp/", "/scripts/"))


def removes_path(command: SimpleCommand, prefixes: Sequence[str]) -> bool:
    """Whether ``command`` is an ``rm`` (or ``find ... -delete``) of a path under ``prefixes``."""
    if command.name not in ("rm", "find"):
        return False
    if command.name == "find" and not any(
        word.value in ("-delete", "-exec") for word in command.args
    ):
        return False
    for word in command.args:
        value = (
            word.value.replace("${HOME}", "/root").replace("$HOME", "/root").replace("~", "/root")
        )
        if any(value.startswith(prefix) for prefix in prefixes):
            return True
    return False

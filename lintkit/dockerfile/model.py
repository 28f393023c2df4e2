"""The build model: stages, images and variables on top of the syntax tree.

Rules get a :class:`Dockerfile`: its ``stages`` say which instructions belong
to which ``FROM``, what image each stage starts from (after expanding global
ARGs the way Docker does) and which earlier stage it builds on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from lintkit.dockerfile.parser import parse_syntax
from lintkit.dockerfile.shell import ShellScript, run_scripts
from lintkit.dockerfile.syntax import (
    Arg,
    Directive,
    DockerfileSyntax,
    Env,
    From,
    Instruction,
    Word,
)
from lintkit.images import split_image
from lintkit.records import field, record
from lintkit.source import Range, SourceText

LOG = logging.getLogger(__name__)

DEFAULT_SHELL = ("/bin/sh", "-c")
"""The shell Docker uses for shell-form RUN/CMD/ENTRYPOINT on Linux."""

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def expand(
    text: str, variables: Mapping[str, str | None], escape: str = "\\"
) -> tuple[str, tuple[str, ...]]:
    """Expand variables and remove quotes in one word, as Docker does for FROM, COPY, ENV, ...

    Supports ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
    ``${VAR:+alt}``, ``${VAR+alt}``; single quotes keep text literal and an
    escaped ``$`` (with the file's escape character) is a literal dollar.

    Args:
        text: the word as written.
        variables: known names; a value of ``None`` means declared without a
            known value (e.g. ``ARG NAME`` without a default).
        escape: the Dockerfile's escape character.

    Returns:
        The expanded text (unknown variables expand to the empty string, or to
        their default) and the names whose value is not known, in order of use.
    """
    out: list[str] = []
    unresolved: list[str] = []
    index = 0
    length = len(text)
    in_double = False

    def note(name: str) -> None:
        if name not in unresolved:
            unresolved.append(name)

    def lookup(name: str) -> str | None:
        value = variables.get(name)
        if value is None:
            note(name)
        return value

    while index < length:
        char = text[index]
        if char == "'" and not in_double:
            end = text.find("'", index + 1)
            end = length if end == -1 else end
            out.append(text[index + 1 : end])
            index = end + 1
            continue
        if char == '"':
            in_double = not in_double
            index += 1
            continue
        if char == escape:
            if index + 1 < length:
                following = text[index + 1]
                if in_double and following not in ('"', "$", escape):
                    out.append(char)
                out.append(following)
            index += 2
            continue
        if char != "$" or index + 1 >= length:
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if following == "{":
            close = _closing_brace(text, index + 2)
            if close == -1:
                out.append(text[index:])
                break
            inner = text[index + 2 : close]
            index = close + 1
            match = _NAME_RE.match(inner)
            if not match:
                out.append("${" + inner + "}")
                continue
            name = match.group()
            operator = inner[match.end() :]
            value = lookup(name)
            if not operator:
                out.append(value or "")
                continue
            word_expanded, word_unresolved = expand(_op_word(operator), variables, escape)
            for other in word_unresolved:
                note(other)
            is_set = name in variables and variables[name] is not None
            if operator.startswith(":-"):
                out.append(value if value else word_expanded)
            elif operator.startswith("-"):
                out.append(value or "" if is_set else word_expanded)
            elif operator.startswith(":+"):
                out.append(word_expanded if value else "")
            elif operator.startswith("+"):
                out.append(word_expanded if is_set else "")
            else:
                # ${VAR:?msg}, ${VAR#x} etc.: Docker supports few of these; keep the value.
                out.append(value or "")
            continue
        match = _NAME_RE.match(text, index + 1)
        if match:
            out.append(lookup(match.group()) or "")
            index = match.end()
            continue
        out.append(char)
        index += 1
    return "".join(out), tuple(unresolved)


def _op_word(operator: str) -> str:
    if operator.startswith((":-", ":+", ":?")):
        return operator[2:]
    return operator[1:]


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    index = start
    while index < len(text):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


@record
class ImageRef:
    """The image a FROM names: as written and after ARG expansion.

    ``registry`` is set only when the reference names one explicitly (a first
    path part with ``.`` or ``:``, or ``localhost``); ``repository`` is the rest
    without tag and digest. ``unresolved`` lists variables whose value is not
    known here, in which case the parts describe a best guess only.
    """

    raw: str
    expanded: str
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None
    unresolved: tuple[str, ...]
    range: Range

    @property
    def is_scratch(self) -> bool:
        """Whether the image is ``scratch`` (the empty base)."""
        return self.expanded.lower() == "scratch"

    @classmethod
    def parse(cls, word: Word, variables: Mapping[str, str | None], escape: str = "\\") -> ImageRef:
        """Build the reference of a FROM image word."""
        expanded, unresolved = expand(word.raw, variables, escape)
        name = split_image(expanded)
        return cls(
            raw=word.raw,
            expanded=expanded,
            registry=name.registry,
            repository=name.repository,
            tag=name.tag,
            digest=name.digest,
            unresolved=unresolved,
            range=word.range,
        )


@record(frozen=False, eq=False)
class Stage:
    """One build stage: a FROM and the instructions up to the next FROM."""

    index: int
    name: str | None
    name_word: Word | None
    from_instruction: From
    image: ImageRef
    parent: Stage | None
    instructions: list[Instruction] = field(default_factory=list)
    is_final: bool = False
    escape: str = "\\"

    def chain(self) -> list[Stage]:
        """This stage and the stages it builds on, nearest first."""
        result: list[Stage] = []
        stage: Stage | None = self
        while stage is not None and stage not in result:
            result.append(stage)
            stage = stage.parent
        return result

    def _last(self, keyword: str) -> Instruction | None:
        for stage in self.chain():
            for instruction in reversed(stage.instructions):
                if instruction.keyword == keyword:
                    return instruction
        return None

    def shell(self) -> tuple[str, ...]:
        """The SHELL in force at the end of the stage (inherited from parent stages)."""
        instruction = self._last("SHELL")
        if instruction is not None and instruction.exec_form:
            return instruction.exec_form
        return DEFAULT_SHELL

    def shell_before(self, target: Instruction) -> tuple[str, ...]:
        """The SHELL in force for ``target`` (an instruction of this stage)."""
        shells = self.__dict__.get("_shells")
        if shells is None:
            # One pass for all instructions: rules ask this for every RUN.
            current = self.parent.shell() if self.parent is not None else DEFAULT_SHELL
            shells = []
            for instruction in self.instructions:
                shells.append(current)
                if instruction.keyword == "SHELL" and instruction.exec_form:
                    current = instruction.exec_form
            shells.append(current)
            self.__dict__["_shells"] = shells
        result: tuple[str, ...] = shells[self._position(target)]
        return result

    def _position(self, target: Instruction) -> int:
        """Index of ``target`` in this stage (the stage's length when it is not here)."""
        positions = self.__dict__.get("_positions")
        if positions is None:
            positions = {id(item): index for index, item in enumerate(self.instructions)}
            self.__dict__["_positions"] = positions
        index: int = positions.get(id(target), len(self.instructions))
        return index

    def _before(self, target: Instruction) -> list[Instruction]:
        return self.instructions[: self._position(target)]

    def workdir(self) -> str | None:
        """The WORKDIR at the end of the stage, relative ones joined; ``None`` if never set here."""
        parts: list[str] = []
        for stage in self.chain():
            for instruction in reversed(stage.instructions):
                if instruction.keyword == "WORKDIR" and instruction.words:
                    value = instruction.words[0].value
                    parts.append(value)
                    if value.startswith("/") or re.match(r"[A-Za-z]:", value):
                        return _join_paths(reversed(parts))
        return _join_paths(reversed(parts)) if parts else None

    def user(self) -> str | None:
        """The USER at the end of the stage (inherited); ``None`` when never set (root)."""
        instruction = self._last("USER")
        if instruction is None or not instruction.words:
            return None
        return instruction.words[0].value

    def env_names(self) -> set[str]:
        """Names set by ENV in this stage or the stages it builds on."""
        names: set[str] = set()
        for stage in self.chain():
            for instruction in stage.instructions:
                if isinstance(instruction, Env):
                    names.update(pair.key for pair in instruction.pairs)
        return names

    def variables_before(
        self, target: Instruction | None, global_args: Mapping[str, str | None]
    ) -> dict[str, str | None]:
        """Variables usable in ``target`` (or at the end of the stage when ``None``).

        ENV values come from this stage and its parents; ARGs only when declared
        in this stage before ``target`` (a bare ``ARG NAME`` takes the global
        default). Values are as written (not expanded); ``None`` means unknown.
        """
        variables: dict[str, str | None] = {}
        for stage in reversed(self.chain()[1:]):
            for instruction in stage.instructions:
                if isinstance(instruction, Env):
                    for pair in instruction.pairs:
                        variables[pair.key] = pair.value
        declarations = self.__dict__.get("_declarations")
        if declarations is None:
            declarations = [
                (index, item)
                for index, item in enumerate(self.instructions)
                if isinstance(item, (Env, Arg))
            ]
            self.__dict__["_declarations"] = declarations
        limit = self._position(target) if target is not None else len(self.instructions)
        for index, instruction in declarations:
            if index >= limit:
                break
            if isinstance(instruction, Env):
                for pair in instruction.pairs:
                    variables[pair.key] = pair.value
            elif isinstance(instruction, Arg):
                for pair in instruction.pairs:
                    if pair.value is not None:
                        variables[pair.key] = pair.value
                    elif pair.key not in variables:
                        variables[pair.key] = global_args.get(pair.key)
        return variables


def _join_paths(parts: Iterable[str]) -> str:
    result = ""
    for text in parts:
        if text.startswith("/") or re.match(r"[A-Za-z]:", text) or not result:
            result = text
        else:
            result = result.rstrip("/") + "/" + text
    return result


@record(frozen=False, eq=False)
class Dockerfile:
    """A parsed Dockerfile with its stages."""

    source: SourceText
    syntax: DockerfileSyntax
    directives: dict[str, Directive]
    instructions: tuple[Instruction, ...]
    global_args: dict[str, str | None]
    global_arg_instructions: list[Arg]
    stages: list[Stage]
    _scripts: dict[int, list[ShellScript]] = field(default_factory=dict, repr=False)
    #: Derived data that several rules share, computed once per file (keyed by the helper's name).
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def escape(self) -> str:
        r"""The escape character (``\\`` or ``` ` ```)."""
        return self.syntax.escape

    @property
    def syntax_directive(self) -> str | None:
        """The value of ``# syntax=`` if given."""
        directive = self.directives.get("syntax")
        return directive.value if directive else None

    def stage_named(self, name: str) -> Stage | None:
        """Return the stage called ``name`` (case-insensitive)."""
        wanted = name.lower()
        for stage in self.stages:
            if stage.name == wanted:
                return stage
        return None

    def stage_for_reference(self, text: str, before_stage: int | None = None) -> Stage | None:
        """Resolve ``COPY --from=<text>`` / ``FROM <text>`` to an earlier stage, or ``None``.

        A number is a stage index; a name matches case-insensitively. Only stages
        before ``before_stage`` count (all stages when it is ``None``); anything
        else is an image name.
        """
        limit = len(self.stages) if before_stage is None else before_stage
        if text.isdigit():
            number = int(text)
            return self.stages[number] if number < limit else None
        wanted = text.lower()
        for stage in reversed(self.stages[:limit]):
            if stage.name == wanted:
                return stage
        return None

    def run_scripts(self, instruction: Instruction) -> list[ShellScript]:
        """The shell scripts of a RUN (see :func:`lintkit.dockerfile.shell.run_scripts`), cached."""
        key = id(instruction)
        cached = self._scripts.get(key)
        if cached is None:
            cached = run_scripts(instruction, self.source)
            self._scripts[key] = cached
        return cached

    def stage_of(self, instruction: Instruction) -> Stage | None:
        """The stage holding ``instruction`` (``None`` for global ARGs)."""
        offset = instruction.range.start.offset
        found = None
        for stage in self.stages:
            if stage.from_instruction.range.start.offset <= offset:
                found = stage
        return found


def parse_dockerfile(source: SourceText) -> Dockerfile:
    """Parse a Dockerfile and build its stages.

    Raises:
        ParseError: when Docker would not accept the file.
    """
    syntax = parse_syntax(source)
    escape = syntax.escape
    global_args: dict[str, str | None] = {}
    global_arg_instructions: list[Arg] = []
    stages: list[Stage] = []
    current: Stage | None = None
    for instruction in syntax.instructions:
        if isinstance(instruction, From):
            if instruction.image is None:  # pragma: no cover - the parser refuses it
                continue
            image = ImageRef.parse(instruction.image, global_args, escape)
            name_word = instruction.stage_name
            name = name_word.value.lower() if name_word is not None else None
            parent = None
            if not image.unresolved:
                wanted = image.expanded.lower()
                for stage in reversed(stages):
                    if stage.name == wanted:
                        parent = stage
                        break
            current = Stage(
                index=len(stages),
                name=name,
                name_word=name_word,
                from_instruction=instruction,
                image=image,
                parent=parent,
                escape=escape,
            )
            stages.append(current)
        elif current is None:
            if isinstance(instruction, Arg):
                global_arg_instructions.append(instruction)
                for pair in instruction.pairs:
                    if pair.value is not None:
                        # LIMITATION: pair.value is already unquoted, so an escaped
                        # ``\$`` in a default is expanded here; rare in global ARGs.
                        value, _ = expand(pair.value, global_args, escape)
                        global_args[pair.key] = value
                    else:
                        global_args.setdefault(pair.key, None)
            else:
                LOG.debug("instruction %s before the first FROM", instruction.keyword)
        else:
            current.instructions.append(instruction)
    if stages:
        stages[-1].is_final = True
    return Dockerfile(
        source=source,
        syntax=syntax,
        directives={directive.name: directive for directive in syntax.directives},
        instructions=syntax.instructions,
        global_args=global_args,
        global_arg_instructions=global_arg_instructions,
        stages=stages,
    )

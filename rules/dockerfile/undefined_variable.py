"""LK280 undefined-variable: ``$NAME`` used where no ARG or ENV defines it."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage, expand
from lintkit.dockerfile.syntax import Arg, CopyLike, Env, Instruction, KeyValueInstruction
from lintkit.records import record
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.dockerfile._instruction_checks import (
    BUILDKIT_ARGS,
    PLATFORM_ARGS,
    PROXY_ARGS,
    did_you_mean,
    used_bare,
)
from lintkit.source import Range

LOG = logging.getLogger(__name__)

# Instructions whose arguments Docker expands (RUN, CMD and ENTRYPOINT are left to the shell).
_WORD_KEYWORDS = frozenset({"WORKDIR", "USER", "VOLUME", "STOPSIGNAL"})
# Names that base images commonly set with ENV; never flagged when the base is an image.
_COMMON_IMAGE_ENV = frozenset(
    {
        "PATH",
        "HOME",
        "HOSTNAME",
        "USER",
        "SHELL",
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "TERM",
        "TZ",
        "PWD",
        "JAVA_HOME",
        "GOPATH",
        "GOROOT",
        "CARGO_HOME",
        "RUSTUP_HOME",
        "GEM_HOME",
        "BUNDLE_PATH",
        "BUNDLE_APP_CONFIG",
        "NVM_DIR",
        "CONDA_DIR",
        "PHP_INI_DIR",
        "APP_ROOT",
        "HOME_DIR",
        "CATALINA_HOME",
        "NGINX_VERSION",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "DEBIAN_FRONTEND",
        "JAVA_VERSION",
        "YARN_VERSION",
        "PIP_VERSION",
        "PYTHON_PIP_VERSION",
        "GPG_KEY",
    }
)


@record
class _Use:
    name: str
    range: Range


class UndefinedVariable(Rule):
    """## What it does
    Flags `$NAME` / `${NAME}` in instructions that Docker expands itself
    (`COPY`, `ADD`, `WORKDIR`, `USER`, `VOLUME`, `STOPSIGNAL`, `ENV`, `LABEL` and
    `ARG` defaults) when `NAME` is clearly not defined at that point:

    - a global `ARG` (declared before the first `FROM`) that the stage does not
      declare again: global arguments are only visible in `FROM` lines;
    - a platform argument such as `TARGETARCH` that the stage does not declare;
    - a name that this stage defines only later, or an `ARG` whose default
      refers to itself (`ARG X=${X}`: the default is always empty);
    - in a stage built from `scratch` (or from stages built from it), any name
      no `ARG` or `ENV` defines.

    Uses with an operator (`${NAME:-default}`, `${NAME:+alt}`) are meant for an
    unset variable and are fine. Shell-form `RUN`, `CMD` and `ENTRYPOINT` are
    left to the shell. A stage
    built from an image inherits that image's environment, which lintkit cannot
    see, so other names are not flagged there, nor names base images commonly
    set (`PATH`, `HOME`, `JAVA_HOME`, …) or that start with the image's name
    (`NODE_VERSION` in a stage built from `node`).

    ## Why is this bad?
    Docker expands an undefined variable to an empty string without any error:
    `COPY app-${VERSION}.jar /app.jar` becomes `COPY app-.jar /app.jar`, and a
    `WORKDIR $APP_DIR` silently becomes `/`. The build fails later with a
    confusing message, or succeeds with files in the wrong place.

    ## Example
    ```dockerfile
    ARG VERSION=1.4.2
    FROM eclipse-temurin:21-jre
    COPY target/app-${VERSION}.jar /app.jar
    ```

    ## Use instead
    ```dockerfile
    ARG VERSION=1.4.2
    FROM eclipse-temurin:21-jre
    ARG VERSION
    COPY target/app-${VERSION}.jar /app.jar
    ```

    ## References
    - [Dockerfile reference: ARG scope](https://docs.docker.com/reference/dockerfile/#scope)
    - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    - [Build checks: UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
    """

    code = "LK280"
    name = "undefined-variable"
    summary = "Variable used where no `ARG` or `ENV` defines it"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("UndefinedVar",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Walk each stage, tracking the names ARG and ENV define."""
        for stage in dockerfile.stages:
            yield from self._check_stage(dockerfile, stage)

    def _check_stage(self, dockerfile: Dockerfile, stage: Stage) -> Iterator[Problem]:
        chain = stage.chain()
        from_image = not chain[-1].image.is_scratch
        base_words = _image_words(chain[-1].image.repository) if from_image else set()
        defined: set[str] = set()
        for parent in chain[1:]:
            for instruction in parent.instructions:
                defined.update(_defines(instruction))
        later: dict[str, int] = {}
        for instruction in stage.instructions:
            for name in _defines(instruction):
                later.setdefault(name, instruction.range.start.line + 1)
        global_names = set(dockerfile.global_args)
        for instruction in stage.instructions:
            same = set(_defines(instruction)) if isinstance(instruction, Env) else set()
            for use in _uses(dockerfile, instruction):
                name = use.name
                if name in defined or name in same or name in PROXY_ARGS or name in BUILDKIT_ARGS:
                    continue
                # A name the base image may set itself (node's NODE_VERSION, PATH): then
                # Docker uses the image's value, so it is not undefined.
                if from_image and _maybe_from_image(name, base_words):
                    continue
                if _own_default(instruction, use):
                    message: str | None = (
                        f"The default of ARG {name} refers to {name} itself, which is not set "
                        f"yet, so the default is always empty; write 'ARG {name}' (a "
                        "--build-arg still sets it) or give a real default"
                    )
                else:
                    message = _message(name, later, global_names, from_image, defined)
                if message is not None:
                    yield Problem(use.range, message)
            defined.update(_defines(instruction))


def _message(
    name: str,
    later: dict[str, int],
    global_names: set[str],
    from_image: bool,
    defined: set[str],
) -> str | None:
    if name in global_names:
        return (
            f"${name} is a global ARG, which is not visible inside a stage, so it is empty "
            f"here; add 'ARG {name}' to this stage before using it"
        )
    if name in PLATFORM_ARGS:
        return (
            f"${name} is empty here: Docker sets it only for FROM lines unless the stage "
            f"declares it; add 'ARG {name}' to this stage"
        )
    line = later.get(name)
    if line is not None:
        return (
            f"${name} is used before line {line} defines it, so it is empty here; move the "
            "definition up"
        )
    if from_image:
        return None
    hint = did_you_mean(name, defined | global_names)
    return (
        f"${name} is not defined by any ARG or ENV of this scratch-based stage, so it is "
        f"empty here{hint}"
    )


def _own_default(instruction: Instruction, use: _Use) -> bool:
    """Whether ``use`` sits in the default of the ARG it names (``ARG X=${X}``)."""
    if not isinstance(instruction, Arg):
        return False
    return any(
        pair.key == use.name
        and pair.value_range is not None
        and pair.value_range.start.offset <= use.range.start.offset < pair.value_range.end.offset
        for pair in instruction.pairs
    )


def _defines(instruction: Instruction) -> list[str]:
    if isinstance(instruction, (Env, Arg)):
        return [pair.key for pair in instruction.pairs]
    return []


def _image_words(repository: str) -> set[str]:
    """Upper-case words of the base image's name (``library/openjdk`` → ``OPENJDK``)."""
    last = repository.rsplit("/", 1)[-1]
    return {part.upper() for part in re.split(r"[^A-Za-z0-9]+", last) if part}


def _maybe_from_image(name: str, base_words: set[str]) -> bool:
    """Whether the base image may well define ``name`` (a common name or the image's own)."""
    if name in _COMMON_IMAGE_ENV:
        return True
    prefix = name.split("_", 1)[0]
    return prefix in base_words


def _uses(dockerfile: Dockerfile, instruction: Instruction) -> Iterator[_Use]:
    """Variables Docker expands in ``instruction``, with the range of each use."""
    text = dockerfile.source.text
    ranges: list[Range] = []
    if isinstance(instruction, CopyLike):
        ranges.extend(
            flag.value_range
            for flag in instruction.flags
            if flag.name in ("chown", "chmod") and flag.value_range is not None
        )
        ranges.extend(word.range for word in instruction.sources)
        if instruction.destination is not None:
            ranges.append(instruction.destination.range)
    elif isinstance(instruction, KeyValueInstruction):
        ranges.extend(pair.value_range for pair in instruction.pairs if pair.value_range)
    elif instruction.keyword in _WORD_KEYWORDS:
        ranges.extend(word.range for word in instruction.words)
    for where in ranges:
        raw = text[where.start.offset : where.end.offset]
        if "$" not in raw:
            continue
        _, names = expand(raw, {}, dockerfile.escape)
        for name in names:
            if used_bare(raw, name):
                yield _Use(name, _name_range(dockerfile, where, raw, name))


def _name_range(dockerfile: Dockerfile, where: Range, raw: str, name: str) -> Range:
    match = re.search(r"\$\{" + re.escape(name) + r"\b[^}]*\}?|\$" + re.escape(name) + r"\b", raw)
    if match is None:
        return where
    start = where.start.offset + match.start()
    return dockerfile.source.range(start, where.start.offset + match.end())

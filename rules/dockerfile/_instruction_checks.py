"""Helpers shared by the instruction-level rules (LK250-LK299); not a rule module."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import Instruction, Onbuild, Word
from lintkit.records import record

#: Build arguments BuildKit defines in the global scope without an ``ARG`` line.
PLATFORM_ARGS = frozenset(
    {
        "TARGETPLATFORM",
        "TARGETOS",
        "TARGETARCH",
        "TARGETVARIANT",
        "BUILDPLATFORM",
        "BUILDOS",
        "BUILDARCH",
        "BUILDVARIANT",
    }
)
#: Proxy arguments Docker passes to builds without an ``ARG`` line.
PROXY_ARGS = frozenset(
    {
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "FTP_PROXY",
        "ftp_proxy",
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
    }
)
#: Build arguments BuildKit itself reads (never passed to the image).
BUILDKIT_ARGS = frozenset(
    {
        "BUILDKIT_SBOM_SCAN_CONTEXT",
        "BUILDKIT_SBOM_SCAN_STAGE",
        "BUILDKIT_INLINE_CACHE",
        "BUILDKIT_MULTI_PLATFORM",
        "BUILDKIT_SYNTAX",
        "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
        "BUILDKIT_CACHE_MOUNT_NS",
        "BUILDKIT_DOCKERFILE_CHECK",
        "SOURCE_DATE_EPOCH",
    }
)
PREDEFINED_ARGS = PLATFORM_ARGS | PROXY_ARGS | BUILDKIT_ARGS

_VARIABLE_RE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean X?)`` suffix naming the closest candidate, or ``""``."""
    pool = sorted(set(candidates))
    import difflib  # only to suggest a spelling

    found = difflib.get_close_matches(name, pool, n=1, cutoff=0.75)
    if not found:
        lowered = {candidate.lower(): candidate for candidate in pool}
        if name.lower() in lowered:
            found = [lowered[name.lower()]]
    return f" (did you mean {found[0]}?)" if found else ""


def with_triggers(instructions: Iterable[Instruction]) -> Iterator[Instruction]:
    """Each instruction, followed by the trigger of an ``ONBUILD`` one."""
    for instruction in instructions:
        yield instruction
        if isinstance(instruction, Onbuild) and instruction.trigger is not None:
            yield instruction.trigger


def stage_instructions(dockerfile: Dockerfile) -> Iterator[tuple[Stage, Instruction]]:
    """Every instruction that belongs to a stage, with its stage, in file order."""
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            yield stage, instruction


def variable_names(text: str) -> list[str]:
    """Names referenced as ``$NAME`` or ``${NAME…}`` in ``text`` (rough; no quote handling)."""
    return [match.group(1) or match.group(2) for match in _VARIABLE_RE.finditer(text)]


def is_uniform_case(word: str) -> bool:
    """Whether ``word`` is all upper-case or all lower-case (``From`` is neither)."""
    return word in (word.upper(), word.lower())


@record
class PortSpec:
    """One ``EXPOSE`` word split as Docker does: ``[ip:][host:]container[/proto]``."""

    word: Word
    ip: str
    host: str
    container: str
    proto: str
    #: Index of the protocol in ``word.raw`` (-1 when there is none).
    proto_index: int


def expose_specs(instruction: Instruction) -> Iterator[PortSpec]:
    """The port words of an EXPOSE; words using variables are skipped (value unknown)."""
    for word in instruction.words:
        value = word.value
        if "$" in value or not value:
            continue
        spec, slash, proto = value.partition("/")
        parts = spec.split(":")
        if len(parts) == 1:
            ip, host, container = "", "", parts[0]
        elif len(parts) == 2:
            ip, host, container = "", parts[0], parts[1]
        else:
            ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
        index = word.raw.rfind("/") + 1 if slash and word.raw == value else -1
        yield PortSpec(word, ip, host, container, proto, index)


def port_range_error(text: str) -> str | None:
    """Why ``text`` (``80`` or ``8000-8010``) is not a valid port or range, else ``None``."""
    if not text:
        return "no port number"
    start, dash, end = text.partition("-")
    for part in (start, end) if dash else (start,):
        if not part.isdigit():
            return f"'{part}' is not a number"
        if int(part) > 65535:
            return f"{part} is above 65535, the highest port number"
    if dash and start != end and int(end) < int(start):
        return f"the range {text} ends before it starts"
    return None


def used_bare(raw: str, name: str) -> bool:
    """Whether ``raw`` uses ``name`` as plain ``$NAME`` or ``${NAME}``.

    Forms with an operator (``${NAME:-default}``, ``${NAME:+alt}``) are written for the
    case where the variable is unset, so they are not mistakes when it is.
    """
    escaped = re.escape(name)
    # ``${NAME:+…$NAME…}`` only reads NAME when it is set.
    raw = re.sub(rf"\$\{{{escaped}:?\+[^}}]*\}}", "", raw)
    return re.search(rf"\$(?:{escaped}(?![A-Za-z0-9_])|\{{{escaped}\}})", raw) is not None

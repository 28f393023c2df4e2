"""LK115 unsupported-dockerfile-feature: syntax newer than the declared or targeted frontend."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Add, CopyLike, Healthcheck, Instruction, Run
from lintkit.records import record
from lintkit.rule import FileKind, Option, Rule, RuleContext
from lintkit.source import Range

LOG = logging.getLogger(__name__)

Version = tuple[int, int]


@record
class Feature:
    """A piece of Dockerfile syntax and the frontend versions that accept it.

    ``stable`` is the first ``docker/dockerfile:X.Y`` release that accepts it; ``labs`` the
    first labs (or experimental) release, ``None`` when it never was labs-only.
    """

    label: str
    stable: Version
    labs: Version | None = None


# Versions from Docker's "Dockerfile release notes" (docs.docker.com/build/buildkit/
# dockerfile-release-notes/) and the moby/buildkit dockerfile/X.Y release pages. Where two
# sources disagree, the earlier version is used, so the rule errs towards silence.
HEREDOC = Feature("a here-document (<<EOF)", (1, 4), (1, 3))
RUN_MOUNT = Feature("'RUN --mount'", (1, 2), (1, 0))
RUN_NETWORK = Feature("'RUN --network'", (1, 3), (1, 2))
RUN_SECURITY = Feature("'RUN --security'", (1, 20), (1, 1))
SECRET_ENV = Feature("secret mounts with 'env='", (1, 10))
LINK = Feature("'--link'", (1, 4))
PARENTS = Feature("'COPY --parents'", (1, 20), (1, 7))
EXCLUDE = Feature("'--exclude'", (1, 19), (1, 7))
CHECKSUM = Feature("'ADD --checksum'", (1, 6), (1, 5))
KEEP_GIT_DIR = Feature("'ADD --keep-git-dir'", (1, 5), (1, 5))
GIT_SOURCE = Feature("'ADD' of a Git repository", (1, 5), (1, 5))
CHMOD = Feature("'--chmod'", (1, 2))
CHMOD_SYMBOLIC = Feature("'--chmod' with a non-octal mode", (1, 14), (1, 11))
CHECK_DIRECTIVE = Feature("the '# check=' directive", (1, 8))
START_INTERVAL = Feature("'HEALTHCHECK --start-interval'", (1, 6))

# The classic builder parses these with the same instruction parser and honours them.
CLASSIC_SUPPORTED = frozenset({START_INTERVAL})

# The Dockerfile frontend built into a Docker Engine release (its vendored BuildKit), used
# when a file has no syntax directive. Unknown newer releases take the closest older entry.
ENGINE_FRONTENDS: tuple[tuple[Version, Version], ...] = (
    ((18, 9), (1, 0)),
    ((19, 3), (1, 1)),
    ((20, 10), (1, 2)),
    ((23, 0), (1, 4)),
    ((24, 0), (1, 5)),
    ((25, 0), (1, 6)),
    ((26, 0), (1, 7)),
    ((27, 0), (1, 8)),
    ((28, 0), (1, 14)),
)

_SYNTAX_IMAGE = re.compile(
    r"^(?:docker\.io/)?docker/dockerfile(?:-upstream)?"
    r"(?::(?P<tag>[A-Za-z0-9._-]+))?(?:@sha256:[0-9a-f]+)?$"
)
_TAG = re.compile(r"^(?P<major>\d+)(?:\.(?P<minor>\d+))?(?:\.\d+)?(?:-(?P<channel>[a-z]+))?$")
_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?")
_OCTAL = re.compile(r"^[0-7]+$")
_GIT_URL = re.compile(r"^(?:git@|git://|ssh://)|^https?://[^#]*\.git(?:#.*)?$")


@record
class Frontend:
    """What the file can rely on: a version floor (``None`` = any), labs, or the classic builder."""

    description: str
    version: Version | None = None
    labs: bool = False
    classic: bool = False

    def lacks(self, feature: Feature) -> str | None:
        """Why ``feature`` is not available here (``None`` when it is)."""
        if self.classic:
            return "is not supported by the classic builder (legacy-builder = true)"
        if self.version is None:
            return None
        if self.labs and feature.labs is not None and self.version >= feature.labs:
            return None
        if self.version >= feature.stable:
            return None
        need = _show(feature.stable)
        if feature.labs is not None and feature.labs < feature.stable:
            need += f" (or {_show(feature.labs)}-labs)"
        return f"needs Dockerfile frontend {need} or newer, but {self.description}"


def _show(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def _parse_version(text: str) -> Version | None:
    match = _VERSION.match(text.strip())
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2) or 0)


def frontend_from_syntax(value: str) -> Frontend | None:
    """Read ``# syntax=`` into a frontend; ``None`` when it names no pinned Docker frontend."""
    match = _SYNTAX_IMAGE.match(value.strip())
    if match is None:
        LOG.debug("syntax %r is not docker/dockerfile: not checked", value)
        return None
    tag = match.group("tag")
    shown = f"the file declares '{value.strip()}'"
    if tag is None or tag in ("latest", "master", "labs", "master-labs", "1", "1-labs"):
        return None  # a moving tag: the newest frontend, which has everything
    if tag == "experimental":
        return Frontend(shown, (1, 1), labs=True)
    tag_match = _TAG.match(tag)
    if tag_match is None:
        return None
    if tag_match.group("minor") is None:
        return None  # `2`, `2-labs`: a whole major line, the newest of it
    channel = tag_match.group("channel")
    version = (int(tag_match.group("major")), int(tag_match.group("minor")))
    return Frontend(shown, version, labs=channel in ("labs", "experimental"))


def frontend_for(dockerfile: Dockerfile, options: dict[str, object]) -> Frontend | None:
    """The frontend the file will be built with, from the options and its syntax directive."""
    if options.get("legacy-builder") is True:
        return Frontend("the classic builder", classic=True)
    syntax = dockerfile.syntax_directive
    if syntax is not None:
        return frontend_from_syntax(syntax)
    floors: list[Frontend] = []
    engine = str(options.get("min-engine") or "")
    if engine:
        engine_version = _parse_version(engine)
        if engine_version is not None:
            if engine_version < ENGINE_FRONTENDS[0][0]:
                return Frontend(f"Docker Engine {engine} has no BuildKit", classic=True)
            bundled = max(f for e, f in ENGINE_FRONTENDS if e <= engine_version)
            floors.append(
                Frontend(
                    f"the file has no syntax directive and the project targets Docker Engine "
                    f"{engine} (built-in frontend {_show(bundled)})",
                    bundled,
                )
            )
    buildkit = str(options.get("min-buildkit") or "")
    if buildkit:
        kit = _parse_version(buildkit)
        if kit is not None:
            # BuildKit v0.8 bundled frontend 1.2, and each later minor release one more.
            minor = kit[1] - 6 if kit >= (0, 8) else (1 if kit >= (0, 6) else 0)
            bundled = (1, max(minor, 0)) if kit[0] == 0 else (1, 99)
            floors.append(
                Frontend(
                    f"the file has no syntax directive and the project targets BuildKit "
                    f"{buildkit} (built-in frontend {_show(bundled)})",
                    bundled,
                )
            )
    if not floors:
        return None
    # Both given: the newer one is what the project really guarantees.
    return max(floors, key=lambda f: f.version or (0, 0))


class UnsupportedDockerfileFeature(Rule):
    """## What it does
    Flags Dockerfile syntax that the frontend the file is built with does not understand:
    here-documents, `RUN --mount`/`--network`/`--security`, secret mounts with `env=`,
    `COPY`/`ADD --link`, `COPY --parents`, `--exclude`, `ADD --checksum`, `ADD --keep-git-dir`,
    `ADD` of a Git URL, `--chmod` (and non-octal `--chmod` modes),
    `HEALTHCHECK --start-interval` and the `# check=` directive.

    The frontend is the one a `# syntax=docker/dockerfile:X.Y` directive pins. Without a
    directive, the options say what the project builds with: `min-engine` (the frontend built
    into that Docker Engine) or `min-buildkit`; `legacy-builder` means the classic builder,
    which supports none of these. A directive with a moving tag (`1`, `1-labs`, `latest`), one
    naming another frontend, or no directive and no option: nothing is reported.

    | Feature | Stable since | Labs since |
    |---|---|---|
    | `RUN --mount` | 1.2 | 1.0-experimental |
    | `--chmod` on `COPY`/`ADD` | 1.2 | |
    | `RUN --network` | 1.3 | 1.2-labs |
    | here-documents | 1.4 | 1.3-labs |
    | `COPY --link`, `ADD --link` | 1.4 | |
    | `ADD <git URL>`, `ADD --keep-git-dir` | 1.5 | 1.5-labs |
    | `ADD --checksum` | 1.6 | 1.5-labs |
    | `HEALTHCHECK --start-interval` | 1.6 | |
    | `# check=` directive | 1.8 | |
    | secret mounts with `env=` | 1.10 | |
    | non-octal `--chmod` modes | 1.14 | 1.11-labs |
    | `--exclude` | 1.19 | 1.7-labs |
    | `COPY --parents`, `RUN --security` | 1.20 | 1.7-labs / 1.1-experimental |

    Built-in frontends assumed for `min-engine`: 18.09 → 1.0, 19.03 → 1.1, 20.10 → 1.2,
    23.0 → 1.4, 24.0 → 1.5, 25.0 → 1.6, 26.0 → 1.7, 27.0 → 1.8, 28.0 → 1.14; for
    `min-buildkit`: v0.8 → 1.2, and one frontend minor per BuildKit minor after it.

    ## Why is this bad?
    An older frontend rejects the file with a parse error ("unknown flag: link"), or worse,
    runs a here-document's body lines as instructions. The build works on the author's
    machine with a newer builder and fails in CI or for users with an older one.

    ## Example
    ```dockerfile
    # syntax=docker/dockerfile:1.2
    FROM alpine:3.20
    RUN <<EOF
    apk add --no-cache curl
    EOF
    COPY --link app /app
    ```

    ## Use instead
    ```dockerfile
    # syntax=docker/dockerfile:1.4
    FROM alpine:3.20
    RUN <<EOF
    apk add --no-cache curl
    EOF
    COPY --link app /app
    ```
    Or `# syntax=docker/dockerfile:1` to always use the newest 1.x frontend.

    ## Options
    - `min-engine` (string, default `""`): the oldest Docker Engine the project supports,
      used when the file has no syntax directive (e.g. `"20.10"`).
    - `min-buildkit` (string, default `""`): the oldest BuildKit, for the same purpose
      (e.g. `"0.12"`). With both, the newer frontend wins.
    - `legacy-builder` (bool, default `false`): the file is built with the classic builder
      (`DOCKER_BUILDKIT=0`, some CI and registry builders), which ignores syntax directives.

    ## References
    - [Dockerfile release notes](https://docs.docker.com/build/buildkit/dockerfile-release-notes/)
    - [Dockerfile frontend syntax](https://docs.docker.com/build/buildkit/frontend/)
    - [Dockerfile reference: parser directives](https://docs.docker.com/reference/dockerfile/#parser-directives)
    """

    code = "LK115"
    name = "unsupported-dockerfile-feature"
    summary = "Dockerfile syntax newer than the frontend the file is built with"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    options = (
        Option("min-engine", "", "Oldest Docker Engine version targeted (no syntax directive)"),
        Option("min-buildkit", "", "Oldest BuildKit version targeted (no syntax directive)"),
        Option("legacy-builder", False, "The file is built with the classic builder"),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Report each use of a feature the selected frontend lacks."""
        frontend = frontend_for(dockerfile, dict(context.options))
        if frontend is None:
            return
        LOG.debug("%s: checking against %s", context.path, frontend.description)
        check = dockerfile.directives.get("check")
        if check is not None and not frontend.classic:
            yield from self._report(frontend, CHECK_DIRECTIVE, check.range)
        reported: set[int] = set()
        for instruction in dockerfile.instructions:
            for feature, where in _features(instruction):
                # One finding per place: a secret mount with env= on an old frontend lacks
                # both features, but one message says enough.
                if where.start.offset in reported:
                    continue
                if frontend.classic and feature in CLASSIC_SUPPORTED:
                    continue
                for problem in self._report(frontend, feature, where):
                    reported.add(where.start.offset)
                    yield problem

    def _report(self, frontend: Frontend, feature: Feature, where: Range) -> Iterator[Problem]:
        reason = frontend.lacks(feature)
        if reason is None:
            return
        fix_hint = (
            "build with BuildKit or rewrite it"
            if frontend.classic
            else f"declare '# syntax=docker/dockerfile:{_show(feature.stable)}' or newer"
        )
        yield Problem(where, f"{_capital(feature.label)} {reason}; {fix_hint}")


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text and text[0].isalpha() else text


def _features(instruction: Instruction) -> Iterator[tuple[Feature, Range]]:
    """The versioned features ``instruction`` uses, with where each is written."""
    target = instruction
    if instruction.keyword == "ONBUILD":
        trigger = getattr(instruction, "trigger", None)
        if isinstance(trigger, Instruction):
            target = trigger
    for heredoc in target.heredocs:
        yield HEREDOC, heredoc.marker_range
    for flag in target.flags:
        name = flag.name.lower()
        if isinstance(target, Run):
            if name == "mount":
                yield RUN_MOUNT, flag.range
                parts = [part.strip().lower() for part in (flag.value or "").split(",")]
                if "type=secret" in parts and any(p.startswith("env=") for p in parts):
                    yield SECRET_ENV, flag.range
            elif name == "network":
                yield RUN_NETWORK, flag.range
            elif name == "security":
                yield RUN_SECURITY, flag.range
        elif isinstance(target, CopyLike):
            if name == "link":
                yield LINK, flag.range
            elif name == "parents" and target.keyword == "COPY":
                yield PARENTS, flag.range
            elif name == "exclude":
                yield EXCLUDE, flag.range
            elif name == "checksum" and isinstance(target, Add):
                yield CHECKSUM, flag.range
            elif name == "keep-git-dir" and isinstance(target, Add):
                yield KEEP_GIT_DIR, flag.range
            elif name == "chmod":
                value = (flag.value or "").strip("\"'")
                if value and "$" not in value and not _OCTAL.match(value):
                    yield CHMOD_SYMBOLIC, flag.value_range or flag.range
                else:
                    yield CHMOD, flag.range
        elif isinstance(target, Healthcheck) and name == "start-interval":
            yield START_INTERVAL, flag.range
    if isinstance(target, Add):
        for word in target.sources:
            if _GIT_URL.match(word.value):
                yield GIT_SOURCE, word.range

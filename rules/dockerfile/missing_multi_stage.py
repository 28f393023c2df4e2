"""LK102 missing-multi-stage: the final image is the toolchain image that built the app."""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator
from pathlib import PurePath

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile, ImageRef, Stage, expand
from lintkit.dockerfile.shell import ShellScript, SimpleCommand, parse_shell
from lintkit.dockerfile.syntax import CopyLike, Env, Healthcheck, Instruction, Run
from lintkit.fixers.dockerfile_edits import comment_block_start
from lintkit.records import record
from lintkit.rule import FileKind, FixAvailability, Option, Rule, RuleContext
from lintkit.source import SourceText

LOG = logging.getLogger(__name__)

GO_STATIC_RUNTIME = "gcr.io/distroless/static-debian12:nonroot"
"""Runtime for a Go binary built with CGO_ENABLED=0: CA certificates and tzdata, no shell."""

_JAVA_JDK = frozenset({"openjdk", "eclipse-temurin", "amazoncorretto", "sapmachine"})
_DEV_NAMES = re.compile(r"(^|[._-])(dev|devel|develop|development|test|tests|ci|debug)([._-]|$)")
_DEV_STAGES = frozenset({"dev", "devel", "develop", "development", "test", "tests", "ci", "debug"})
_PATH_DIRS = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin")
_MOVED = frozenset(
    {"CMD", "ENTRYPOINT", "USER", "EXPOSE", "HEALTHCHECK", "LABEL", "STOPSIGNAL", "VOLUME"}
)
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "fish", "pwsh", "powershell", "cmd"})
_SOURCE_EXTENSIONS = frozenset(
    {"go", "rs", "c", "cc", "cpp", "h", "hpp", "java", "kt", "scala", "csproj", "fsproj", "sln",
     "js", "ts", "tsx", "jsx", "mod", "toml", "xml", "gradle", "kts", "json"}
)  # fmt: skip
_REPL = r"(python|ruby|irb|node|php|perl|lua|ghci|iex|erl|jshell|R|bun|deno)[0-9.]*"
_KIND_NAMES = {"java": "Java", "node": "Node.js", "c": "C/C++", "dotnet": ".NET"}
_BUILD_ENV_PREFIXES = ("GO", "CGO_", "CARGO", "RUST")
"""ENV names that only steer the compiler; they are not copied to the runtime stage."""
_DEBIAN_CODENAMES = ("trixie", "bookworm", "bullseye", "buster")


@record
class _Toolchain:
    kind: str  # go, rust, java, node, c, dotnet
    image: ImageRef


@record
class _Build:
    """A build command found in the stage and, when it is known, the file it writes."""

    command: SimpleCommand
    run: Run
    text: str
    output: str | None = None
    """Absolute path of the binary (Go ``-o``), or of the directory holding it (Cargo)."""
    output_is_dir: bool = False
    static: bool = False
    """A Go build with CGO_ENABLED=0 (a binary that needs no C library)."""


class MissingMultiStage(Rule):
    """## What it does
    Flags a Dockerfile whose final stage is built from a compiler or SDK image
    (`golang`, `rust`, `maven`, `gradle`, a JDK such as `eclipse-temurin` or
    `openjdk` without `jre`, `gcc`, `buildpack-deps`, `mcr.microsoft.com/dotnet/sdk`,
    and `node` when it builds assets) and compiles or bundles the application in it
    (`go build`, `cargo build`, `mvn package`, `gradle build`, `dotnet publish`,
    `make`, `gcc`, `npm run build`, `yarn build`), then runs it from there.

    It stays silent when a later stage copies the artefacts out (the final stage
    is then another image), when the final stage builds on an earlier stage that is
    not a toolchain image, and for images whose purpose is the toolchain: a stage
    without `CMD`/`ENTRYPOINT`, one whose command is a shell or runs the toolchain
    itself (`go run`, `cargo run`, `mvn spring-boot:run`, `dotnet watch`, tests,
    `npm run dev`), a final stage named like `dev`/`test`/`ci`, a file named like
    `Dockerfile.dev` or kept in `.devcontainer/`, images with `ONBUILD` triggers,
    images whose entry point is a shell script or that implement a GitHub Action
    (an `action.yml` next to the Dockerfile), since those often run the toolchain at
    run time, and images that build only downloaded sources (nothing copied from the
    build context), such as the official language images built on `buildpack-deps`.
    An image named through an `ARG` without a default is left alone.

    ## Why is this bad?
    The image that runs in production then carries the compiler, the package
    manager, the dependency caches and the sources: hundreds of megabytes more to
    pull and store, and many more packages for scanners to report and attackers to
    use. A multi-stage build compiles in one stage and copies only the result into
    a small runtime image.

    ## Example
    ```dockerfile
    FROM golang:1.22
    WORKDIR /src
    COPY . .
    RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    EXPOSE 8080
    ENTRYPOINT ["/out/app"]
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.22 AS build
    WORKDIR /src
    COPY . .
    RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

    FROM gcr.io/distroless/static-debian12:nonroot
    COPY --from=build /out/app /out/app
    EXPOSE 8080
    ENTRYPOINT ["/out/app"]
    ```

    ## Fix safety
    The fix is unsafe, offered for Go and Rust. It names the stage `build` (or keeps
    its name), appends a runtime stage that copies the binary to the same path (or
    to `/usr/local/bin` when the command names it without a path), copies the
    stage's `ENV` settings that use no variables, and moves `CMD`, `ENTRYPOINT`,
    `USER`, `EXPOSE`, `LABEL`, `STOPSIGNAL` and `VOLUME` (with the comment lines
    above them) to it. The binary must be named by the build command (`go build -o
    /out/app`, or `cargo build --release` plus the program the command runs) and be
    what `ENTRYPOINT`/`CMD` runs; otherwise there is no fix.

    The runtime image: for Go, `gcr.io/distroless/static-debian12:nonroot` when the
    build sets `CGO_ENABLED=0` (a static binary; the image has CA certificates and
    time zones but no shell and runs as user 65532); a cgo binary gets no fix. For
    Rust, `debian:<release>-slim` for the Debian release the `rust` tag names (a
    binary built on an older release runs on a newer one, so an unnamed release
    gets `debian:trixie-slim`); Alpine-based images get no fix. The
    `runtime-image` option overrides the choice.

    It is unsafe because the runtime image lacks what the old image had: files the
    program reads at run time from the copied sources (templates, migrations,
    configuration), shared libraries such as OpenSSL, a shell for shell-form
    commands (refused for distroless), tools a `HEALTHCHECK` uses (refused), users
    created in the build stage (a named `USER` is refused). Instructions after the
    build step other than the moved ones also stop the fix.

    ## Options
    - `runtime-image` (string, default `""`): the image of the added runtime stage;
      empty chooses as described above.

    ## References
    - [Docker: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    - [Docker: building best practices, use multi-stage builds](https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds)
    - [Distroless container images](https://github.com/GoogleContainerTools/distroless)
    """

    code = "LK102"
    name = "missing-multi-stage"
    summary = "Final image built from a toolchain image that compiled the app"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    options = (
        Option(
            "runtime-image",
            "",
            "Image of the runtime stage the fix adds (empty: chosen from the toolchain)",
        ),
    )

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Look at the final stage only: it is what ships."""
        if not dockerfile.stages or _looks_like_dev_file(context):
            return
        final = dockerfile.stages[-1]
        chain = final.chain()
        root = chain[-1]
        if final.name in _DEV_STAGES:
            return
        toolchain = _toolchain(root.image)
        if toolchain is None:
            return
        instructions = [i for stage in reversed(chain) for i in stage.instructions]
        if any(instruction.keyword == "ONBUILD" for instruction in instructions):
            return
        entry = _entry(dockerfile, chain)
        if entry is None:
            LOG.debug("final stage has no CMD/ENTRYPOINT: a toolchain or base image")
            return
        if _runs_toolchain(entry):
            LOG.debug("the command runs the toolchain itself: a development image")
            return
        if entry.program.endswith(".sh") or any(
            context.read_sibling(name) is not None for name in ("action.yml", "action.yaml")
        ):
            # NOTE: a script entry point, or a GitHub Action, often runs the toolchain on
            # the user's files at run time: the toolchain is then the point of the image.
            LOG.debug("entry point is a script or the image is a GitHub Action")
            return
        builds = _builds(dockerfile, chain, toolchain)
        if not builds:
            return
        if not _copies_sources(dockerfile, chain):
            # NOTE: a build of downloaded sources (``wget … && make install``) makes a
            # distribution or base image, such as the official language images.
            LOG.debug("no sources copied from the build context: not an application build")
            return
        build = builds[-1]
        shown_image = f"'{root.image.raw}'"
        if root.image.raw != root.image.expanded:
            shown_image += f" (which resolves to '{root.image.expanded}')"
        where = "the final stage" + (f" '{final.name}'" if final.name else "")
        message = (
            f"{where[0].upper()}{where[1:]} builds with '{build.text}' on the toolchain image "
            f"{shown_image}, so the toolchain, caches and sources ship with the app; build in "
            "a separate stage and copy only the result into a small runtime image"
        )
        fix: Fix | None = None
        reason: str | None = None
        # LIMITATION: the fix splits Go and Rust builds only; Java, .NET, Node and C builds
        # are reported without a fix, since their runtime image and artefact are guesses.
        if toolchain.kind in ("go", "rust"):
            result = _fix(dockerfile, final, chain, toolchain, builds, entry, context)
            if isinstance(result, Fix):
                fix = result
            else:
                reason = result
        else:
            reason = f"the fix covers Go and Rust builds, not {_KIND_NAMES[toolchain.kind]} ones"
        assert final.from_instruction.image is not None
        yield Problem(final.from_instruction.image.range, message, fix=fix, unfixable_reason=reason)


def _looks_like_dev_file(context: RuleContext) -> bool:
    parts = [part.lower() for part in PurePath(context.path).parts]
    if ".devcontainer" in parts:
        return True
    name = parts[-1] if parts else ""
    return bool(_DEV_NAMES.search(name))


def _toolchain(image: ImageRef) -> _Toolchain | None:
    """The kind of toolchain an image is, or ``None`` for any other image."""
    if image.unresolved or image.is_scratch:
        return None
    repository = image.repository.lower()
    base = repository.rsplit("/", 1)[-1]
    tag = (image.tag or "").lower()
    registry = (image.registry or "").lower()
    if registry == "mcr.microsoft.com":
        if repository in ("dotnet/sdk", "dotnet/core/sdk"):
            return _Toolchain("dotnet", image)
        return None
    if base == "golang":
        return _Toolchain("go", image)
    if base in ("rust", "muslrust"):
        return _Toolchain("rust", image)
    if base in ("maven", "gradle"):
        return _Toolchain("java", image)
    if base in _JAVA_JDK and "jre" not in tag:
        return _Toolchain("java", image)
    if base == "ibm-semeru-runtimes" and "jdk" in tag:
        return _Toolchain("java", image)
    if base in ("gcc", "buildpack-deps"):
        return _Toolchain("c", image)
    if base == "node":
        return _Toolchain("node", image)
    return None


@record
class _Entry:
    """What the container runs: the program word and the instruction saying it."""

    program: str
    arguments: tuple[str, ...]
    instruction: Instruction
    exec_form: bool


def _entry(dockerfile: Dockerfile, chain: list[Stage]) -> _Entry | None:
    entrypoint: Instruction | None = None
    cmd: Instruction | None = None
    for stage in reversed(chain):
        for instruction in stage.instructions:
            if instruction.keyword == "ENTRYPOINT":
                entrypoint, cmd = instruction, None  # a new ENTRYPOINT resets CMD
            elif instruction.keyword == "CMD":
                cmd = instruction
    chosen = entrypoint if entrypoint is not None else cmd
    if chosen is None:
        return None
    if chosen.exec_form is not None:
        words = list(chosen.exec_form)
        if not words:
            return None
        if entrypoint is not None and cmd is not None and cmd.exec_form:
            words += list(cmd.exec_form)
        return _Entry(words[0], tuple(words[1:]), chosen, True)
    script = parse_shell(chosen.arguments)
    for command in script.commands:
        if command.name_word is not None and command.name != "exec":
            words = [command.name_word.value, *(w.value for w in command.args)]
            return _Entry(words[0], tuple(words[1:]), chosen, False)
    return None


def _copies_sources(dockerfile: Dockerfile, chain: list[Stage]) -> bool:
    """Whether the stages copy application sources from the build context."""
    for stage in chain:
        for instruction in stage.instructions:
            if not isinstance(instruction, CopyLike) or instruction.flag("from") is not None:
                continue
            for word in instruction.sources:
                value = word.value.replace("\\", "/")
                if "://" in value:
                    continue
                base = value.rstrip("/").rsplit("/", 1)[-1]
                extension = base.rsplit(".", 1)[-1].lower() if "." in base else ""
                if (
                    value in (".", "./")
                    or value.endswith("/")
                    or any(char in base for char in "*?[")
                    or ("." not in base and base[:1].islower())
                    or extension in _SOURCE_EXTENSIONS
                ):
                    return True
    return False


def _runs_toolchain(entry: _Entry) -> bool:
    """Whether the command runs a shell, a bare interpreter or the toolchain itself."""
    program = entry.program.rsplit("/", 1)[-1]
    args = [arg for arg in entry.arguments if not arg.startswith("-")]
    first = args[0] if args else ""
    if not entry.arguments and "/" not in entry.program and re.fullmatch(_REPL, program):
        return True  # an interactive interpreter: a language image, not an application
    if program in _SHELLS and not any(arg == "-c" for arg in entry.arguments):
        return True
    if program in ("sh", "bash") and "-c" in entry.arguments:
        inner = entry.arguments[entry.arguments.index("-c") + 1 :]
        if inner:
            nested = parse_shell(inner[0])
            for command in nested.commands:
                if command.name_word is not None and command.name != "exec":
                    values = tuple(w.value for w in command.args)
                    return _runs_toolchain(
                        _Entry(command.name_word.value, values, entry.instruction, True)
                    )
        return False
    dev = {
        "go": {"run", "test", "vet", "generate"},
        "cargo": {"run", "test", "watch", "bench"},
        "dotnet": {"run", "watch", "test"},
        "mvn": {"spring-boot:run", "exec:java", "test", "quarkus:dev", "jetty:run"},
        "mvnw": {"spring-boot:run", "exec:java", "test", "quarkus:dev", "jetty:run"},
        "gradle": {"bootRun", "run", "test", "quarkusDev"},
        "gradlew": {"bootRun", "run", "test", "quarkusDev"},
        "make": set(),
        "air": set(),
        "reflex": set(),
        "nodemon": set(),
    }
    if program in dev:
        wanted = dev[program]
        return not wanted or first in wanted or any(arg in wanted for arg in args)
    if program in ("npm", "yarn", "pnpm"):
        script = args[1] if first in ("run", "run-script") and len(args) > 1 else first
        return script in ("dev", "serve", "test", "watch", "develop", "storybook") or (
            script.startswith(("dev:", "test:"))
        )
    return False


def _is_build(command: SimpleCommand, kind: str) -> bool:
    name = command.name or ""
    positional = [word.value for word in command.positional()]
    first = positional[0] if positional else ""
    if kind == "go":
        if name == "go":
            return first == "build" or (
                first == "install" and not any("@" in value for value in positional)
            )
        return name == "make"
    if kind == "rust":
        if name == "cargo":
            return first in ("build", "b") or (first == "install" and command.has_option("--path"))
        return name == "make"
    if kind == "java":
        if name in ("mvn", "mvnw"):
            return any(v in ("package", "install", "verify") or v.endswith(":repackage")
                       for v in positional)  # fmt: skip
        if name in ("gradle", "gradlew"):
            return any(v.rsplit(":", 1)[-1] in ("build", "assemble", "bootJar", "jar",
                                                "shadowJar", "installDist")
                       for v in positional)  # fmt: skip
        return name == "javac"
    if kind == "node":
        if name in ("npm", "pnpm", "yarn"):
            script = (
                positional[1] if first in ("run", "run-script") and len(positional) > 1 else (first)
            )
            if name == "npm" and first not in ("run", "run-script"):
                return False
            return script == "build" or script.startswith("build:")
        return False
    if kind == "dotnet":
        return name == "dotnet" and first in ("publish", "build")
    if kind == "c":
        return name in ("make", "gcc", "g++", "cc", "c++", "clang", "clang++", "cmake") and not (
            name == "cmake" and not command.has_option("--build")
        )
    return False


def _builds(dockerfile: Dockerfile, chain: list[Stage], toolchain: _Toolchain) -> list[_Build]:
    found: list[_Build] = []
    for stage in reversed(chain):
        workdir = _stage_workdir_start(dockerfile, stage)
        env_cgo_off = False
        for instruction in stage.instructions:
            if instruction.keyword == "WORKDIR" and instruction.words:
                workdir = _join(workdir, _value(dockerfile, stage, instruction,
                                                instruction.words[-1].raw))  # fmt: skip
            elif isinstance(instruction, Env):
                for pair in instruction.pairs:
                    if pair.key == "CGO_ENABLED":
                        env_cgo_off = pair.value == "0"
            elif isinstance(instruction, Run):
                for script in dockerfile.run_scripts(instruction):
                    found.extend(
                        _script_builds(script, instruction, workdir, toolchain.kind, env_cgo_off)
                    )
    return found


def _script_builds(
    script: ShellScript, run: Run, workdir: str | None, kind: str, env_cgo_off: bool
) -> list[_Build]:
    found: list[_Build] = []
    cwd = workdir
    exported_cgo_off = env_cgo_off
    for command in script.commands:
        if command.in_substitution:
            continue
        if command.name == "cd":
            args = [w for w in command.args if not w.value.startswith("-")]
            cwd = _join(cwd, args[0].value) if args and not args[0].has_expansion else None
            continue
        if command.name == "export":
            for word in command.args:
                if word.value.startswith("CGO_ENABLED="):
                    exported_cgo_off = word.value == "CGO_ENABLED=0"
            continue
        if not _is_build(command, kind):
            continue
        text = " ".join(w.raw for w in ([command.name_word] if command.name_word else []))
        text = " ".join([text, *(w.raw for w in command.args)])
        if len(text) > 60:
            text = text[:57] + "..."
        output: str | None = None
        output_is_dir = False
        cgo_off = exported_cgo_off or any(w.value == "CGO_ENABLED=0" for w in command.assignments)
        if kind == "go" and command.name == "go" and (command.subcommand() == "build"):
            value = command.option_value("-o", takes_value={"-o"})
            if value and "$" not in value and not value.endswith("/") and cwd is not None:
                output = _join(cwd, value)
        elif kind == "rust" and command.name == "cargo" and cwd is not None:
            output, output_is_dir = _cargo_output(command, cwd)
        found.append(_Build(command, run, text, output, output_is_dir, cgo_off))
    return found


def _cargo_output(command: SimpleCommand, cwd: str) -> tuple[str | None, bool]:
    if command.subcommand() == "install":
        root = command.option_value("--root", takes_value={"--root", "--path"})
        if root is not None and "$" in root:
            return None, True
        base = _join(cwd, root) if root else "/usr/local/cargo"
        return (posixpath.join(base, "bin") if base else None), True
    profile = "release" if command.has_option("--release", "-r") else "debug"
    profile_value = command.option_value("--profile", takes_value={"--profile", "--target"})
    if profile_value:
        profile = {"dev": "debug", "test": "debug", "bench": "release"}.get(
            profile_value, profile_value
        )
    target = command.option_value("--target", takes_value={"--target", "--profile"})
    if target is not None and "$" in target:
        return None, True
    parts = [cwd, "target", *([target] if target else []), profile]
    return posixpath.join(*parts), True


def _stage_workdir_start(dockerfile: Dockerfile, stage: Stage) -> str | None:
    if stage.parent is None:
        # NOTE: the golang image sets WORKDIR /go; other toolchain images leave it at /.
        return (
            "/go" if _toolchain(stage.image) and stage.image.repository.endswith("golang") else "/"
        )
    workdir = _stage_workdir_start(dockerfile, stage.parent)
    for instruction in stage.parent.instructions:
        if instruction.keyword == "WORKDIR" and instruction.words:
            workdir = _join(workdir, _value(dockerfile, stage.parent, instruction,
                                            instruction.words[-1].raw))  # fmt: skip
    return workdir


def _value(dockerfile: Dockerfile, stage: Stage, instruction: Instruction, raw: str) -> str | None:
    variables = stage.variables_before(instruction, dockerfile.global_args)
    value, unresolved = expand(raw, variables, dockerfile.escape)
    return None if unresolved else value


def _join(base: str | None, path: str | None) -> str | None:
    if path is None:
        return None
    path = path.replace("\\", "/")
    if path.startswith("/"):
        return posixpath.normpath(path)
    if base is None:
        return None
    return posixpath.normpath(posixpath.join(base, path))


# --- the fix -------------------------------------------------------------------------------


def _fix(
    dockerfile: Dockerfile,
    final: Stage,
    chain: list[Stage],
    toolchain: _Toolchain,
    builds: list[_Build],
    entry: _Entry,
    context: RuleContext,
) -> Fix | str:
    """Split the final stage into a build stage and a runtime stage, or say why not."""
    source = dockerfile.source
    if len(chain) > 1:
        return "the final stage builds on another stage; split it by hand"
    if dockerfile.escape != "\\" or "\\" in entry.program:
        return "Windows images are not split automatically"
    workdir = _stage_workdir_start(dockerfile, final)
    for instruction in final.instructions:
        if instruction.keyword == "WORKDIR" and instruction.words:
            workdir = _join(workdir, _value(dockerfile, final, instruction,
                                            instruction.words[-1].raw))  # fmt: skip
    binary, destination = _binary(builds, entry, workdir, context, toolchain)
    if binary is None or destination is None:
        if any(build.output for build in builds):
            return f"the command runs '{entry.program}', not the binary the build writes"
        return (
            "the built binary is not known: name it with -o (Go) or run it from "
            "target/<profile>/ (Rust) in ENTRYPOINT/CMD"
        )
    # LIMITATION: a cgo binary (no CGO_ENABLED=0) gets no default runtime image: which C
    # library it needs depends on the Debian release of the golang tag.
    chosen = str(context.options.get("runtime-image") or "")
    if (
        not chosen
        and toolchain.kind == "go"
        and not any(build.static for build in builds if build.output == binary)
    ):
        return (
            "the Go binary may link the C library (CGO_ENABLED=0 is not set); set it or choose "
            "the runtime image with the runtime-image option"
        )
    runtime = chosen or _runtime_image(toolchain)
    if runtime.startswith("!"):
        return runtime[1:]
    distroless = "distroless" in runtime
    # LIMITATION: only the binary is copied; files the program reads at run time from the
    # build stage (templates, migrations, certificates it added) must be copied by hand.
    last_build = max(build.run.range.end.offset for build in builds)
    moved: list[Instruction] = []
    copied_env: list[Env] = []
    for instruction in final.instructions:
        keyword = instruction.keyword
        text = source.text[instruction.range.start.offset : instruction.range.end.offset]
        if keyword in _MOVED:
            if "$" in text:
                return f"the {keyword} on line {instruction.range.start.line + 1} uses variables"
            if isinstance(instruction, Healthcheck) and not instruction.none:
                return "the HEALTHCHECK needs tools the runtime image may lack"
            if keyword == "USER" and instruction.words:
                user = instruction.words[0].value.split(":")[0]
                if not user.isdigit() and user not in ("root", "nonroot"):
                    return f"user '{user}' may not exist in the runtime image"
            if keyword in ("CMD", "ENTRYPOINT") and instruction.exec_form is None and distroless:
                return f"the shell-form {keyword} needs a shell, which {runtime} lacks"
            moved.append(instruction)
        elif isinstance(instruction, Env):
            if "$" not in text and not all(
                pair.key.startswith(_BUILD_ENV_PREFIXES) for pair in instruction.pairs
            ):
                copied_env.append(instruction)
        elif instruction.range.start.offset > last_build and keyword not in ("ARG", "WORKDIR"):
            return (
                f"the {keyword} on line {instruction.range.start.line + 1} after the build would "
                "have to move to the runtime stage too"
            )
    newline = source.newline
    from_instruction = final.from_instruction
    edits: list[Edit] = []
    name = final.name
    if name is None:
        taken = {stage.name for stage in dockerfile.stages}
        name = "build" if "build" not in taken else "build-stage"
        assert from_instruction.image is not None
        keyword = "as" if from_instruction.written_keyword.islower() else "AS"
        end = from_instruction.image.range.end.offset
        edits.append(Edit(end, end, f" {keyword} {name}"))
    shown_name = final.name_word.raw if final.name_word is not None else name
    kept = [i for i in final.instructions if not any(i is m for m in moved)]
    kept_end = max([from_instruction.range.end.offset, *(i.range.end.offset for i in kept)])
    text = source.text
    tail_parts: list[str] = []
    position = kept_end
    for instruction in moved:
        start = _line_start(source, comment_block_start(dockerfile, instruction))
        end = _next_line_start(source, instruction.range.end.offset)
        if instruction.range.start.offset < kept_end:
            edits.append(Edit(start, end, ""))
        else:
            tail_parts.append(text[position : max(start, position)])
            position = max(position, end)
    tail_parts.append(text[position:])
    # Comments and blank lines after the last kept instruction stay with the build stage.
    leftover = "".join(tail_parts).rstrip()
    # Removing a line between two blank ones leaves a double gap; keep one blank line.
    leftover = re.sub(r"(?:\r?\n[ \t]*){3,}", "\n\n", leftover)
    lines = [f"FROM {runtime}"]
    if (
        workdir
        and workdir != "/"
        and destination.startswith(workdir + "/")
        and not entry.program.startswith("/")
    ):
        lines.append(f"WORKDIR {workdir}")
    lines.append(f"COPY --from={shown_name} {binary} {destination}")
    for env in copied_env:
        lines.append(text[env.range.start.offset : env.range.end.offset])
    for instruction in moved:
        lines.append(
            text[comment_block_start(dockerfile, instruction) : instruction.range.end.offset]
        )
    leftover = leftover.replace("\r\n", "\n").replace("\n", newline)
    edits.append(
        Edit(kept_end, len(text), leftover + newline + newline + newline.join(lines) + newline)
    )
    return Fix.unsafe(f"Copy the binary into a {runtime} runtime stage", *edits)


def _runtime_image(toolchain: _Toolchain) -> str:
    tag = (toolchain.image.tag or "").lower()
    if "alpine" in tag:
        return "!the binary links musl (Alpine); set the runtime-image option to choose its image"
    if toolchain.kind == "go":
        return GO_STATIC_RUNTIME
    for codename in _DEBIAN_CODENAMES:
        if codename in tag:
            return f"debian:{codename}-slim"
    if toolchain.image.repository.rsplit("/", 1)[-1] != "rust":
        return "!the runtime libraries of this image are not known; set the runtime-image option"
    # NOTE: a binary linked against an older glibc runs on a newer one; trixie is the newest
    # Debian release the rust images are built on, so it runs what any of them built.
    return "debian:trixie-slim"


def _binary(
    builds: list[_Build],
    entry: _Entry,
    workdir: str | None,
    context: RuleContext,
    toolchain: _Toolchain,
) -> tuple[str | None, str | None]:
    """The built binary's path and where the runtime stage puts it."""
    program = entry.program
    bare = "/" not in program
    resolved = None if bare else _join(workdir, program)
    for build in reversed(builds):
        if build.output is None:
            continue
        if not build.output_is_dir:
            if resolved == build.output:
                return build.output, build.output
            if bare and posixpath.basename(build.output) == program:
                in_path = posixpath.dirname(build.output) in _PATH_DIRS
                return build.output, build.output if in_path else f"/usr/local/bin/{program}"
            continue
        if resolved is not None and posixpath.dirname(resolved) == build.output:
            return resolved, resolved
        if bare and build.output.endswith("/bin"):
            # ``cargo install`` puts the program on the PATH of the rust image.
            return posixpath.join(build.output, program), f"/usr/local/bin/{program}"
    return None, None


def _line_start(source: SourceText, offset: int) -> int:
    return source.line_starts[source.position(offset).line]


def _next_line_start(source: SourceText, offset: int) -> int:
    line = source.position(offset).line
    starts = source.line_starts
    return starts[line + 1] if line + 1 < len(starts) else len(source.text)

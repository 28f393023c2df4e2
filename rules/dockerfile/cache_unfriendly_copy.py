"""LK101 cache-unfriendly-copy: the whole build context is copied before dependencies install."""

from __future__ import annotations

import fnmatch
import itertools
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from lintkit import project_files
from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage, expand
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.dockerfile.syntax import CopyLike, Instruction, Run
from lintkit.fixers.dockerfile_edits import comment_block_start
from lintkit.records import field, record
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.source import SourceText

LOG = logging.getLogger(__name__)

_UNKNOWN_COUNTER = itertools.count()
_UNKNOWN_BASE = "/\x00base"
"""Stand-in for the WORKDIR a base image may set: relative paths still compare consistently."""

_PIP_VALUED = frozenset(
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
        "--platform", "--python-version", "--implementation", "--abi", "--src", "--progress-bar",
        "--upgrade-strategy", "--trusted-host", "--cache-dir", "--log", "--proxy", "--retries",
        "--timeout", "--exists-action", "--global-option", "--config-settings", "-C", "--cert",
        "--no-binary", "--only-binary", "--report", "--python", "--client-cert",
        "--root-user-action", "--use-feature", "--use-deprecated", "--index", "--default-index",
    }
)  # fmt: skip
_NPM_VALUED = frozenset(
    {"--omit", "--include", "--only", "--registry", "--cache", "--prefix", "--loglevel",
     "--userconfig", "-w", "--workspace", "--install-strategy", "--fetch-retries"}
)  # fmt: skip
_YARN_VALUED = frozenset(
    {"--cwd", "--modules-folder", "--network-timeout", "--cache-folder", "--mutex", "--registry",
     "--mode"}
)  # fmt: skip
_PNPM_VALUED = frozenset({"-C", "--dir", "--filter", "-F", "--store-dir", "--reporter"})
_MVN_VALUED = frozenset(
    {"-f", "--file", "-s", "--settings", "-gs", "--global-settings", "-P", "--activate-profiles",
     "-pl", "--projects", "-rf", "--resume-from", "-T", "--threads", "-t", "-l", "--log-file",
     "-D", "--define", "-am", "-amd"}
)  # fmt: skip
_MVN_SAFE_OPTIONS = frozenset(
    {"-B", "--batch-mode", "-q", "--quiet", "-U", "--update-snapshots", "-e", "--errors",
     "-ntp", "--no-transfer-progress", "-P", "--activate-profiles", "-D", "--define", "-T",
     "--threads", "-o", "--offline"}
)  # fmt: skip
_MVN_BUILD_GOALS = frozenset({"package", "install", "verify", "compile", "deploy"})
_GRADLE_BUILD_TASKS = frozenset(
    {"build", "assemble", "bootJar", "jar", "shadowJar", "installDist", "distTar", "bootWar",
     "war", "classes"}
)  # fmt: skip
_COMPOSER_VALUED = frozenset({"-d", "--working-dir"})
_PIP_NAME = re.compile(r"pip(\d+(\.\d+)?)?$")
_PYTHON_NAME = re.compile(r"python(\d+(\.\d+)?)?$")

# Programs that may share the install RUN without needing the sources.
_HARMLESS = frozenset({"true", ":", "echo", "mkdir", "cd", "export", "set", "apt-get", "apk"})

# What to move past: instructions between the broad COPY and the install RUN that neither read
# the copied files nor change what the COPY does (WORKDIR/ENV/ARG are checked further).
_REPEATABLE = frozenset({"go", "pip", "poetry", "uv", "pipenv", "bundler"})
"""Installers whose second run over the same manifests is quick and changes nothing."""

_MOVABLE_PAST = frozenset(
    {"ENV", "ARG", "WORKDIR", "USER", "LABEL", "EXPOSE", "STOPSIGNAL", "HEALTHCHECK", "CMD",
     "ENTRYPOINT", "MAINTAINER", "SHELL", "ONBUILD"}
)  # fmt: skip


@record(frozen=False)
class _Install:
    """An install step found in a RUN: which tool, where it reads its manifests from."""

    ecosystem: str
    command: SimpleCommand
    directory: str | None
    manifests: tuple[str, ...]
    """Files to copy first, relative to ``directory``; the first is the one that must exist."""
    optional: tuple[str, ...] = ()
    """Lock files and configuration that are copied when they exist."""
    suggestion: str = ""
    """The dependency-only command to run between the two copies (shown in the message)."""
    build_step: bool = False
    """The install is a side effect of a build (``cargo build``, ``mvn package``)."""
    inserted_command: str | None = None
    """For build steps: the dependency-only command the fix inserts (the build stays)."""
    unfixable: str | None = None
    glob_form: str | None = None
    """How the manifests are written when the build context cannot be seen (``package*.json``)."""
    extra_on_disk: tuple[str, ...] = ()
    """Files copied along when they exist next to the Dockerfile (registry configuration)."""
    shown: tuple[str, ...] = ()
    """How the message names the manifests when they cannot be seen (default: the names)."""


@record(frozen=False)
class _Copy:
    instruction: CopyLike
    index: int
    workdir: str
    dest: str
    """Absolute destination (may hold the unknown-base stand-in)."""
    sources: list[str] = field(default_factory=list)


class CacheUnfriendlyCopy(Rule):
    """## What it does
    Flags a `COPY` (or `ADD`) of the whole build context, or of the directory that
    holds a dependency manifest, when the stage installs its dependencies from that
    manifest only afterwards: `pip install -r requirements.txt`, `poetry install`,
    `uv sync`, `pipenv install`, `npm ci`/`npm install`, `yarn`, `pnpm install`,
    `go mod download`, `bundle install`, `composer install`, `mvn dependency:go-offline`,
    `gradle dependencies`, and builds that fetch dependencies themselves when nothing
    fetched them earlier in the stage (`cargo build`, `mvn package`, `./gradlew build`).
    `RUN` heredocs and exec-form `RUN`s are read too.

    It stays silent when the install runs before the broad copy, when the same
    install, or any Maven, Gradle or Cargo command, ran earlier in the stage (a
    dependency-only step), when `pnpm fetch` ran before the broad copy and the
    install is `pnpm install` (the fetch fills pnpm's store from the lock file
    alone, so the later install works offline), when a build's manifest was
    copied on its own earlier, when the install `RUN` uses a cache or bind mount
    (BuildKit then keeps the downloaded packages), for `ONBUILD` triggers, and
    when it cannot tell which copy brought the manifest in (a variable or unknown
    working directory). A copy of a folder named for dependency manifests
    (`requirements/`, `deps`, `constraints`) that holds the install's manifest is
    taken as the dependency-only step; any other folder holding it (`src`, `app`,
    the project's own folder) is reported, as it holds sources too.

    ## Why is this bad?
    Docker reuses a cached layer only while everything it depends on is unchanged.
    Copying the whole context first makes the install step depend on every source
    file: any edit re-downloads and re-installs all dependencies, making rebuilds
    slow and CI expensive. Copying the manifests alone, installing, and then
    copying the rest keeps the install cached until a manifest changes.

    ## Example
    ```dockerfile
    FROM node:20-slim
    WORKDIR /app
    COPY . .
    RUN npm ci
    CMD ["node", "server.js"]
    ```

    ## Use instead
    ```dockerfile
    FROM node:20-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci
    COPY . .
    CMD ["node", "server.js"]
    ```

    ## Fix safety
    The fix is unsafe. It replaces the broad copy by a copy of the manifests (same
    flags such as `--chown`, same destination), and moves the broad copy, with the
    comment lines just above it, to right after the install `RUN`. For Maven builds
    it inserts `RUN mvn dependency:go-offline` after the manifest copy and keeps the
    build. It is offered only for installs that read nothing but the manifests: pip
    and `uv pip` with requirement files, `poetry install --no-root`,
    `uv sync --no-install-project`, pipenv, npm, yarn, pnpm, `go mod download`,
    bundler, `composer install --no-scripts --no-autoloader`, and Maven without the
    wrapper; only when the install `RUN` runs nothing that may need the sources, and
    only when the instructions between the two are ones that neither read files nor
    change the copy (`ENV`, `WORKDIR` with an absolute destination, `LABEL`, ...).

    It remains unsafe because the install now runs without the rest of the context,
    and a manifest may name other files of the project. When it can read the
    manifests (in the Dockerfile's directory, or in the folder above it that a
    `COPY` of the Dockerfile's own folder shows to be the build context), the fix
    copies the ones that exist, adds the requirement files that a requirements file
    includes with `-r`/`-c` when they lie beside it, and is not offered when the
    manifests need more: an include in another folder or missing, an editable
    (`-e`), a local path, a `file:` URL or a local `--find-links` in a requirements
    file; a `Gemfile` with `gemspec`, `path`, or `eval_gemfile`; a `package.json`
    with `file:`, `link:`, `workspace:` or path dependencies, or with install
    scripts (`prepare`, `postinstall`); a Go `replace` to a local directory. When
    it cannot read them it writes the manifest names with lock files as wildcards
    (`package*.json`, `go.sum*`), which BuildKit accepts when a wildcard matches
    nothing, but it cannot check that they exist nor what they refer to.

    For npm, yarn and pnpm there is no fix inside a workspace (monorepo): when the
    install's folder, or any folder above it in the project, holds
    `pnpm-workspace.yaml`, `lerna.json`, `nx.json`, `turbo.json` or a `package.json`
    with a `workspaces` field. The install then needs every member's `package.json`
    and the workspace file, which a copy of the manifests leaves out; a workspace
    root above the Dockerfile is taken as a sign that the build context is there.

    ## References
    - [Docker: build cache, order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    - [Docker: how the build cache works](https://docs.docker.com/build/cache/)
    - [Docker: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    """

    code = "LK101"
    name = "cache-unfriendly-copy"
    summary = "Whole build context copied before the dependency install"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Walk each stage, pairing install steps with the copy that brought their manifest."""
        for stage in dockerfile.stages:
            yield from _check_stage(dockerfile, stage, context)


def _check_stage(dockerfile: Dockerfile, stage: Stage, context: RuleContext) -> Iterator[Problem]:
    # LIMITATION: copies and installs are paired within one stage; a broad copy in a parent
    # stage followed by the install in a stage built on it is not reported.
    # LIMITATION: `dotnet restore` and ONBUILD triggers are not checked.
    workdir = _initial_workdir(dockerfile, stage)
    copies: list[_Copy] = []
    seen_ecosystems: dict[str, int] = {}  # ecosystem -> index of its first RUN
    flagged: set[int] = set()
    for index, instruction in enumerate(stage.instructions):
        keyword = instruction.keyword
        if keyword == "WORKDIR" and instruction.words:
            workdir = _resolve_dir(
                workdir, _expand_word(dockerfile, stage, instruction, instruction.words[-1].raw)
            )
        elif isinstance(instruction, CopyLike):
            found = _context_copy(dockerfile, stage, instruction, index, workdir)
            if found is not None:
                copies.append(found)
        elif isinstance(instruction, Run):
            for primed in _primed(dockerfile, instruction):
                # Any earlier run of a build tool may prime its dependency cache, and an
                # earlier `pnpm fetch` fills the store a later `pnpm install` reads offline.
                seen_ecosystems.setdefault(primed, index)
            installs = _installs(dockerfile, instruction, workdir)
            mounted = _has_cache_mount(instruction)
            for install in installs:
                first_seen = seen_ecosystems.setdefault(_family(install.ecosystem), index)
                store = _STORES.get(install.ecosystem)
                if store is not None:
                    first_seen = min(first_seen, seen_ecosystems.get(store, index))
                if mounted or install.directory is None:
                    continue
                broad = _broad_copy_for(install, copies)
                if broad is None or broad.index in flagged:
                    continue
                if first_seen < broad.index:
                    LOG.debug("%s ran before the broad copy: a dependency-only step", install)
                    continue
                flagged.add(broad.index)
                yield _problem(
                    dockerfile, stage, context, broad, instruction, index, install, installs
                )


_BUILD_TOOLS = {
    "mvn": "maven",
    "mvnw": "maven",
    "gradle": "gradle",
    "gradlew": "gradle",
    "cargo": "cargo",
}


_FAMILIES = {
    "pip-project": "pip",
    "uv": "pip",
    "poetry": "pip",
    "pipenv": "pip",
    "yarn": "npm",
    "pnpm": "npm",
}


def _family(ecosystem: str) -> str:
    """Installers that share manifests count as one: an earlier one primed the later ones."""
    return _FAMILIES.get(ecosystem, ecosystem)


_STORES = {"pnpm": "pnpm store"}
"""Installers whose store a fetch from the lock file alone fills (``pnpm fetch``)."""


def _primed(dockerfile: Dockerfile, instruction: Run) -> set[str]:
    """What a RUN may prime for later installs: build tools it runs, pnpm's store."""
    primed: set[str] = set()
    for script in dockerfile.run_scripts(instruction):
        for command in script.commands:
            if command.name in _BUILD_TOOLS:
                primed.add(_BUILD_TOOLS[command.name])
            elif command.name == "pnpm" and not command.in_substitution:
                subcommand = [word.value for word in command.positional(_PNPM_VALUED)[:1]]
                if subcommand == ["fetch"]:
                    primed.add(_STORES["pnpm"])
    return primed


def _initial_workdir(dockerfile: Dockerfile, stage: Stage) -> str:
    """The WORKDIR at the start of a stage: the parent stage's, or unknown for an image."""
    if stage.parent is None:
        return _UNKNOWN_BASE
    workdir = _initial_workdir(dockerfile, stage.parent) if stage.parent is not stage else "/"
    for instruction in stage.parent.instructions:
        if instruction.keyword == "WORKDIR" and instruction.words:
            raw = instruction.words[-1].raw
            workdir = _resolve_dir(
                workdir, _expand_word(dockerfile, stage.parent, instruction, raw)
            )
    return workdir


def _expand_word(dockerfile: Dockerfile, stage: Stage, instruction: Instruction, raw: str) -> str:
    """Expand variables in a word; an unknown variable gives a marker no path can equal."""
    if "$" not in raw:
        return _unquote(raw, dockerfile.escape)
    variables = stage.variables_before(instruction, dockerfile.global_args)
    value, unresolved = expand(raw, variables, dockerfile.escape)
    return "\x00unknown" if unresolved else value


def _unquote(raw: str, escape: str) -> str:
    value, _ = expand(raw, {}, escape)
    return value


def _normalize(path: str) -> str:
    path = path.replace("\\", "/")
    if re.match(r"[A-Za-z]:", path):
        path = "/" + path[0].lower() + path[2:]
    return posixpath.normpath(path) if path else path


def _resolve_dir(base: str, path: str) -> str:
    if "\x00unknown" in path:
        # Each unknown directory is distinct from every other one.
        return f"/\x00unknown{next(_UNKNOWN_COUNTER)}"
    path = _normalize(path)
    if path.startswith("/"):
        return path
    return posixpath.normpath(posixpath.join(base, path))


def _has_cache_mount(instruction: Instruction) -> bool:
    for value in instruction.flag_values("mount"):
        parts = dict(part.partition("=")[::2] for part in value.split(","))
        if parts.get("type") in ("cache", "bind"):
            return True
    return False


def _context_copy(
    dockerfile: Dockerfile, stage: Stage, instruction: CopyLike, index: int, workdir: str
) -> _Copy | None:
    """Describe a COPY/ADD that takes files from the build context (``None`` otherwise)."""
    if instruction.flag("from") is not None or instruction.destination is None:
        return None
    if instruction.heredocs or (instruction.exec_form is not None and not instruction.sources):
        return None
    dest_raw = instruction.destination.raw
    dest = _expand_word(dockerfile, stage, instruction, dest_raw)
    if "\x00unknown" in dest:
        return None
    absolute = _resolve_dir(workdir, dest)
    sources: list[str] = []
    for word in instruction.sources:
        value = _expand_word(dockerfile, stage, instruction, word.raw)
        if "://" in value or value.startswith("git@"):
            continue  # a remote source, not the build context
        sources.append(value)
    if not sources:
        return None
    return _Copy(instruction, index, workdir, absolute, sources)


def _is_dir_like(source: str) -> bool:
    """Whether a COPY source names a directory (its contents land in the destination).

    LIMITATION: without the build context a name such as ``src`` could be a file;
    lower-case names without an extension are taken as directories (``LICENSE`` or
    ``Gemfile`` are not), which covers how projects name their folders.
    """
    if source in (".", "./", "*", "./*") or source.endswith("/"):
        return True
    base = source.rsplit("/", 1)[-1]
    if any(char in base for char in "*?["):
        return False
    return "." not in base and base[:1].islower()


def _covers(copy: _Copy, manifest_path: str, names: Sequence[str]) -> tuple[str, str] | None:
    """Return ("broad"|"specific", source) when ``copy`` puts the manifest at ``manifest_path``."""
    directory = posixpath.dirname(manifest_path)
    result: tuple[str, str] | None = None
    for source in copy.sources:
        norm = source.replace("\\", "/")
        source_base = norm.rstrip("/").rsplit("/", 1)[-1]
        is_glob = any(char in source_base for char in "*?[")
        if source_base != "*" and (
            source_base in names
            or (is_glob and any(fnmatch.fnmatch(n, source_base) for n in names))
        ):
            if copy.dest == manifest_path or copy.dest == directory:
                return ("specific", source)
            continue
        if _is_dir_like(norm) and (
            manifest_path == copy.dest or manifest_path.startswith(copy.dest.rstrip("/") + "/")
        ):
            if _DEPENDENCY_FOLDER.fullmatch(source_base):
                # A folder of requirement files copied before the install is the
                # dependency-only step; copying one of its files alone could drop an include.
                return ("specific", source)
            result = ("broad", source)
    return result


_DEPENDENCY_FOLDER = re.compile(
    r"(requirements?|reqs?|deps|dependencies|constraints)([._-][\w.-]*)?", re.IGNORECASE
)
"""Names of folders that hold only dependency manifests (``requirements/``, ``deps``).

NOTE: any other folder that holds the manifest (``src``, ``app``, the project's own
folder) is taken to hold sources too, so copying it first is still reported.
"""


def _broad_copy_for(install: _Install, copies: list[_Copy]) -> _Copy | None:
    """The last copy that brought the manifest in, when it is a broad one."""
    assert install.directory is not None
    names = (
        install.manifests[:1]
        if not install.ecosystem.startswith("pip-project")
        else (install.manifests)
    )
    primary = posixpath.normpath(posixpath.join(install.directory, install.manifests[0]))
    basenames = [posixpath.basename(name) for name in names]
    for position in range(len(copies) - 1, -1, -1):
        copy = copies[position]
        found = _covers(copy, primary, basenames)
        if found is None:
            continue
        if found[0] != "broad":
            return None
        if install.build_step and any(
            (_covers(earlier, primary, basenames) or ("",))[0] == "specific"
            for earlier in copies[:position]
        ):
            # NOTE: a build whose manifest was copied alone earlier is most likely primed
            # by a step this rule does not know (``./gradlew downloadRepos``).
            return None
        return copy
    return None


# --- recognising install commands -----------------------------------------------------------


def _installs(dockerfile: Dockerfile, instruction: Run, workdir: str) -> list[_Install]:
    found: list[_Install] = []
    for script in dockerfile.run_scripts(instruction):
        cwd: str | None = workdir
        tested: set[str] = set()  # paths an earlier `[ -f x ]` / `test -s x` looked at
        for command in script.commands:
            if command.in_substitution:
                continue
            if command.name == "cd":
                cwd = _cd(cwd, command)
                continue
            if cwd is None:
                continue
            if command.name in _TEST_COMMANDS:
                tested.update(
                    _resolve_dir(cwd, word.value)
                    for word in command.args
                    if not word.has_expansion and not word.value.startswith("-")
                )
                continue
            install = _classify(command, cwd)
            if install is None:
                continue
            if install.directory is not None and install.manifests:
                primary = _resolve_dir(install.directory, install.manifests[0])
                if primary in tested:
                    # The script checks that the manifest exists first: it is optional, and
                    # copying it on its own would fail the build whenever it is missing.
                    LOG.debug("%s is guarded by a test of %s: left alone", install, primary)
                    continue
            found.append(install)
    return found


_TEST_COMMANDS = frozenset({"[", "[[", "test"})


def _cd(cwd: str | None, command: SimpleCommand) -> str | None:
    args = [word for word in command.args if not word.value.startswith("-")]
    if cwd is None or not args or args[0].has_expansion or args[0].value.startswith("~"):
        return None
    return _resolve_dir(cwd, args[0].value)


def _shifted(command: SimpleCommand, skip: int) -> SimpleCommand:
    """A view of ``command`` whose program is its ``skip``-th argument (``python -m pip``)."""
    words = command.args[skip - 1 :]
    return SimpleCommand(words=list(words), name_word=words[0], args=list(words[1:]))


# Programs _classify knows besides pip and python: any other command is no install.
_INSTALLERS = frozenset(
    (
        "uv", "poetry", "pipenv", "npm", "yarn", "pnpm", "go", "cargo", "bundle",
        "composer", "composer.phar", "mvn", "mvnw", "gradle", "gradlew",
    )
)  # fmt: skip


def _classify(command: SimpleCommand, cwd: str) -> _Install | None:
    name = command.name or ""
    if name not in _INSTALLERS and not _PYTHON_NAME.match(name) and not _PIP_NAME.match(name):
        return None  # most commands of a RUN; reading their arguments would be wasted
    positional = [word.value for word in command.positional()]
    if (
        _PYTHON_NAME.match(name)
        and command.args[:2]
        and [w.value for w in command.args[:2]]
        == [
            "-m",
            "pip",
        ]
    ):
        return _pip(_shifted(command, 2), cwd)
    if _PIP_NAME.match(name):
        return _pip(command, cwd)
    if name == "uv" and positional[:2] == ["pip", "install"]:
        return _pip(_shifted(command, 1), cwd, ecosystem="pip")
    if name == "uv" and positional[:1] == ["sync"]:
        fixable = command.has_option("--no-install-project", "--no-install-workspace")
        return _Install(
            "uv", command, cwd, ("pyproject.toml",), ("uv.lock",),
            suggestion="uv sync --no-install-project",
            unfixable=None if fixable else "`uv sync` also installs the project from its sources",
            glob_form="pyproject.toml uv.lock*",
        )  # fmt: skip
    if name == "poetry" and positional[:1] == ["install"]:
        fixable = command.has_option("--no-root", "--only-root") and not command.has_option(
            "--only-root"
        )
        return _Install(
            "poetry", command, cwd, ("pyproject.toml",), ("poetry.lock",),
            suggestion="poetry install --no-root",
            unfixable=None if fixable else "`poetry install` without --no-root needs the sources",
            glob_form="pyproject.toml poetry.lock*",
        )  # fmt: skip
    if name == "pipenv" and positional[:1] in (["install"], ["sync"]) and len(positional) == 1:
        return _Install(
            "pipenv", command, cwd, ("Pipfile",), ("Pipfile.lock",),
            suggestion=" ".join(w.value for w in [command.name_word, *command.args] if w),
            glob_form="Pipfile Pipfile.lock*",
        )  # fmt: skip
    if name == "npm":
        return _npm(command, cwd)
    if name == "yarn":
        return _yarn(command, cwd)
    if name == "pnpm":
        subcommand = command.positional(_PNPM_VALUED)
        values = [word.value for word in subcommand]
        if values[:1] in (["install"], ["i"]) and len(values) == 1:
            directory = _option_dir(command, cwd, ("-C", "--dir"), _PNPM_VALUED)
            return _Install(
                "pnpm", command, directory, ("package.json",), ("pnpm-lock.yaml",),
                suggestion="pnpm install", glob_form="package.json pnpm-lock.yaml*",
                extra_on_disk=(".npmrc",),
            )  # fmt: skip
        return None
    if name == "go" and positional[:2] == ["mod", "download"]:
        return _Install(
            "go", command, cwd, ("go.mod",), ("go.sum",), suggestion="go mod download",
            glob_form="go.mod go.sum*",
        )  # fmt: skip
    if name == "cargo":
        return _cargo(command, cwd, positional)
    if name == "bundle" and positional[:1] == ["install"]:
        return _Install(
            "bundler", command, cwd, ("Gemfile",), ("Gemfile.lock",),
            suggestion="bundle install", glob_form="Gemfile Gemfile.lock*",
        )  # fmt: skip
    if name in ("composer", "composer.phar"):
        values = [word.value for word in command.positional(_COMPOSER_VALUED)]
        if values[:1] == ["install"]:
            directory = _option_dir(command, cwd, ("-d", "--working-dir"), _COMPOSER_VALUED)
            fixable = command.has_option("--no-scripts") and command.has_option("--no-autoloader")
            return _Install(
                "composer", command, directory, ("composer.json",), ("composer.lock",),
                suggestion="composer install --no-scripts --no-autoloader",
                unfixable=None if fixable else (
                    "`composer install` runs scripts and builds the autoloader from the sources;"
                    " add --no-scripts --no-autoloader and run `composer dump-autoload` later"
                ),
                glob_form="composer.json composer.lock*",
            )  # fmt: skip
        return None
    if name in ("mvn", "mvnw"):
        return _maven(command, cwd)
    if name in ("gradle", "gradlew"):
        tasks = [word.value for word in command.positional()]
        if not tasks:
            return None
        deps_only = all(task in ("dependencies", "downloadDependencies") for task in tasks)
        builds = any(task.rsplit(":", 1)[-1] in _GRADLE_BUILD_TASKS for task in tasks)
        if not deps_only and not builds:
            return None
        return _Install(
            "gradle", command, cwd, ("build.gradle",),
            ("build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties"),
            suggestion=f"{command.name_word.raw if command.name_word else name} dependencies",
            build_step=builds, shown=("build.gradle(.kts)", "settings.gradle(.kts)"),
            unfixable="Gradle build files may read more of the project (settings, buildSrc)",
        )  # fmt: skip
    return None


def _option_dir(
    command: SimpleCommand, cwd: str, names: tuple[str, ...], valued: frozenset[str]
) -> str | None:
    value = command.option_value(*names, takes_value=valued)
    if value is None:
        return cwd
    if "$" in value:
        return None
    return _resolve_dir(cwd, value)


def _pip(command: SimpleCommand, cwd: str, ecosystem: str = "pip") -> _Install | None:
    if [word.value for word in command.positional(_PIP_VALUED)[:1]] != ["install"]:
        return None
    requirements: list[str] = []
    project = False
    args = command.args
    index = 0
    while index < len(args):
        value = args[index].value
        index += 1
        for short, long in (("-r", "--requirement"), ("-c", "--constraint")):
            if value in (short, long) and index < len(args):
                requirements.append(args[index].value)
                index += 1
            elif value.startswith(long + "="):
                requirements.append(value.partition("=")[2])
            elif value.startswith(short) and len(value) > 2 and not value.startswith("--"):
                requirements.append(value[2:])
        if value in ("-e", "--editable") and index < len(args):
            project = project or _is_local_path(args[index].value)
            index += 1
    for word in command.positional(_PIP_VALUED)[1:]:
        if _is_local_path(word.value):
            project = True
    if any("$" in requirement for requirement in requirements):
        return None
    if requirements:
        directory = posixpath.dirname(requirements[0])
        base_dir = _resolve_dir(cwd, directory) if directory else cwd
        relative = tuple(
            posixpath.relpath(_resolve_dir(cwd, item), base_dir) for item in requirements
        )
        unfixable = None
        if project:
            unfixable = "the same pip command also installs the project from its sources"
        return _Install(
            ecosystem, command, base_dir, relative, suggestion=_shown(command),
            unfixable=unfixable,
        )  # fmt: skip
    if project:
        return _Install(
            "pip-project", command, cwd, ("pyproject.toml", "setup.py", "setup.cfg"),
            suggestion="install only the dependencies", shown=("pyproject.toml (or setup.py)",),
            unfixable="installing the project itself needs its sources",
        )  # fmt: skip
    return None


def _is_local_path(value: str) -> bool:
    base = value.split("[", 1)[0]
    return base in (".", "./") or (
        base.startswith(("./", "/")) and not base.endswith((".whl", ".tar.gz", ".zip"))
    )


def _npm(command: SimpleCommand, cwd: str) -> _Install | None:
    positional = [word.value for word in command.positional(_NPM_VALUED)]
    if not positional:
        return None
    subcommand = positional[0]
    if subcommand == "ci" or (subcommand in ("install", "i", "isntall") and len(positional) == 1):
        if command.has_option("-g", "--global", takes_value=_NPM_VALUED):
            return None
        directory = _option_dir(command, cwd, ("--prefix",), _NPM_VALUED)
        return _Install(
            "npm", command, directory, ("package.json",),
            ("package-lock.json", "npm-shrinkwrap.json"), suggestion=_shown(command),
            glob_form="package*.json", extra_on_disk=(".npmrc",),
        )  # fmt: skip
    return None


def _yarn(command: SimpleCommand, cwd: str) -> _Install | None:
    positional = [word.value for word in command.positional(_YARN_VALUED)]
    if positional and positional != ["install"]:
        return None
    if command.has_option("--version", "-v", "--help", "-h", takes_value=_YARN_VALUED):
        return None
    directory = _option_dir(command, cwd, ("--cwd",), _YARN_VALUED)
    return _Install(
        "yarn", command, directory, ("package.json",), ("yarn.lock",),
        suggestion=_shown(command), glob_form="package.json yarn.lock*",
        extra_on_disk=(".npmrc", ".yarnrc"),
    )  # fmt: skip


def _cargo(command: SimpleCommand, cwd: str, positional: list[str]) -> _Install | None:
    if not positional:
        return None
    subcommand = positional[0]
    reason = (
        "Cargo needs the crate's targets (src/main.rs or src/lib.rs) to read its manifest;"
        " build the dependencies with a stub target or cargo-chef first"
    )
    if subcommand == "fetch":
        return _Install(
            "cargo", command, cwd, ("Cargo.toml",), ("Cargo.lock",), suggestion="cargo fetch",
            unfixable=reason,
        )  # fmt: skip
    if subcommand in ("build", "b") or (
        subcommand == "install" and command.option_value("--path", takes_value={"--path"})
    ):
        return _Install(
            "cargo", command, cwd, ("Cargo.toml",), ("Cargo.lock",),
            suggestion="build the dependencies alone", build_step=True, unfixable=reason,
        )  # fmt: skip
    if subcommand == "chef":
        return _Install("cargo", command, None, ("Cargo.toml",))  # a dependency-only build
    return None


def _maven(command: SimpleCommand, cwd: str) -> _Install | None:
    goals = [word.value for word in command.positional(_MVN_VALUED)]
    if not goals:
        return None
    program = command.name_word.raw if command.name_word else "mvn"
    pom = command.option_value("-f", "--file", takes_value=_MVN_VALUED)
    directory: str | None = cwd
    if pom is not None:
        if "$" in pom:
            return None
        resolved = _resolve_dir(cwd, pom)
        directory = resolved if not resolved.endswith(".xml") else posixpath.dirname(resolved)
    wrapper = command.name == "mvnw"
    go_offline = any(goal.startswith("dependency:") for goal in goals)
    builds = any(goal in _MVN_BUILD_GOALS or goal.endswith(":repackage") for goal in goals)
    if not go_offline and not builds:
        return None
    unfixable = None
    if wrapper:
        unfixable = "the Maven wrapper needs its .mvn directory copied too"
    options = [w.value for w in command.args if w.value.startswith("-")]
    safe = all(
        option in _MVN_SAFE_OPTIONS or option.startswith(("-D", "-P", "-T")) for option in options
    )
    if unfixable is None and not safe:
        unfixable = "the Maven command has options that may read other files (-s, -f, ...)"
    inserted = None
    if builds and not go_offline:
        kept = [_quote(w.value) for w in command.args if w.value.startswith("-")]
        inserted = " ".join([program, *kept, "dependency:go-offline"])
    return _Install(
        "maven", command, directory, ("pom.xml",), suggestion=f"{program} dependency:go-offline",
        build_step=builds and not go_offline, inserted_command=inserted, unfixable=unfixable,
    )  # fmt: skip


def _quote(value: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def _shown(command: SimpleCommand) -> str:
    words: list[ShellWord] = [command.name_word] if command.name_word else []
    words += command.args
    text = " ".join(word.raw for word in words)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the report and the fix -------------------------------------------------------------------


def _problem(
    dockerfile: Dockerfile,
    stage: Stage,
    context: RuleContext,
    broad: _Copy,
    run: Run,
    run_index: int,
    install: _Install,
    installs: list[_Install],
) -> Problem:
    copy = broad.instruction
    plan = _plan_manifests(context, broad, install)
    names = plan.shown
    shown_copy = " ".join(
        [copy.written_keyword, *(w.raw for w in copy.sources), copy.destination.raw]
        if copy.destination
        else [copy.written_keyword]
    )
    command = _shown(install.command)
    stage_name = f" in stage '{stage.name}'" if stage.name else ""
    if install.build_step:
        if install.inserted_command is not None:
            advice = f"run '{install.inserted_command}'"
        elif install.ecosystem == "cargo":
            advice = install.suggestion
        else:
            advice = f"run '{install.suggestion}'"
        message = (
            f"'{shown_copy}' copies the sources before '{command}'{stage_name}, which also "
            "downloads and builds the dependencies, so every source change repeats that; "
            f"copy {_join(names)} first, {advice}, then copy the rest"
        )
    else:
        if install.ecosystem == "pip-project":
            advice = "install only the dependencies"
        else:
            advice = f"run '{install.suggestion or command}'"
        message = (
            f"'{shown_copy}' copies the sources before '{command}'{stage_name}, so every source "
            f"change re-installs the dependencies; copy {_join(names)} first, {advice}, then "
            "copy the rest"
        )
    fix = None
    reason = plan.unfixable or install.unfixable
    if reason is None:
        fix_or_reason = _fix(dockerfile, stage, broad, run, run_index, install, installs, plan)
        if isinstance(fix_or_reason, Fix):
            fix = fix_or_reason
        else:
            reason = fix_or_reason
    if reason is not None:
        LOG.debug("no fix for %s at %s: %s", copy.keyword, copy.range.start, reason)
    return Problem(copy.range, message, fix=fix, unfixable_reason=reason)


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@record(frozen=False)
class _ManifestPlan:
    sources: list[str]
    """Paths in the build context to copy (as they go into the new COPY)."""
    shown: list[str]
    """Names for the message."""
    dest_subdir: str
    unfixable: str | None = None


def _plan_manifests(context: RuleContext, broad: _Copy, install: _Install) -> _ManifestPlan:
    """Decide which files the manifest copy takes, looking at the disk when it can."""
    assert install.directory is not None
    directory = install.directory
    source_root = next(
        (s for s in broad.sources if _is_dir_like(s.replace("\\", "/"))), broad.sources[0]
    )
    relative_dir = posixpath.relpath(directory, broad.dest) if directory != broad.dest else ""
    if relative_dir.startswith(".."):
        relative_dir = ""
    root = source_root.replace("\\", "/").rstrip("/")
    if root in (".", "*", "./*", ""):
        root = ""
    context_dir = posixpath.join(root, relative_dir) if relative_dir else root

    def in_context(name: str) -> str:
        return posixpath.join(context_dir, name) if context_dir else name

    # LIMITATION: the build context is taken to be the Dockerfile's directory (the usual
    # `docker build .`); with another context (compose `context: ..`, `-f sub/Dockerfile`)
    # no manifest is found, so the fix falls back to the canonical names and wildcards.
    base = _context_base(context, root, in_context(install.manifests[0]))
    candidates = [*install.manifests, *install.optional, *install.extra_on_disk]
    on_disk = {name: context.read_sibling(in_context(name), base) for name in candidates}
    unfixable: str | None = None
    if on_disk.get(install.manifests[0]) is not None:
        names = [n for n in candidates if on_disk.get(n) is not None]
        if install.ecosystem in ("pip", "pip-project"):
            names, unfixable = _with_included(names, on_disk, context, base, in_context)
        texts = {n: on_disk.get(n) or "" for n in names}
        unfixable = unfixable or _disk_refusal(install, texts, context, base, in_context)
        shown = [n for n in names if n not in install.extra_on_disk] or names
        sources = [in_context(n) for n in names]
    else:
        shown = list(install.shown) or [*install.manifests, *install.optional[:1]]
        if install.glob_form is not None:
            sources = [in_context(n) for n in install.glob_form.split()]
        else:
            sources = [in_context(n) for n in install.manifests]
    if any(posixpath.dirname(name) for name in install.manifests):
        unfixable = unfixable or "the manifests lie in different directories"
    if unfixable is None and install.ecosystem in ("npm", "yarn", "pnpm"):
        unfixable = _workspace_refusal(context, base / context_dir if context_dir else base)
    return _ManifestPlan(sources, shown, relative_dir, unfixable)


_WORKSPACE_FILES = ("pnpm-workspace.yaml", "lerna.json", "nx.json", "turbo.json")
"""Files that make their folder the root of a JavaScript monorepo."""


def _workspace_refusal(context: RuleContext, install_dir: Path) -> str | None:
    """Why a workspace around the install folder makes a manifest-only copy break the install.

    Looked for in the install folder and every folder above it inside the project: a
    workspace root above the Dockerfile is probably the build context (compose
    ``context: ../..``), and a workspace install needs every member's package.json.
    """
    dockerfile_dir = project_files.resolved(context.path.parent)
    root = project_files.resolved(context.project_root or dockerfile_dir)
    folder = project_files.resolved(install_dir)
    while project_files.is_within(folder, root):
        name = next(
            (n for n in _WORKSPACE_FILES if context.read_sibling(n, folder) is not None), None
        )
        if name is None and re.search(
            r'"workspaces"\s*:', context.read_sibling("package.json", folder) or ""
        ):
            name = "package.json"
        if name is not None:
            where = os.path.relpath(folder / name, dockerfile_dir).replace(os.sep, "/")
            around = (
                ""
                if project_files.is_within(folder, dockerfile_dir)
                else " around the Dockerfile, probably its build context,"
            )
            return f"{where} defines a workspace{around} whose members the manifest copy leaves out"
        if folder == root:
            break
        folder = folder.parent
    return None


def _disk_refusal(
    install: _Install,
    texts: dict[str, str],
    context: RuleContext,
    base: Path,
    in_context: Callable[[str], str],
) -> str | None:
    """Reasons seen in the manifests on disk why they cannot be installed on their own."""
    ecosystem = install.ecosystem
    if ecosystem == "npm" or ecosystem == "yarn" or ecosystem == "pnpm":
        package = texts.get("package.json", "")
        if re.search(r'"(preinstall|install|postinstall|prepare)"\s*:', package):
            return "package.json has install scripts that may need the sources"
        if context.read_sibling(in_context(".yarnrc.yml"), base) is not None:
            return ".yarnrc.yml needs more files than the manifests"
        if _local_npm_dependency(package):
            return "package.json depends on a local package (file:, link:, workspace: or a path)"
    if ecosystem == "go" and re.search(r"=>\s*\.{1,2}/", texts.get("go.mod", "")):
        return "go.mod replaces a module with a local directory"
    gemfile = texts.get("Gemfile", "") if ecosystem == "bundler" else ""
    if re.search(r"^\s*gemspec\b|\bpath:|:path\s*=>|^\s*path\b", gemfile, re.M):
        return "the Gemfile reads a gemspec or a local path"
    if re.search(r"^\s*eval_gemfile\b", gemfile, re.M):
        return "the Gemfile loads another Gemfile with eval_gemfile"
    if ecosystem == "maven" and "<modules>" in texts.get("pom.xml", ""):
        return "a multi-module build needs the modules' pom.xml files too"
    if ecosystem == "pipenv" and re.search(r"\bpath\s*=", texts.get("Pipfile", "")):
        return "the Pipfile installs a local path"
    if ecosystem in ("pip",):
        for name, text in texts.items():
            if _PIP_LOCAL.search(text):
                return f"{name} installs a local path"
    return None


_PIP_LOCAL = re.compile(
    r"^\s*(?:-e\b|--editable\b|\.{1,2}(?:[/\\\[\s]|$)|/|~/|(?:-f|--find-links)(?:\s*=\s*|\s+)"
    r"(?!\w+://))|\bfile:",
    re.M,
)
"""A requirements-file line that reads files of the project: an editable, a local path,
a ``file:`` URL or a local ``--find-links`` folder."""

_NPM_DEPENDENCY_SECTIONS = (
    "dependencies", "devDependencies", "optionalDependencies", "peerDependencies"
)  # fmt: skip
_NPM_LOCAL_PREFIXES = ("file:", "link:", "workspace:", "portal:", "./", "../", "/", "~/")


def _local_npm_dependency(package: str) -> bool:
    """Whether a package.json depends on a package from the project's own files."""
    try:
        manifest = json.loads(package)
    except ValueError:
        return re.search(r'"(file|link|workspace|portal):', package) is not None
    if not isinstance(manifest, dict):
        return False
    for section in _NPM_DEPENDENCY_SECTIONS:
        dependencies = manifest.get(section)
        if isinstance(dependencies, dict) and any(
            isinstance(spec, str) and spec.strip().startswith(_NPM_LOCAL_PREFIXES)
            for spec in dependencies.values()
        ):
            return True
    return False


def _with_included(
    names: list[str],
    on_disk: dict[str, str | None],
    context: RuleContext,
    base: Path,
    in_context: Callable[[str], str],
) -> tuple[list[str], str | None]:
    """Add requirement files that the listed ones include with ``-r``/``-c``.

    Returns the names and why a manifest copy would miss an included file, if it would:
    the fix copies every file into one folder, so an include must lie beside the file
    that names it and exist in the build context.
    """
    result = list(names)
    index = 0
    while index < len(result):
        including = result[index]
        text = on_disk.get(including)
        if text is None:
            text = context.read_sibling(in_context(including), base)
            on_disk[including] = text
        index += 1
        for match in _PIP_INCLUDE.finditer(text or ""):
            target = match.group(1)
            if "://" in target:
                continue  # pip fetches it; nothing to copy
            name = posixpath.normpath(posixpath.join(posixpath.dirname(including), target))
            if "$" in target or posixpath.dirname(name) or name.startswith("/"):
                return result, f"{including} includes {target} from another folder"
            if name in result:
                continue
            if context.read_sibling(in_context(name), base) is None:
                return (
                    result,
                    f"{including} includes {target}, which cannot be found in the build context",
                )
            result.append(name)
    return result, None


_PIP_INCLUDE = re.compile(
    r"^\s*(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=-[rc]))(\S+)", re.M
)
"""A requirements-file line that reads another file (``-r base.txt``, ``--constraint=c.txt``)."""


def _context_base(context: RuleContext, root: str, manifest: str) -> Path:
    """The folder the build context is read from: the Dockerfile's, or an ancestor of it.

    A COPY of ``clients/app/`` from a Dockerfile that lives in ``clients/app`` shows that
    the context is the folder two levels up (``docker build -f clients/app/Dockerfile .``).
    Only used when the manifest is not found beside the Dockerfile; reading stays inside
    the project root.
    """
    base = context.path.parent
    parts = [part for part in root.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or context.read_sibling(manifest, base) is not None:
        return base
    resolved = project_files.resolved(base)
    if list(resolved.parts[-len(parts) :]) != parts or len(resolved.parts) <= len(parts):
        return base
    ancestor = resolved.parents[len(parts) - 1]
    if context.read_sibling(manifest, ancestor) is None:
        return base
    LOG.debug("reading the build context from %s, where %s lies", ancestor, manifest)
    return ancestor


def _fix(
    dockerfile: Dockerfile,
    stage: Stage,
    broad: _Copy,
    run: Run,
    run_index: int,
    install: _Install,
    installs: list[_Install],
    plan: _ManifestPlan,
) -> Fix | str:
    """Build the fix, or return why there is none."""
    source = dockerfile.source
    copy = broad.instruction
    if copy.destination is None:  # pragma: no cover - the model only keeps copies with one
        return "the COPY has no destination"
    if "$" in source.text[copy.range.start.offset : copy.range.end.offset]:
        return "the COPY uses variables"
    if copy.flag("parents") is not None or copy.flag("exclude") is not None:
        return "the COPY uses --parents or --exclude"
    if any(" " in name for name in plan.sources):
        return "a manifest path holds a space"
    between = stage.instructions[broad.index + 1 : run_index]
    for instruction in between:
        if instruction.keyword not in _MOVABLE_PAST:
            return (
                f"the {instruction.keyword} on line {instruction.range.start.line + 1} between the"
                " copy and the install may need the copied files"
            )
        if instruction.keyword == "WORKDIR" and not copy.destination.value.startswith(
            ("/", "C:", "c:")
        ):
            return "a WORKDIR between the copy and the install changes its destination"
    dest = _manifest_dest(copy.destination.raw, plan.dest_subdir, dockerfile.escape)
    if dest is None:
        return "the COPY destination cannot be extended safely"
    flags = " ".join(
        source.text[flag.range.start.offset : flag.range.end.offset] for flag in copy.flags
    )
    keyword = "copy" if copy.written_keyword.islower() else "COPY"
    manifest_copy = " ".join(part for part in (keyword, flags, *plan.sources, dest) if part)
    newline = source.newline
    block_start = comment_block_start(dockerfile, copy)
    block = source.text[block_start : copy.range.end.offset]
    indent = _indent(source, block_start)
    inserted = install.inserted_command if install.build_step else None
    if not install.build_step:
        reason = _run_needs_sources(dockerfile, run, installs, broad)
        if reason is None:
            return Fix.unsafe(
                f"Copy {_join(plan.shown)} first and the sources after '{_shown(install.command)}'",
                Edit(block_start, copy.range.end.offset, manifest_copy),
                Edit(run.range.end.offset, run.range.end.offset, f"{newline}{indent}{block}"),
            )
        if install.ecosystem not in _REPEATABLE:
            return reason
        # NOTE: a second run of these installers finds everything in place and downloads
        # nothing, so installing early and leaving the original RUN alone still helps.
        inserted = _command_text(install.command)
    if inserted is None:
        return "no dependency-only command is known for this build"
    prefix = ""
    if install.directory != broad.workdir:
        if install.directory is None or "\x00" in install.directory:
            return "the install runs in a directory that is not known here"
        prefix = f"cd {_quote(install.directory)} && "
    run_keyword = "run" if keyword == "copy" else "RUN"
    text = f"{manifest_copy}{newline}{indent}{run_keyword} {prefix}{inserted}{newline}{indent}"
    return Fix.unsafe(
        f"Copy {_join(plan.shown)} and install the dependencies before the sources",
        Edit(block_start, block_start, text),
    )


def _command_text(command: SimpleCommand) -> str:
    """The command as one line: assignments, wrappers, name and arguments as written."""
    return " ".join(word.raw for word in command.words)


def _manifest_dest(raw: str, subdir: str, escape: str) -> str | None:
    if any(char in raw for char in "\"' "):
        return None
    separator = "/"
    if "\\" in raw and "/" not in raw:
        if escape != "`":
            return None
        separator = "\\"
    base = raw if raw.endswith(separator) else raw + separator
    if raw in (".", "./"):
        base = "./"
    if subdir:
        base += subdir.replace("/", separator) + separator
    return base


def _indent(source: SourceText, offset: int) -> str:
    position = source.position(offset)
    line = source.line_text(position.line)
    return line[: position.column] if not line[: position.column].strip() else ""


def _run_needs_sources(
    dockerfile: Dockerfile, run: Run, installs: list[_Install], broad: _Copy
) -> str | None:
    """Why the install RUN cannot run before the sources are copied (``None`` if it can)."""
    install_commands = {id(install.command) for install in installs}
    if len({(install.ecosystem, install.directory) for install in installs}) > 1:
        return "the RUN installs with several tools or in several directories"
    for script in dockerfile.run_scripts(run):
        for command in script.commands:
            if id(command) in install_commands or command.name is None:
                continue
            name = command.name
            if name in _HARMLESS:
                continue
            if name == "rm" and all(
                word.value.startswith(("/", "~"))
                and not _normalize(word.value).startswith(broad.dest.rstrip("/") + "/")
                and _normalize(word.value) != broad.dest
                for word in command.positional()
            ):
                continue
            if name in ("npm", "yarn", "pnpm") and (command.subcommand() or "") in (
                "cache",
                "config",
            ):
                continue
            if _PIP_NAME.match(name) and not any(
                _is_local_path(word.value) or word.value in ("-r", "-e", "-c")
                for word in command.args
            ):
                continue
            return f"the install RUN also runs '{name}', which may need the copied sources"
    return None

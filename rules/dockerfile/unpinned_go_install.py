"""LK144 unpinned-go-install: ``go install``/``go get`` of a remote module without ``@version``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.images import official_name
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import RunInfo, env_assigned, iter_runs, stage_env

#: ``go build`` flags that take a value (Go flags are single-dash long names).
GO_TAKES_VALUE = frozenset(
    {"-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags", "-o", "-mod", "-modfile"}
    | {"-pkgdir", "-buildmode", "-compiler", "-installsuffix", "-overlay", "-p", "-exec"}
    | {"-toolexec", "-C", "-pgo", "-covermode", "-coverpkg", "-buildvcs"}
)
#: Versions that move.
MOVING = frozenset({"latest", "master", "main", "head"})
#: The major and minor version at the start of an image tag (``1.10.0``, ``1.9-alpine``).
TAG_VERSION_RE = re.compile(r"(\d+)\.(\d+)(?!\d)")


class UnpinnedGoInstall(Rule):
    """## What it does
    Flags `go install`, `go get` and `go run` of a remote package path (one
    whose first element has a dot, such as `github.com/…` or
    `golang.org/x/…`) without `@version`, or with a moving version (`@latest`,
    `@master`, `@main`). Local packages (`.`, `./...`, `cmd/app`), `.go`
    files and words built from variables are left alone, and so are builds in
    GOPATH mode, where `@` is not allowed: `GO111MODULE=off`, sources under
    `/go/src/…`, or a stage built on the official `golang` image before Go
    1.11 (such as `golang:1.10` or `golang:1.9-alpine`), which has no modules.
    For `go run` only the package counts, not the program's arguments.

    ## Why is this bad?
    Without a version Go resolves the newest release (or the default branch)
    at build time, so the tool in the image changes from one build to the next.

    ## Example
    ```dockerfile
    RUN go install golang.org/x/tools/gopls@latest
    ```

    ## Use instead
    ```dockerfile
    RUN go install golang.org/x/tools/gopls@v0.16.2
    ```

    ## References
    - [go install](https://go.dev/ref/mod#go-install)
    - [Go modules: version queries](https://go.dev/ref/mod#version-queries)
    """

    code = "LK144"
    name = "unpinned-go-install"
    summary = "`go install` of a remote package without a fixed `@version`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3062",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each remote package operand without a fixed version."""
        text = dockerfile.source.text
        if "/go/src/" in text or "GOPATH/src" in text:
            # A GOPATH layout (sources under $GOPATH/src): in GOPATH mode ``@version`` is
            # not allowed, so the advice would be wrong.
            # LIMITATION: module builds that merely use /go/src/app as WORKDIR are skipped too.
            return
        for run in iter_runs(dockerfile):
            if _before_modules(run.stage):
                continue
            for command in run.commands:
                if command.name != "go" or not command.args:
                    continue
                subcommand = command.args[0].value
                if subcommand not in ("install", "get", "run") or _gopath_mode(run, command):
                    continue
                operands = _operands(command.args[1:])
                if subcommand == "run":
                    operands = operands[:1]
                for word in operands:
                    problem = _check(word, subcommand)
                    if problem is not None:
                        yield problem


def _gopath_mode(run: RunInfo, command: SimpleCommand) -> bool:
    if not env_assigned(run, command, "GO111MODULE"):
        return False
    value = stage_env(run).get("GO111MODULE") or ""
    for word in command.assignments + command.prefix:
        if word.raw.startswith("GO111MODULE="):
            value = word.value.partition("=")[2]
    return value.lower() == "off"


def _before_modules(stage: Stage) -> bool:
    """Whether the stage builds on an official ``golang`` image older than Go 1.11 (no modules)."""
    image = stage.chain()[-1].image
    if official_name(image.registry, image.repository) != "golang":
        return False
    match = TAG_VERSION_RE.match(image.tag or "")
    return match is not None and (int(match[1]), int(match[2])) < (1, 11)


def _operands(args: list[ShellWord]) -> list[ShellWord]:
    operands: list[ShellWord] = []
    index = 0
    while index < len(args):
        value = args[index].value
        index += 1
        if value == "--":
            operands.extend(args[index:])
            break
        if value.startswith("-"):
            if "=" not in value and value.lstrip("-") and "-" + value.lstrip("-") in GO_TAKES_VALUE:
                index += 1
            continue
        operands.append(args[index - 1])
    return operands


def _check(word: ShellWord, subcommand: str) -> Problem | None:
    value = word.value
    if word.has_expansion or "$" in value or value.endswith(".go"):
        return None
    path, at, version = value.partition("@")
    first = path.split("/", 1)[0]
    if path.startswith((".", "/")) or "." not in first:
        return None  # a local or standard-library package
    if at and version.lower() not in MOVING:
        return None
    problem = f"uses the moving version '@{version}'" if at else "has no '@version'"
    advice = f"write '{path}@<version>' (such as @v1.2.3)"
    if subcommand == "get":
        # Since Go 1.18 ``go get`` only edits go.mod: pinning it alone would not install the
        # program the Dockerfile wants, and fails outside a module.
        advice = f"to install the program, write 'go install {path}@<version>' (such as @v1.2.3)"
    return Problem(
        word.range,
        f"go {subcommand} of '{path}' {problem}; {advice} so that a rebuild gets the same code",
    )

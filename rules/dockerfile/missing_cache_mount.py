"""LK152 missing-cache-mount: package downloads that a BuildKit cache mount could keep."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.rule import FileKind, Rule, RuleContext

from ._apt import APT_TAKES_VALUE
from ._pkg import NPM_TAKES_VALUE, PIP_TAKES_VALUE
from ._run_commands import invocation, iter_runs, mount_targets

#: tool -> (suggested mount target, predicate on existing targets that already cover it)
TARGETS = {
    "apt-get": "/var/cache/apt",
    "pip": "/root/.cache/pip",
    "npm": "/root/.npm",
    "yarn": "/usr/local/share/.cache/yarn",
    "go": "/root/.cache/go-build",
}


class MissingCacheMount(Rule):
    """## What it does
    Suggests a BuildKit cache mount for RUNs that download packages
    (`apt-get install`, `pip install`, `npm install`/`ci`, `yarn install`,
    `go build`/`install`/`mod download`) without one, in Dockerfiles that use
    BuildKit: they declare `# syntax=docker/dockerfile:…` or already use
    `RUN --mount`. A `pip install --no-cache-dir` is left alone (the cache
    would not be used). Off by default: it is an optimisation, not a defect.

    ## Why is this bad?
    Without a cache mount, every change to an earlier layer downloads all
    packages again. A cache mount keeps the downloads between builds on the
    builder, outside the image, so rebuilds are faster and the image holds no
    cache either.

    ## Example
    ```dockerfile
    # syntax=docker/dockerfile:1
    FROM python:3.12-slim
    RUN pip install -r requirements.txt
    ```

    ## Use instead
    ```dockerfile
    # syntax=docker/dockerfile:1
    FROM python:3.12-slim
    RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
    ```
    For apt, Debian and Ubuntu images delete downloaded packages after each
    install (`/etc/apt/apt.conf.d/docker-clean`); remove that file and use
    `sharing=locked` on `/var/cache/apt` and `/var/lib/apt`.

    ## References
    - [Docker: optimize builds with cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    """

    code = "LK152"
    name = "missing-cache-mount"
    summary = "Package downloads in RUN without a BuildKit cache mount"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Suggest a cache mount for each downloading call of a RUN without one."""
        syntax = (dockerfile.syntax_directive or "").lower()
        uses_mounts = any(
            instruction.flag("mount") is not None for instruction in dockerfile.instructions
        )
        if "dockerfile" not in syntax and not uses_mounts:
            return
        for run in iter_runs(dockerfile, onbuild=False):
            if run.exec_form:
                continue
            targets = mount_targets(run.instruction, ("cache",))
            for command in run.commands:
                found = _downloading(command)
                if found is None:
                    continue
                tool, word = found
                wanted = TARGETS[tool]
                if any(_related(target, tool) for target in targets):
                    continue
                yield Problem(
                    word.range,
                    f"{tool} downloads packages on every rebuild; with BuildKit, add "
                    f"'--mount=type=cache,target={wanted}' to this RUN to keep them between "
                    "builds",
                )


def _downloading(command: SimpleCommand) -> tuple[str, ShellWord] | None:
    call = invocation(command, ("apt-get",), ("install",), APT_TAKES_VALUE)
    if call is not None:
        return "apt-get", call.subcommand
    call = invocation(command, ("pip",), ("install",), PIP_TAKES_VALUE)
    if call is not None and not call.has_option("--no-cache-dir"):
        return "pip", call.subcommand
    call = invocation(command, ("npm",), ("install", "i", "ci"), NPM_TAKES_VALUE)
    if call is not None:
        return "npm", call.subcommand
    call = invocation(command, ("yarn",), ("install",))
    if call is not None:
        return "yarn", call.subcommand
    if command.name == "go" and command.args:
        first = command.args[0]
        if first.value in ("build", "install") or [a.value for a in command.args[:2]] == [
            "mod",
            "download",
        ]:
            return "go", first
    return None


def _related(target: str, tool: str) -> bool:
    keys = {
        "apt-get": ("/var/cache/apt", "/var/lib/apt"),
        "pip": (".cache/pip", "/.cache"),
        "npm": ("/.npm",),
        "yarn": ("yarn",),
        "go": ("go-build", "/go/pkg/mod", "/.cache"),
    }[tool]
    return any(key in target or target.endswith(key) for key in keys)

"""LK266 constant-from-platform: ``FROM --platform=linux/amd64`` with a fixed value."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

_OSES = frozenset({"linux", "windows", "darwin", "freebsd"})


class ConstantFromPlatform(Rule):
    """## What it does
    Flags `FROM --platform=<value>` when the value is a fixed platform such as
    `linux/amd64` rather than a variable (`$BUILDPLATFORM`, `$TARGETPLATFORM` or
    an `ARG`). As in BuildKit, a stage whose name mentions the platform's OS or
    architecture (`AS build-amd64`) is taken as deliberately platform-specific
    and left alone.

    ## Why is this bad?
    A fixed platform forces that stage to one architecture whatever the build
    is for: on an Arm machine or in a multi-platform build it runs under
    emulation (slow) or produces binaries for the wrong architecture. Cross
    builds should use `--platform=$BUILDPLATFORM` for the compiling stage and
    leave the final stage to the target platform.

    ## Example
    ```dockerfile
    FROM --platform=linux/amd64 golang:1.23 AS build
    ```

    ## Use instead
    ```dockerfile
    FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    ARG TARGETOS TARGETARCH
    RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
    ```

    ## References
    - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    - [Build checks: FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
    """

    code = "LK266"
    name = "constant-from-platform"
    summary = "`FROM --platform` with a fixed platform instead of a variable"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3029", "FromPlatformFlagConstDisallowed")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag constant --platform values on FROM."""
        for stage in dockerfile.stages:
            flag = stage.from_instruction.flag("platform")
            if flag is None or flag.value is None or flag.value_range is None:
                continue
            value = flag.value
            if "$" in value or not value:
                continue
            parts = value.lower().split("/")
            os_name = parts[0] if len(parts) > 1 or parts[0] in _OSES else ""
            arch = parts[1] if len(parts) > 1 else ("" if os_name else parts[0])
            name = stage.name or ""
            if (os_name and os_name in name) or (arch and arch in name):
                continue
            yield Problem(
                flag.value_range,
                f"FROM --platform={value} pins this stage to one platform whatever the build "
                "targets; use $BUILDPLATFORM or $TARGETPLATFORM (or remove the flag)",
            )

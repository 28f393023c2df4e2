"""LK123 unpinned-apt-package: ``apt-get install`` of a package without ``=version``."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._apt import APT_TAKES_VALUE, simulates
from ._run_commands import Invocation, UnpinnedPackageRule


class UnpinnedAptPackage(UnpinnedPackageRule):
    """## What it does
    Flags each package of an `apt-get install` that carries no version
    (`curl` instead of `curl=7.88.1-10+deb12u5`). Operands that are not
    repository packages are left alone: `.deb` files and paths, `pkg/suite`
    release selections, and words built from variables (`$PACKAGES`), whose
    value lintkit cannot see. The value of `-t`/`-o` is not a package.

    ## Why is this bad?
    Without a pin each build installs whatever version the mirror holds that
    day, so two builds of the same Dockerfile can differ and an upstream update
    can break the image without any change on your side.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```
    Pins go stale when the mirror drops old versions; many teams prefer pinning
    the base image digest instead and disable this rule.

    ## References
    - [apt-get(8): install pkg=version](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    - [Docker: best practices for apt-get (version pinning)](https://docs.docker.com/build/building/best-practices/#apt-get)
    """

    code = "LK123"
    name = "unpinned-apt-package"
    summary = "`apt-get install` of a package without a version pin"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3008",)
    tool_names = ("apt-get",)
    subcommands = ("install",)
    takes_value = APT_TAKES_VALUE
    pin_hint = "'{package}=<version>'"

    def skip_call(self, call: Invocation) -> bool:
        """A simulated install (``-s``) installs nothing."""
        return simulates(call)

    def is_pinned(self, operand: str) -> bool:
        """``pkg=version``, a path or ``.deb`` file, or ``pkg/suite``."""
        return "=" in operand or "/" in operand or operand.endswith(".deb")

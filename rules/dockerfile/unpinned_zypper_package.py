"""LK137 unpinned-zypper-package: `zypper install` of a package without a version."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import ZYPPER_TAKES_VALUE
from ._rpm import zypper_pinned
from ._run_commands import UnpinnedPackageRule


class UnpinnedZypperPackage(UnpinnedPackageRule):
    """## What it does
    Flags each package of a `zypper install` given without a version
    (`curl` instead of `curl=8.6.0`). Groups (`@name`), globs, `.rpm` files,
    paths and words built from variables are left alone.

    ## Why is this bad?
    Without a version each build installs whatever the repository holds that
    day, so two builds of the same Dockerfile can differ and an update can
    break the image without any change on your side.

    ## Example
    ```dockerfile
    RUN zypper install -y curl
    ```

    ## Use instead
    ```dockerfile
    RUN zypper install -y curl=8.6.0
    ```

    ## References
    - [zypper(8): install](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "LK137"
    name = "unpinned-zypper-package"
    summary = "`zypper install` of a package without a version"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3037",)
    tool_names = ("zypper",)
    subcommands = ("install", "in")
    takes_value = ZYPPER_TAKES_VALUE
    pin_hint = "'{package}=<version>'"

    def is_pinned(self, operand: str) -> bool:
        """Whether the operand carries a version or is not a repository package."""
        return zypper_pinned(operand)

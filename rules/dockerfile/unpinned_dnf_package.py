"""LK140 unpinned-dnf-package: `dnf install` of a package without a version."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import RPM_TAKES_VALUE
from ._rpm import ModuleStreamPins
from ._run_commands import UnpinnedPackageRule


class UnpinnedDnfPackage(ModuleStreamPins, UnpinnedPackageRule):
    """## What it does
    Flags each package of a `dnf install` (or its alias `dnf in`) given without
    a version (`httpd` instead of `httpd-2.4.62`), and each module of a
    `dnf module install` given without a stream (`nodejs` instead of
    `nodejs:20`). Groups (`@name`), globs, `.rpm` files, paths and words built
    from variables are left alone.

    ## Why is this bad?
    Without a version each build installs whatever the repository holds that
    day, so two builds of the same Dockerfile can differ and an update can
    break the image without any change on your side.

    ## Example
    ```dockerfile
    RUN dnf install -y httpd
    ```

    ## Use instead
    ```dockerfile
    RUN dnf install -y httpd-2.4.62
    ```

    ## References
    - [dnf: specifying packages](https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label)
    """

    code = "LK140"
    name = "unpinned-dnf-package"
    summary = "`dnf install` of a package without a version"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3041",)
    tool_names = ("dnf", "dnf5", "microdnf")
    # `in` is dnf's alias of install; `module` counts for `module install`.
    subcommands = ("install", "groupinstall", "localinstall", "in", "module")
    takes_value = RPM_TAKES_VALUE
    pin_hint = "'{package}-<version>'"

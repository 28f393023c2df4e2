"""LK133 unpinned-yum-package: `yum install` of a package without a version."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import RPM_TAKES_VALUE
from ._rpm import ModuleStreamPins
from ._run_commands import UnpinnedPackageRule


class UnpinnedYumPackage(ModuleStreamPins, UnpinnedPackageRule):
    """## What it does
    Flags each package of a `yum install` given without a version
    (`httpd` instead of `httpd-2.4.6`), and each module of a `yum module install`
    given without a stream (`nodejs` instead of `nodejs:20`). Groups (`@name`),
    globs, `.rpm` files, paths and words built from variables are left alone.

    ## Why is this bad?
    Without a version each build installs whatever the repository holds that
    day, so two builds of the same Dockerfile can differ and an update can
    break the image without any change on your side.

    ## Example
    ```dockerfile
    RUN yum install -y httpd
    ```

    ## Use instead
    ```dockerfile
    RUN yum install -y httpd-2.4.6
    ```

    ## References
    - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    """

    code = "LK133"
    name = "unpinned-yum-package"
    summary = "`yum install` of a package without a version"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3033",)
    tool_names = ("yum",)
    subcommands = ("install", "groupinstall", "localinstall", "module")
    takes_value = RPM_TAKES_VALUE
    pin_hint = "'{package}-<version>'"

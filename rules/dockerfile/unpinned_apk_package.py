"""LK128 unpinned-apk-package: ``apk add`` of a package without a version constraint."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import APK_TAKES_VALUE, has_glob, is_archive_or_path
from ._run_commands import UnpinnedPackageRule


class UnpinnedApkPackage(UnpinnedPackageRule):
    """## What it does
    Flags each package of an `apk add` without a version constraint (`curl`
    instead of `curl=8.5.0-r0` or `curl~8.5`). `.apk` files, paths, and words
    built from variables are left alone; the name given to `--virtual`/`-t` is
    not a package.

    ## Why is this bad?
    Without a constraint each build installs what the Alpine mirror has that
    day, so two builds of the same Dockerfile can differ.

    ## Example
    ```dockerfile
    RUN apk add --no-cache curl
    ```

    ## Use instead
    ```dockerfile
    RUN apk add --no-cache curl=8.5.0-r0
    ```
    `curl~8.5` accepts patch releases of 8.5 only.

    ## References
    - [Alpine: apk world constraints](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage)
    """

    code = "LK128"
    name = "unpinned-apk-package"
    summary = "`apk add` of a package without a version constraint"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3018",)
    tool_names = ("apk",)
    subcommands = ("add",)
    takes_value = APK_TAKES_VALUE
    pin_hint = "'{package}=<version>'"

    def is_pinned(self, operand: str) -> bool:
        """A constraint (``=``, ``~``, ``<``, ``>``), an ``.apk`` file or a path."""
        if any(mark in operand for mark in "=~<>") or has_glob(operand):
            return True
        return is_archive_or_path(operand, (".apk",))

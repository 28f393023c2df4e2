"""LK125 unpinned-pip-package: ``pip install`` of a package without a version."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import PIP_TAKES_VALUE, is_archive_or_path, vcs_reference
from ._run_commands import Invocation, UnpinnedPackageRule

_SPECIFIERS = ("==", ">=", "<=", "~=", "!=", "<", ">", "@")
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz")


class UnpinnedPipPackage(UnpinnedPackageRule):
    """## What it does
    Flags each package of a `pip install` (also `pip3`, `python -m pip`) given
    without a version specifier. `pkg==1.2`, `pkg>=1,<2`, `pkg @ url`, VCS URLs
    with a revision (`git+https://host/org/repo.git@v1.2`; one without it installs
    whatever the default branch holds, and is flagged), paths, `.` and archive
    files (`.whl`, `.tar.gz`) count as pinned, as does every package of a call
    with `-c`/`--constraint` (the constraints file pins them). Requirement files
    (`-r`) are not read. Words built from variables are left alone.

    ## Why is this bad?
    An unpinned package resolves to the newest release at build time, so the
    image changes from one build to the next and a new release can break it.

    ## Example
    ```dockerfile
    RUN pip install --no-cache-dir flask
    ```

    ## Use instead
    ```dockerfile
    RUN pip install --no-cache-dir flask==3.0.3
    ```
    or list the pins in a requirements file: `pip install -r requirements.txt`.

    ## References
    - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    - [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
    """

    code = "LK125"
    name = "unpinned-pip-package"
    summary = "`pip install` of a package without a version specifier"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3013",)
    tool_names = ("pip",)
    subcommands = ("install",)
    takes_value = PIP_TAKES_VALUE
    pin_hint = "'{package}==<version>'"

    def hint(self, operand: str, call: Invocation) -> str:
        """A VCS URL is pinned with ``@<tag or commit>`` after the repository path."""
        if vcs_reference(operand)[0]:
            return "'@<tag or commit>' after the repository path"
        return super().hint(operand, call)

    def skip_call(self, call: Invocation) -> bool:
        """A constraints file pins every package of the call."""
        return call.has_option("-c", "--constraint")

    def is_pinned(self, operand: str) -> bool:
        """A specifier, a direct reference, a path, an archive, a VCS URL with a revision."""
        vcs, path = vcs_reference(operand)
        if vcs:
            return "@" in path.split("#", 1)[0]
        return (
            any(mark in operand for mark in _SPECIFIERS)
            or is_archive_or_path(operand, _ARCHIVES)
            or ":" in operand
        )

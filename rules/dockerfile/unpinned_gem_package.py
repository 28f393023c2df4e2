"""LK130 unpinned-gem-package: ``gem install`` without a version."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.dockerfile.shell import ShellWord
from lintkit.rule import FileKind

from ._pkg import GEM_TAKES_VALUE, is_archive_or_path
from ._run_commands import Invocation, UnpinnedPackageRule


class UnpinnedGemPackage(UnpinnedPackageRule):
    """## What it does
    Flags each gem of a `gem install` given without a version: neither
    `name:version` nor a `-v`/`--version` option for the call. `.gem` files,
    paths and words built from variables are left alone, and so is everything
    after `--` (build options handed to the gem's extension, not gem names).

    ## Why is this bad?
    Without a version RubyGems installs the newest release at build time, so
    rebuilds differ and a new major release can break the image.

    ## Example
    ```dockerfile
    RUN gem install bundler
    ```

    ## Use instead
    ```dockerfile
    RUN gem install bundler:2.5.11
    ```
    or `gem install bundler -v 2.5.11`.

    ## References
    - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    """

    code = "LK130"
    name = "unpinned-gem-package"
    summary = "`gem install` of a gem without a version"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3028",)
    tool_names = ("gem",)
    subcommands = ("install", "i")
    takes_value = GEM_TAKES_VALUE
    pin_hint = "'{package}:<version>' (or '-v <version>')"

    def skip_call(self, call: Invocation) -> bool:
        """``-v``/``--version`` pins the call's gems."""
        return call.has_option("-v", "--version")

    def packages(self, call: Invocation) -> list[ShellWord]:
        """Operands before ``--``: what follows it goes to the gem's build, not to gem."""
        ends = [word.start for word in call.view.args if word.raw == "--"]
        if not ends:
            return call.operands
        return [word for word in call.operands if word.start < ends[0]]

    def is_pinned(self, operand: str) -> bool:
        """``name:version``, a ``.gem`` file or a path."""
        return ":" in operand or is_archive_or_path(operand, (".gem",))

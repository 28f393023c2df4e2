"""LK127 unpinned-npm-package: ``npm install <pkg>`` without ``@version``."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind

from ._pkg import NPM_TAKES_VALUE, vcs_reference
from ._run_commands import Invocation, UnpinnedPackageRule

_MOVING_TAGS = frozenset({"latest", "next", "*", ""})


class UnpinnedNpmPackage(UnpinnedPackageRule):
    """## What it does
    Flags each package named in `npm install`/`npm i`/`npm add` without a
    version (`typescript` instead of `typescript@5.4.5`), including the moving
    tags `@latest` and `@next`, and git URLs (`git+https://…`, `git+ssh://…`,
    `git://…`) without a `#<tag or commit>`. Tarballs, folders, `user/repo`
    shorthands and words built from variables are left alone; a bare
    `npm install` or `npm ci` installs from `package.json`/the lockfile and is
    not flagged.

    ## Why is this bad?
    A package without a version resolves to whatever is newest at build time,
    so rebuilds differ and a new major release can break the image.

    ## Example
    ```dockerfile
    RUN npm install -g typescript
    ```

    ## Use instead
    ```dockerfile
    RUN npm install -g typescript@5.4.5
    ```

    ## References
    - [npm install](https://docs.npmjs.com/cli/commands/npm-install)
    """

    code = "LK127"
    name = "unpinned-npm-package"
    summary = "`npm install` of a package without `@version`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3016",)
    tool_names = ("npm",)
    subcommands = ("install", "i", "add", "isntall", "in")
    takes_value = NPM_TAKES_VALUE
    pin_hint = "'{package}@<version>'"

    def package_name(self, operand: str) -> str:
        """The name without a moving ``@tag``."""
        scoped = operand.startswith("@")
        name, _, _ = operand[1 if scoped else 0 :].partition("@")
        return ("@" if scoped else "") + name

    def hint(self, operand: str, call: Invocation) -> str:
        """A git URL is pinned with ``#<tag or commit>``."""
        if vcs_reference(operand)[0]:
            return "'#<tag or commit>' after the repository URL"
        return super().hint(operand, call)

    def is_pinned(self, operand: str) -> bool:
        """``name@version`` (scoped too), a URL, git spec, tarball or folder."""
        if operand.startswith((".", "/", "~")) or operand.endswith((".tgz", ".tar.gz", ".tar")):
            return True
        vcs, path = vcs_reference(operand)
        if vcs:
            return bool(path.partition("#")[2])  # `#<tag or commit>` (or `#semver:...`)
        scoped = operand.startswith("@")
        if ":" in operand or (not scoped and "/" in operand):
            return True  # a URL, git spec, ``file:`` or ``user/repo`` shorthand
        _, at, version = operand[1 if scoped else 0 :].partition("@")
        if not at:
            return False
        return version.lower() not in _MOVING_TAGS

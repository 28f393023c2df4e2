"""LK124 apt-instead-of-apt-get: the interactive ``apt`` front end in a RUN."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.fixers.dockerfile_edits import replace_word
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

from ._apt import APT_TAKES_VALUE
from ._run_commands import iter_runs

#: ``apt`` subcommands that ``apt-get`` runs the same way.
SHARED = frozenset(
    {"install", "update", "upgrade", "dist-upgrade", "remove", "purge", "autoremove"}
    | {"clean", "autoclean", "source", "build-dep", "download", "changelog", "satisfy"}
)
#: ``apt`` subcommands that belong to ``apt-cache``.
CACHE = frozenset({"search", "show", "policy", "depends", "rdepends", "showsrc", "list"})


class AptInsteadOfAptGet(Rule):
    """## What it does
    Flags the `apt` command in RUN instructions (`RUN <<EOF` scripts and
    `ONBUILD RUN` triggers included).

    ## Why is this bad?
    `apt` is the front end meant for people at a terminal. Its output and
    behaviour may change between releases (it warns that its command-line
    interface is not stable) and it adds progress bars and prompts a build does
    not want. `apt-get` and `apt-cache` are the stable tools for scripts.

    ## Example
    ```dockerfile
    RUN apt update && apt install -y curl
    ```

    ## Use instead
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Fix safety
    The fix replaces `apt` by `apt-get` for subcommands `apt-get` also has
    (`install`, `update`, `upgrade`, `remove`, ...). It is **unsafe**: the two
    differ in details (`apt upgrade` may install new packages where
    `apt-get upgrade` does not; `full-upgrade` has no `apt-get` twin and is not
    fixed), so check the result. `apt list`/`search`/`show` are not fixed:
    `apt-cache` has different options.

    ## References
    - [apt(8): script usage](https://manpages.debian.org/stable/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
    """

    code = "LK124"
    name = "apt-instead-of-apt-get"
    summary = "`apt` in a RUN; use `apt-get` or `apt-cache` in scripts"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE
    aliases = ("DL3027",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each ``apt`` call."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                if command.name != "apt" or command.name_word is None:
                    continue
                subcommand = command.subcommand(APT_TAKES_VALUE)
                if subcommand is None:
                    continue  # ``apt --version`` and the like
                word = command.name_word
                replacement = "apt-cache" if subcommand in CACHE else "apt-get"
                message = (
                    f"'apt {subcommand}' uses apt's interactive front end, whose output is "
                    f"not stable for scripts; use '{replacement} {subcommand}'"
                )
                if subcommand not in SHARED or word.raw != "apt" or run.exec_form:
                    yield Problem(
                        word.range,
                        message,
                        unfixable_reason=f"'apt-get' has no same-behaving '{subcommand}'"
                        if subcommand not in SHARED
                        else "the command is not written as a bare 'apt'",
                    )
                    continue
                fix = Fix.unsafe("Replace `apt` with `apt-get`", replace_word(word, "apt-get"))
                yield Problem(word.range, message, fix=fix)

"""LK618 missing-project-name: a main compose file without a top-level name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class MissingProjectName(Rule):
    """## What it does
    Reports a compose file with services but no top-level `name:`. Override
    files, files another compose file includes, and legacy files are left
    alone. This rule is off by default: the directory name is a fine project
    name for many projects.

    ## Why is this bad?
    Without `name:`, Compose names the project (and so its containers,
    networks and volumes) after the directory the file is in. Two checkouts
    in directories of the same name share volumes and replace each other's
    containers, and renaming the directory orphans the old volumes.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
    ```

    ## Use instead
    ```yaml
    name: shop
    services:
      web:
        image: example/web:1.4
    ```

    ## References
    - [Compose file reference: name](https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element)
    - [Compose: specify a project name](https://docs.docker.com/compose/how-tos/project-name/)
    """

    code = "LK618"
    name = "missing-project-name"
    summary = "The compose file does not set a project name"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("require-project-name-field",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report a main file without ``name:`` at its first line."""
        if compose.root is None or compose.is_legacy or not compose.services:
            return
        if "name" in compose.root:
            return
        seen = st.view(compose, context)
        if not seen.is_main:
            return
        first = compose.root.entries[0].key.range if compose.root.entries else compose.root.range
        yield Problem(
            first,
            "The project has no 'name:', so Compose names it (and its containers, networks and "
            "volumes) after the directory; add a top-level 'name:'",
        )

"""LK602 unknown-compose-key: a key the Compose Specification does not define at that place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.validation import validate_compose
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class UnknownComposeKey(Rule):
    """## What it does
    Reports a key that the Compose Specification does not define where it is
    written, such as a misspelt service setting (`imgae:`), a top-level key
    (`servces:`) or a key nested in `deploy`, `build`, `healthcheck` or a long
    port or volume entry. When a known key is close, the message names it
    ("did you mean 'image'?"). Keys starting with `x-` are extensions and are
    always allowed; legacy (format 1) files are not checked.

    ## Why is this bad?
    `docker compose` refuses a file with an unknown key, so a single typo stops
    the whole project. Older tools ignored such keys silently, which is worse:
    the setting the author meant (a restart policy, a memory limit) is simply
    not applied.

    ## Example
    ```yaml
    services:
      web:
        imgae: example/web:1.4
        deploy:
          resourcs:
            limits:
              memory: 256M
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        deploy:
          resources:
            limits:
              memory: 256M
    ```
    To keep data of your own in the file, prefix the key with `x-`.

    ## References
    - [Compose file reference: services](https://docs.docker.com/reference/compose-file/services/)
    - [Compose file reference: extensions (`x-`)](https://docs.docker.com/reference/compose-file/extension/)
    """

    code = "LK602"
    name = "unknown-compose-key"
    summary = "A key the Compose Specification does not define"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report unknown keys, with the closest known key when there is one."""
        for issue in validate_compose(compose):
            if issue.unknown_key:
                yield Problem(issue.range, issue.message)

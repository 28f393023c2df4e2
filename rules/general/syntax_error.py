"""LK001 syntax-error: the file cannot be parsed."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, Rule


class SyntaxErrorRule(Rule):
    """## What it does
    Reports a Dockerfile or compose file that lintkit cannot parse, at the place
    where parsing stopped. Binary files, invalid UTF-8, unclosed quotes, bad YAML
    indentation, unknown Dockerfile instructions and Dockerfile flags written
    without the value they need (`COPY --from build`, where Docker wants
    `--from=build`) all end up here.

    ## Why is this bad?
    Docker or Compose would reject the file too, and no other rule can check it
    until it parses.

    ## Example
    ```yaml
    services:
      web:
        image: "nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: "nginx:1.27"
    ```

    The engine reports this finding itself; suppression comments cannot silence
    it, because a file that does not parse has no comments lintkit can read.
    """

    code = "LK001"
    name = "syntax-error"
    summary = "The file cannot be parsed"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})

"""LK116 misplaced-parser-directive: a directive-like comment that Docker ignores."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

LOG = logging.getLogger(__name__)

# The same shape BuildKit accepts at the top of the file, applied to a comment's text.
_LOOKS_LIKE_DIRECTIVE = re.compile(r"^(syntax|escape|check)[\t\f\r ]*=[\t\f\r ]*(\S.*?)\s*$", re.I)


class MisplacedParserDirective(Rule):
    r"""## What it does
    Flags a comment that looks like a parser directive (`# syntax=…`, `# escape=…`,
    `# check=…`) but is not in the block of directives at the very top of the file, or that
    repeats a directive already given there.

    ## Why is this bad?
    Docker reads parser directives only until the first line that is not one: a blank line,
    another comment or an instruction ends the block, and everything after it is an ordinary
    comment. A `# syntax=` below a license header silently builds with the default frontend
    (so here-documents or `RUN --mount` may fail or behave differently), an `# escape=`` ` ``
    below a comment leaves `\` as the escape character of a Windows Dockerfile, and a late
    `# check=` does not configure the build checks.

    ## Example
    ```dockerfile
    # Copyright 2024 Example Corp.
    # syntax=docker/dockerfile:1
    FROM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    # syntax=docker/dockerfile:1
    # Copyright 2024 Example Corp.
    FROM alpine:3.20
    ```

    ## References
    - [Dockerfile reference: parser directives](https://docs.docker.com/reference/dockerfile/#parser-directives)
    """

    code = "LK116"
    name = "misplaced-parser-directive"
    summary = "Parser directive that Docker ignores because it is not at the top of the file"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Report directive-like comments after the directive block."""
        source = dockerfile.source
        first_line = source.line_text(0)
        seen = {name: directive for name, directive in dockerfile.directives.items()}
        for comment in dockerfile.syntax.comments:
            match = _LOOKS_LIKE_DIRECTIVE.match(comment.text)
            if match is None:
                continue
            name = match.group(1).lower()
            line = comment.range.start.line
            if (
                name == "syntax"
                and line == 1
                and first_line.startswith("#!")
                and "syntax" not in seen
            ):
                # BuildKit skips a shebang line when it looks for the syntax directive.
                LOG.debug("syntax directive after a shebang is honoured")
                continue
            earlier = seen.get(name)
            if earlier is not None:
                message = (
                    f"This '{name}' directive repeats the one on line "
                    f"{earlier.range.start.line + 1} and is ignored: Docker reads only the first; "
                    "remove it"
                )
            else:
                message = (
                    f"This '{name}' directive is ignored: Docker reads parser directives only "
                    "in the first lines of the file, before any blank line, other comment or "
                    "instruction; move it to the top"
                )
            yield Problem(comment.range, message)

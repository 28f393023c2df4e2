"""LK283 invalid-definition-description: a comment above FROM/ARG not describing it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Arg, From, Instruction
from lintkit.rule import FileKind, Rule, RuleContext

_PRAGMA = re.compile(r"^(?:hadolint|lintkit:|check\s*=|syntax\s*=|escape\s*=)", re.IGNORECASE)


class InvalidDefinitionDescription(Rule):
    """## What it does
    Flags the comment line right above a named `FROM … AS <stage>` or an `ARG`
    when it does not start with that stage's or argument's name. Suppression
    comments (`# hadolint …`, `# lintkit: …`) are left alone, and a blank line
    between comment and instruction marks the comment as unrelated. This
    mirrors an experimental BuildKit check and is off by default.

    ## Why is this bad?
    Docker's build tooling (`docker buildx build --call=outline`) shows a comment
    of the form `# <name> <description>` directly above a stage or build
    argument as its description. Other comments in that place show up as
    garbled descriptions.

    ## Example
    ```dockerfile
    # Version of Go to compile with
    ARG GO_VERSION=1.23
    ```

    ## Use instead
    ```dockerfile
    # GO_VERSION sets the version of Go to compile with
    ARG GO_VERSION=1.23
    ```
    or separate an unrelated comment with a blank line.

    ## References
    - [Build checks: InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
    - [Build: describing build arguments and stages](https://docs.docker.com/build/checks/)
    """

    code = "LK283"
    name = "invalid-definition-description"
    summary = "Comment above a stage or `ARG` does not start with its name"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("InvalidDefinitionDescription",)
    enabled_by_default = False

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check the comment directly above each named FROM and each ARG."""
        by_line = {comment.range.start.line: comment for comment in dockerfile.syntax.comments}
        for instruction in dockerfile.instructions:
            names = _names(instruction)
            if not names:
                continue
            comment = by_line.get(instruction.range.start.line - 1)
            if comment is None or _PRAGMA.match(comment.text) or not comment.text:
                continue
            if comment.text.split(" ")[0] in names:
                continue
            shown = names[0] if len(names) == 1 else "<name>"
            kind = "stage" if isinstance(instruction, From) else "build argument"
            yield Problem(
                comment.range,
                f"This comment sits directly above the {kind} '{shown}' but does not start "
                f"with its name, so it is not a valid description; write '# {shown} "
                "<description>' or add a blank line after the comment",
            )


def _names(instruction: Instruction) -> list[str]:
    if isinstance(instruction, From) and instruction.stage_name is not None:
        return [instruction.stage_name.value]
    if isinstance(instruction, Arg):
        return [pair.key for pair in instruction.pairs]
    return []

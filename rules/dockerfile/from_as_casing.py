"""LK263 from-as-casing: ``FROM … as …`` with the two keywords in different cases."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext


class FromAsCasing(Rule):
    """## What it does
    Flags `FROM … AS name` lines where `AS` is not written in the same case as
    `FROM`: `FROM image as build` or `from image AS build`. A `FROM` in mixed
    case (`From`) is left to `inconsistent-instruction-casing`.

    ## Why is this bad?
    Docker accepts any case, but mixing them reads as a mistake and makes the
    file harder to search (`grep 'AS build'` misses `as build`). BuildKit's
    build checks warn about it.

    ## Example
    ```dockerfile
    FROM golang:1.23 as build
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build
    ```

    ## Fix safety
    The fix rewrites `AS` in the case of `FROM`. It is safe: keywords are not
    case-sensitive.

    ## References
    - [Build checks: FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    """

    code = "LK263"
    name = "from-as-casing"
    summary = "`AS` not in the same case as `FROM`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("FromAsCasing",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each FROM whose AS keyword is cased differently."""
        for stage in dockerfile.stages:
            instruction = stage.from_instruction
            as_word = instruction.as_keyword
            if as_word is None:
                continue
            keyword = instruction.written_keyword
            if keyword == keyword.upper():
                wanted = "AS"
            elif keyword == keyword.lower():
                wanted = "as"
            else:
                continue
            if as_word.raw == wanted:
                continue
            edit = Edit(as_word.range.start.offset, as_word.range.end.offset, wanted)
            yield Problem(
                as_word.range,
                f"'{as_word.raw}' is not in the case of '{keyword}'; write '{keyword} … {wanted}'",
                fix=Fix.safe(f"Write '{wanted}'", edit),
            )

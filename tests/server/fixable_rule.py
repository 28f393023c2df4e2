"""A test-only rule with a safe and an unsafe fix, so code actions can be tested before
(and independently of) the built-in rules that offer fixes."""

from __future__ import annotations

import time
from collections.abc import Iterator

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext


class LowercaseKeyword(Rule):
    """## What it does
    Test rule: flags instruction keywords not written in upper case.

    ## Why is this bad?
    It is a test.

    ## Example
    ```dockerfile
    from alpine:3.20
    ```
    """

    code = "LK990"
    name = "test-lowercase-keyword"
    summary = "Keyword not upper case (test rule)"
    severity = Severity.STYLE
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        for instruction in dockerfile.syntax.instructions:
            if instruction.written_keyword == instruction.keyword:
                continue
            where = instruction.keyword_range
            edit = Edit(where.start.offset, where.end.offset, instruction.keyword)
            if instruction.keyword == "RUN":
                fix = Fix.unsafe(f"Write '{instruction.keyword}'", edit)
            else:
                fix = Fix.safe(f"Write '{instruction.keyword}'", edit)
            yield Problem(where, f"Write the keyword as '{instruction.keyword}'", fix=fix)


class SlowRule(Rule):
    """## What it does
    Test rule: takes a while on files that say SLOW, to test that the server stays responsive.

    ## Why is this bad?
    It is a test.

    ## Example
    `# SLOW`
    """

    code = "LK991"
    name = "test-slow-rule"
    summary = "Slow on purpose (test rule)"
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        if "SLOW" in dockerfile.source.text:
            time.sleep(SLOW_SECONDS)
        return iter(())


SLOW_SECONDS = 1.5


def serve() -> None:
    """Run the language server with the built-in rules plus this one."""
    from lintkit.registry import build_registry
    from lintkit.server import create_server

    create_server(build_registry(extra=[LowercaseKeyword, SlowRule])).start_io()


if __name__ == "__main__":
    serve()

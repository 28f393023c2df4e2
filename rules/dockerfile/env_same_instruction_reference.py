"""LK269 env-same-instruction-reference: ``ENV A=1 B=$A`` reading the old value of A."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile, expand
from lintkit.dockerfile.syntax import Env
from lintkit.rule import FileKind, Rule, RuleContext


class EnvSameInstructionReference(Rule):
    """## What it does
    Flags an `ENV` value that uses a variable set by an earlier pair of the same
    `ENV` instruction (`ENV APP_HOME=/app DATA=$APP_HOME/data`) when the variable
    has no value from earlier in the file. A value that extends its own variable
    (`PATH=/opt/bin:$PATH`) is fine, unless an earlier pair of the same `ENV`
    already set that variable (`ENV PATH=/a:$PATH PATH=/b:$PATH`): that earlier
    value is then lost.

    ## Why is this bad?
    Docker expands all values of one `ENV` with the variables as they were
    before the instruction. `$APP_HOME` above is still empty (or holds an old
    value), so `DATA` becomes `/data`, not `/app/data`: the line does not do
    what it reads like.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    ENV APP_HOME=/app DATA=$APP_HOME/data
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    ENV APP_HOME=/app
    ENV DATA=$APP_HOME/data
    ```

    ## References
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    """

    code = "LK269"
    name = "env-same-instruction-reference"
    summary = "`ENV` value uses a variable the same `ENV` sets"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3044",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Check ENV instructions with several pairs."""
        text = dockerfile.source.text
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                if not isinstance(instruction, Env) or len(instruction.pairs) < 2:
                    continue
                known = stage.variables_before(instruction, dockerfile.global_args)
                set_before: set[str] = set()
                for pair in instruction.pairs:
                    if pair.value_range is None:
                        set_before.add(pair.key)
                        continue
                    raw = text[pair.value_range.start.offset : pair.value_range.end.offset]
                    _, used = expand(raw, {}, dockerfile.escape)
                    flagged = [
                        name
                        for name in used
                        if name in set_before and name != pair.key and name not in known
                    ]
                    if pair.key in used and pair.key in set_before:
                        # `ENV PATH=/a:$PATH PATH=/b:$PATH`: the second $PATH is the value
                        # from before the instruction, so the first pair is silently lost.
                        yield Problem(
                            pair.range,
                            f"{pair.key} extends ${pair.key}, which still holds its value from "
                            f"before this ENV, so the earlier {pair.key}=… of this ENV is lost; "
                            "write both parts in one value",
                        )
                    set_before.add(pair.key)
                    for name in flagged:
                        yield Problem(
                            pair.range,
                            f"{pair.key} uses ${name}, which this same ENV sets; Docker expands "
                            f"it before the instruction runs, when {name} is not set yet. Set "
                            f"{name} in an earlier ENV",
                        )

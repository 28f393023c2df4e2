"""LK301 literal-secret-value: a token, key or private key written into the Dockerfile."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.rule import FileKind, Rule, RuleContext

from ._secrets import find_tokens


class LiteralSecretValue(Rule):
    """## What it does
    Flags credentials whose format gives them away, written anywhere in an
    instruction (ARG/ENV/LABEL values, RUN commands, heredocs): AWS access key
    IDs (`AKIA…`), private key blocks (`-----BEGIN … PRIVATE KEY-----`), GitHub
    tokens (`ghp_…`, `github_pat_…`), GitLab tokens (`glpat-…`), Slack tokens
    and webhook URLs, Google API keys (`AIza…`), Stripe live keys, npm and PyPI
    tokens. Values containing `EXAMPLE` or long runs of one character
    (placeholders) are left alone. Comments are not checked.

    ## Why is this bad?
    The Dockerfile is usually in version control, and the value also ends up in
    the image (its configuration, its history or a layer). Anyone who can read
    either can use the credential; it has to be revoked.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    ENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz
    ```

    ## Use instead
    Revoke the credential, then pass a new one as a build secret:
    ```dockerfile
    FROM alpine:3.20
    RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN ./fetch-private-deps.sh
    ```

    ## References
    - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    - [GitHub: about secret scanning](https://docs.github.com/en/code-security/secret-scanning/about-secret-scanning)
    """

    code = "LK301"
    name = "literal-secret-value"
    summary = "A credential (token, access key, private key) is written into the Dockerfile"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each recognised credential in the instructions' text."""
        text = dockerfile.source.text
        comment_lines = {comment.range.start.line for comment in dockerfile.syntax.comments}
        for instruction in dockerfile.instructions:
            start = instruction.range.start.offset
            skipped = comment_lines | {c.range.start.line for c in instruction.comments}
            for label, begin, end in find_tokens(text[start : instruction.range.end.offset]):
                where = dockerfile.source.range(start + begin, start + end)
                if where.start.line in skipped:
                    continue
                yield Problem(
                    where,
                    f"This looks like {label} written into the {instruction.keyword} "
                    "instruction; anyone with the Dockerfile or the image can use it. "
                    "Revoke it and pass a new one as a build secret (RUN --mount=type=secret)",
                )

"""LK300 secret-in-arg-or-env: an ARG or ENV whose name says it holds a credential."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.credentials import placeholder
from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Arg, Env, Instruction, KeyValueInstruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext

from ._secrets import secret_variable_name

_BOOLEANS = frozenset(("true", "false", "yes", "no", "on", "off", "0", "1"))


def _key_values(dockerfile: Dockerfile) -> Iterator[KeyValueInstruction]:
    for outer in dockerfile.instructions:
        instruction: Instruction | None = outer
        if isinstance(outer, Onbuild):
            instruction = outer.trigger
        if isinstance(instruction, (Arg, Env)):
            yield instruction


class SecretInArgOrEnv(Rule):
    r"""## What it does
    Flags `ARG` and `ENV` instructions whose variable name says it holds a
    credential: names with a word such as `PASSWORD`, `SECRET`, `TOKEN`,
    `APIKEY`, `AUTH` or `CREDENTIALS`, `KEY` after a word like `API`, `SSH`,
    `PRIVATE` or `SECRET` (`API_KEY`, `SSH_PRIVATE_KEY`), and well-known names
    such as `AWS_SECRET_ACCESS_KEY` or `GITHUB_TOKEN`. Words are found by
    splitting the name at `_`, `-`, `.` and camelCase, case-insensitively.

    Names that describe a setting about a credential or something public are
    left alone: `PASSWORD_FILE`, `TOKEN_URL`, `AUTH_ENABLED`, `GPG_KEY`,
    `PUBLIC_KEY`, `KEY_ID`, `CACHE_KEY`. So are values that are a boolean or an
    absolute path (a place where the secret will be mounted), and empty `ENV`
    values (`ENV DB_PASSWORD=""`): the image stores nothing, and the real value
    comes with `docker run -e` when the container starts. So are `ENV` values
    that only stand in for a credential, the placeholders that the compose rule
    `literal-credential-in-environment` skips too: `<password>`, `dummy`, values made only of
    `x` or `*` (`XXXXXXXX`), words wrapped in underscores (`_admin_password_`),
    values that ask to be changed (`changeme`, `replace-me`, `your-token-here`),
    and values made only of zeros and dashes (`00000000-0000-0000-0000-000000000000`).
    An `ARG` is still reported when its default is empty, missing or a
    placeholder, as Docker's `SecretsUsedInArgOrEnv` check does: its value
    arrives with `--build-arg`, and that is what leaks.

    ## Why is this bad?
    Build arguments and environment variables are not secret: ENV values are
    stored in the image configuration for anyone who pulls it, and ARG values
    used by a RUN show up in `docker history` and in the build cache. A token
    passed this way leaks to everyone who can read the image.

    ## Example
    ```dockerfile
    FROM node:20-slim
    ARG NPM_TOKEN
    RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    ```

    ## Use instead
    Pass the value as a build secret, mounted only while one RUN executes:
    ```dockerfile
    FROM node:20-slim
    RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
        echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
    ```
    and build with `docker build --secret id=npm_token,env=NPM_TOKEN .`.

    ## References
    - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    - [Dockerfile reference: RUN --mount=type=secret](https://docs.docker.com/reference/dockerfile/#run---mounttypesecret)
    """

    code = "LK300"
    name = "secret-in-arg-or-env"
    summary = "ARG or ENV named like a credential; its value stays readable in the image"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    aliases = ("DL3064", "SecretsUsedInArgOrEnv")

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each credential-named pair on its key."""
        for instruction in _key_values(dockerfile):
            for pair in instruction.pairs:
                if not secret_variable_name(pair.key):
                    continue
                value = (pair.value or "").strip()
                # NOTE: only ENV: an empty or placeholder ARG default is replaced by the real
                # secret with --build-arg, which lands in the history all the same.
                if instruction.keyword == "ENV" and (not value or placeholder(value)):
                    continue
                if value.lower() in _BOOLEANS or (value.startswith("/") and " " not in value):
                    continue
                if instruction.keyword == "ARG":
                    where = "build arguments show up in the image history and build cache"
                else:
                    where = "ENV values are stored in the image for anyone who pulls it"
                yield Problem(
                    pair.key_range,
                    f"{instruction.keyword} {pair.key} looks like a credential; {where}. "
                    "Pass it as a build secret (RUN --mount=type=secret) instead",
                )

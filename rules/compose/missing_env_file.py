"""LK611 missing-env-file: an env_file that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit import project_files
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


#: The file Portainer writes beside a stack's compose file from the variables set in its UI.
PORTAINER_ENV_FILE = "stack.env"


class MissingEnvFile(Rule):
    """## What it does
    Reports an `env_file` entry naming a file that does not exist, relative to
    the compose file's directory. Entries marked `required: false`, paths
    written with `${VAR}` whose value is not known, and paths that leave the
    project (reported by `file-outside-project`, never read) are left alone, and so is
    `stack.env`, which Portainer writes from a stack's variables when it deploys it.
    Only files on disk are checked (not text from standard input).

    ## Why is this bad?
    Compose refuses to start a service whose required `env_file` is missing.
    Env files are often kept out of version control (`.env.local`), so the
    project starts on the author's machine and fails everywhere else.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        env_file: .env.local
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        env_file:
          - path: .env.local
            required: false
    ```
    Or commit an example file and document how to create the real one.

    ## References
    - [Compose file reference: env_file](https://docs.docker.com/reference/compose-file/services/#env_file)
    - [Portainer: environment variables of a stack](https://docs.portainer.io/user/docker/stacks/add)
    """

    code = "LK611"
    name = "missing-env-file"
    summary = "An env_file does not exist"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report required env files that are not there."""
        found = h.Collector()
        for service, env_file, path in st.env_files(compose, context):
            if not env_file.required or path is None:
                continue
            if env_file.path.removeprefix("./") == PORTAINER_ENV_FILE:
                continue  # written by Portainer from the stack's variables when it deploys
            if project_files.exists(path):
                continue
            found.add(
                env_file.node.range,
                service,
                f"{{who}}: env_file '{env_file.path}' does not exist; Compose refuses to start "
                "the service. Create it, fix the path, or mark it 'required: false'",
            )
        yield from found.problems()

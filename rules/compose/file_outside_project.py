"""LK612 file-outside-project: a compose reference to a file outside the project directory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class FileOutsideProject(Rule):
    """## What it does
    Reports an `env_file`, `include` or `extends.file` path that leads out of
    the project directory (the directory lintkit was configured for, normally
    the repository) with `../`. lintkit never reads such files, so what they
    define is not checked. Absolute `env_file` paths are deliberate host paths
    and are left alone, as are optional (`required: false`) env files.

    ## Why is this bad?
    The project then depends on files that are not part of the repository:
    it starts on the machine where they happen to exist and fails on a fresh
    checkout or in CI. Secrets kept outside the repository on purpose are the
    usual exception; suppress the finding there.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        env_file: ../../shared/web.env
    ```

    ## Use instead
    Keep the file in the project (without secrets, which belong in `secrets:`),
    or mark an optional file `required: false`.

    ## References
    - [Compose file reference: env_file](https://docs.docker.com/reference/compose-file/services/#env_file)
    - [Compose: include](https://docs.docker.com/compose/how-tos/multiple-compose-files/include/)
    """

    code = "LK612"
    name = "file-outside-project"
    summary = "A referenced file lies outside the project directory"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report env files, includes and extended files outside the project root."""
        found = h.Collector()
        for service, env_file, path in st.env_files(compose, context):
            if (
                path is None
                and env_file.required
                and st.leaves_root(compose, context, env_file.path)
            ):
                found.add(
                    env_file.node.range,
                    service,
                    f"{{who}}: env_file '{env_file.path}' lies outside the project directory; "
                    "lintkit does not read it and a fresh checkout will not have it",
                )
        yield from found.problems()
        for problem in st.view(compose, context).project.problems:
            if (
                problem.range is not None
                and problem.path == compose.source.path
                and st.is_outside_message(problem.message)
            ):
                yield Problem(
                    problem.range,
                    "This file lies outside the project directory; lintkit does not read it "
                    "and a fresh checkout will not have it",
                )

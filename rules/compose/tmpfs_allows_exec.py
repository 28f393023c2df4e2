"""LK521 tmpfs-allows-exec: a tmpfs mount that allows running programs or setuid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class TmpfsAllowsExec(Rule):
    """## What it does
    Reports `tmpfs` entries whose options include `exec` or `suid`
    (`/tmp:exec`, `/run:rw,exec,size=64m`).

    ## Why is this bad?
    Docker mounts a `tmpfs` with `noexec` and `nosuid` by default, so a
    writable scratch directory cannot be used to run downloaded programs or
    setuid binaries. `exec`/`suid` switch that off again, which undoes much of
    the benefit of `read_only: true`: an attacker gets a writable place to run
    tools from.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        read_only: true
        tmpfs:
          - /tmp:exec
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        read_only: true
        tmpfs:
          - /tmp
    ```

    ## References
    - [Compose file reference: tmpfs](https://docs.docker.com/reference/compose-file/services/#tmpfs)
    - [Docker: tmpfs mounts](https://docs.docker.com/engine/storage/tmpfs/)
    """

    code = "LK521"
    name = "tmpfs-allows-exec"
    summary = "A tmpfs mount allows exec or setuid"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0022",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``exec``/``suid`` tmpfs options."""
        found = h.Collector()
        for service in compose.services.values():
            for text, node in service.strings("tmpfs"):
                path, _, options = text.partition(":")
                path = path.strip()
                flags = [o.strip().lower() for o in options.split(",")]
                bad = [flag for flag in ("exec", "suid") if flag in flags]
                if not bad:
                    continue
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: tmpfs '{path}' is mounted with '{','.join(bad)}', so programs "
                    "written there can run; drop the option to keep Docker's noexec,nosuid "
                    "default",
                )
        yield from found.problems()

"""LK516 root-user: a service explicitly set to run as root."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class RootUser(Rule):
    """## What it does
    Reports `user:` set to root: `root`, `0`, `0:0`, `root:root` or any
    `root`/`0` user with a group. `${VAR}` values are checked with their
    default when they have one, and left alone otherwise. Services without
    `user:` are not reported (the image's `USER` decides there, which
    Dockerfile rules check).

    ## Why is this bad?
    A process running as root in the container owns everything in it, and any
    escape or mounted host path gives it root's rights on the host. Setting
    `user: root` explicitly also undoes an image that was built to run as an
    unprivileged user.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        user: root
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        user: "1000:1000"
    ```

    ## References
    - [Compose file reference: user](https://docs.docker.com/reference/compose-file/services/#user)
    - [Docker: rootless mode and user namespaces](https://docs.docker.com/engine/security/userns-remap/)
    """

    code = "LK516"
    name = "root-user"
    summary = "Service runs as root explicitly"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0018",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``user:`` set to root."""
        found = h.Collector()
        for service in compose.services.values():
            node = service.get("user")
            text = h.node_text(node)
            if node is None or text is None:
                continue
            value = h.resolved(compose, text)
            if value is None or value.split(":", 1)[0].strip().lower() not in ("root", "0"):
                continue
            found.add(
                node.range,
                service.name,
                f"{{who}}: 'user: {text}' runs the container as root; use an unprivileged user "
                "such as '1000:1000'",
            )
        yield from found.problems()

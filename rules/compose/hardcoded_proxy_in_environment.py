"""LK518 hardcoded-proxy-in-environment: proxy addresses written into ``environment``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

_PROXY_NAMES = frozenset(("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY"))


class HardcodedProxyInEnvironment(Rule):
    """## What it does
    Reports `HTTP_PROXY`, `HTTPS_PROXY`, `FTP_PROXY` and `ALL_PROXY` (in any
    case) set to a literal address in a service's `environment`. Values from
    `${VAR}` interpolation and empty values (taken from the shell) are left
    alone; so is `NO_PROXY`.

    ## Why is this bad?
    A proxy address belongs to one network: the file then works only there,
    and everyone else has to edit it. Proxy URLs also often carry a user name
    and password. Docker can pass the proxy of the machine that runs the
    stack on its own (the client's `proxies` setting), or the value can come
    from the shell through `${HTTP_PROXY}`.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        environment:
          HTTP_PROXY: http://proxy.corp.example:3128
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        environment:
          HTTP_PROXY: ${HTTP_PROXY:-}
    ```

    ## References
    - [Docker: use a proxy server with the Docker CLI](https://docs.docker.com/engine/cli/proxy/)
    - [Compose: interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    """

    code = "LK518"
    name = "hardcoded-proxy-in-environment"
    summary = "Proxy settings are hard-coded in `environment`"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report literal proxy addresses."""
        found = h.Collector()
        for service in compose.services.values():
            for item in service.environment:
                if item.name.upper() not in _PROXY_NAMES or item.value is None:
                    continue
                if not item.value.strip() or h.has_variables(item.value):
                    continue
                found.add(
                    h.environment_value_range(compose, item),
                    service.name,
                    f"{{who}}: '{item.name}' is set to a fixed proxy address, so the file works "
                    "only on one network; pass it from the shell with '${" + item.name + "}' or "
                    "let Docker's proxy settings provide it",
                )
        yield from found.problems()

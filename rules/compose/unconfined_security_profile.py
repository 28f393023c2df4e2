"""LK510 unconfined-security-profile: seccomp, AppArmor or SELinux confinement switched off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile

_OPTION = re.compile(r"^\s*(?P<name>[a-z]+)\s*[:=]\s*(?P<value>[a-z]+)\s*$", re.IGNORECASE)
_UNCONFINED = {
    ("seccomp", "unconfined"): "turns off the seccomp system-call filter",
    ("apparmor", "unconfined"): "turns off the AppArmor profile",
    ("label", "disable"): "turns off SELinux labelling",
    ("systempaths", "unconfined"): "unmasks /proc and /sys paths Docker normally hides",
}


class UnconfinedSecurityProfile(Rule):
    """## What it does
    Reports `security_opt` entries that switch a confinement off:
    `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and
    `systempaths=unconfined` (with `:` or `=`). Custom profiles
    (`seccomp:./profile.json`) are left alone.

    ## Why is this bad?
    Docker's default seccomp profile blocks dozens of dangerous system calls,
    and its AppArmor/SELinux policies stop the container from touching host
    files even when other settings go wrong. Switching them off removes a
    layer that has stopped real container escapes. A service that needs one
    blocked call is better served by a custom profile allowing just that call.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:2.0
        security_opt:
          - seccomp:unconfined
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: example/app:2.0
        security_opt:
          - seccomp:./seccomp-app.json
    ```

    ## References
    - [Docker: seccomp security profiles](https://docs.docker.com/engine/security/seccomp/)
    - [Docker: AppArmor security profiles](https://docs.docker.com/engine/security/apparmor/)
    - [Compose file reference: security_opt](https://docs.docker.com/reference/compose-file/services/#security_opt)
    """

    code = "LK510"
    name = "unconfined-security-profile"
    summary = "Service turns off seccomp, AppArmor or SELinux confinement"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0009",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report unconfined ``security_opt`` entries."""
        found = h.Collector()
        for service in compose.services.values():
            for text, node in service.security_opt:
                value = h.resolved(compose, text)
                match = _OPTION.match(value or "")
                if match is None:
                    continue
                key = (match.group("name").lower(), match.group("value").lower())
                effect = _UNCONFINED.get(key)
                if effect is None:
                    continue
                shown = text.strip()
                found.add(
                    node.range,
                    service.name,
                    f"{{who}}: '{shown}' {effect}; keep the default or use a custom profile "
                    "that allows only what it needs",
                )
        yield from found.problems()

"""LK502 missing-no-new-privileges: a service whose processes may gain privileges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.loader import YamlNode
    from lintkit.compose.model import ComposeFile, Service

OPTION = "no-new-privileges:true"
_SETTING = re.compile(r"^\s*no-new-privileges\s*(?:[:=]\s*(?P<value>\S*))?\s*$", re.IGNORECASE)


class MissingNoNewPrivileges(Rule):
    """## What it does
    Reports a service whose `security_opt` does not contain
    `no-new-privileges:true` (the forms `no-new-privileges` and
    `no-new-privileges=true` count too). An explicit `no-new-privileges:false`
    is reported at that entry. Services that take settings from `extends:` are
    left alone.

    This rule is off by default because nearly every service lacks the option;
    turn it on with `extend-select = ["missing-no-new-privileges"]` when hardening.

    ## Why is this bad?
    Without the option, a process in the container can gain privileges through
    set-user-ID or set-group-ID programs (`su`, `sudo`, a planted setuid
    binary) or file capabilities. With it, the kernel refuses any privilege
    gain on `execve`, closing a common escalation path inside the container.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:1.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: example/api:1.4
        security_opt:
          - no-new-privileges:true
    ```

    ## Fix safety
    The fix adds `no-new-privileges:true` to `security_opt` (creating the list
    in the file's list style when needed), or turns an explicit `false` into
    `true`. It is unsafe: a service that relies on `su`, `sudo`, `gosu`-style
    setuid helpers or file capabilities after start-up stops working. It is
    refused when `security_opt` comes from a `<<` merge key or an alias (a new
    local list would replace the merged one), or when the service is defined
    under a shared anchor or in flow style.

    ## References
    - [Compose file reference: security_opt](https://docs.docker.com/reference/compose-file/services/#security_opt)
    - [Docker run reference: security configuration](https://docs.docker.com/reference/cli/docker/container/run/#security-opt)
    - [Linux kernel: no_new_privs](https://docs.kernel.org/userspace-api/no_new_privs.html)
    """

    code = "LK502"
    name = "missing-no-new-privileges"
    summary = "Service does not set `no-new-privileges:true`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("CL-0003",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each service without ``no-new-privileges:true``."""
        for service in compose.services.values():
            if h.service_uses_extends(service):
                continue
            enabled = False
            disabled: YamlNode | None = None
            unknown = False
            for text, node in service.security_opt:
                match = _SETTING.match(text)
                if match is None:
                    continue
                value = (match.group("value") or "true").lower()
                if value == "true":
                    enabled = True
                elif value == "false":
                    disabled = node
                else:
                    unknown = True  # `${VAR}` or something we do not read
            if enabled or unknown:
                continue
            if disabled is not None:
                yield self._disabled(service, disabled)
                continue
            fix, reason = _add_option(compose, service)
            yield Problem(
                service.name_range,
                f"Service '{service.name}' does not set 'no-new-privileges:true' in "
                "'security_opt'; add it so processes cannot gain privileges through setuid "
                "programs",
                fix=fix,
                unfixable_reason=reason,
            )

    @staticmethod
    def _disabled(service: Service, node: YamlNode) -> Problem:
        entry = service.entry("security_opt")
        assert entry is not None
        reason = h.entry_refusal(service, entry)
        fix = None
        if reason is None:
            fix = Fix.unsafe(
                "Set 'no-new-privileges:true'",
                Edit(node.range.start.offset, node.range.end.offset, OPTION),
            )
        return Problem(
            node.range,
            f"Service '{service.name}' turns 'no-new-privileges' off; set it to true so processes "
            "cannot gain privileges through setuid programs",
            fix=fix,
            unfixable_reason=reason,
        )


def _add_option(compose: ComposeFile, service: Service) -> tuple[Fix | None, str | None]:
    title = f"Add '{OPTION}' to 'security_opt'"
    entry = service.entry("security_opt")
    if entry is None:
        added = h.add_to_service(
            compose, service, h.sequence_lines(compose, "security_opt", [OPTION])
        )
    else:
        reason = h.entry_refusal(service, entry)
        if reason is not None:
            return None, reason
        added = h.append_item(compose, entry.value, OPTION)
        if isinstance(added, str):
            added = f"cannot extend 'security_opt' of service '{service.name}': {added}"
    if isinstance(added, str):
        return None, added
    return Fix.unsafe(title, added), None

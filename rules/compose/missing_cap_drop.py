"""LK503 missing-cap-drop: a service that keeps Docker's default capabilities."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Service


class MissingCapDrop(Rule):
    """## What it does
    Reports a service whose `cap_drop` does not contain `ALL`. Services that
    take settings from `extends:` and `cap_drop` entries written as `${VAR}`
    are left alone.

    This rule is off by default because nearly every service lacks the setting;
    turn it on with `extend-select = ["missing-cap-drop"]` when hardening a stack.

    ## Why is this bad?
    Docker gives every container a default set of Linux capabilities
    (`CHOWN`, `DAC_OVERRIDE`, `SETUID`, `NET_RAW`, ...). Most services need
    none or one of them, and each one left in place is something an attacker
    inside the container can use. Dropping `ALL` and adding back only what the
    service needs (`cap_add`) keeps the container at least privilege.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        cap_drop:
          - ALL
        cap_add:
          - NET_BIND_SERVICE
    ```

    ## Fix safety
    The fix adds `cap_drop: [ALL]` in the file's list style, or adds `ALL` to
    an existing `cap_drop` list. It is unsafe: a service that needs one of the
    default capabilities (binding a port below 1024, changing file ownership,
    switching user at start-up as many official images do) fails until you
    list that capability under `cap_add`. It is refused when `cap_drop` comes
    from a `<<` merge key or an alias, or when the service is defined under a
    shared anchor or in flow style.

    ## References
    - [Compose file reference: cap_drop](https://docs.docker.com/reference/compose-file/services/#cap_drop)
    - [Docker run reference: runtime privilege and Linux capabilities](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    """

    code = "LK503"
    name = "missing-cap-drop"
    summary = "Service does not drop all capabilities"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("CL-0006",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each service whose ``cap_drop`` lacks ``ALL``."""
        for service in compose.services.values():
            if h.service_uses_extends(service):
                continue
            names = [text.strip().upper() for text, _ in service.cap_drop]
            if any(name in ("ALL", "CAP_ALL") or "$" in name for name in names):
                continue
            entry = service.entry("cap_drop")
            if entry is not None and not h.is_seq(entry.value):
                continue  # not a list: a schema problem, reported elsewhere
            fix, reason = _fix(compose, service)
            if entry is None:
                message = (
                    f"Service '{service.name}' keeps Docker's default capabilities; add "
                    "'cap_drop: [ALL]' and list only what it needs under 'cap_add'"
                )
                where = service.name_range
            else:
                message = (
                    f"Service '{service.name}' drops only some capabilities; drop 'ALL' and list "
                    "only what it needs under 'cap_add'"
                )
                where = entry.key.range
            yield Problem(where, message, fix=fix, unfixable_reason=reason)


def _fix(compose: ComposeFile, service: Service) -> tuple[Fix | None, str | None]:
    entry = service.entry("cap_drop")
    if entry is None:
        added = h.add_to_service(compose, service, h.sequence_lines(compose, "cap_drop", ["ALL"]))
    else:
        reason = h.entry_refusal(service, entry)
        if reason is not None:
            return None, reason
        added = h.append_item(compose, entry.value, "ALL")
        if isinstance(added, str):
            added = f"cannot extend 'cap_drop' of service '{service.name}': {added}"
    if isinstance(added, str):
        return None, added
    return Fix.unsafe("Drop all capabilities ('cap_drop: [ALL]')", added), None

"""LK500 missing-read-only: a service whose root filesystem is writable."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext
from lintkit.rules.compose import _hardening as h

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Service

LOG = logging.getLogger(__name__)


class MissingReadOnly(Rule):
    """## What it does
    Reports a service that does not set `read_only: true`, so the container can
    write anywhere in its own filesystem. An explicit `read_only: false` is
    reported at the value. Services that take settings from `extends:` and
    values written as `${VAR}` are left alone.

    This rule is off by default: nearly every service in the wild lacks the
    setting, and many images need a writable directory or two. Turn it on with
    `extend-select = ["missing-read-only"]` (or `LK500`) when hardening a stack.

    ## Why is this bad?
    A writable root filesystem lets an attacker who gets code execution drop
    tools, change binaries or plant persistence inside the container. With
    `read_only: true` the image stays as built; only volumes and `tmpfs` mounts
    can be written. Databases keep working read-only as long as their data
    directories are volumes (as they should be); programs that write elsewhere
    (caches, PID files, `/tmp`) need a `tmpfs` or volume for those paths.

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
        read_only: true
        tmpfs:
          - /tmp
          - /var/cache/nginx
          - /var/run
    ```

    ## Fix safety
    The fix adds `read_only: true` (or turns `false` into `true`) and, unless a
    `tmpfs` entry or a volume already covers `/tmp`, adds `/tmp` to `tmpfs`.
    It is unsafe: a program that writes outside its volumes will fail at run
    time until you add a `tmpfs` or volume for that path. The fix is refused
    when the service is defined under a YAML anchor that other services use,
    is written in flow style, or when `read_only`/`tmpfs` come from a `<<`
    merge key or an alias.

    ## References
    - [Compose file reference: read_only](https://docs.docker.com/reference/compose-file/services/#read_only)
    - [Compose file reference: tmpfs](https://docs.docker.com/reference/compose-file/services/#tmpfs)
    - [Docker: running containers with a read-only filesystem](https://docs.docker.com/reference/cli/docker/container/run/#read-only)
    """

    code = "LK500"
    name = "missing-read-only"
    summary = "Service does not set `read_only: true`"
    severity = Severity.INFO
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.UNSAFE
    aliases = ("CL-0007",)
    enabled_by_default = False

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each service without ``read_only: true``."""
        for service in compose.services.values():
            if h.service_uses_extends(service):
                continue
            entry = service.entry("read_only")
            if entry is None:
                fix, reason = _fix(compose, service)
                yield Problem(
                    service.name_range,
                    f"Service '{service.name}' can write to its root filesystem; set "
                    "'read_only: true' and give the paths it writes to a volume or tmpfs",
                    fix=fix,
                    unfixable_reason=reason,
                )
                continue
            if h.node_flag(entry.value) is not False:
                continue  # true, or `${VAR}` that we cannot know
            fix, reason = _fix(compose, service)
            yield Problem(
                entry.value.range,
                f"Service '{service.name}' sets 'read_only: false', so it can write to its root "
                "filesystem; set it to true and give the paths it writes to a volume or tmpfs",
                fix=fix,
                unfixable_reason=reason,
            )


def _covers_tmp(compose: ComposeFile, service: Service) -> bool:
    for text, _node in service.strings("tmpfs"):
        path = text.split(":", 1)[0].strip()
        if path == "/tmp" or "$" in path:
            return True
    for volume in service.volumes:
        target = volume.target
        if target is not None and (h.normalise_path(target) == "/tmp" or "$" in target):
            return True
    return False


def _fix(compose: ComposeFile, service: Service) -> tuple[Fix | None, str | None]:
    edits: list[Edit] = []
    new_lines: list[str] = []
    entry = service.entry("read_only")
    if entry is None:
        new_lines.append("read_only: true")
    else:
        reason = h.entry_refusal(service, entry)
        if reason is not None:
            return None, reason
        edits.append(Edit(entry.value.range.start.offset, entry.value.range.end.offset, "true"))
    if not _covers_tmp(compose, service):
        tmpfs = service.entry("tmpfs")
        if tmpfs is None:
            new_lines.extend(h.sequence_lines(compose, "tmpfs", ["/tmp"]))
        else:
            reason = h.entry_refusal(service, tmpfs)
            if reason is not None:
                return None, reason
            if h.is_seq(tmpfs.value):
                edit = h.append_item(compose, tmpfs.value, "/tmp")
                if isinstance(edit, str):
                    return None, f"cannot add /tmp to 'tmpfs' of service '{service.name}': {edit}"
                edits.append(edit)
            else:
                # `tmpfs: /run`: a single path; make it a flow list with /tmp added.
                text = compose.source.text[
                    tmpfs.value.range.start.offset : tmpfs.value.range.end.offset
                ]
                if "\n" in text or h.node_text(tmpfs.value) is None:
                    return None, f"'tmpfs' of service '{service.name}' is not a simple value"
                edits.append(
                    Edit(
                        tmpfs.value.range.start.offset,
                        tmpfs.value.range.end.offset,
                        f"[{text}, /tmp]",
                    )
                )
    if new_lines:
        added = h.add_to_service(compose, service, new_lines)
        if isinstance(added, str):
            return None, added
        edits.append(added)
    LOG.debug("read_only fix for %s: %d edit(s)", service.name, len(edits))
    return Fix.unsafe("Make the root filesystem read-only (tmpfs for /tmp)", *edits), None

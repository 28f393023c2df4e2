"""LK610 duplicate-published-port: two ports entries bind the same host port."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lintkit import project_files
from lintkit.compose.loader import YamlScalar
from lintkit.compose.merge import MSeq
from lintkit.compose.model import parse_port
from lintkit.diagnostics import Problem, Severity
from lintkit.records import record
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.merge import MNode
    from lintkit.compose.model import ComposeFile


@record
class _Binding:
    service: str
    node: MNode
    shown: str
    protocol: str
    family: int  # 4 or 6
    address: str | None  # None: every address of the family
    first: int
    last: int
    profiles: frozenset[str]


class DuplicatePublishedPort(Rule):
    """## What it does
    Reports a host port published twice in the merged project (this file, its
    override and included files), at the second entry. Protocols are told
    apart (`53/tcp` and `53/udp` do not clash), ranges are compared by
    overlap (`8000-8010` and `8005`), and host IPs are taken into account: a
    port bound to `127.0.0.1` clashes with the same port on `0.0.0.0` or
    without an IP, but not with another address or with an IPv6 bind such as
    `[::1]`. Entries without a published port (a random host port), ports
    written with `${VAR}` whose value is not known, and services in profiles
    never enabled together are left alone.

    ## Why is this bad?
    Only one container can listen on a host address and port: the second
    service fails to start with "port is already allocated".

    ## Example
    ```yaml
    services:
      web:
        image: example/web:1.4
        ports:
          - "8080:80"
      admin:
        image: example/admin:1.2
        ports:
          - "8080:8000"
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: example/web:1.4
        ports:
          - "8080:80"
      admin:
        image: example/admin:1.2
        ports:
          - "8081:8000"
    ```

    ## References
    - [Compose file reference: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    """

    code = "LK610"
    name = "duplicate-published-port"
    summary = "Two ports entries publish the same host port"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("no-duplicate-exported-ports",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each published port that clashes with an earlier one."""
        seen = st.view(compose, context)
        earlier: list[_Binding] = []
        reported: set[int] = set()
        for binding in _bindings(compose, seen):
            clash = next((b for b in earlier if _clashes(b, binding)), None)
            earlier.append(binding)
            if clash is None or not seen.own(binding.node) or id(binding.node) in reported:
                continue
            reported.add(id(binding.node))
            other = (
                "this service" if clash.service == binding.service else f"service '{clash.service}'"
            )
            where = ""
            if clash.node.origin.path != binding.node.origin.path:
                # Relative to the linted file: included files often share one name.
                here = project_files.resolved(binding.node.origin.path).parent
                there = project_files.resolved(clash.node.origin.path)
                where = f" in {Path(os.path.relpath(there, here)).as_posix()}"
            line = clash.node.origin.range.start.line + 1
            written = h.node_text(clash.node.origin.node)
            # A long-form port is a mapping: describe it by its published port instead.
            earlier_port = f"'{written}'" if written is not None else clash.shown
            yield Problem(
                binding.node.origin.range,
                f"Service '{binding.service}': host port {binding.shown} is already published "
                f"by {other} ({earlier_port} on line {line}{where}); "
                "only one container can bind it",
            )


def _bindings(compose: ComposeFile, seen: st.View) -> Iterator[_Binding]:

    for name, service in seen.services.items():
        ports = service.get("ports")
        if not isinstance(ports, MSeq):
            continue
        profiles = frozenset(st.profiles_of(service))
        for item in ports.items:
            node = item.origin.node
            text = h.node_text(node)
            if text is not None and h.has_variables(text):
                value = h.resolved(compose, text)
                if value is None:
                    continue  # LIMITATION: a port whose variables are unknown is not compared
                node = YamlScalar(range=node.range, value=value)
            port = parse_port(node)
            if not port.valid or port.published is None or port.interpolated:
                continue
            published, host_ip = port.published, port.host_ip
            numbers = _numbers(published)
            if numbers is None:
                continue
            shown = f"{published}/{port.protocol}"
            for family, address in _addresses(host_ip):
                yield _Binding(
                    name, item, shown, port.protocol, family, address, *numbers, profiles
                )


def _numbers(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    first, dash, last = text.strip().partition("-")
    if not first.isdigit() or (dash and not last.isdigit()):
        return None
    return int(first), int(last or first)


def _addresses(host_ip: str | None) -> list[tuple[int, str | None]]:
    """The (family, address) pairs a host IP binds; ``None`` address means all of the family."""
    if host_ip is None:
        return [(4, None), (6, None)]
    text = host_ip.strip("[]")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return []  # a host name or a variable: not comparable
    if address.is_unspecified:
        return [(address.version, None)]
    return [(address.version, address.compressed)]


def _clashes(a: _Binding, b: _Binding) -> bool:
    if a.protocol != b.protocol or a.family != b.family:
        return False
    if a.address is not None and b.address is not None and a.address != b.address:
        return False
    if a.last < b.first or b.last < a.first:
        return False
    return st.may_run_together(set(a.profiles), set(b.profiles))

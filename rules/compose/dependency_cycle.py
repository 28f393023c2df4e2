"""LK607 dependency-cycle: services that depend on each other in a loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.merge import MMap, MScalar, MSeq
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _structure as st

if TYPE_CHECKING:
    from lintkit.compose.merge import Origin
    from lintkit.compose.model import ComposeFile


class DependencyCycle(Rule):
    """## What it does
    Reports services whose `depends_on`, `links`, `volumes_from` or
    `network_mode: service:...` (and `pid`, `ipc`, `uts`, `cgroup`) form a loop (`a` needs `b`,
    `b` needs `a`, directly or through other services), once per loop, at a
    dependency written in this file. The loop is computed on the merged
    project, so a dependency added by an override file counts.

    ## Why is this bad?
    Compose starts a service only after the services it depends on, so it
    cannot order a loop and refuses to start the project.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.0
        depends_on: [worker]
      worker:
        image: example/worker:2.0
        depends_on: [api]
    ```

    ## Use instead
    Remove the dependency that is not needed for start-up order; services on
    the same network reach each other by name whatever order they start in.

    ## References
    - [Compose: control startup order](https://docs.docker.com/compose/how-tos/startup-order/)
    """

    code = "LK607"
    name = "dependency-cycle"
    summary = "Services depend on each other in a loop"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report each dependency loop once, at its first edge written in this file."""
        seen = st.view(compose, context)
        graph = _graph(seen)
        for component in _cycles(graph):
            members = set(component)
            edges = [
                (origin, service, target)
                for service in component
                for target, origin in graph[service].items()
                if target in members and origin.path == compose.source.path
            ]
            if not edges:
                continue
            origin, service, target = min(
                edges, key=lambda e: (e[0].range.start.offset, e[1], e[2])
            )
            loop = _loop(graph, members, service, target)
            yield Problem(
                origin.range,
                f"Service '{service}' depends on '{target}', which leads back to it: "
                f"{' -> '.join(loop)}; Compose cannot decide which to start first. "
                "Remove one of these dependencies",
            )


def _graph(seen: st.View) -> dict[str, dict[str, Origin]]:
    """Service → {dependency: where the dependency is written}, from the merged project."""
    graph: dict[str, dict[str, Origin]] = {}
    for name, service in seen.services.items():
        edges: dict[str, Origin] = {}
        depends = service.get("depends_on")
        if isinstance(depends, MMap):
            for target in depends.entries:
                origin = depends.keys.get(target)
                if origin is not None:
                    edges.setdefault(target, origin)
        for key in ("links", "volumes_from"):
            items = service.get(key)
            if isinstance(items, MSeq):
                for item in items.items:
                    text = item.text if isinstance(item, MScalar) else None
                    if text and not text.startswith("container:"):
                        edges.setdefault(text.split(":", 1)[0].strip(), item.origin)
        for key in st.NAMESPACE_KEYS:
            value = service.get(key)
            if isinstance(value, MScalar) and value.text and value.text.startswith("service:"):
                edges.setdefault(value.text[len("service:") :].strip(), value.origin)
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, dict[str, Origin]]) -> list[list[str]]:
    """Strongly connected components with a loop (Tarjan, iterative), in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    result.append(sorted(component))
    return result


def _loop(
    graph: dict[str, dict[str, Origin]], members: set[str], start: str, first: str
) -> list[str]:
    """A shortest path ``start -> first -> ... -> start`` inside one component."""
    if first == start:
        return [start, start]
    previous: dict[str, str] = {first: start}
    queue = [first]
    while queue:
        current = queue.pop(0)
        for child in graph[current]:
            if child == start:
                path = [current]
                while path[-1] != first:
                    path.append(previous[path[-1]])
                return [start, *reversed(path), start]
            if child in members and child not in previous:
                previous[child] = current
                queue.append(child)
    return [start, first, start]  # pragma: no cover - a component always closes

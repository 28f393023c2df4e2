"""LK701 compose-version-mismatch: keys the declared ``version:`` does not have."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lintkit.compose.loader import YamlMap, YamlSeq
from lintkit.compose.model import text_of
from lintkit.compose.versions import (
    MIN_ENGINE,
    FormatVersion,
    KeyInfo,
    KeyNode,
    engine_older,
    format_version,
    key_tree,
    parse_version,
    valid_engine,
)
from lintkit.diagnostics import Problem, Severity
from lintkit.records import record
from lintkit.rule import FileKind, Option, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.loader import MapEntry, YamlNode
    from lintkit.compose.model import ComposeFile

LOG = logging.getLogger(__name__)

TARGETS = ("compose-v2", "swarm", "compose-v1")
_TOOL = {
    "compose-v1": "docker-compose 1.x (before 1.27) rejects the file",
    "swarm": "docker stack deploy rejects the file",
}
# What to write instead of a key the Compose Specification dropped.
_SPEC_REPLACEMENT = {
    "services.*.volume_driver": "set 'driver' on the named volumes under the top-level 'volumes'",
    "services.*.cgroupns_mode": "the Compose Specification spells it 'cgroup' (host or private)",
}


@record
class _Found:
    entry: MapEntry
    info: KeyInfo
    shown: str
    service: str | None


class ComposeVersionMismatch(Rule):
    """## What it does
    Compares the keys of a file that declares `version: "X"` with the keys
    format X has, for the tool the file is meant for (option `target`):

    - `compose-v2` (default, `docker compose`): the version is ignored and
      every key of the Compose Specification works, so only keys that the
      declared format had but the specification dropped are reported:
      `volume_driver` (2.x) and `cgroupns_mode` (3.9). The version number
      itself is reported by `obsolete-compose-version`.
    - `compose-v1` (docker-compose 1.x before 1.27, which validated each file
      against the schema of its version): every key the declared format does
      not have, such as `deploy` in 2.x, `mem_limit`, `cpus`, `extends` or
      `depends_on` conditions in 3.x, `healthcheck.start_period` before 2.3 /
      3.4, top-level `x-*` keys before 3.4, `name` on volumes before 2.1 / 3.4,
      and keys only the Compose Specification has (`profiles`, ...).
    - `swarm` (`docker stack deploy`, which reads only 3.x files with the
      Docker CLI's schemas): a 2.x version, and every key the declared 3.x
      format does not have.

    With the option `min-engine` (for example `"18.09"`), a declared format
    that needs a newer Docker Engine is reported too, on the `version` value.

    Keys that `docker stack deploy` accepts but ignores (`build`,
    `container_name`, `depends_on`, `links`, `restart`...) are not reported:
    the file is valid, and this rule is only about what the format rejects.
    Files without `version`, with a version no tool knows, or with a
    `${VAR}` version are not checked.

    ## Why is this bad?
    Tools that honour the version validate the file against that format's
    schema and refuse it when a key is not in it ("Additional property ... is
    not allowed"); a key from a newer format therefore needs a higher
    version, which in turn needs a newer Docker Engine. With Docker Compose
    v2 the number is ignored, so a 2.x key that the specification dropped is
    rejected even though the declared version seems to allow it.

    ## Example
    ```yaml
    # with target = "compose-v1"
    version: "2.4"
    services:
      web:
        image: nginx:1.27
        deploy:
          replicas: 2
    ```

    ## Use instead
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx:1.27
        deploy:
          replicas: 2
    ```
    Or, for Docker Compose v2, drop `version` altogether.

    ## Options
    - `target` (`"compose-v2"`, `"swarm"` or `"compose-v1"`, default
      `"compose-v2"`): the tool that reads the file.
    - `min-engine` (string, default `""`: off): the oldest Docker Engine the
      file must work with; a declared format that needs a newer one is
      reported, with the highest format of the same line that would do.

    ## References
    - [Legacy compose file versions and upgrading](https://docs.docker.com/reference/compose-file/legacy-versions/)
    - [Compose Specification](https://docs.docker.com/reference/compose-file/)
    - [docker stack deploy](https://docs.docker.com/reference/cli/docker/stack/deploy/)
    """

    code = "LK701"
    name = "compose-version-mismatch"
    summary = "Key not available in the compose format the file declares"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.COMPOSE})
    options = (
        Option("target", "compose-v2", "the tool that reads the file", choices=TARGETS),
        Option("min-engine", "", "oldest Docker Engine the file must run on (e.g. '18.09')"),
    )

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report keys the declared format lacks for the target, and a too-new format."""
        node = compose.version_node
        text = text_of(node)
        if node is None or text is None or "$" in text:
            return
        declared = parse_version(text)
        if declared is None:
            LOG.debug("version %r is not a known compose format; not checked", text)
            return
        target = str(context.options.get("target", "compose-v2"))
        min_engine = str(context.options.get("min-engine", "") or "").strip()
        if min_engine:
            yield from _engine_problem(node, declared, min_engine)
        if target == "swarm" and declared[0] != 3:
            yield Problem(
                node.range,
                f"docker stack deploy reads only format 3.x files, but this file declares "
                f"{format_version(declared)}; move to a 3.x version (and 3.x keys) or deploy "
                "with docker compose",
            )
            return
        yield from _walk(compose, lambda found: _judge(found, declared, target))


def _walk(compose: ComposeFile, judge: Callable[[_Found], Problem | None]) -> Iterator[Problem]:
    """Judge every key the version table knows; a reported key's children are not visited."""
    root = compose.root
    if root is None:
        return
    seen: set[int] = set()
    stack: list[tuple[YamlMap, KeyNode, tuple[str, ...], str | None]] = [
        (root, key_tree(), (), None)
    ]
    while stack:
        mapping, level, shown, service = stack.pop()
        for entry in reversed(mapping.entries):
            key = entry.key_text
            child = level.child(key)
            if child is None:
                continue
            path = (*shown, key)
            in_service = service
            if len(path) == 2 and path[0] == "services" and service is None:
                in_service, path = key, ()
            if child.info is not None:
                if id(entry.key) in seen:
                    continue
                seen.add(id(entry.key))
                problem = judge(_Found(entry, child.info, ".".join(path), in_service))
                if problem is not None:
                    yield problem
                    continue
            value = entry.value
            if isinstance(value, YamlMap):
                stack.append((value, child, path, in_service))
            elif isinstance(value, YamlSeq) and child.item() is not None:
                item_level = child.item()
                assert item_level is not None
                for item in value.items:
                    if isinstance(item, YamlMap):
                        stack.append((item, item_level, (*path[:-1], f"{key}[]"), in_service))


def _judge(found: _Found, declared: FormatVersion, target: str) -> Problem | None:
    info = found.info
    owner = f"Service '{found.service}': " if found.service is not None else ""
    version = format_version(declared)
    if target == "compose-v2":
        if info.in_spec or not info.supported_in(declared):
            return None
        advice = _SPEC_REPLACEMENT.get(info.path, "remove it")
        return Problem(
            found.entry.key.range,
            f"{owner}'{found.shown}' belongs to format {version} (the file's 'version'), but "
            "Docker Compose v2 ignores "
            f"'version' and the Compose Specification has no '{found.shown.rsplit('.', 1)[-1]}', "
            f"so it rejects the file; {advice}",
        )
    if info.supported_in(declared):
        return None
    line = declared[0]
    first = info.since(line)
    if first is not None:
        availability = f"it first appears in format {format_version(first)}"
    else:
        other = info.since(2 if line == 3 else 3)
        if other is not None:
            availability = (
                f"no {line}.x format has it (it is a {other[0]}.x key, from "
                f"{format_version(other)})"
            )
        else:
            availability = "only the Compose Specification has it"
    return Problem(
        found.entry.key.range,
        f"{owner}'{found.shown}' is not part of compose format {version} (the file's "
        f"'version'); {availability}. {_TOOL[target]}",
    )


def _engine_problem(node: YamlNode, declared: FormatVersion, min_engine: str) -> Iterator[Problem]:
    if not valid_engine(min_engine):
        LOG.debug("min-engine %r is not an Engine version; not checked", min_engine)
        return
    required = MIN_ENGINE.get(declared)
    if required is None or not engine_older(min_engine, required):
        return
    fitting = [
        version
        for version, engine in MIN_ENGINE.items()
        if version[0] == declared[0] and version < declared and not engine_older(min_engine, engine)
    ]
    advice = (
        f"declare {format_version(max(fitting))} or lower"
        if fitting
        else f"no {declared[0]}.x format runs on Engine {min_engine}"
    )
    yield Problem(
        node.range,
        f"Compose format {format_version(declared)} needs Docker Engine {required} or later, "
        f"but the oldest engine to support is {min_engine} (option 'min-engine'); {advice} "
        "(or raise 'min-engine')",
    )

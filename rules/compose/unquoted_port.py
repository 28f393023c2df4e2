"""LK702 unquoted-port: a short-syntax port that YAML 1.1 readers turn into a number."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.compose.loader import ScalarStyle, YamlScalar, YamlSeq
from lintkit.compose.yaml11 import yaml11_value
from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.fixers.yaml_edits import quote
from lintkit.rule import FileKind, FixAvailability, Option, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class UnquotedPort(Rule):
    """## What it does
    Reports a `ports` entry (or `expose` entry) in short syntax written without
    quotes that a YAML 1.1 reader takes for a base-60 number, such as `22:22`.
    With the option `only-ambiguous = false` it reports every unquoted entry,
    as dclint's `require-quotes-in-ports` does.

    ## Why is this bad?
    YAML 1.1 (docker-compose 1.x, PyYAML and the many tools built on it) reads
    `a:b` as the sexagesimal number `a*60+b` when every part after a colon is
    between 0 and 59: `22:22` becomes `1342`, a container port nobody asked
    for, or an error. Docker Compose v2 reads YAML 1.2 and sees the string,
    so the file works in one tool and breaks in the next. `8080:80` is not
    affected (80 is over 59), but quoting every port avoids having to know.

    ## Example
    ```yaml
    services:
      ssh:
        image: example/sshd:1.4
        ports:
          - 22:22
    ```

    ## Use instead
    ```yaml
    services:
      ssh:
        image: example/sshd:1.4
        ports:
          - "22:22"
    ```

    ## Fix safety
    The fix puts the entry in double quotes. It is safe: Docker Compose v2
    reads the same string either way, and YAML 1.1 readers now read the port
    that was meant.

    ## Options
    - `only-ambiguous` (boolean, default `true`): report only entries a
      YAML 1.1 reader turns into a number; `false` reports every unquoted
      short-syntax entry (also `8080:80` and `80`).

    ## References
    - [Compose file reference: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [YAML 1.1 integer type (base 60)](https://yaml.org/type/int.html)
    """

    code = "LK702"
    name = "unquoted-port"
    summary = "Unquoted port that YAML 1.1 reads as a base-60 number"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.SAFE
    aliases = ("require-quotes-in-ports",)
    options = (
        Option(
            "only-ambiguous",
            True,
            "report only ports that YAML 1.1 reads as numbers (false: every unquoted port)",
        ),
    )

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report unquoted short-syntax entries of ``ports`` and ``expose``."""
        only_ambiguous = bool(context.options.get("only-ambiguous", True))
        seen: set[int] = set()
        for service in compose.services.values():
            for key in ("ports", "expose"):
                node = service.get(key)
                if not isinstance(node, YamlSeq):
                    continue
                for item in node.items:
                    if (
                        not isinstance(item, YamlScalar)
                        or item.style is not ScalarStyle.PLAIN
                        or item.tag is not None
                        or item.is_null
                        or item.range.start.line != item.range.end.line
                        or id(item) in seen
                    ):
                        continue
                    old = yaml11_value(item.value)
                    ambiguous = ":" in item.value and isinstance(old, int | float)
                    if only_ambiguous and not ambiguous:
                        continue
                    seen.add(id(item))
                    quoted = quote(item.value)
                    what = "Port" if key == "ports" else "Exposed port"
                    if ambiguous:
                        why = (
                            "YAML 1.1 readers (docker-compose 1.x, PyYAML) read it as the base-60 "
                            f"number {old}"
                        )
                    else:
                        why = "quoting it makes every YAML reader see the same string"
                    yield Problem(
                        item.range,
                        f"{what} '{item.value}' of service '{service.name}' is not quoted; "
                        f"{why}. Write {quoted}",
                        fix=Fix.safe(
                            f"Quote the port: {quoted}",
                            Edit(item.range.start.offset, item.range.end.offset, quoted),
                        ),
                    )

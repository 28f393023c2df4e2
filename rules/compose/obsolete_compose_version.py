"""LK700 obsolete-compose-version: a top-level ``version:`` that Compose v2 ignores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.diagnostics import Edit, Fix, Problem, Severity
from lintkit.fixers.yaml_edits import YamlEditRefused, remove_entry
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile


class ObsoleteComposeVersion(Rule):
    """## What it does
    Reports the top-level `version:` key of a compose file.

    ## Why is this bad?
    Docker Compose v2 implements the Compose Specification, which has no file
    format versions: it ignores `version:` and prints a warning each time it
    reads the file. The key still suggests that the file is limited to (or
    checked against) that format, which is no longer true: keys from any
    format are accepted whatever the number says.

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## Fix safety
    The fix deletes the line holding `version:` (with a comment written on
    that same line) and nothing else: comments on the lines around it and
    blank lines stay (except blank lines right after it that would open the
    file or double a blank line above it), and so do the file's line endings. It is safe for
    Docker Compose v2, which ignores the key. If the file is also read by
    docker-compose 1.x older than 1.27 (which reads a file without `version`
    as the legacy format 1) or deployed with `docker stack deploy` on an old
    Docker CLI (whose 3.x schemas require the key), disable this rule for it.
    The fix is refused when the key comes from a `<<` merge or shares its line
    with other keys (flow style).

    ## References
    - [Compose file reference: version and name](https://docs.docker.com/reference/compose-file/version-and-name/)
    - [Legacy compose file versions](https://docs.docker.com/reference/compose-file/legacy-versions/)
    """

    code = "LK700"
    name = "obsolete-compose-version"
    summary = "Top-level `version` is obsolete and ignored by Compose v2"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    fix = FixAvailability.SAFE
    aliases = ("no-version-field",)

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report ``version:`` once, on the key and its value."""
        root = compose.root
        entry = compose.entry("version")
        if root is None or entry is None:
            return
        shown = compose.source.text[entry.value.range.start.offset : entry.value.range.end.offset]
        # Drop the value's own quotes: "'version: '3.8''" reads as broken quoting in a message.
        shown = shown.strip("'\"")
        message = (
            f"'version: {shown}' is obsolete: Docker Compose v2 ignores it and warns on every "
            "run; remove the line"
        )
        where = compose.source.range(entry.key.range.start.offset, entry.value.range.end.offset)
        if entry.merged:
            yield Problem(
                entry.key.range,
                message,
                unfixable_reason="'version' comes from a '<<' merge key; remove it at the anchor",
            )
            return
        if root.flow:
            yield Problem(
                where,
                message,
                unfixable_reason="the top level is written in flow style ({...}); edit it by hand",
            )
            return
        try:
            edit = remove_entry(compose.source, root, "version")
        except YamlEditRefused as exc:
            yield Problem(where, message, unfixable_reason=exc.reason)
            return
        text = compose.source.text
        before = text[: edit.start].splitlines()
        if not any(line.strip() for line in before) or not before[-1].strip():
            # The blank lines that set 'version' apart from 'services:' would otherwise open
            # the file (yamllint's empty-lines rule reports a file starting with one), or
            # follow the blank line that set it apart from the comments above.
            end = edit.end
            while end < len(text):
                newline = text.find("\n", end)
                line_end = len(text) if newline < 0 else newline + 1
                if text[end:line_end].strip():
                    break
                end = line_end
            edit = Edit(edit.start, end, edit.replacement)
        yield Problem(where, message, fix=Fix.safe("Remove the 'version' line", edit))

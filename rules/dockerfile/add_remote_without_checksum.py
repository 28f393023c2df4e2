"""LK303 add-remote-without-checksum: ``ADD https://…`` whose content nothing verifies."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Add, Instruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext


def _is_http_url(value: str) -> bool:
    lowered = value.lower()
    if not lowered.startswith(("http://", "https://")):
        return False
    # A Git repository (``ADD https://github.com/x/y.git#v1``) is pinned by its ref;
    # --checksum does not apply to it.
    path = lowered.split("#", 1)[0].split("?", 1)[0]
    return not path.endswith(".git")


class AddRemoteWithoutChecksum(Rule):
    """## What it does
    Flags `ADD` of an `http://` or `https://` URL without `--checksum`
    (Git repository URLs ending in `.git` are left alone: their ref pins them).

    ## Why is this bad?
    Docker downloads the URL at build time and puts whatever it receives into
    the image. If the file changes on the server, or someone tampers with it,
    the build silently uses the new content; nothing says the image is not the
    one that was reviewed. With plain `http://` anyone on the path can change it.

    ## Example
    ```dockerfile
    ADD https://example.com/tool-1.2.3.tar.gz /tmp/
    ```

    ## Use instead
    ```dockerfile
    # syntax=docker/dockerfile:1
    ADD --checksum=sha256:<sha256 of the file> https://example.com/tool-1.2.3.tar.gz /tmp/
    ```
    (`--checksum` needs the Dockerfile 1.6 frontend, which `# syntax=docker/dockerfile:1`
    selects), or download with `curl` in a RUN and check the file with `sha256sum -c`.

    ## References
    - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    """

    code = "LK303"
    name = "add-remote-without-checksum"
    summary = "`ADD` of a URL without `--checksum` puts unverified content in the image"
    severity = Severity.INFO
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each remote source of an ADD without --checksum."""
        for outer in dockerfile.instructions:
            instruction: Instruction | None = outer
            if isinstance(outer, Onbuild):
                instruction = outer.trigger
            if not isinstance(instruction, Add) or instruction.flag("checksum") is not None:
                continue
            for source in instruction.sources:
                if _is_http_url(source.value):
                    yield Problem(
                        source.range,
                        f"ADD downloads {source.value} without --checksum, so any change to "
                        "the file goes into the image unnoticed; add "
                        "--checksum=sha256:<digest> (or download and verify it in a RUN)",
                    )

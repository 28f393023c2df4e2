"""LK256 add-instead-of-copy: ADD used for plain local files."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import Add, Word
from lintkit.fixers.dockerfile_edits import replace
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

# Names ADD may unpack (it detects archives by content; these are the usual names of
# tar archives, compressed or not, and Alpine's .apk, which is one). Zip-based files
# (.zip, .jar, .whl), .deb, .rpm, .7z and disk images are not tar archives: ADD only
# copies them, so they count as plain files.
_ARCHIVE = re.compile(
    r"\.(?:tar|tgz|tbz2?|txz|tzst|tlz|taz|gz|bz2|xz|zst|lz|lzma|lz4|z|apk)$",
    re.IGNORECASE,
)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@)", re.IGNORECASE)
_GLOB = re.compile(r"[*?\[]")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]+$")
_ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})


class AddInsteadOfCopy(Rule):
    """## What it does
    Flags `ADD` instructions whose sources are all plain local files or
    directories: no URL, no Git repository, nothing that looks like a tar
    archive (`.tar`, `.tar.gz`, `.tgz`, `.xz`, …), no variables, and none of the
    flags only `ADD` has (`--checksum`, `--keep-git-dir`, `--unpack`).

    ## Why is this bad?
    `ADD` does more than copy: it downloads URLs and unpacks local tar archives.
    Using it for ordinary files hides which of these behaviours is meant, and a
    file that later turns out to be a tarball is silently unpacked. `COPY` does
    exactly one thing and says so. `ADD` never unpacks zip files, so
    `ADD app.jar /app/` or `ADD site.zip /srv/` only copies, and is flagged too.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    ADD requirements.txt /app/
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY requirements.txt /app/
    ```

    ## Fix safety
    The fix changes the keyword to `COPY` (same casing). `ADD` recognises
    archives by their content, not their name, so the fix is safe only when every
    source is a directory or has a file extension that is not an archive's
    (`app.py`, `conf/`, `.`); otherwise (`ADD rootfs /`) it is offered as unsafe.

    ## References
    - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    """

    code = "LK256"
    name = "add-instead-of-copy"
    summary = "`ADD` used to copy plain local files; use `COPY`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3020",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag ADDs that only copy local files, with a COPY fix."""
        for instruction in dockerfile.instructions:
            if not isinstance(instruction, Add) or instruction.heredocs:
                continue
            if any(flag.name in _ADD_ONLY_FLAGS for flag in instruction.flags):
                continue
            sources = instruction.sources
            if not sources or not all(_plain_local(word) for word in sources):
                continue
            keyword = "copy" if instruction.written_keyword.islower() else "COPY"
            edit = replace(instruction.keyword_range, keyword)
            title = f"Use {keyword}"
            certain = all(_surely_not_archive(word.value) for word in sources)
            fix = Fix.safe(title, edit) if certain else Fix.unsafe(title, edit)
            shown = ", ".join(f"'{word.value}'" for word in sources[:3])
            if len(sources) > 3:
                shown += ", …"
            yield Problem(
                instruction.keyword_range,
                f"ADD only copies local files here ({shown}); use COPY, which cannot "
                "unpack archives or download by surprise",
                fix=fix,
            )


def _plain_local(word: Word) -> bool:
    value = word.value
    if "$" in value or _REMOTE.match(value) or value.endswith(".git"):
        return False
    if _ARCHIVE.search(value.rstrip("/")):
        return False
    if _GLOB.search(value):
        # A glob may match archives unless its last part ends in a concrete extension.
        last = value.rsplit("/", 1)[-1]
        tail = _GLOB.split(last)[-1]
        return bool(_EXTENSION.search(tail))
    return True


def _surely_not_archive(value: str) -> bool:
    if value in (".", "./") or value.endswith("/"):
        return True
    last = value.rsplit("/", 1)[-1]
    return bool(_EXTENSION.search(last))

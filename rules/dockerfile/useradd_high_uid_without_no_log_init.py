"""LK150 useradd-high-uid-without-no-log-init: ``useradd -u <big UID>`` without ``-l``."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Fix, Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.fixers.dockerfile_edits import insert_after_word
from lintkit.rule import FileKind, FixAvailability, Rule, RuleContext

from ._run_commands import iter_runs

USERADD_TAKES_VALUE = frozenset(
    {"-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s", "--shell"}
    | {"-c", "--comment", "-e", "--expiredate", "-f", "--inactive", "-k", "--skel", "-K"}
    | {"--key", "-p", "--password", "-b", "--base-dir", "-Z", "--selinux-user", "-R"}
    | {"--root", "-P", "--prefix"}
)
#: UIDs with more digits than this make lastlog/faillog huge (hadolint uses the same bound).
MAX_DIGITS = 5


class UseraddHighUidWithoutNoLogInit(Rule):
    """## What it does
    Flags `useradd` with a numeric UID of six digits or more (`-u 1000000`)
    and without `-l`/`--no-log-init`.

    ## Why is this bad?
    `useradd` reserves an entry for the new UID in `/var/log/lastlog` and
    `/var/log/faillog`. Those files are sparse on disk, but image layers store
    them in full: a UID of 1,000,000 adds about 300 MB of zeros to the image.

    ## Example
    ```dockerfile
    RUN useradd -u 1000000 app
    ```

    ## Use instead
    ```dockerfile
    RUN useradd -l -u 1000000 app
    ```

    ## Fix safety
    The fix inserts `-l` right after `useradd`. It is safe: the user is created
    the same way; only the login-record entries are not written.

    ## References
    - [useradd(8): -l, --no-log-init](https://man7.org/linux/man-pages/man8/useradd.8.html)
    - [Docker: best practices for USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "LK150"
    name = "useradd-high-uid-without-no-log-init"
    summary = "`useradd` with a large UID and without `-l` bloats the image"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.SAFE
    aliases = ("DL3046",)

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each ``useradd`` with a large UID and without ``-l``."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                word = command.name_word
                if command.name != "useradd" or word is None:
                    continue
                if command.has_option("-l", "--no-log-init", takes_value=USERADD_TAKES_VALUE):
                    continue
                uid = command.option_value("-u", "--uid", takes_value=USERADD_TAKES_VALUE)
                if uid is None or not uid.isdigit() or len(uid) <= MAX_DIGITS:
                    continue
                message = (
                    f"useradd with UID {uid} and without '-l' writes a lastlog entry that adds "
                    "hundreds of megabytes of zeros to the image; add '-l' (--no-log-init)"
                )
                if run.exec_form:
                    yield Problem(word.range, message, unfixable_reason="exec-form RUN")
                    continue
                fix = Fix.safe("Add `-l`", insert_after_word(word, "-l"))
                yield Problem(word.range, message, fix=fix)

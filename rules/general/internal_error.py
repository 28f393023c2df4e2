"""LK002 internal-error: a rule failed on this file."""

from __future__ import annotations

from lintkit.diagnostics import Severity
from lintkit.rule import FileKind, Rule


class InternalError(Rule):
    """## What it does
    Reports that one of lintkit's rules raised an exception on this file. The
    message names the rule; every other rule still ran.

    ## Why is this bad?
    It is a bug in lintkit, not in your file: the named rule could not check it,
    so a problem it looks for may be missing from the report.

    ## Example
    A finding such as `rule missing-healthcheck (LK110) failed on this file`.

    ## Use instead
    Please report it with the file (or a small file that shows the same
    failure). Until it is fixed, `--ignore` the named rule for that file.
    """

    code = "LK002"
    name = "internal-error"
    summary = "A rule failed while checking the file"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})

"""The ``lintkit`` console command.

It first asks :mod:`lintkit.run_snapshot` whether the same ``check`` ran here before on
files that have not changed since; only if not does it import the command line proper.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from lintkit.run_snapshot import replay


def run() -> NoReturn:
    """Replay an unchanged run, or run :func:`lintkit.cli.run`."""
    try:
        code = replay(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
    except OSError:  # the reader went away (``lintkit check | head``): nothing to report
        os._exit(0)
    if code is None:
        from lintkit.cli import run as run_command_line

        run_command_line()
    os._exit(code)

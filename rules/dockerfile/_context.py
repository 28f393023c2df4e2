"""Where a Dockerfile's build context and ``.dockerignore`` are assumed to be; not a rule module.

lintkit does not know how the image is built; it assumes the usual case: the
context is the Dockerfile's directory (``docker build -f dir/Dockerfile dir``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from lintkit import project_files
from lintkit.dockerignore import DockerIgnore
from lintkit.rule import RuleContext

LOG = logging.getLogger(__name__)


# LIMITATION: compose files and CI scripts may build with another context (``context: ..``);
# lintkit does not follow them, so a Dockerfile built from elsewhere is judged by the
# ignore file next to it (copy-without-dockerignore stays silent if a parent has one).


def context_ignore_file(context: RuleContext) -> tuple[str, DockerIgnore] | None:
    """The ignore file that applies when the context is the Dockerfile's directory.

    ``<Dockerfile name>.dockerignore`` wins over ``.dockerignore``. Returns the
    file's name and its patterns, or ``None`` when neither exists.
    """
    for name in (f"{context.path.name}.dockerignore", ".dockerignore"):
        text = context.read_sibling(name)
        if text is not None:
            LOG.debug("using %s for %s", name, context.path)
            return name, DockerIgnore.parse(text)
    return None


def ancestor_has_ignore_file(context: RuleContext) -> bool:
    """Whether a ``.dockerignore`` exists in a parent directory inside the project.

    Then the build context is probably that directory (``context: ..`` in compose).
    """
    root = project_files.resolved(context.project_root or context.path.parent)
    directory = project_files.resolved(context.path.parent)
    while directory != root and project_files.is_within(directory, root):
        directory = directory.parent
        if context.read_sibling(".dockerignore", base=directory) is not None:
            return True
    return False


def context_has(context: RuleContext, relative: str) -> bool:
    """Whether ``relative`` exists in the Dockerfile's directory (inside the project)."""
    return project_files.exists(Path(context.path.parent) / relative)

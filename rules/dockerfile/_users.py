"""Which user the final image runs as; shared by LK305 and LK306, not a rule module."""

from __future__ import annotations

from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import Instruction


def final_stage(dockerfile: Dockerfile) -> Stage | None:
    """The stage that becomes the image (the last one)."""
    return dockerfile.stages[-1] if dockerfile.stages else None


def last_user(stage: Stage) -> Instruction | None:
    """The last USER instruction along the stage's chain (nearest stage first)."""
    for current in stage.chain():
        for instruction in reversed(current.instructions):
            if instruction.keyword == "USER" and instruction.words:
                return instruction
    return None


def is_root(user: str) -> bool:
    """Whether a USER value names root (``root``, ``0``, ``root:group``, ``0:0``)."""
    name = user.split(":", 1)[0].strip()
    return name == "root" or (name.isdigit() and int(name) == 0)

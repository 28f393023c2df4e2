"""JSON view of a parsed Dockerfile, for ``lintkit parse FILE --output-format json``.

Positions are 0-based ``{"line", "character"}`` pairs as in the Language Server
Protocol, so rule writers see exactly what a rule's ``Range`` holds.
"""

from __future__ import annotations

from typing import Any

from lintkit.dockerfile.model import Dockerfile, Stage
from lintkit.dockerfile.syntax import (
    CopyLike,
    Flag,
    From,
    Healthcheck,
    Heredoc,
    Instruction,
    KeyValueInstruction,
    Onbuild,
    Word,
)
from lintkit.source import Range


def range_to_json(range_: Range | None) -> dict[str, Any] | None:
    """``{"start": {"line", "character"}, "end": {...}}`` with 0-based numbers."""
    if range_ is None:
        return None
    return {
        "start": {"line": range_.start.line, "character": range_.start.column},
        "end": {"line": range_.end.line, "character": range_.end.column},
    }


def _word(word: Word | None) -> dict[str, Any] | None:
    if word is None:
        return None
    return {"raw": word.raw, "value": word.value, "range": range_to_json(word.range)}


def _flag(flag: Flag) -> dict[str, Any]:
    return {
        "name": flag.name,
        "value": flag.value,
        "range": range_to_json(flag.range),
        "value_range": range_to_json(flag.value_range),
    }


def _heredoc(heredoc: Heredoc) -> dict[str, Any]:
    return {
        "delimiter": heredoc.delimiter,
        "quoted": heredoc.quoted,
        "strip_tabs": heredoc.strip_tabs,
        "body": heredoc.body,
        "range": range_to_json(heredoc.range),
        "marker_range": range_to_json(heredoc.marker_range),
    }


def instruction_to_json(instruction: Instruction) -> dict[str, Any]:
    """One instruction with its typed details."""
    data: dict[str, Any] = {
        "keyword": instruction.keyword,
        "range": range_to_json(instruction.range),
        "keyword_range": range_to_json(instruction.keyword_range),
        "flags": [_flag(flag) for flag in instruction.flags],
        "arguments": instruction.arguments,
        "arguments_range": range_to_json(instruction.arguments_range),
        "exec_form": list(instruction.exec_form) if instruction.exec_form is not None else None,
        "heredocs": [_heredoc(heredoc) for heredoc in instruction.heredocs],
    }
    if isinstance(instruction, From):
        data["image"] = _word(instruction.image)
        data["stage_name"] = _word(instruction.stage_name)
    elif isinstance(instruction, CopyLike):
        data["sources"] = [_word(word) for word in instruction.sources]
        data["destination"] = _word(instruction.destination)
    elif isinstance(instruction, KeyValueInstruction):
        data["pairs"] = [
            {
                "key": pair.key,
                "value": pair.value,
                "legacy": pair.legacy,
                "range": range_to_json(pair.range),
            }
            for pair in instruction.pairs
        ]
    elif isinstance(instruction, Healthcheck):
        data["none"] = instruction.none
        data["command"] = (
            instruction_to_json(instruction.command) if instruction.command is not None else None
        )
    elif isinstance(instruction, Onbuild) and instruction.trigger is not None:
        data["trigger"] = instruction_to_json(instruction.trigger)
    return data


def _stage(stage: Stage) -> dict[str, Any]:
    image = stage.image
    return {
        "index": stage.index,
        "name": stage.name,
        "range": range_to_json(stage.from_instruction.range),
        "image": {
            "raw": image.raw,
            "expanded": image.expanded,
            "registry": image.registry,
            "repository": image.repository,
            "tag": image.tag,
            "digest": image.digest,
            "unresolved": list(image.unresolved),
            "is_scratch": image.is_scratch,
            "range": range_to_json(image.range),
        },
        "parent": stage.parent.index if stage.parent is not None else None,
        "is_final": stage.is_final,
        "instructions": len(stage.instructions),
    }


def dockerfile_to_json(dockerfile: Dockerfile) -> dict[str, Any]:
    """The whole file: directives, global ARGs, stages and instructions."""
    return {
        "escape": dockerfile.escape,
        "directives": [
            {"name": directive.name, "value": directive.value, "range": range_to_json(d_range)}
            for directive, d_range in (
                (directive, directive.range) for directive in dockerfile.directives.values()
            )
        ],
        "global_args": dict(dockerfile.global_args),
        "stages": [_stage(stage) for stage in dockerfile.stages],
        "instructions": [instruction_to_json(item) for item in dockerfile.instructions],
        "comments": [
            {"text": comment.text, "range": range_to_json(comment.range)}
            for comment in dockerfile.syntax.comments
        ],
    }

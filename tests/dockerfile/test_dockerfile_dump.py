from __future__ import annotations

import json

from lintkit.dockerfile.dump import dockerfile_to_json
from lintkit.dockerfile.model import parse_dockerfile
from lintkit.source import SourceText


def test_dump_shape() -> None:
    text = (
        "# syntax=docker/dockerfile:1\n"
        "ARG V=3\n"
        "FROM python:$V AS build\n"
        "COPY --chown=1:1 a /b\n"
        "RUN <<EOF\necho\nEOF\n"
        "HEALTHCHECK CMD true\n"
        "ONBUILD ENV A=1\n"
    )
    data = dockerfile_to_json(parse_dockerfile(SourceText.from_text(text)))
    json.dumps(data)
    assert data["directives"] == [
        {
            "name": "syntax",
            "value": "docker/dockerfile:1",
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 28}},
        }
    ]
    assert data["global_args"] == {"V": "3"}
    (stage,) = data["stages"]
    assert stage["name"] == "build" and stage["image"]["expanded"] == "python:3"
    assert stage["is_final"] and stage["parent"] is None
    keywords = [item["keyword"] for item in data["instructions"]]
    assert keywords == ["ARG", "FROM", "COPY", "RUN", "HEALTHCHECK", "ONBUILD"]
    copy = data["instructions"][2]
    assert copy["flags"][0]["name"] == "chown" and copy["flags"][0]["value"] == "1:1"
    assert copy["range"] == {
        "start": {"line": 3, "character": 0},
        "end": {"line": 3, "character": 21},
    }
    assert copy["destination"]["value"] == "/b"
    run = data["instructions"][3]
    assert run["heredocs"][0]["body"] == "echo\n"
    assert run["range"]["end"] == {"line": 6, "character": 3}
    assert data["instructions"][4]["command"]["keyword"] == "CMD"
    assert data["instructions"][5]["trigger"]["pairs"][0]["key"] == "A"

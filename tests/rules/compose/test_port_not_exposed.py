"""LK616 port-not-exposed (off by default)."""

import pytest

from tests.rules.compose.structure_support import run_file, where_file, write

RULE = "port-not-exposed"
COMPOSE = "services:\n  api:\n    build: .\n    ports:\n      - '8080:80'\n"


@pytest.mark.parametrize(
    "dockerfile",
    [
        "FROM python:3.12\nEXPOSE 8000\n",
        "FROM scratch AS base\nEXPOSE 8000\nFROM base\n",
        "FROM python:3.12\nEXPOSE 80/udp\n",
    ],
)
def test_flags(tmp_path, dockerfile):
    write(tmp_path, {"compose.yaml": COMPOSE, "Dockerfile": dockerfile})
    assert where_file(tmp_path, "compose.yaml", RULE) == [("compose.yaml", 5, 9, 5, 18)]


@pytest.mark.parametrize(
    "dockerfile",
    [
        "FROM python:3.12\nEXPOSE 80\n",
        "FROM python:3.12\nEXPOSE 70-90\n",
        "FROM python:3.12\n",  # exposes nothing: EXPOSE is not used at all
        "FROM python:3.12\nEXPOSE $PORT\n",
        "FROM nginx:1.27 AS web\nFROM web\n",  # the base image's ports are not visible
        "FROM scratch AS base\nEXPOSE 8000\nFROM python:3.12\nRUN true\n",
    ],
)
def test_leaves_alone(tmp_path, dockerfile):
    write(tmp_path, {"compose.yaml": COMPOSE, "Dockerfile": dockerfile})
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_messages(tmp_path, snapshot):
    write(tmp_path, {"compose.yaml": COMPOSE, "Dockerfile": "FROM python:3.12\nEXPOSE 8000\n"})
    text = "".join(
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.message}\n"
        for d in run_file(tmp_path, "compose.yaml", RULE)
    )
    snapshot.assert_match(text, "messages.txt")


def test_extra_ports_beside_an_exposed_one_are_left_alone(tmp_path):
    compose = "services:\n  api:\n    build: .\n    ports:\n      - '80:80'\n      - '9229:9229'\n"
    write(tmp_path, {"compose.yaml": compose, "Dockerfile": "FROM node:22\nEXPOSE 80\n"})
    assert where_file(tmp_path, "compose.yaml", RULE) == []

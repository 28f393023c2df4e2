import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "relative-workdir"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:22\nWORKDIR app\n", [(2, 9, 2, 12)]),
        ("FROM node:22\nWORKDIR ./src\nWORKDIR lib\n", [(2, 9, 2, 14)]),
        # a stage built on another inherits nothing when the parent set no WORKDIR
        ("FROM node:22 AS base\nRUN x\nFROM base\nWORKDIR app\n", [(4, 9, 4, 12)]),
        ('FROM node:22\nONBUILD RUN x\nWORKDIR "app"\n', [(3, 9, 3, 14)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM node:22\nWORKDIR /app\nWORKDIR src\n",
        "FROM node:22 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n",
        "FROM node:22\nWORKDIR $HOME/app\n",
        "FROM node:22\nWORKDIR ${APP_DIR:-/app}\n",
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nWORKDIR C:\\app\r\n",
        "FROM node:22\nWORKDIR /app\nFROM node:22 AS other\nWORKDIR /srv\n",
        "FROM node:22\nRUN <<EOF\nWORKDIR app\nEOF\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_all_relative_option():
    text = "FROM node:22\nWORKDIR /app\nWORKDIR src\n"
    assert found(text, RULE, {"all-relative": True}) == [(3, 9, 3, 12)]


def test_messages(snapshot):
    texts = ["FROM node:22\nWORKDIR ./app\n"]
    strict = messages(["FROM node:22\nWORKDIR /a\nWORKDIR b\n"], RULE, {"all-relative": True})
    snapshot.assert_match(messages(texts, RULE) + strict, "messages.txt")

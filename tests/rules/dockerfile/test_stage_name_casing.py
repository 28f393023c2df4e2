import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "stage-name-casing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM node:22 AS Build\n", [(1, 17, 1, 22)]),
        ("FROM node:22 as BUILD\nFROM BUILD AS Test\n", [(1, 17, 1, 22), (2, 15, 2, 19)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM node:22 AS build\n",
        "FROM Node:22\n",
        "FROM node:22 AS build-2\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM node:22 AS Build\n",
        "ARG BASE=Build\nFROM node:22 AS Build\nFROM ${BASE}\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_renames_every_reference(snapshot):
    cases = [
        "FROM node:22 AS Build\r\nRUN npm ci\r\n"
        "FROM Build AS Test\r\n"
        "FROM nginx:1.27\r\n"
        "COPY --from=Build /app/dist /usr/share/nginx/html\r\n"
        "RUN --mount=type=bind,from=Build,target=/src cp -r /src /x\r\n"
        "COPY --from=BUILD /a /b # Docker matches stage names in any case\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")


def test_fix_is_unsafe_with_variable_references():
    text = "ARG BASE=Build\nFROM node:22 AS Build\nFROM ${BASE}\n"
    assert before_after([text], RULE, unsafe=True).endswith(
        "ARG BASE=Build\nFROM node:22 AS build\nFROM ${BASE}\n"
    )

import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "pip-cache-kept"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python:3.12\nRUN pip install flask==3.0.3\n", [(2, 9, 2, 16)]),
        ("FROM python:3.12\nRUN python -m pip install -r r.txt\n", [(2, 19, 2, 26)]),
        ("FROM python:3.12\nONBUILD RUN pip install -r r.txt\n", [(2, 17, 2, 24)]),
        ("FROM python:3.12\nRUN <<EOF\npip install -r r.txt\nEOF\n", [(3, 5, 3, 12)]),
        # too short to be pip's abbreviation of --no-cache-dir
        ("FROM python:3.12\nRUN pip install --no-c -r r.txt\n", [(2, 9, 2, 16)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM python:3.12\nRUN pip install --no-cache-dir -r r.txt\n",
        # pip takes any unambiguous start of a long option
        "FROM python:3.12\nRUN pip install --no-cache /wheels/*\n",
        "FROM python:3.12\nRUN pip install -r r.txt --no-cache-d\n",
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r r.txt\n",
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR off\nRUN pip install -r r.txt\n",
        "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install -r r.txt\n",
        "FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=1 pip install -r r.txt\n",
        "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install -r r.txt\n",
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n",
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install -r r.txt\n",
        "FROM python:3.12\nRUN pip install -r r.txt && pip cache purge\n",
        "FROM python:3.12\nRUN pip install -r r.txt && rm -rf ~/.cache/pip\n",
        "FROM python:3.12 AS build\nRUN pip install -r r.txt\n"
        "FROM python:3.12-slim\nCOPY --from=build /x /x\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM python:3.12\nRUN pip3 install -r r.txt\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_no_cache_dir(snapshot):
    text = "FROM python:3.12\r\nRUN pip install \\\r\n    # pinned below\r\n    -r r.txt\r\n"
    result = fixed(text, RULE)
    assert result == text.replace("install \\", "install --no-cache-dir \\")
    snapshot.assert_match(result.replace("\r", "\\r"), "fixed.txt")


def test_options_from_a_variable_may_hold_the_flag():
    assert found("FROM python:3.12\nRUN pip install $PIP_ARGS -r r.txt\n", RULE) == []

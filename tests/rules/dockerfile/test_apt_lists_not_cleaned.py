import difflib

import pytest

from lintkit.fixing import apply_edits
from tests.conftest import lint
from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "apt-lists-not-cleaned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", [(2, 5, 2, 19)]),
        ("FROM debian:12\nRUN apt update\n", [(2, 5, 2, 15)]),
        (
            "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n",
            [(3, 1, 3, 15)],
        ),
        # cleaning in a later RUN does not shrink the earlier layer
        (
            "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n",
            [(2, 5, 2, 19)],
        ),
        # a stage the final stage is built FROM ships its layers
        ("FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true\n", [(2, 5, 2, 19)]),
        # a folder inside the lists, or a parent removed without -r, leaves the lists
        (
            "FROM debian:12\nRUN apt-get update; rm -rf /var/lib/apt/lists/partial\n",
            [(2, 5, 2, 19)],
        ),
        ("FROM debian:12\nRUN apt-get update; rm -f /var/lib/*\n", [(2, 5, 2, 19)]),
        ("FROM debian:12\nRUN apt-get update; rm -rf /var/cache /var/lib/dpkg\n", [(2, 5, 2, 19)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\n"
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
        "FROM debian:12\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists\n",
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get distclean\n",
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n",
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n",
        "FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n",
        "FROM debian:12\nRUN apt-get update && bash /tmp/install.sh\n",
        # removing a parent folder removes the lists with it
        "FROM debian:12\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib /var/cache\n",
        "FROM debian:12\nRUN apt-get update && rm -fr /var/lib/apt/\n",
        "FROM debian:12\nRUN apt-get update && rm -R /var\n",
        "FROM debian:12\nRUN apt-get update && rm -r -f /var/lib/*\n",
        # a builder stage whose files are only copied from
        "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\n"
        "FROM debian:12\nCOPY --from=build /out /out\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_appends_to_the_last_apt_command(snapshot):
    text = (
        "FROM debian:12\r\n"
        "RUN apt-get update \\\r\n"
        "    && apt-get install -y \\\r\n"
        "        curl \\\r\n"
        "    # trailing comment\r\n"
        "    && echo ok\r\n"
        'CMD ["sh"]\r\n'
    )
    result = fixed(text, RULE)
    assert result == text.replace("echo ok", "echo ok && rm -rf /var/lib/apt/lists/*")
    snapshot.assert_match(result.replace("\r", "\\r"), "fixed.txt")


def test_fix_in_heredoc_body():
    text = "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n"
    assert fixed(text, RULE) == text.replace(
        "install -y git", "install -y git && rm -rf /var/lib/apt/lists/*"
    )


def test_fix_stops_at_semicolon():
    text = "FROM debian:12\nRUN apt-get update && apt-get install -y git; echo hi\n"
    assert fixed(text, RULE) == text.replace("git;", "git && rm -rf /var/lib/apt/lists/*;")


def test_fix_only_where_no_later_run_needs_the_lists(snapshot):
    text = (
        "FROM debian:12\n"
        "RUN apt-get update\n"
        "RUN apt-get update && apt-get install -y git\n"
        "RUN apt-get update\n"
        "RUN apt-get install -y curl\n"
    )
    diagnostics = lint(text, "dockerfile", [RULE])
    result = apply_edits(text, [e for d in diagnostics if d.fix for e in d.fix.edits])
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True), result.splitlines(keepends=True), "a", "b"
        )
    )
    snapshot.assert_match(diff, "fix.diff")


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN if true; then apt-get update; fi\n",
        "FROM debian:12\nRUN (apt-get update && apt-get install -y git)\n",
        'FROM debian:12\nRUN ["apt-get", "update"]\n',
        # The install in the next RUN needs the lists the update wrote.
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y git\n",
        "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get -y upgrade\n",
        # An image built FROM this one runs the trigger with the lists this image kept.
        "FROM debian:12\nRUN apt-get update\nONBUILD RUN apt-get install -y git\n",
    ],
)
def test_no_fix_where_appending_is_not_clearly_right(text):
    (diagnostic,) = lint(text, "dockerfile", [RULE])
    assert diagnostic.fix is None and diagnostic.unfixable_reason

"""The RUN-command fixes applied together by the fix engine, to a fixed point."""

from lintkit.fixing import fix_text
from lintkit.source import SourceText
from tests.conftest import lint

RULES = [
    "apt-get-missing-yes",
    "apt-lists-not-cleaned",
    "pip-cache-kept",
    "apk-cache-kept",
    "yum-missing-yes",
    "useradd-high-uid-without-no-log-init",
]


def run_fix(text):
    return fix_text(
        SourceText.from_text(text, "Dockerfile"),
        lambda source: lint(source.text, "dockerfile", RULES),
    )


def test_fixes_converge_and_keep_everything_else(snapshot):
    text = (
        "FROM debian:12\r\n"
        "# install the tools\r\n"
        "RUN apt-get update \\\r\n"
        "    && apt-get install curl python3-pip \\\r\n"
        "    # the app's dependencies\r\n"
        "    && pip install --break-system-packages -r requirements.txt\r\n"
        # The trigger updates first: a child image that installed from this image's lists
        # would fail once the fix removes them.
        "ONBUILD RUN apt-get update && apt-get install git\r\n"
        "RUN useradd -u 1000000 app\r\n"
    )
    result = run_fix(text)
    assert result.converged and not result.reverted
    assert result.remaining == []
    snapshot.assert_match(result.text.replace("\r", "\\r"), "fixed.txt")


def test_heredoc_script_is_fixed_in_place():
    text = "FROM alpine:3.20\nRUN <<EOF\napk update\napk add curl\nEOF\n"
    result = run_fix(text)
    assert result.text == text.replace("apk add curl", "apk add --no-cache curl")

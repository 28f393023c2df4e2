import logging

import pytest

from lintkit.rules.dockerfile import shellcheck_finding
from lintkit.rules.dockerfile.shellcheck_finding import ShellcheckFinding
from tests.conftest import lint

RULE = "shellcheck-finding"

needs_shellcheck = pytest.mark.skipif(
    not ShellcheckFinding.is_available(),
    reason="ShellCheck is not installed (pip install 'lintkit[shellcheck]')",
)


def findings(text, options=None):
    """(SC code, line, col, end line, end col, severity) of each finding, 1-based."""
    result = []
    for d in lint(text, "dockerfile", [RULE], options=options):
        result.append(
            (
                d.message.split(":", 1)[0],
                d.range.start.line + 1,
                d.range.start.column + 1,
                d.range.end.line + 1,
                d.range.end.column + 1,
                d.severity.label,
            )
        )
    return result


@needs_shellcheck
def test_maps_findings_to_the_dockerfile():
    text = "FROM debian:12\nRUN echo $foo\n"
    assert findings(text) == [
        ("SC2154", 2, 10, 2, 14, "warning"),
        ("SC2086", 2, 10, 2, 14, "info"),
    ]


@needs_shellcheck
def test_continuation_lines_comments_and_tabs():
    text = "FROM debian:12\nRUN true \\\n  # a comment\n\t&& echo `date` \\\n  && cd /x\n"
    assert findings(text) == [
        ("SC2046", 4, 10, 4, 16, "warning"),
        ("SC2005", 4, 10, 4, 16, "style"),
        ("SC2006", 4, 10, 4, 16, "style"),
        ("SC2164", 5, 6, 5, 11, "warning"),
    ]


@needs_shellcheck
def test_crlf_and_heredoc_script():
    text = "FROM debian:12\r\nRUN <<EOF\r\nset -e\r\necho $bar\r\nEOF\r\n"
    assert findings(text) == [("SC2154", 4, 6, 4, 10, "warning"), ("SC2086", 4, 6, 4, 10, "info")]


@needs_shellcheck
def test_heredoc_after_a_command_line():
    text = "FROM debian:12\nRUN cat <<EOF > /etc/x && echo $y\nhello $z\nEOF\n"
    codes = [(code, line, col) for code, line, col, *_ in findings(text)]
    assert ("SC2154", 3, 7) in codes and ("SC2154", 2, 32) in codes


@needs_shellcheck
def test_known_variables_are_exported():
    text = (
        "FROM debian:12 AS base\nENV app_home=/app\nFROM base\nARG version=1\n"
        'RUN echo "$app_home" "$version" "$http_proxy"\n'
    )
    assert findings(text) == []


@needs_shellcheck
def test_arg_after_the_run_is_not_known():
    text = 'FROM debian:12\nRUN echo "$version"\nARG version=1\n'
    assert [f[0] for f in findings(text)] == ["SC2154"]


@needs_shellcheck
def test_shell_instruction_selects_bash():
    sh_text = "FROM debian:12\nRUN [[ -f /x ]] && echo y\n"
    bash_text = 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f /x ]] && echo y\n'
    assert [f[0] for f in findings(sh_text)] == ["SC3010"]
    assert findings(bash_text) == []
    assert findings(sh_text, {RULE: {"shell": "bash"}}) == []


@pytest.mark.parametrize(
    "text",
    [
        'FROM debian:12\nRUN ["sh", "-c", "echo $foo"]\n',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-c"]\nRUN echo $foo\n',
        "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint('$x')\nEOF\n",
        "FROM debian:12\nRUN . /etc/os-release && echo ok\n",
        'FROM debian:12\nRUN echo "$HOME"\n',
    ],
)
@needs_shellcheck
def test_leaves_alone(text):
    assert findings(text) == []


@needs_shellcheck
def test_exclude_option():
    text = "FROM debian:12\nRUN echo $foo\n"
    assert findings(text, {RULE: {"exclude": ["SC2086"]}}) == [("SC2154", 2, 10, 2, 14, "warning")]


@needs_shellcheck
def test_comment_silences_one_sc_code_only():
    text = "FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $foo\n"
    assert [f[0] for f in findings(text)] == ["SC2154"]
    text = "FROM debian:12\n# lintkit: ignore=SC2154,SC2086\nRUN echo $foo\n"
    assert findings(text) == []
    text = "FROM debian:12\n# lintkit: ignore=shellcheck-finding\nRUN echo $foo\n"
    assert findings(text) == []


@needs_shellcheck
def test_configured_severity_wins():
    from lintkit.config import Config
    from lintkit.engine import Linter
    from lintkit.registry import default_registry
    from lintkit.rule import FileKind
    from lintkit.source import SourceText

    config = Config(
        registry=default_registry(),
        select=(RULE,),
        severity={RULE: shellcheck_finding.Severity.ERROR},
    )
    source = SourceText.from_text("FROM debian:12\nRUN echo $foo\n", "Dockerfile")
    diagnostics = Linter(config).lint_source(source, FileKind.DOCKERFILE)
    assert {d.severity.label for d in diagnostics} == {"error"}


@needs_shellcheck
def test_one_process_per_dockerfile(monkeypatch):
    import subprocess

    calls = []
    original = subprocess.run

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    findings("FROM debian:12\nRUN echo $a\nRUN echo $b\nONBUILD RUN echo $c\n")
    assert len(calls) == 1
    assert sum(name.endswith(".sh") for name in calls[0]) == 3


@needs_shellcheck
def test_messages(snapshot):
    text = "FROM debian:12\nRUN cd /x; echo $foo `date`\n"
    lines = [
        f"{d.range.start.line + 1}:{d.range.start.column + 1} {d.severity.label} {d.message}"
        for d in lint(text, "dockerfile", [RULE])
    ]
    snapshot.assert_match("\n".join(lines) + "\n", "messages.txt")


def test_missing_shellcheck_warns_once(monkeypatch, caplog):
    monkeypatch.setattr(shellcheck_finding, "shellcheck_binary", lambda: None)
    monkeypatch.setattr(shellcheck_finding, "_warned_missing", False)
    assert not ShellcheckFinding.is_available()
    with caplog.at_level(logging.WARNING):
        assert lint("FROM debian:12\nRUN echo $a\n", "dockerfile", [RULE]) == []
        assert lint("FROM debian:12\nRUN echo $b\n", "dockerfile", [RULE]) == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "pip install 'lintkit[shellcheck]'" in warnings[0].getMessage()


def test_off_by_default():
    assert not ShellcheckFinding.enabled_by_default


@needs_shellcheck
def test_hadolint_shell_pragma():
    text = "# hadolint shell=bash\nFROM debian:12\nRUN [[ -f /x ]] && echo y\n"
    assert findings(text) == []
    text = "# hadolint shell=powershell\nFROM debian:12\nRUN echo $foo\n"
    assert findings(text) == []

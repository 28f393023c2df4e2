from __future__ import annotations

import io
from pathlib import Path

import pytest

from lintkit.dockerfile.parser import parse_syntax, rebuild
from lintkit.dockerfile.syntax import (
    Add,
    Arg,
    Copy,
    DockerfileSyntax,
    Env,
    From,
    Healthcheck,
    Label,
    Onbuild,
    Run,
    Unknown,
)
from lintkit.errors import ParseError
from lintkit.source import Range, SourceText

FIXTURES = Path(__file__).parent / "fixtures"


def span(range_: Range | None) -> tuple[int, int, int, int]:
    assert range_ is not None
    return (range_.start.line, range_.start.column, range_.end.line, range_.end.column)


def parse(text: str) -> tuple[DockerfileSyntax, SourceText]:
    source = SourceText.from_text(text)
    syntax = parse_syntax(source)
    assert rebuild(syntax, source) == source.text
    return syntax, source


def keywords(syntax: DockerfileSyntax) -> list[tuple[str, int]]:
    return [(item.keyword, item.range.start.line) for item in syntax.instructions]


# --- directives ---------------------------------------------------------------


def test_directives_at_top() -> None:
    syntax, _ = parse("# syntax=docker/dockerfile:1\n#  ESCAPE = `\nFROM a\n")
    assert [(d.name, d.value) for d in syntax.directives] == [
        ("syntax", "docker/dockerfile:1"),
        ("escape", "`"),
    ]
    assert span(syntax.directives[0].range) == (0, 0, 0, 28)
    assert span(syntax.directives[0].value_range) == (0, 9, 0, 28)
    assert span(syntax.directives[1].value_range) == (1, 12, 1, 13)
    assert syntax.escape == "`"
    assert syntax.comments == ()


def test_directive_after_blank_line_is_a_comment() -> None:
    syntax, _ = parse("\n# escape=`\nFROM a\n")
    assert syntax.directives == ()
    assert syntax.escape == "\\"
    assert [c.text for c in syntax.comments] == ["escape=`"]
    assert span(syntax.comments[0].range) == (1, 0, 1, 10)


def test_directive_after_comment_or_instruction_is_a_comment() -> None:
    syntax, _ = parse("# hello\n# syntax=x\nFROM a\n")
    assert syntax.directives == ()
    syntax, _ = parse("FROM a\n# check=skip=all\n")
    assert syntax.directives == ()
    assert [c.text for c in syntax.comments] == ["check=skip=all"]


def test_unknown_directive_ends_the_block() -> None:
    syntax, _ = parse("# foo=bar\n# escape=`\nFROM a\n")
    assert syntax.directives == ()
    assert syntax.escape == "\\"


def test_check_directive() -> None:
    syntax, _ = parse("# check=skip=JSONArgsRecommended;error=true\nFROM a\n")
    assert syntax.directives[0].name == "check"
    assert syntax.directives[0].value == "skip=JSONArgsRecommended;error=true"


def test_repeated_directive_is_an_error() -> None:
    with pytest.raises(ParseError) as info:
        parse("# escape=`\n# escape=\\\nFROM a\n")
    assert (info.value.line, info.value.column) == (1, 0)
    assert "twice" in info.value.message


def test_invalid_escape_value() -> None:
    with pytest.raises(ParseError) as info:
        parse("# escape=x\nFROM a\n")
    assert (info.value.line, info.value.column) == (0, 9)


# --- continuations, comments, blanks -------------------------------------------


def test_continuation_with_comment_and_blank_lines() -> None:
    text = "FROM a\nRUN apt-get update \\\n  # note\n\n    && apt-get install -y x\n"
    syntax, source = parse(text)
    run = syntax.instructions[1]
    assert isinstance(run, Run)
    assert run.arguments == "apt-get update     && apt-get install -y x"
    assert span(run.range) == (1, 0, 4, 27)
    assert span(run.arguments_range) == (1, 4, 4, 27)
    assert [c.text for c in run.comments] == ["note"]
    assert span(run.comments[0].range) == (2, 2, 2, 8)
    assert syntax.comments == ()
    index = run.arguments.index("&&")
    assert source.position(run.physical_offset(index)) == source.position(source.offset(4, 4))


def test_continuation_joins_following_instruction_like_docker() -> None:
    syntax, _ = parse("FROM a\nRUN echo \\\n\nRUN b\n")
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1)]
    assert syntax.instructions[1].arguments == "echo RUN b"


def test_escaped_escape_does_not_continue() -> None:
    syntax, _ = parse("FROM a\nENV C=x\\\\\nENV D=y\nENV E=a\\\n\\\nb\n")
    assert keywords(syntax) == [("FROM", 0), ("ENV", 1), ("ENV", 2), ("ENV", 3)]
    assert syntax.instructions[3].arguments == "E=ab"


def test_double_escape_never_continues() -> None:
    # BuildKit: an escape right after another escape does not continue the line.
    syntax, _ = parse("FROM a\nRUN a\\\\\\\nRUN b\n")
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1), ("RUN", 2)]
    syntax, _ = parse("FROM a\nRUN a \\\n  \\\n  b\n")
    # Blanks before each escape stay: "a " + "  " + "  b".
    assert syntax.instructions[1].arguments == "a     b"


def test_onbuild_heredoc() -> None:
    syntax, _ = parse("FROM a\nONBUILD RUN <<EOF\nFROM x\nEOF\nONBUILD COPY <<E /d\nE\n")
    assert keywords(syntax) == [("FROM", 0), ("ONBUILD", 1), ("ONBUILD", 4)]
    run = syntax.instructions[1]
    assert isinstance(run, Onbuild) and run.trigger is not None
    assert run.heredocs[0].body == "FROM x\n"
    assert run.trigger.heredocs == run.heredocs
    assert span(run.range) == (1, 0, 3, 3)
    copy = syntax.instructions[2]
    assert isinstance(copy, Onbuild) and isinstance(copy.trigger, Copy)
    assert copy.trigger.sources == () and copy.trigger.heredocs[0].delimiter == "E"


def test_continuation_at_end_of_file() -> None:
    syntax, _ = parse("FROM a\nRUN echo \\")
    assert syntax.instructions[1].arguments == "echo"
    assert span(syntax.instructions[1].range) == (1, 0, 1, 10)


def test_comment_lines_and_indentation() -> None:
    syntax, _ = parse("  # indented\nFROM a\n\t# tab\n   RUN x   \n")
    assert [c.text for c in syntax.comments] == ["indented", "tab"]
    assert span(syntax.comments[0].range) == (0, 2, 0, 12)
    assert span(syntax.instructions[1].range) == (3, 3, 3, 11)  # trailing blanks included
    assert syntax.instructions[1].arguments == "x"


def test_crlf_bom_and_missing_final_newline() -> None:
    source = SourceText.from_bytes(Path("Dockerfile"), b"\xef\xbb\xbfFROM a\r\nRUN b \\\r\n c")
    syntax = parse_syntax(source)
    assert rebuild(syntax, source) == source.text
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1)]
    assert span(syntax.instructions[0].range) == (0, 0, 0, 6)
    assert syntax.instructions[1].arguments == "b  c"
    assert span(syntax.instructions[1].range) == (1, 0, 2, 2)


def test_empty_and_comment_only_files() -> None:
    syntax, _ = parse("")
    assert syntax.instructions == () and syntax.comments == ()
    syntax, _ = parse("# only\n\n# comments\n")
    assert syntax.instructions == ()
    assert len(syntax.comments) == 2
    syntax, _ = parse("\n\n   \n")
    assert syntax.instructions == ()


def test_keywords_in_any_case() -> None:
    syntax, _ = parse("from a as B\nrun x\nCoPy a b\n")
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1), ("COPY", 2)]
    assert syntax.instructions[2].written_keyword == "CoPy"
    assert span(syntax.instructions[2].keyword_range) == (2, 0, 2, 4)
    first = syntax.instructions[0]
    assert isinstance(first, From)
    assert first.stage_name is not None and first.stage_name.value == "B"


# --- escape directive ----------------------------------------------------------


def test_windows_fixture() -> None:
    raw = (FIXTURES / "windows.Dockerfile").read_bytes()
    source = SourceText.from_bytes(Path("windows.Dockerfile"), raw)
    syntax = parse_syntax(source)
    assert rebuild(syntax, source) == source.text
    assert syntax.escape == "`"
    assert keywords(syntax) == [
        ("FROM", 3),
        ("SHELL", 4),
        ("WORKDIR", 5),
        ("COPY", 6),
        ("RUN", 7),
        ("ENV", 10),
        ("CMD", 12),
    ]
    workdir = syntax.instructions[2]
    assert workdir.words[0].value == "C:\\app"
    copy = syntax.instructions[3]
    assert isinstance(copy, Copy)
    assert [w.value for w in copy.sources] == ["scripts\\"]
    assert copy.destination is not None and copy.destination.value == "C:\\app\\scripts\\"
    run = syntax.instructions[4]
    assert run.arguments == "New-Item -ItemType Directory -Path C:\\data ;     Write-Host done"
    assert span(run.range) == (7, 0, 9, 19)
    assert [c.text for c in run.comments] == ["comment inside the continuation"]
    env = syntax.instructions[5]
    assert isinstance(env, Env)
    assert [(p.key, p.value) for p in env.pairs] == [("APP_HOME", "C:\\app"), ("APP_PORT", "8080")]
    assert span(env.pairs[1].range) == (11, 4, 11, 17)
    shell = syntax.instructions[1]
    assert shell.exec_form == ("powershell", "-Command", "$ErrorActionPreference = 'Stop';")
    assert syntax.instructions[6].exec_form == ("C:\\app\\run.exe",)


def test_backslash_continues_only_with_default_escape() -> None:
    syntax, _ = parse("# escape=`\nFROM a\nRUN dir c:\\\nRUN b\n")
    assert keywords(syntax) == [("FROM", 1), ("RUN", 2), ("RUN", 3)]


# --- heredocs ------------------------------------------------------------------


def test_heredoc_fixture() -> None:
    text = (FIXTURES / "heredoc.Dockerfile").read_text()
    syntax, _ = parse(text)
    assert keywords(syntax) == [
        ("FROM", 1),
        ("RUN", 2),
        ("RUN", 7),
        ("COPY", 10),
        ("RUN", 15),
        ("CMD", 20),
    ]
    run = syntax.instructions[1]
    (doc,) = run.heredocs
    assert doc.delimiter == "EOF" and not doc.quoted and not doc.strip_tabs
    assert doc.body == "set -eux\nFROM not-an-instruction\napt-get update\n"
    assert span(doc.marker_range) == (2, 4, 2, 9)
    assert span(doc.body_range) == (3, 0, 6, 0)
    assert span(doc.range) == (3, 0, 6, 3)
    assert span(run.range) == (2, 0, 6, 3)
    python = syntax.instructions[2]
    assert python.arguments == "python3 <<'PY'"
    assert python.heredocs[0].quoted and python.heredocs[0].delimiter == "PY"
    copy = syntax.instructions[3]
    assert isinstance(copy, Copy)
    first, second = copy.heredocs
    assert (first.delimiter, first.strip_tabs, first.quoted) == ("EOF1", True, False)
    assert first.body == "\tfirst $HOME\n"
    assert (second.delimiter, second.strip_tabs, second.quoted) == ("EOF2", False, True)
    assert second.body == "second\n"
    assert copy.sources == ()
    assert copy.destination is not None and copy.destination.value == "/etc/app/"
    assert span(copy.range) == (10, 0, 14, 4)
    two = syntax.instructions[4]
    assert [h.delimiter for h in two.heredocs] == ["A", "B"]
    assert [h.body for h in two.heredocs] == ["a body\n", "b body\n"]


def test_heredoc_edge_cases() -> None:
    syntax, _ = parse("FROM a\nRUN <<EOF\nEOF\n")
    doc = syntax.instructions[1].heredocs[0]
    assert doc.body == ""
    assert span(doc.range) == (2, 0, 2, 3)
    # Not heredocs: quoted, glued to a word, in exec form, or on other instructions.
    for line in ('RUN echo "<<EOF"', "RUN cat<<EOF", 'RUN ["cat", "<<EOF"]', "CMD cat <<EOF"):
        syntax, _ = parse(f"FROM a\n{line}\nRUN x\n")
        assert syntax.instructions[1].heredocs == ()
        assert len(syntax.instructions) == 3
    # The closing delimiter must match exactly (no trailing blank).
    with pytest.raises(ParseError) as info:
        parse("FROM a\nRUN <<EOF\nbody\nEOF \n")
    assert (info.value.line, info.value.column) == (1, 4)
    assert "never closed" in info.value.message
    # ``2<<EOF`` (with a file descriptor) is a heredoc too.
    syntax, _ = parse("FROM a\nRUN cat 0<<EOF\nx\nEOF\n")
    assert syntax.instructions[1].heredocs[0].delimiter == "EOF"


def test_heredoc_crlf() -> None:
    syntax, _ = parse("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nRUN b\r\n")
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1), ("RUN", 4)]
    assert syntax.instructions[1].heredocs[0].body == "echo hi\r\n"


# --- exec form, flags, typed nodes -----------------------------------------------


def test_exec_form_and_malformed_json() -> None:
    syntax, _ = parse('FROM a\nCMD ["a", "b c"]\nCMD [a]\nRUN ["x", "y\nENTRYPOINT [ "e" ]  \n')
    cmd, bad, unterminated, entry = syntax.instructions[1:]
    assert cmd.exec_form == ("a", "b c")
    assert [(w.raw, w.value) for w in cmd.words] == [('"a"', "a"), ('"b c"', "b c")]
    assert span(cmd.words[1].range) == (1, 10, 1, 15)
    assert bad.exec_form is None
    assert [w.value for w in bad.words] == ["[a]"]
    assert unterminated.exec_form is None
    assert parse("FROM a\nCMD [NaN]\n")[0].instructions[1].exec_form is None
    # Valid JSON that is not an array of strings is rejected by Docker.
    with pytest.raises(ParseError) as info:
        parse('FROM a\nRUN ["x", 1]\n')
    assert (info.value.line, info.value.column) == (1, 4)
    assert entry.exec_form == ("e",)
    assert entry.arguments == '[ "e" ]'


def test_flags() -> None:
    text = (
        "FROM --platform=$BUILDPLATFORM a\n"
        "RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=x "
        "--network=none --security=insecure echo\n"
        "COPY --from=build --chown=1:1 --chmod=755 --link --parents --exclude=*.md a b\n"
        "ADD --checksum=sha256:abc --keep-git-dir=true https://x/y.git /src\n"
    )
    syntax, _ = parse(text)
    from_, run, copy, add = syntax.instructions
    assert [(f.name, f.value) for f in from_.flags] == [("platform", "$BUILDPLATFORM")]
    assert span(from_.flags[0].range) == (0, 5, 0, 30)
    assert span(from_.flags[0].value_range) == (0, 16, 0, 30)
    assert run.flag_values("mount") == ["type=cache,target=/root/.cache", "type=secret,id=x"]
    assert run.flag("network") is not None and run.arguments == "echo"
    assert [f.name for f in copy.flags] == ["from", "chown", "chmod", "link", "parents", "exclude"]
    link = copy.flag("link")
    assert link is not None and link.value is None and link.value_range is None
    assert isinstance(copy, Copy) and [w.value for w in copy.sources] == ["a"]
    assert isinstance(add, Add) and add.flag("checksum") is not None
    assert add.destination is not None and add.destination.value == "/src"


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        # vimagick/dockerfiles obs-web-arm: BuildKit says "missing a value on flag: from".
        (
            "FROM a\nCOPY --from build /app/public/* /usr/share/nginx/html\n",
            "COPY --from has no value: write --from=<value>",
            (1, 5),
        ),
        (
            "FROM a\nCOPY --link --chown app:app . /app\n",
            "COPY --chown has no value: write --chown=<value>",
            (1, 12),
        ),
        (
            "FROM a\nADD --chmod 755 x /x\n",
            "ADD --chmod has no value: write --chmod=<value>",
            (1, 4),
        ),
        (
            "FROM a\nADD --checksum sha256:0 https://x/y /y\n",
            "ADD --checksum has no value: write --checksum=<value>",
            (1, 4),
        ),
        (
            "FROM --platform linux/amd64 a\n",
            "FROM --platform has no value: write --platform=<value>",
            (0, 5),
        ),
        (
            "FROM a\nRUN --mount type=cache,target=/x make\n",
            "RUN --mount has no value: write --mount=<value>",
            (1, 4),
        ),
        (
            "FROM a\nRUN --network none make\n",
            "RUN --network has no value: write --network=<value>",
            (1, 4),
        ),
        (
            "FROM a\nHEALTHCHECK --interval 5s CMD true\n",
            "HEALTHCHECK --interval has no value: write --interval=<value>",
            (1, 12),
        ),
        # an ONBUILD trigger's flags, and a flag on a continuation line
        (
            "FROM a\nONBUILD COPY --from b /x /y\n",
            "COPY --from has no value: write --from=<value>",
            (1, 13),
        ),
        (
            "FROM a\nCOPY --chown=1 \\\n  --exclude *.md . /\n",
            "COPY --exclude has no value: write --exclude=<value>",
            (2, 2),
        ),
    ],
)
def test_flag_without_its_value(text: str, message: str, position: tuple[int, int]) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.message == message
    assert (info.value.line, info.value.column) == position


def test_flags_without_a_value_that_need_none() -> None:
    # Boolean flags take no value; an empty value after '=' and unknown flags are left to
    # rules (which flags exist depends on the frontend version).
    text = (
        "FROM a\n"
        "COPY --link --parents --from= a b\n"
        "ADD --keep-git-dir --link https://x/y.git /src\n"
        "COPY --FROM b c d\n"
        "RUN --some-new-flag make\n"
        "ADD --from x y\n"
    )
    syntax, _ = parse(text)
    copy, add, upper, run, add_from = syntax.instructions[1:]
    assert [(f.name, f.value) for f in copy.flags] == [
        ("link", None),
        ("parents", None),
        ("from", ""),
    ]
    assert [f.name for f in add.flags] == ["keep-git-dir", "link"]
    assert [(f.name, f.value) for f in upper.flags] == [("FROM", None)]
    assert [(f.name, f.value) for f in run.flags] == [("some-new-flag", None)]
    # ADD has no --from: BuildKit calls it unknown, so the parser does not judge it.
    assert [(f.name, f.value) for f in add_from.flags] == [("from", None)]


def test_quoted_flag_and_double_dash() -> None:
    syntax, _ = parse('FROM a\nRUN --mount="type=bind,source=a b" -- --not-a-flag\n')
    run = syntax.instructions[1]
    assert run.flag_values("mount") == ["type=bind,source=a b"]
    assert run.arguments == "--not-a-flag"


def test_env_label_arg_pairs() -> None:
    text = (
        'FROM a\nENV A=1 B="two words" C=\nENV OLD value with spaces\nLABEL "x"=y\nARG N\nARG M=3\n'
    )
    syntax, _ = parse(text)
    env, old, label, arg_n, arg_m = syntax.instructions[1:]
    assert isinstance(env, Env)
    assert [(p.key, p.value, p.legacy) for p in env.pairs] == [
        ("A", "1", False),
        ("B", "two words", False),
        ("C", "", False),
    ]
    assert span(env.pairs[1].range) == (1, 8, 1, 21)
    assert span(env.pairs[1].key_range) == (1, 8, 1, 9)
    assert span(env.pairs[1].value_range) == (1, 10, 1, 21)
    assert isinstance(old, Env)
    assert [(p.key, p.value, p.legacy) for p in old.pairs] == [("OLD", "value with spaces", True)]
    assert span(old.pairs[0].value_range) == (2, 8, 2, 25)
    assert isinstance(label, Label) and label.pairs[0].key == "x"
    assert isinstance(arg_n, Arg) and arg_n.pairs[0].value is None
    assert arg_n.pairs[0].value_range is None
    assert isinstance(arg_m, Arg) and arg_m.pairs[0].value == "3"


def test_pair_spanning_continuation() -> None:
    syntax, _ = parse("FROM a\nENV A=x\\\ny B=2\n")
    env = syntax.instructions[1]
    assert isinstance(env, Env)
    assert [(p.key, p.value) for p in env.pairs] == [("A", "xy"), ("B", "2")]
    assert span(env.pairs[0].range) == (1, 4, 2, 1)
    assert span(env.pairs[1].value_range) == (2, 4, 2, 5)


def test_from_forms() -> None:
    syntax, _ = parse("FROM a:1 AS build\nFROM build\n")
    first = syntax.instructions[0]
    assert isinstance(first, From)
    assert first.image is not None and span(first.image.range) == (0, 5, 0, 8)
    assert first.as_keyword is not None and first.as_keyword.raw == "AS"
    assert first.stage_name is not None and span(first.stage_name.range) == (0, 12, 0, 17)
    for bad in ("FROM", "FROM a b", "FROM a AS", "FROM a IS b", "FROM a AS 1st", "FROM a AS b$c"):
        with pytest.raises(ParseError):
            parse(bad + "\n")


def test_healthcheck_and_onbuild() -> None:
    text = (
        "FROM a\n"
        "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1\n"
        "HEALTHCHECK NONE\n"
        'ONBUILD RUN --mount=type=cache,target=/x ["make"]\n'
        "onbuild copy . /app\n"
    )
    syntax, _ = parse(text)
    check, none, onbuild, onbuild_copy = syntax.instructions[1:]
    assert isinstance(check, Healthcheck) and not check.none
    assert check.flag("interval") is not None and check.flag("timeout") is not None
    assert check.command is not None and check.command.keyword == "CMD"
    assert check.command.arguments == "curl -f http://localhost/ || exit 1"
    assert span(check.command.range) == (1, 40, 1, 79)
    assert isinstance(none, Healthcheck) and none.none and none.command is None
    assert isinstance(onbuild, Onbuild) and onbuild.trigger is not None
    assert onbuild.trigger.keyword == "RUN"
    assert onbuild.trigger.flag_values("mount") == ["type=cache,target=/x"]
    assert onbuild.trigger.exec_form == ("make",)
    assert span(onbuild.trigger.range) == (3, 8, 3, 49)
    assert span(onbuild.trigger.keyword_range) == (3, 8, 3, 11)
    assert isinstance(onbuild_copy, Onbuild)
    assert isinstance(onbuild_copy.trigger, Copy)
    for bad in (
        "HEALTHCHECK",
        "HEALTHCHECK foo",
        "HEALTHCHECK NONE x",
        "ONBUILD",
        "ONBUILD FROM x",
    ):
        with pytest.raises(ParseError):
            parse(f"FROM a\n{bad}\n")


def test_unknown_instruction() -> None:
    with pytest.raises(ParseError) as info:
        parse("FROM a\n  RUNN echo\n")
    assert info.value.message == "unknown instruction 'RUNN' (did you mean RUN?)"
    assert (info.value.line, info.value.column) == (1, 2)
    source = SourceText.from_text("FROM a\nFOO bar\n")
    syntax = parse_syntax(source, allow_unknown=True)
    assert isinstance(syntax.instructions[1], Unknown)


def test_missing_arguments() -> None:
    for keyword in ("WORKDIR", "USER", "EXPOSE", "VOLUME", "SHELL", "STOPSIGNAL", "ARG"):
        with pytest.raises(ParseError) as info:
            parse(f"FROM a\n{keyword}   \n")
        assert info.value.message == f"{keyword} needs an argument"
    syntax, _ = parse("FROM a\nCMD\n")
    assert syntax.instructions[1].arguments == ""


def test_copy_needs_destination() -> None:
    with pytest.raises(ParseError):
        parse("FROM a\nCOPY a\n")
    with pytest.raises(ParseError):
        parse("FROM a\nENV A\n")
    with pytest.raises(ParseError):
        parse("FROM a\nLABEL a=b c\n")


def test_garbage_raises_parse_error() -> None:
    for text in ("\x01\x02 garbage", "{{ template }}", "[1, 2]", "=", "--flag"):
        with pytest.raises(ParseError):
            parse(text)


def test_long_inputs_are_linear() -> None:
    long_line = "FROM a\nRUN " + ("x" * 19 + " ") * 50_000 + "\n"  # 1 MB
    syntax, _ = parse(long_line)
    assert len(syntax.instructions[1].words) == 50_000
    # 100,000 lines: one long continuation and one long heredoc body.
    many = "FROM a\nRUN echo \\\n" + "  hi \\\n" * 50_000 + "  end\n"
    many += "RUN <<EOF\n" + "echo\n" * 50_000 + "EOF\n"
    syntax, _ = parse(many)
    assert keywords(syntax) == [("FROM", 0), ("RUN", 1), ("RUN", 50_003)]
    assert syntax.instructions[1].arguments.count("hi") == 50_000
    assert syntax.instructions[2].heredocs[0].body.count("\n") == 50_000


def test_same_instructions_as_dockerfile_parse() -> None:
    dockerfile_parse = pytest.importorskip("dockerfile_parse")
    text = (
        "# syntax=docker/dockerfile:1\n"
        "ARG V=1\n"
        "FROM debian:$V AS base\n"
        "# a comment\n"
        "RUN apt-get update \\\n"
        "    # dropped comment\n"
        "    && apt-get install -y curl\n"
        "ENV A=1 \\\n"
        "    B=2\n"
        "COPY . /app\n"
        'CMD ["run"]\n'
    )
    theirs = dockerfile_parse.DockerfileParser(fileobj=io.BytesIO(text.encode())).structure
    expected = [(i["instruction"], i["startline"]) for i in theirs if i["instruction"] != "COMMENT"]
    syntax, _ = parse(text)
    assert keywords(syntax) == expected
    assert [(i.range.end.line) for i in syntax.instructions] == [
        i["endline"] for i in theirs if i["instruction"] != "COMMENT"
    ]


def test_heredoc_names_like_buildkit() -> None:
    text = (
        "FROM a\n"
        "RUN 3<<NONE\nNONE\n"
        "RUN <<x'y'\nbody\nxy\n"
        "RUN <<x\\'y\nbody\nx'y\n"
        "RUN <<'two words'\nbody\ntwo words\n"
        "RUN <<$V\n$V\n"
        "RUN <<   SPACED > out\nSPACED\n"
        "RUN <<-  \n"
        "RUN <<MARK python3\nprint(1)\nMARK\n"
    )
    syntax, _ = parse(text)
    found = [
        [(doc.delimiter, doc.quoted, doc.body) for doc in instruction.heredocs]
        for instruction in syntax.instructions[1:]
    ]
    assert found == [
        [("NONE", False, "")],
        [("xy", True, "body\n")],
        [("x'y", False, "body\n")],
        [("two words", True, "body\n")],
        [("$V", False, "")],
        [("SPACED", False, "")],
        [],
        [("MARK", False, "print(1)\n")],
    ]
    spaced = syntax.instructions[6].heredocs[0]
    assert span(spaced.marker_range) == (14, 4, 14, 15)

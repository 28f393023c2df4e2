from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintkit.dockerfile.dump import dockerfile_to_json
from lintkit.dockerfile.model import parse_dockerfile
from lintkit.dockerfile.parser import parse_syntax, rebuild
from lintkit.dockerfile.shell import run_scripts
from lintkit.errors import ParseError
from lintkit.source import Range, SourceText

LINES = st.sampled_from(
    [
        "FROM alpine AS a",
        "from $X",
        "RUN echo hi \\",
        "RUN <<EOF",
        "RUN cat <<-'X' <<Y",
        "EOF",
        "\tX",
        "Y",
        "COPY <<EOF /d",
        'CMD ["a", "b"]',
        "CMD [a",
        "ENV A=1 B='2 3'",
        "ENV A b c",
        "ARG N",
        "LABEL a=b",
        "# escape=`",
        "# syntax=x",
        "# comment",
        "  # indented comment",
        "",
        "   ",
        "\\",
        "`",
        "ONBUILD RUN x",
        "HEALTHCHECK CMD x",
        "WORKDIR C:\\x `",
        "RUN --mount=type=cache,target=/x make",
        "bogus line",
        "\ufeffFROM x",
    ]
)


def check(text: str) -> None:
    source = SourceText.from_text(text)
    try:
        syntax = parse_syntax(source)
    except ParseError as error:
        assert error.line >= 0 and error.column >= 0
        return
    assert rebuild(syntax, source) == source.text
    text = source.text
    for instruction in syntax.instructions:
        assert instruction.range.start.offset <= instruction.range.end.offset
        assert text[offsets(instruction.keyword_range)] == instruction.written_keyword
        single_line = len(instruction.segments) <= 1
        for word in instruction.words:
            assert instruction.range.contains(word.range)
            if single_line:
                assert text[offsets(word.range)] == word.raw
        for flag in instruction.flags:
            assert instruction.range.contains(flag.range)
        for heredoc in instruction.heredocs:
            assert instruction.range.contains(heredoc.range)
            assert text[offsets(heredoc.body_range)] == heredoc.body
        if single_line:
            assert text[offsets(instruction.arguments_range)] == instruction.arguments
    dockerfile = parse_dockerfile(source)
    json.dumps(dockerfile_to_json(dockerfile))
    for instruction in syntax.instructions:
        if instruction.keyword == "RUN" and instruction.exec_form is None:
            for script in run_scripts(instruction, source):
                linear = script.text != instruction.arguments or len(instruction.segments) <= 1
                for command in script.commands:
                    for word in command.words:
                        if linear:
                            assert text[offsets(word.range)] == word.raw


def offsets(range_: Range) -> slice:
    return slice(range_.start.offset, range_.end.offset)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=12), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_structured_files_parse_or_fail_cleanly(
    lines: list[str], newline: str, final: bool
) -> None:
    check(newline.join(lines) + (newline if final else ""))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
@example("#\x1f")  # str.strip() removes the information separators \x1c-\x1f too
@example("FROM a\x1c\nRUN b \x1e")
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("RUNFOM \\`#=<E\"'[]-\n\r\tx")), max_size=80))
def test_dockerfile_alphabet_parses_or_fails_cleanly(text: str) -> None:
    check("FROM a\n" + text)

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.dockerfile.parser import parse_syntax
from lintkit.dockerfile.shell import SimpleCommand, parse_shell, run_scripts
from lintkit.dockerfile.syntax import Instruction
from lintkit.source import Range, SourceText


def span(range_: Range | None) -> tuple[int, int, int, int]:
    assert range_ is not None
    return (range_.start.line, range_.start.column, range_.end.line, range_.end.column)


def summary(commands: list[SimpleCommand]) -> list[tuple[str | None, str | None, list[str]]]:
    return [(c.connector, c.name, [w.value for w in c.args]) for c in commands]


def run_of(text: str) -> tuple[Instruction, SourceText]:
    source = SourceText.from_text(text)
    syntax = parse_syntax(source)
    return syntax.instructions[-1], source


def test_connectors_and_pipelines() -> None:
    script = parse_shell("a 1 && b || c; d | e & f\ng")
    assert summary(script.commands) == [
        (None, "a", ["1"]),
        ("&&", "b", []),
        ("||", "c", []),
        (";", "d", []),
        ("|", "e", []),
        ("&", "f", []),
        ("\n", "g", []),
    ]
    assert [c.in_pipeline for c in script.commands] == [False] * 3 + [True, True] + [False] * 2


def test_quotes_escapes_and_expansions() -> None:
    script = parse_shell("echo 'a b' \"c $HOME\" d\\ e $'x\\ty' `date` $(id -u) ${V:-x}")
    (echo, date, id_) = script.commands
    assert [w.value for w in echo.args] == [
        "a b",
        "c $HOME",
        "d e",
        "x\ty",
        "`date`",
        "$(id -u)",
        "${V:-x}",
    ]
    assert [w.has_expansion for w in echo.args] == [False, True, False, False, True, True, True]
    assert date.name == "date" and date.in_substitution
    assert id_.name == "id" and id_.in_substitution and [w.value for w in id_.args] == ["-u"]


def test_comments_and_unterminated_quotes() -> None:
    script = parse_shell("apt-get update # && rm -rf /\necho 'open")
    assert summary(script.commands) == [(None, "apt-get", ["update"]), ("\n", "echo", ["open"])]
    assert parse_shell('echo "unterminated $(oops').commands[0].name == "echo"
    assert parse_shell("").commands == []


def test_prefixes_and_assignments() -> None:
    script = parse_shell(
        "DEBIAN_FRONTEND=noninteractive sudo -u app -E env -i PATH=/x /usr/bin/apt-get install -y a"
    )
    (command,) = script.commands
    assert [w.value for w in command.assignments] == ["DEBIAN_FRONTEND=noninteractive"]
    assert [w.value for w in command.prefix] == ["sudo", "-u", "app", "-E", "env", "-i", "PATH=/x"]
    assert command.name == "apt-get"
    assert command.name_word is not None and command.name_word.value == "/usr/bin/apt-get"
    assert command.subcommand() == "install"
    only_assignment = parse_shell("A=1 B=2").commands[0]
    assert only_assignment.name is None and len(only_assignment.assignments) == 2
    assert parse_shell("sudo -l").commands[0].name == "sudo"
    assert parse_shell("timeout 10 curl x").commands[0].name == "curl"
    assert parse_shell("xargs -n 1 -I{} rm {}").commands[0].name == "rm"
    assert parse_shell("nice -n 5 time make").commands[0].name == "make"


def test_options() -> None:
    (command,) = parse_shell(
        "apt-get -qy -o Dpkg::Options::=--force-confold install --no-install-recommends "
        "-t bookworm-backports curl=1.0 -- -weird"
    ).commands
    takes = ("-o", "-t")
    assert command.has_option("-y", takes_value=takes)
    assert command.has_option("-q", "--quiet", takes_value=takes)
    assert command.has_option("--no-install-recommends")
    assert not command.has_option("--force-yes", takes_value=takes)
    assert not command.has_option("-w", takes_value=takes)  # after ``--``
    assert command.option_value("-t") == "bookworm-backports"
    assert command.option_value("-o") == "Dpkg::Options::=--force-confold"
    assert [w.value for w in command.positional(takes_value=takes)] == [
        "install",
        "curl=1.0",
        "-weird",
    ]
    (pip,) = parse_shell("pip install --index-url=https://x -r req.txt pkg").commands
    assert pip.option_value("--index-url") == "https://x"
    assert pip.option_value("-r") == "req.txt"
    assert [w.value for w in pip.positional(takes_value=("-r",))] == ["install", "pkg"]
    # ``-tfoo`` is ``-t foo`` when -t takes a value, so -f is not set.
    (combined,) = parse_shell("cmd -tfoo").commands
    assert not combined.has_option("-f", takes_value=("-t",))
    assert combined.option_value("-t") == "foo"
    word = combined.option_word("-t", takes_value=("-t",))
    assert word is not None and word.raw == "-tfoo"


def test_control_structures() -> None:
    script = parse_shell(
        "if [ -f x ]; then (cd y && make); else { echo no; }; fi; "
        "for p in a b; do echo $p; done; while true; do break; done; "
        "case $x in a|b) echo A;; *) echo B;; esac; f() { g; }; ls"
    )
    assert [c.name for c in script.commands] == [
        "[",
        "cd",
        "make",
        "echo",
        "echo",
        "true",
        "break",
        "echo",
        "echo",
        "g",
        "ls",
    ]


def test_redirections_and_heredoc_in_script() -> None:
    script = parse_shell("cat <<EOF > /f 2>&1\nhello && world\nEOF\nrm -f x")
    cat, rm = script.commands
    assert cat.name == "cat" and cat.args == []
    assert [(r.operator, r.target.value if r.target else None) for r in cat.redirects] == [
        ("<<", "EOF"),
        (">", "/f"),
        ("2>&", "1"),
    ]
    assert rm.name == "rm" and rm.connector == "\n"


def test_ranges_follow_continuations() -> None:
    run, source = run_of("FROM a\nRUN apt-get update \\\n    && apt-get install -y curl\n")
    (script,) = run_scripts(run, source)
    update, install = script.commands
    assert span(update.name_word.range if update.name_word else None) == (1, 4, 1, 11)
    assert install.connector == "&&"
    assert span(install.args[-1].range) == (2, 26, 2, 30)
    assert span(install.range) == (2, 7, 2, 30)


def test_run_scripts_heredoc_forms() -> None:
    run, source = run_of("FROM a\nRUN <<EOF\nset -e\napt-get update\nEOF\n")
    (script,) = run_scripts(run, source)
    assert [c.name for c in script.commands] == ["set", "apt-get"]
    assert span(script.commands[1].words[0].range) == (3, 0, 3, 7)

    run, source = run_of("FROM a\nRUN python3 <<EOF\nimport os\nEOF\n")
    (script,) = run_scripts(run, source)
    assert [c.name for c in script.commands] == ["python3"]

    run, source = run_of("FROM a\nRUN bash <<EOF\napt-get update\nEOF\n")
    line, body = run_scripts(run, source)
    assert [c.name for c in line.commands] == ["bash"]
    assert [c.name for c in body.commands] == ["apt-get"]

    run, source = run_of("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n")
    assert run_scripts(run, source) == []


def test_run_scripts_exec_form() -> None:
    run, source = run_of('FROM a\nRUN ["apt-get", "install", "-y", "x"]\n')
    (script,) = run_scripts(run, source)
    (command,) = script.commands
    assert command.name == "apt-get" and command.has_option("-y")
    assert span(command.args[0].range) == (1, 16, 1, 25)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -'\"\\$()`{};|&<>\n#=x")), max_size=60))
def test_parse_shell_never_raises(text: str) -> None:
    script = parse_shell(text)
    for command in script.commands:
        for word in command.words:
            assert 0 <= word.range.start.offset <= word.range.end.offset <= len(text)


def test_process_substitution_keeps_the_commands_inside_and_after() -> None:
    script = parse_shell("bash <(curl -fsSL https://example.com/x.sh) && diff <(ls a) b; echo ok")
    assert [command.name for command in script.commands] == ["bash", "curl", "diff", "ls", "echo"]
    bash = script.commands[0]
    assert [word.raw for word in bash.words] == ["bash", "<(curl -fsSL https://example.com/x.sh)"]

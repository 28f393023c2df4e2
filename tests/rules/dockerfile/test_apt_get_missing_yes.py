import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "apt-get-missing-yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt-get install curl\n", [(2, 13, 2, 20)]),
        ("FROM debian:12\nRUN apt-get update && sudo apt-get install curl\n", [(2, 36, 2, 43)]),
        ("FROM debian:12\nRUN apt-get -q install curl\n", [(2, 16, 2, 23)]),
        # Quiet level 1 written with apt's `=` spelling still leaves the prompt on.
        ("FROM debian:12\nRUN apt-get -q=1 install curl\n", [(2, 18, 2, 25)]),
        ("FROM debian:12\nRUN apt-get upgrade\n", [(2, 13, 2, 20)]),
        ("FROM debian:12\nONBUILD RUN apt-get install curl\n", [(2, 21, 2, 28)]),
        ("FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n", [(4, 9, 4, 16)]),
        ("FROM debian:12\nRUN true || env A=1 apt-get install x\n", [(2, 29, 2, 36)]),
        # an option of an earlier RUN's call configures nothing for this one
        (
            "FROM debian:12\nRUN apt-get install --assume-yes a\nRUN apt-get install b\n",
            [(3, 13, 3, 20)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get install -y curl\n",
        "FROM debian:12\nRUN apt-get install -qy curl\n",
        "FROM debian:12\nRUN apt-get -qq install curl\n",
        "FROM debian:12\nRUN apt-get -q -q install curl\n",
        # apt's `-q=2` (level 2) implies -y just like -qq.
        "FROM debian:12\nRUN apt-get install -q=2 curl\n",
        "FROM debian:12\nRUN apt-get -q=3 install curl\n",
        "FROM debian:12\nRUN apt-get install --yes curl\n",
        "FROM debian:12\nRUN apt-get install --assume-yes curl\n",
        "FROM debian:12\nRUN apt-get install -o APT::Get::Assume-Yes=true curl\n",
        "FROM debian:12\nRUN yes | apt-get install curl\n",
        "FROM debian:12\nRUN apt-get install -s curl\n",
        "FROM debian:12\nRUN apt-get update\n",
        "FROM debian:12\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\n"
        "RUN apt-get install curl\n",
        # the same RUN writes the setting before the install
        "FROM debian:12\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes \\\n"
        "    && apt-get update && apt-get install curl\n",
        'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN apt-get install curl\n',
        "FROM debian:12\nRUN echo apt-get install curl\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt-get install curl && apt-get remove wget\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_inserts_yes_after_subcommand(snapshot):
    text = (
        "FROM debian:12\r\n"
        "RUN apt-get update && \\\r\n"
        "    # a comment inside the continuation\r\n"
        "    apt-get install \\\r\n"
        "      curl\r\n"
    )
    result = fixed(text, RULE)
    assert result == text.replace("apt-get install \\", "apt-get install -y \\")
    snapshot.assert_match(result.replace("\r", "\\r"), "fixed.txt")


def test_fix_with_backtick_escape():
    text = "# escape=`\nFROM debian:12\nRUN apt-get install `\n    curl\n"
    assert fixed(text, RULE) == text.replace("install `", "install -y `")


def test_no_fix_for_exec_form():
    from tests.conftest import lint

    (diagnostic,) = lint(
        'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n', "dockerfile", [RULE]
    )
    assert diagnostic.fix is None and diagnostic.unfixable_reason


def test_fix_in_quoted_and_tab_stripped_heredocs():
    text = (
        "FROM debian:12\nRUN <<'EOF'\napt-get install curl\nEOF\n"
        "RUN <<-EOT\n\tapt-get install git\n\tEOT\n"
    )
    assert fixed(text, RULE) == text.replace("install ", "install -y ")

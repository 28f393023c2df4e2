import pytest

from tests.rules.dockerfile._run_helpers import fixed, found, messages

RULE = "apt-recommends-installed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN apt-get install -y curl\n", [(2, 13, 2, 20)]),
        ("FROM debian:12\nONBUILD RUN apt-get -y install curl\n", [(2, 24, 2, 31)]),
        ("FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n", [(3, 9, 3, 16)]),
        # an apt.conf written after the install does not apply to it
        (
            "FROM debian:12\nRUN apt-get install -y curl \\\n"
            "    && echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/10norec\n",
            [(2, 13, 2, 20)],
        ),
        # an option of one call does not carry over to the next
        (
            "FROM debian:12\nRUN apt-get install -y --no-install-recommends gpg \\\n"
            "    && apt-get install -y curl\n",
            [(3, 16, 3, 23)],
        ),
        # nor does an option given in an earlier RUN
        (
            "FROM debian:12\nRUN apt-get install -y --no-install-recommends gpg\n"
            "RUN apt-get install -y curl\n",
            [(3, 13, 3, 20)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n",
        "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n",
        "FROM debian:12\nRUN apt-get install -s curl\n",
        "FROM debian:12\nRUN apt-get upgrade -y\n",
        "FROM debian:12\nCOPY 99norecommends /etc/apt/apt.conf.d/\nRUN apt-get install -y curl\n",
        # the setting written by an earlier RUN, in either apt.conf syntax
        "FROM debian:12\nRUN echo 'APT::Install-Recommends \"0\";' >> /tmp/apt.conf \\\n"
        "    && mv /tmp/apt.conf /etc/apt/\nRUN apt-get install -y curl\n",
        "FROM debian:12\n"
        'RUN printf \'APT { Install-Recommends "false"; };\' > "$APT_CONF_D/norec"\n'
        "RUN apt-get install -y curl\n",
        # the same RUN writes the setting before the install
        "FROM debian:12\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/10nr \\\n"
        "    && apt-get update && apt-get -qq install curl\n",
        "FROM debian:12\nRUN <<EOF\nprintf 'APT::Install-Recommends \"false\";' \\\n"
        "  | tee /etc/apt/apt.conf.d/10norec\napt-get install -y curl\nEOF\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN apt-get install -y curl\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fix_is_unsafe_and_inserts_after_install():
    text = "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl # note\n"
    assert fixed(text, RULE, unsafe=True) == text.replace(
        "install -y", "install --no-install-recommends -y"
    )


def test_options_from_a_variable_may_hold_the_flag():
    text = 'FROM debian:12\nRUN apt-get install -y $APT_OPTS curl "${INSTALL_FLAGS}"\n'
    assert found(text, RULE) == []

import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "sudo-in-run"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN sudo apt-get update\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nRUN true && /usr/bin/sudo -E make install\n", [(2, 13, 2, 26)]),
        ("FROM debian:12\nRUN sudo -u root make\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nRUN sudo -l\n", [(2, 5, 2, 9)]),
        ("FROM debian:12\nONBUILD RUN sudo make\n", [(2, 13, 2, 17)]),
        ("FROM debian:12\nRUN <<EOF\nsudo make install\nEOF\n", [(3, 1, 3, 5)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN apt-get install -y sudo\n",
        "FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app\n",
        "FROM debian:12\nRUN sudo -u app npm install\n",
        "FROM debian:12\nRUN sudo --user=app make\n",
        'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN sudo make\n',
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    snapshot.assert_match(messages(["FROM debian:12\nRUN sudo make\n"], RULE), "messages.txt")

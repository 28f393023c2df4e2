import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "pointless-command-in-run"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN vim /etc/x\n", [(2, 5, 2, 8)]),
        (
            "FROM debian:12\nRUN ps aux | grep x && shutdown -h now\n",
            [(2, 5, 2, 7), (2, 24, 2, 32)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN service postgresql start && psql -c x && service postgresql stop\n",
        "FROM debian:12\nRUN apt-get install -y vim\n",
        "FROM debian:12\nRUN x=$(ps -o pid=)\n",
        "FROM debian:12\nRUN ssh-keyscan github.com >> /root/.ssh/known_hosts\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN vim x && free -m\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

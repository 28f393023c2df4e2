import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "download-piped-to-shell"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN curl -fsSL https://x/i.sh | sh\n", [(2, 5, 2, 35)]),
        ("FROM debian:12\nRUN wget -qO- https://x | sudo -E bash -\n", [(2, 5, 2, 41)]),
        ("FROM debian:12\nRUN curl -sSL https://x | python3 -\n", [(2, 5, 2, 36)]),
        ("FROM debian:12\nRUN curl -fsSL https://x | bash -s -- -v 1\n", [(2, 5, 2, 43)]),
        ('FROM debian:12\nRUN sh -c "$(curl -fsSL https://x)"\n', [(2, 5, 2, 36)]),
        ("FROM debian:12\nRUN bash <(curl -s https://x)\n", [(2, 5, 2, 30)]),
        (
            "FROM debian:12\nRUN apt-get update \\\n && curl -sL https://x \\\n  | bash -\n",
            [(3, 5, 4, 11)],
        ),
        ("FROM debian:12\nRUN <<EOF\ncurl -fsSL https://x | sh\nEOF\n", [(3, 1, 3, 26)]),
        ("FROM debian:12\nONBUILD RUN curl https://x | sh\n", [(2, 13, 2, 32)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN curl -fsSL https://x | tar -xz -C /opt\n",
        "FROM debian:12\nRUN curl -fsSL https://x | gpg --dearmor -o /k.gpg\n",
        "FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x && sh /tmp/i.sh\n",
        "FROM debian:12\nRUN curl https://x | python3 setup.py\n",
        "FROM debian:12\nRUN echo 'curl x | sh'\n",
        "FROM debian:12\nRUN cat script.sh | sh\n",
        'FROM debian:12\nRUN ["sh", "-c", "curl https://x | sh"]\n',
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN curl -fsSL https://x | sh && wget -O- https://y | bash\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

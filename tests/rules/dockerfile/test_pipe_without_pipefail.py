import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "pipe-without-pipefail"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN curl -fsSL https://x | sh\n", [(2, 5, 2, 25)]),
        (
            "FROM debian:12\n"
            "RUN apt-get update && \\\n"
            "    curl -fsSL https://x \\\n"
            "    | tar -xz\n",
            [(3, 5, 3, 25)],
        ),
        ("FROM debian:12\nRUN <<EOF\ncurl https://x | sh\nEOF\n", [(3, 1, 3, 15)]),
        ('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl https://x | sh\n', [(3, 5, 3, 19)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl https://x | sh\n',
        'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl https://x | sh\n',
        'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
        "FROM base\nRUN curl https://x | sh\n",
        "FROM debian:12\nRUN set -euxo pipefail; curl https://x | sh\n",
        'FROM debian:12\nRUN echo "$SHA *f" | sha256sum -c -\n',
        "FROM debian:12\nRUN x=$(curl https://x | head -1)\n",
        'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN Get-Item x | Remove-Item\n',
        "FROM debian:12\nONBUILD RUN curl https://x | sh\n",
        'FROM debian:12\nRUN ["sh", "-c", "curl x | sh"]\n',
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM debian:12\nRUN curl -fsSL https://x | sh\n",
        "FROM alpine:3.20\nRUN wget -qO- https://x | tar -xz\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

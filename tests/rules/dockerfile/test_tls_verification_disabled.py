import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "tls-verification-disabled"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3\nRUN curl -k https://x -o /y\n", [(2, 10, 2, 12)]),
        ("FROM alpine:3\nRUN curl -fsSLk https://x\n", [(2, 10, 2, 16)]),
        ("FROM alpine:3\nRUN curl --insecure https://x\n", [(2, 10, 2, 20)]),
        ("FROM alpine:3\nRUN wget --no-check-certificate https://x\n", [(2, 10, 2, 32)]),
        ("FROM python:3\nRUN pip install --trusted-host pypi.org x==1\n", [(2, 17, 2, 31)]),
        ("FROM python:3\nRUN python -m pip install --trusted-host=h x\n", [(2, 27, 2, 43)]),
        ("FROM node:20\nRUN npm config set strict-ssl false\n", [(2, 20, 2, 30)]),
        ("FROM alpine:3\nRUN git config --global http.sslVerify false\n", [(2, 25, 2, 39)]),
        ("FROM alpine:3\nRUN git -c http.sslVerify=false clone x\n", [(2, 12, 2, 32)]),
        ("FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n", [(2, 5, 2, 35)]),
        ("FROM alpine:3\nENV GIT_SSL_NO_VERIFY=true\n", [(2, 5, 2, 27)]),
        # A check of another file, or a check before the download, leaves the download open.
        (
            "FROM alpine:3\nRUN curl -k -o /a.tgz https://x/a.tgz"
            " && echo 'abc  /b.tgz' | sha256sum -c -\n",
            [(2, 10, 2, 12)],
        ),
        (
            "FROM alpine:3\nRUN echo 'abc  a.tgz' | sha256sum -c - && curl -k -O https://x/a.tgz\n",
            [(2, 48, 2, 50)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nRUN curl -o k https://x && curl -H k https://x\n",
        "FROM alpine:3\nRUN wget -k https://x\n",
        "FROM node:20\nRUN npm config set strict-ssl true\n",
        "FROM alpine:3\nRUN git config --global http.sslVerify true\n",
        "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n",
        "FROM alpine:3\nRUN echo curl -k\n",
        # The digest check after the download catches a changed file.
        "FROM alpine:3\nRUN curl -fsSLk -o /tmp/t.tgz https://x/t.tgz \\\n"
        "  && echo 'abc123  /tmp/t.tgz' | sha256sum -c - && tar xzf /tmp/t.tgz\n",
        "FROM alpine:3\nRUN wget --no-check-certificate https://x/t.tgz https://x/t.tgz.asc"
        " && gpg --verify t.tgz.asc t.tgz\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM alpine:3\nRUN curl -k https://x && wget --no-check-certificate https://y\n"
        "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n"
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

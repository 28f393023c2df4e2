import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "ln-replaces-bin-sh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n", [(2, 22, 2, 29)]),
        ("FROM debian:12\nRUN ln -s -f bash /usr/bin/sh\n", [(2, 19, 2, 30)]),
        ("FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n", [(2, 23, 2, 30)]),
        ("FROM debian:12\nRUN ln -snf /bin/bash /bin/sh\n", [(2, 23, 2, 30)]),
        ("FROM debian:12\nRUN ln --force -s /bin/bash /bin/sh\n", [(2, 29, 2, 36)]),
        ("FROM debian:12\nRUN ln -s --backup /bin/bash /bin/sh\n", [(2, 30, 2, 37)]),
        ("FROM debian:12\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n", [(2, 35, 2, 42)]),
        ("FROM debian:12\nRUN unlink /bin/sh; ln -s bash /bin/sh\n", [(2, 32, 2, 39)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n",
        "FROM debian:12\nRUN ln -s /bin/sh /bin/mysh\n",
        # Without -f, ln fails when /bin/sh exists: it only adds a missing one.
        'FROM gcr.io/distroless/static:debug\nSHELL ["/busybox/sh", "-c"]\n'
        "RUN ln -s /busybox/sh /bin/sh\n",
        "FROM debian:12\nRUN ln -s /bin/bash /bin/sh\n",
        "FROM debian:12\nRUN ln -s /bin/bash /bin/sh && rm /bin/sh.bak\n",
        "FROM debian:12\nRUN rm /bin/shell && ln -s /bin/bash /bin/sh\n",
        "FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

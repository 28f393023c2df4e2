import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "cd-instead-of-workdir"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM debian:12\nRUN cd /app && make\n", [(2, 5, 2, 12)]),
        ("FROM debian:12\nRUN cd /app\n", [(2, 5, 2, 12)]),
        ("FROM debian:12\nRUN cd /tmp\n", [(2, 5, 2, 12)]),
        # A mount elsewhere does not make the cd temporary.
        ("FROM debian:12\nRUN --mount=type=cache,target=/dl cd /dlx && make\n", [(2, 35, 2, 42)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM debian:12\nRUN make && cd /app && make install\n",
        "FROM debian:12\nRUN cd /tmp && wget -q x\n",
        "FROM debian:12\nRUN cd /usr/src/app && make && cd / && rm -rf /usr/src/app\n",
        'FROM debian:12\nRUN cd "$SRC" && make\n',
        "FROM debian:12\nRUN cd build && make\n",
        "FROM debian:12\nRUN (cd /app && make)\n",
        # A mount exists only during its RUN; WORKDIR would leave an empty directory behind.
        "FROM debian:12\nRUN --mount=type=cache,target=/dl/ cd /dl && wget -q x\n",
        "FROM debian:12\nRUN --mount=type=bind,source=.,target=/src cd /src/cmd && make\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM debian:12\nRUN cd /app && make\n", "FROM debian:12\nRUN cd /app\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_every_cd_option():
    from tests.conftest import lint, spans

    text = "FROM debian:12\nRUN make && cd /tmp && make install\n"
    options = {RULE: {"every-cd": True}}
    assert [s[1:] for s in spans(lint(text, "dockerfile", [RULE], options=options))] == [
        (2, 13, 2, 20)
    ]

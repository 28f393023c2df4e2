import pytest

from rules.dockerfile.world_writable_permissions import world_writable
from tests.rules.dockerfile._run_helpers import found, messages

RULE = "world-writable-permissions"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3\nRUN chmod -R 777 /app\n", [(2, 14, 2, 17)]),
        ("FROM alpine:3\nRUN chmod a+rwx /app\n", [(2, 11, 2, 16)]),
        ("FROM alpine:3\nRUN chmod u+x,o+w /app\n", [(2, 11, 2, 18)]),
        ("FROM alpine:3\nRUN mkdir -p -m 0777 /data\n", [(2, 17, 2, 21)]),
        ("FROM alpine:3\nRUN install -m777 tool /usr/bin/tool\n", [(2, 15, 2, 18)]),
        ("FROM alpine:3\nCOPY --chmod=777 app /app\n", [(2, 14, 2, 17)]),
        ("FROM alpine:3\nRUN <<EOF\nchmod 666 /etc/app.conf\nEOF\n", [(3, 7, 3, 10)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nRUN chmod 755 /app && chmod 1777 /shared\n",
        "FROM alpine:3\nRUN chmod +w /app && chmod o-w /app && chmod a+t,o+w /tmp/x\n",
        "FROM alpine:3\nRUN chmod $MODE /app\n",
        "FROM alpine:3\nCOPY --chmod=755 app /app\n",
        'FROM alpine:3\nRUN d="$(mktemp -d)"; chmod 777 "$d"; build "$d"; rm -rf "$d"\n',
        "FROM alpine:3\nRUN echo chmod 777 /x\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


@pytest.mark.parametrize(
    ("mode", "writable"),
    [("777", True), ("0666", True), ("2777", True), ("1777", False), ("775", False),
     ("o=rwx", True), ("ugo+w", True), ("g+w", False), ("+w", False), ("a+w,+t", False)],
)  # fmt: skip
def test_world_writable(mode, writable):
    assert world_writable(mode) is writable


def test_messages(snapshot):
    texts = ["FROM alpine:3\nRUN chmod -R 777 /app && mkdir -m 777 /d\nCOPY --chmod=666 a /a\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

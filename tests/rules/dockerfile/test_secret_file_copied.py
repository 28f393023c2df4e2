import pytest

from rules.dockerfile.secret_file_copied import secret_file_kind
from tests.conftest import lint, spans
from tests.rules.dockerfile._run_helpers import found, messages

RULE = "secret-file-copied"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3\nCOPY id_rsa /root/.ssh/id_rsa\n", [(2, 6, 2, 12)]),
        ("FROM alpine:3\nCOPY .env /app/.env\n", [(2, 6, 2, 10)]),
        ("FROM alpine:3\nCOPY config/.env.production /app/\n", [(2, 6, 2, 28)]),
        ("FROM alpine:3\nADD certs/server.key certs/server.crt /etc/ssl/\n", [(2, 5, 2, 21)]),
        ("FROM alpine:3\nCOPY tls/key.pem /etc/tls/\n", [(2, 6, 2, 17)]),
        ("FROM alpine:3\nCOPY .ssh /root/.ssh\n", [(2, 6, 2, 10)]),
        ("FROM alpine:3\nCOPY .aws/credentials /root/.aws/\n", [(2, 6, 2, 22)]),
        ("FROM alpine:3\nCOPY --chown=1:1 .netrc /root/\n", [(2, 18, 2, 24)]),
        ("FROM alpine:3 AS base\nCOPY .env /app/\nFROM base\n", [(2, 6, 2, 10)]),
        # a key name without a public mark, outside apt's key folders
        ("FROM debian:12\nADD nodesource-repo.key /usr/share/nodesource/\n", [(2, 5, 2, 24)]),
        ("FROM debian:12\nCOPY repo.key /usr/share/keyrings-old/\n", [(2, 6, 2, 14)]),
        ("FROM debian:12\nCOPY id_rsa /etc/apt/\n", [(2, 6, 2, 12)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nCOPY .env.example /app/.env\n",
        "FROM alpine:3\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n",
        "FROM alpine:3\nCOPY .ssh/known_hosts /root/.ssh/\n",
        "FROM alpine:3\nCOPY ca.pem cert.pem /etc/ssl/\n",
        "FROM alpine:3\nCOPY --from=build /src/.env /app/\n",
        "FROM alpine:3\nCOPY ${KEY_FILE} /k\n",
        "FROM alpine:3 AS build\nCOPY id_rsa /root/.ssh/\n"
        "FROM alpine:3\nCOPY --from=build /out /out\n",
        "FROM alpine:3\nCOPY app.py environment.yml /app/\n",
        # public keys of package repositories
        "FROM debian:12\nADD nodesource-repo.gpg.key /usr/share/keyrings/nodesource.asc\n",
        "FROM debian:12\nADD yarn-pubkey.gpg.key /tmp/yarn.asc\n",
        "FROM debian:12\nCOPY docker-archive-keyring.key repo-public.key /opt/keys/\n",
        "FROM debian:12\nCOPY repo.key /etc/apt/keyrings/\n",
        "FROM debian:12\nCOPY keys/ci.key /etc/apt/trusted.gpg.d/ci.asc\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


@pytest.mark.parametrize(
    ("path", "secret"),
    [("deploy/id_ed25519", True), (".env.local", True), (".env.sample", False),
     ("public.key", False), ("private.pem", True), ("server-key.pem", True), ("x.pem", False),
     ("nodesource-repo.gpg.key", False), ("yarn-pubkey.key", False), ("signing.key", True),
     ("release-keyring.key", False), ("public-key.pem", False), ("deploy.pub.key", False)],
)  # fmt: skip
def test_secret_file_kind(path, secret):
    assert (secret_file_kind(path) is not None) is secret


def test_npmrc_only_with_a_literal_token(tmp_path):
    text = "FROM node:20\nCOPY .npmrc package.json /app/\n"
    path = tmp_path / "Dockerfile"
    path.write_text(text)
    (tmp_path / ".npmrc").write_text("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")
    assert lint(text, "dockerfile", [RULE], path=path, root=tmp_path) == []
    (tmp_path / ".npmrc").write_text("//registry.npmjs.org/:_authToken=abc123\n")
    found_ = lint(text, "dockerfile", [RULE], path=path, root=tmp_path)
    assert [s[1:] for s in spans(found_)] == [(2, 6, 2, 12)]


def test_messages(snapshot):
    texts = ["FROM alpine:3\nCOPY id_rsa .env /x/\nCOPY .ssh /root/.ssh\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

"""LK511 literal-credential-in-environment."""

import pytest

from lintkit.rules.compose.literal_credential_in_environment import credential_name
from tests.rules.compose.hardening_support import messages, run, where

RULE = "literal-credential-in-environment"


def env(lines: str) -> str:
    return f"services:\n  db:\n    image: postgres:16\n    environment:\n{lines}"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("      POSTGRES_PASSWORD: hunter2\n", [(5, 26, 5, 33)]),
        ("      - POSTGRES_PASSWORD=hunter2\n", [(5, 27, 5, 34)]),
        ('      - "API_TOKEN=abc123"\n', [(5, 20, 5, 26)]),
        ("      - DATABASE_URL=postgres://app:hunter2@db:5432/app\n", [(5, 22, 5, 56)]),
        ("      REDIS_URL: redis://:s3cret@cache:6379/0\n", [(5, 18, 5, 46)]),
        ("      AWS_SECRET_ACCESS_KEY: abc\n", [(5, 30, 5, 33)]),
        ("      PASSWORD: 1234\n", [(5, 17, 5, 21)]),
        ("      DB_PASS: p$$ss\n", [(5, 16, 5, 21)]),
        # real-looking secrets next to the placeholder forms
        ("      DB_PASSWORD: S3cr3t!\n", [(5, 20, 5, 27)]),
        ("      DB_PASSWORD: xx\n", [(5, 20, 5, 22)]),
        ("      DB_PASSWORD: xxx1\n", [(5, 20, 5, 24)]),
        ("      API_TOKEN: 9f86d081884c7d659a2feaa0c55ad015\n", [(5, 18, 5, 50)]),
        ("      API_TOKEN: _k3Xq9Lw_\n", [(5, 18, 5, 27)]),
        ("      DB_PASSWORD: changeme123\n", [(5, 20, 5, 31)]),
        ("      DB_PASSWORD: dummy42\n", [(5, 20, 5, 27)]),
        ("      DB_PASSWORD: exchange-media\n", [(5, 20, 5, 34)]),
        ("      DB_PASSWORD: insecure\n", [(5, 20, 5, 28)]),
        ("      DATABASE_URL: postgres://app:hunter2x@db/app\n", [(5, 21, 5, 51)]),
        ("      API_TOKEN: 00000000-0000-0000-0000-00000000000a\n", [(5, 18, 5, 54)]),
        ('      DB_PASSWORD: "--"\n', [(5, 20, 5, 24)]),
    ],
)
def test_flags(lines, expected):
    assert where(env(lines), RULE) == expected


@pytest.mark.parametrize(
    "lines",
    [
        "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
        "      POSTGRES_PASSWORD: $PW\n",
        "      - POSTGRES_PASSWORD\n",
        "      POSTGRES_PASSWORD:\n",
        "      POSTGRES_PASSWORD: ''\n",
        "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n",
        "      DB_PASSWORD: /run/secrets/db_password\n",
        "      MYSQL_RANDOM_ROOT_PASSWORD: 'yes'\n",
        "      MYSQL_ALLOW_EMPTY_PASSWORD: 'true'\n",
        "      PASSWORD_MIN_LENGTH: 12\n",
        "      TOKEN_TTL: 3600\n",
        "      SECRET_FORCED_LANGUAGE: en\n",
        "      AWS_ACCESS_KEY_ID: AKIAEXAMPLE\n",
        "      PWD: /app\n",
        "      ADMIN_PASSWORD: <set me>\n",
        "      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n",
        "      DATABASE_URL: postgres://app@db/app\n",
        "      POSTGRES_HOST_AUTH_METHOD: md5\n",
    ],
)
def test_leaves_alone(lines):
    assert run(env(lines), RULE) == []


@pytest.mark.parametrize(
    "lines",
    [
        # the value says where a key file is, not what the key is
        "      JWT_SECRET_KEY: '%app.root%/config/jwt/private.pem'\n",
        "      - TLS_PRIVATE_KEY=certs/server.key\n",
        "      - CLIENT_SECRET=~/.config/app/client.json\n",
        "      API_TOKEN: ../shared/token.txt\n",
    ],
)
def test_leaves_key_file_paths_alone(lines):
    assert run(env(lines), RULE) == []


@pytest.mark.parametrize(
    "lines",
    [
        # only x or *, three or more
        '      - "OVH_APPLICATION_SECRET=xxx"\n',
        "      API_TOKEN: XXXXXXXX\n",
        "      DB_PASSWORD: '****'\n",
        '      CLIENT_API_KEY: "dummy"\n',
        # wrapped in underscores
        '      ADMIN_PASSWORD: "_admin_password_"\n',
        "      - MARIADB_ROOT_PASSWORD=_DB_ROOT_PASSWORD_\n",
        # values that say to change them
        "      POSTGRES_PASSWORD: changeme\n",
        "      POSTGRES_PASSWORD: CHANGE_ME\n",
        "      - APP_SECRET=change-me\n",
        "      SECRET_KEY: change-this-insecure-key\n",
        "      JWT_SECRET: super-secret-change-me\n",
        "      API_KEY: replace-me\n",
        "      ADMIN_PASSWORD: please-change\n",
        "      OPENAI_API_KEY: your-openai-api-key-here\n",
        "      GITHUB_TOKEN: YOUR_TOKEN_HERE\n",
        # the same as a URL's password
        "      DATABASE_URL: postgres://app:changeme@db/app\n",
        "      - BROKER_URL=amqp://guest:xxx@mq:5672/\n",
        # only zeros and dashes: a nil UUID, an all-zero key
        "      API_TOKEN: 00000000-0000-0000-0000-000000000000\n",
        '      MTP_SECRET: "00000000000000000000000000000000"\n',
    ],
)
def test_leaves_placeholders_alone(lines):
    assert run(env(lines), RULE) == []


def kafka(image: str, lines: str) -> str:
    return f"services:\n  kafka:\n    image: {image}\n    environment:\n{lines}"


@pytest.mark.parametrize(
    "text",
    [
        # Confluent's images read these as the name of a file under /etc/kafka/secrets
        kafka(
            "confluentinc/cp-kafka:7.5.0",
            "      KAFKA_SSL_KEYSTORE_CREDENTIALS: broker_keystore_creds\n"
            "      KAFKA_SSL_KEY_CREDENTIALS: broker_sslkey_creds\n"
            "      KAFKA_SSL_TRUSTSTORE_CREDENTIALS: broker_truststore_creds\n",
        ),
        kafka(
            "docker.io/confluentinc/cp-schema-registry",
            "      - SCHEMA_REGISTRY_SSL_KEYSTORE_CREDENTIALS=keystore_creds\n",
        ),
    ],
)
def test_leaves_confluent_credentials_files_alone(text):
    assert run(text, RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another image: the name does not say the value is a file name
        (
            kafka("bitnami/kafka:3", "      KAFKA_SSL_KEYSTORE_CREDENTIALS: s3cret\n"),
            [(5, 39, 5, 45)],
        ),
        # a Confluent image, but a variable that holds the password itself
        (
            kafka("confluentinc/cp-kafka:7", "      KAFKA_SSL_KEY_PASSWORD: s3cret\n"),
            [(5, 31, 5, 37)],
        ),
    ],
)
def test_flags_credentials_outside_confluent_files(text, expected):
    assert where(text, RULE) == expected


def test_still_flags_a_secret_that_only_contains_a_slash():
    # base64 secrets contain '/', which must not make them look like paths
    found = run(env("      APP_SECRET: ab/Cd+ef/GhIjKl==\n"), RULE)
    assert len(found) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("POSTGRES_PASSWORD", True),
        ("dbPassword", True),
        ("SECRET_KEY_BASE", True),
        ("OPENAI_API_KEY", True),
        ("DB_PWD", True),
        ("JWT_SECRET", True),
        ("PASSPORT_STRATEGY", False),
        ("KEY", False),
        ("TOKENIZER_PATH", False),
        ("SECRET_LOCAL_HOSTNAME", False),
    ],
)
def test_credential_names(name, expected):
    assert credential_name(name) is expected


def test_anchor_reported_once_for_all_services():
    text = (
        "x-env: &env\n  DB_PASSWORD: hunter2\nservices:\n  a:\n    image: a:1\n"
        "    environment: *env\n  b:\n    image: b:1\n    environment: *env\n"
    )
    found = run(text, RULE)
    assert [(d.range.start.line, d.message.split(":")[0]) for d in found] == [
        (1, "Services 'a', 'b'")
    ]


def test_messages_never_show_the_value(snapshot):
    text = env("      POSTGRES_PASSWORD: hunter2\n")
    text += (
        "  app:\n    image: a:1\n    environment:\n      - DATABASE_URL=mysql://u:hunter2@db/x\n"
    )
    out = messages(text, RULE)
    assert "hunter2" not in out
    snapshot.assert_match(out, "messages.txt")

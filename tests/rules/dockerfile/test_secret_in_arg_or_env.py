import pytest

from rules.dockerfile._secrets import secret_variable_name
from tests.rules.dockerfile._run_helpers import found, messages

RULE = "secret-in-arg-or-env"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM alpine:3\nARG NPM_TOKEN\n", [(2, 5, 2, 14)]),
        ("FROM alpine:3\nENV DB_PASSWORD=hunter2\n", [(2, 5, 2, 16)]),
        ("FROM alpine:3\nENV a=1 AWS_SECRET_ACCESS_KEY=x\n", [(2, 9, 2, 30)]),
        ("ARG GITHUB_TOKEN\nFROM alpine:3\n", [(1, 5, 1, 17)]),
        ("FROM alpine:3\nENV apiKey=x\n", [(2, 5, 2, 11)]),
        ("FROM alpine:3\nENV SSH_PRIVATE_KEY x\n", [(2, 5, 2, 20)]),
        ("FROM alpine:3\nONBUILD ARG DEPLOY_KEY\n", [(2, 13, 2, 23)]),
        # An empty ARG default is no default: the secret still comes from --build-arg.
        ("FROM alpine:3\nARG NPM_TOKEN=\n", [(2, 5, 2, 14)]),
        ('FROM alpine:3\nARG NPM_TOKEN=""\n', [(2, 5, 2, 14)]),
        # A non-empty value next to empty ones still counts.
        ('FROM alpine:3\nENV DB_PASSWORD="" \\\n    API_TOKEN=x\n', [(3, 5, 3, 14)]),
        ('FROM alpine:3\nENV DB_PASSWORD="-"\n', [(2, 5, 2, 16)]),
        # Real-looking values next to the placeholder forms.
        ("FROM alpine:3\nENV PASSWORD XX\n", [(2, 5, 2, 13)]),
        ("FROM alpine:3\nENV PASSWORD XXXXXXX1\n", [(2, 5, 2, 13)]),
        ("FROM alpine:3\nENV MTP_SECRET 00000000000000000000000000000001\n", [(2, 5, 2, 15)]),
        ("FROM alpine:3\nENV TOKEN=00000000-0000-0000-0000-00000000000a\n", [(2, 5, 2, 10)]),
        ("FROM alpine:3\nENV TOKEN=--------\n", [(2, 5, 2, 10)]),
        ("FROM alpine:3\nENV JWT_SECRET=changeme123\n", [(2, 5, 2, 15)]),
        # ARG stays reported with a placeholder default: --build-arg brings the real value.
        ("FROM alpine:3\nARG TOKEN=00000000-0000-0000-0000-000000000000\n", [(2, 5, 2, 10)]),
        ("FROM alpine:3\nARG DB_PASSWORD=changeme\n", [(2, 5, 2, 16)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\n",
        "FROM alpine:3\nENV PASSWORD_FILE=/run/secrets/db\n",
        "FROM alpine:3\nENV DB_PASSWORD=/run/secrets/db_password\n",
        "FROM alpine:3\nENV AUTH_ENABLED=true\n",
        "FROM alpine:3\nARG TOKEN_URL=https://example.com/token\n",
        "FROM alpine:3\nENV PUBLIC_KEY=abc KEY_ID=1 CACHE_KEY=v1\n",
        "FROM alpine:3\nENV MONKEY=1 KEYBOARD=us\n",
        "FROM alpine:3\nARG POSTGRES_USER=app\n",
        "FROM alpine:3\nRUN export PASSWORD=x\n",
        # Empty ENV values store nothing; the value is given at `docker run -e`.
        'FROM alpine:3\nENV DB_PASSWORD=""\n',
        "FROM alpine:3\nENV DB_PASSWORD=''\n",
        "FROM alpine:3\nENV DB_PASSWORD=\n",
        'FROM alpine:3\nENV DB_PASSWORD=" "\n',
        'FROM alpine:3\nENV DB_PASSWORD ""\n',
        "FROM alpine:3\nENV MAIL_HOST=localhost \\\n    MAIL_PASSWORD= \\\n    MAIL_TLS=false\n",
        'FROM alpine:3\nONBUILD ENV API_TOKEN=""\n',
        # Placeholders store no secret either (the compose rule skips the same values).
        "FROM alpine:3\nENV PASSWORD XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n",
        "FROM alpine:3\nENV MTP_SECRET 00000000000000000000000000000000\n",
        "FROM alpine:3\nENV TOKEN=00000000-0000-0000-0000-000000000000\n",
        "FROM alpine:3\nENV DB_PASSWORD='****' API_KEY=<your-api-key>\n",
        "FROM alpine:3\nENV ADMIN_PASSWORD=_admin_password_ SECRET_KEY=change-me\n",
        "FROM alpine:3\nENV GITHUB_TOKEN=YOUR_TOKEN_HERE\n",
        'FROM alpine:3\nONBUILD ENV API_TOKEN="xxx"\n',
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("SECRET_KEY_BASE", True),
        ("JWT_SECRET", True),
        ("clientSecret", True),
        ("TWINE_PASSWORD", True),
        ("SECRET_NAME", False),
        ("KEYSERVER", False),
        ("HOSTNAME", False),
    ],
)
def test_secret_variable_name(name, secret):
    assert secret_variable_name(name) is secret


def test_messages(snapshot):
    texts = ["FROM alpine:3\nARG NPM_TOKEN\nENV API_KEY=abc\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

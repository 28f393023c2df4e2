"""LK511 literal-credential-in-environment: a password, token or key written into the file."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintkit.credentials import placeholder
from lintkit.diagnostics import Problem, Severity
from lintkit.rule import FileKind, Rule, RuleContext
from lintkit.rules.compose import _hardening as h
from lintkit.rules.compose._health import service_image

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Service

# Words (parts of a variable name split at `_`, `-`, `.` and camelCase) that name a credential.
_SECRET_WORDS = frozenset(
    ("PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "APIKEY",
     "CREDENTIAL", "CREDENTIALS")
)  # fmt: skip
_SECRET_PAIRS = frozenset(
    (("API", "KEY"), ("ACCESS", "KEY"), ("PRIVATE", "KEY"), ("AUTH", "KEY"), ("MASTER", "KEY"),
     ("ENCRYPTION", "KEY"), ("SIGNING", "KEY"), ("APP", "KEY"), ("DB", "PWD"))
)  # fmt: skip
# Words that make the variable a setting *about* a credential, not the credential itself.
_SETTING_WORDS = frozenset(
    ("FILE", "PATH", "DIR", "LENGTH", "LEN", "MIN", "MAX", "EXPIRY", "EXPIRE", "EXPIRES",
     "EXPIRATION", "TTL", "TIMEOUT", "LIFETIME", "ENABLED", "ENABLE", "DISABLE", "DISABLED",
     "REQUIRED", "ALLOW", "ALLOWED", "RANDOM", "EMPTY", "POLICY", "RESET", "TYPE", "NAME",
     "HEADER", "ENDPOINT", "HOST", "PORT", "USER", "USERNAME", "ID", "METHOD", "COUNT",
     "RETRIES", "ATTEMPTS", "ROUNDS", "COST", "ALGORITHM", "ALGO", "MODE", "LEVEL", "SCOPE",
     "SCOPES", "AUDIENCE", "ISSUER", "PREFIX", "SUFFIX", "FORMAT", "LOCATION", "SOURCE",
     "BACKEND", "PROVIDER", "CMD", "COMMAND", "STORE", "URL", "URI", "REFRESH", "INTERVAL")
)  # fmt: skip
_TAIL_WORDS = frozenset(("KEY", "KEYS", "BASE", "ACCESS", "VALUE", "PLAIN", "RAW", "B64", "BASE64"))
_BOOLEANS = frozenset(("true", "false", "yes", "no", "on", "off", "y", "n"))
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# A path to a key or certificate file: the variable names where the secret is, not the secret.
_KEY_FILE = re.compile(r"(?:^|/)[^/\s]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore)$", re.I)
_URL_CREDENTIAL = re.compile(
    r"\b[A-Za-z][A-Za-z0-9+.-]*://(?P<user>[^:/@\s]*):(?P<password>[^@/\s]+)@"
)


def credential_name(name: str) -> bool:
    """Whether an environment variable name says it holds a credential."""
    # LIMITATION: a word list, not knowledge of each image: a credential under a name without
    # these words (a bare `KEY` or `AUTH`) is missed, and so is one in `env_file` or build args.
    words = [w for w in re.split(r"[^A-Z0-9]+", _CAMEL.sub("_", name).upper()) if w]
    if not words or any(word in _SETTING_WORDS for word in words):
        return False
    if words == ["PWD"]:
        return False  # the shell's working directory
    # The credential word must end the name, or be followed only by words that keep it a
    # credential (SECRET_KEY, SECRET_KEY_BASE): SECRET_FORCED_LANGUAGE is a setting of an app
    # whose variables share a SECRET_ prefix.
    last = -1
    for index, word in enumerate(words):
        if word in _SECRET_WORDS or (word == "PWD" and index > 0):
            last = index
    for index, pair in enumerate(itertools.pairwise(words)):
        if pair in _SECRET_PAIRS:
            last = max(last, index + 1)
    return last != -1 and all(word in _TAIL_WORDS for word in words[last + 1 :])


def literal_secret(value: str) -> bool:
    """Whether a value looks like a literal secret (not empty, a flag, a path or a placeholder)."""
    value = value.strip()
    if not value or value.lower() in _BOOLEANS or h.has_variables(value):
        return False
    if value.startswith("/") and " " not in value:
        return False  # a file path, e.g. /run/secrets/db_password
    if " " not in value and (value.startswith(("./", "../", "~/")) or _KEY_FILE.search(value)):
        return False  # a relative path or a key file: JWT_SECRET_KEY=%app_dir%/jwt/private.pem
    return not placeholder(value)


def names_credentials_file(service: Service, name: str) -> bool:
    """Whether ``name`` holds the name of a file of credentials, not a credential.

    Confluent's images (``confluentinc/cp-kafka``, ``cp-schema-registry``, ...) read
    ``KAFKA_SSL_KEYSTORE_CREDENTIALS`` and the like as the name of a file under
    ``/etc/kafka/secrets`` that holds the password.
    """
    if not name.endswith("_CREDENTIALS"):
        return False
    image = service_image(service)
    return image is not None and image.repository.startswith("confluentinc/cp-")


def url_password(value: str) -> bool:
    """Whether ``value`` holds a URL with a literal password (``scheme://user:pass@host``)."""
    for match in _URL_CREDENTIAL.finditer(value):
        password = match.group("password")
        if "$" not in password and not placeholder(password):
            return True
    return False


class LiteralCredentialInEnvironment(Rule):
    """## What it does
    Reports `environment` entries whose name says they hold a credential
    (`*PASSWORD*`, `*PASS`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, `*ACCESS_KEY*`,
    `*PRIVATE_KEY*`, ...) and whose value is written literally in the file, and
    entries whose value is a URL with a literal password
    (`postgres://app:hunter2@db/app`). Left alone: values from `${VAR}`
    interpolation, empty values (taken from the shell), `*_FILE` variants and
    other settings *about* a credential (`PASSWORD_MIN_LENGTH`,
    `TOKEN_TTL`, `MYSQL_RANDOM_ROOT_PASSWORD: "yes"`), `*_CREDENTIALS`
    variables of Confluent's `confluentinc/cp-*` images (such as
    `KAFKA_SSL_KEYSTORE_CREDENTIALS`, which names a file under
    `/etc/kafka/secrets` that holds the password), yes/no flags, file
    paths and placeholders, in the variable or as a URL's password: `<placeholder>`,
    `dummy`, values made only of `x` or `*` (`xxx`, `****`), words wrapped in underscores
    (`_admin_password_`), values that ask to be changed (`changeme`, `change_me`,
    `change-this-insecure-key`, `replace-me`, `please-change`, `your-api-key-here`)
    and values made only of zeros and dashes (`00000000-0000-0000-0000-000000000000`).
    The message never repeats the value.

    ## Why is this bad?
    Compose files are committed, shared and copied into tickets and CI logs;
    a credential written in one is readable by everyone who can read the
    repository, stays in its history after it is removed, and is visible to
    anyone who can run `docker inspect`. Keep the value out of the file.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: hunter2
      app:
        image: example/app:2.0
        environment:
          - DATABASE_URL=postgres://app:hunter2@db/app
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets:
          - db_password
      app:
        image: example/app:2.0
        environment:
          - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app
    secrets:
      db_password:
        file: ./db_password.txt  # not committed
    ```

    ## References
    - [Compose: use secrets](https://docs.docker.com/compose/how-tos/use-secrets/)
    - [Compose: set environment variables](https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/)
    - [Compose: interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    """

    code = "LK511"
    name = "literal-credential-in-environment"
    summary = "A credential is written literally in `environment`"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.COMPOSE})
    aliases = ("CL-0020", "CL-0021")

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Report literal credentials in ``environment``."""
        found = h.Collector()
        for service in compose.services.values():
            for item in service.environment:
                if item.value is None:
                    continue
                if (
                    credential_name(item.name)
                    and literal_secret(item.value)
                    and not names_credentials_file(service, item.name)
                ):
                    what = "a literal credential"
                elif url_password(item.value):
                    what = "a URL with a literal password"
                else:
                    continue
                found.add(
                    h.environment_value_range(compose, item),
                    service.name,
                    f"{{who}}: '{item.name}' in 'environment' holds {what}; take it from "
                    "'${VAR}' interpolation (an untracked .env file) or a compose secret",
                )
        yield from found.problems()

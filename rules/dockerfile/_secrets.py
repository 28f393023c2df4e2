"""Secret detection shared by the LK300-LK349 security rules; not a rule module.

- :func:`secret_variable_name`: whether an ARG/ENV name says it holds a credential.
- :data:`TOKEN_PATTERNS`: formats of credentials that are recognisable by their value alone.
"""

from __future__ import annotations

import re

#: Whole names that are credentials whatever their words say.
KNOWN_SECRET_NAMES = frozenset(
    ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GITHUB_TOKEN",
     "GH_TOKEN", "GITLAB_TOKEN", "NPM_TOKEN", "NUGET_API_KEY", "DOCKER_PASSWORD",
     "DOCKERHUB_PASSWORD", "PYPI_PASSWORD", "TWINE_PASSWORD", "SONAR_TOKEN",
     "SLACK_TOKEN", "SLACK_WEBHOOK_URL", "SENTRY_AUTH_TOKEN", "AZURE_CLIENT_SECRET",
     "GOOGLE_APPLICATION_CREDENTIALS_JSON", "HEROKU_API_KEY", "DATABASE_PASSWORD",
     "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "POSTGRES_PASSWORD", "PGPASSWORD",
     "REDIS_PASSWORD", "RABBITMQ_DEFAULT_PASS", "MONGO_INITDB_ROOT_PASSWORD",
     "SECRET_KEY", "SECRET_KEY_BASE", "JWT_SECRET", "ENCRYPTION_KEY", "PRIVATE_KEY",
     "SSH_PRIVATE_KEY", "API_KEY", "APIKEY", "CLIENT_SECRET", "ACCESS_TOKEN")
)  # fmt: skip

#: Words (name parts, lower case) that name a credential.
_SECRET_WORDS = frozenset(
    ("apikey", "auth", "credential", "credentials", "password", "passwd", "pword",
     "passphrase", "secret", "secrets", "token", "pat")
)  # fmt: skip
#: ``key`` is a credential only after one of these (``SSH_KEY``, ``API_KEY``).
_KEY_QUALIFIERS = frozenset(
    ("api", "access", "private", "secret", "client", "master", "encryption", "signing",
     "ssh", "app", "auth", "license", "licence", "service", "account", "deploy", "rsa",
     "aes", "hmac", "jwt", "session", "subscription", "admin", "root")
)  # fmt: skip
#: Words that make the name a setting about a credential, or something public.
_NOT_SECRET_WORDS = frozenset(
    ("public", "pub", "file", "files", "path", "dir", "folder", "version", "url", "uri",
     "host", "port", "name", "user", "username", "id", "type", "method", "mode", "enabled",
     "enable", "disable", "disabled", "required", "length", "len", "min", "max", "timeout",
     "ttl", "expiry", "expire", "expires", "expiration", "lifetime", "header", "endpoint",
     "server", "provider", "backend", "location", "gpg", "pgp", "fingerprint", "keyring",
     "keyserver", "policy", "algorithm", "format", "prefix", "suffix", "scope", "scopes",
     "audience", "issuer", "realm", "domain", "count", "size", "level", "store", "source",
     "sha", "sha256", "checksum", "hash", "cmd", "command", "helper", "plugin", "mount",
     "target", "env", "allow", "empty", "random", "generate", "reset", "skip", "check",
     "verify", "rotation", "strength", "hint", "prompt")
)  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> list[str]:
    """The lower-case words of a variable name (split at ``_``, ``-``, ``.`` and camelCase)."""
    return [word for word in re.split(r"[^a-z0-9]+", _CAMEL.sub("_", name).lower()) if word]


def secret_variable_name(name: str) -> bool:
    """Whether an ARG/ENV name says its value is a credential.

    Word-based, like BuildKit's check (split at ``_``, case-insensitive), with a longer
    list of words that make a name a setting (``PASSWORD_FILE``, ``TOKEN_URL``) or public
    (``GPG_KEY``, ``PUBLIC_KEY``), and ``KEY`` counted only after a word that makes it a
    credential (``SSH_KEY``, ``API_KEY``; not ``GPG_KEY`` or ``CACHE_KEY``).
    """
    if name.upper() in KNOWN_SECRET_NAMES:
        return True
    words = name_words(name)
    if not words or any(word in _NOT_SECRET_WORDS for word in words):
        return False
    for index, word in enumerate(words):
        if word in _SECRET_WORDS:
            return True
        if word in ("key", "keys") and index > 0 and words[index - 1] in _KEY_QUALIFIERS:
            return True
    return False


#: (label, pattern) of credentials recognisable by their value.
TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an AWS access key ID", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")),
    (
        "a private key",
        re.compile(
            r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"
        ),
    ),
    ("a GitHub token", re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}")),
    ("a GitHub token", re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,}")),
    ("a GitLab token", re.compile(r"(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9]+-[A-Za-z0-9-]{8,}")),
    (
        "a Slack webhook URL",
        re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),
    ),
    ("a Google API key", re.compile(r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])")),
    ("a Stripe secret key", re.compile(r"(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{24,}")),
    ("an npm token", re.compile(r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])")),
    ("a PyPI token", re.compile(r"(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,}")),
)


# Every pattern above contains one of these fixed strings; one scan for them lets almost every
# instruction skip the dozen slower pattern scans.
_MARKERS = re.compile(
    r"AKIA|ASIA|-----BEGIN|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|AIza"
    r"|k_live_|npm_|pypi-AgE"
)


def find_tokens(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of each credential format found in ``text``; examples skipped."""
    found: list[tuple[str, int, int]] = []
    if _MARKERS.search(text) is None:
        return found
    for label, pattern in TOKEN_PATTERNS:
        for match in pattern.finditer(text):
            value = match.group()
            if "EXAMPLE" in value.upper() or re.search(r"(.)\1{11,}", value):
                continue  # documentation examples and placeholders (AKIAXXXXXXXXXXXXXXXX)
            found.append((label, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found

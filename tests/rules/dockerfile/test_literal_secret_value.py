import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "literal-secret-value"
# Built from parts so that secret scanners do not flag this test file itself.
GITHUB = "ghp_" + "a1B2c3D4e5" * 4
AWS = "AKIA" + "Q3EGRQ7XZPLM2TVB"
SLACK = "xoxb-" + "1234567890-0987654321-" + "aBcDeFgHiJkLmNoP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"FROM alpine:3\nENV TOKEN={GITHUB}\n", [(2, 11, 2, 55)]),
        (f"FROM alpine:3\nARG KEY={AWS}\n", [(2, 9, 2, 29)]),
        (f'FROM alpine:3\nLABEL x="{SLACK}"\n', [(2, 10, 2, 53)]),
        (
            f"FROM alpine:3\nRUN git clone \\\n  https://{GITHUB}@github.com/a/b.git\n",
            [(3, 11, 3, 55)],
        ),
        (
            "FROM alpine:3\nRUN <<EOF\necho '-----BEGIN RSA PRIVATE KEY-----' > /k\nEOF\n",
            [(3, 7, 3, 38)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
        "FROM alpine:3\nENV AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\n",
        f"FROM alpine:3\n# ENV TOKEN={GITHUB}\n",
        "FROM alpine:3\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\n",
        "FROM alpine:3\nRUN echo '-----BEGIN PUBLIC KEY-----'\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [f"FROM alpine:3\nENV TOKEN={GITHUB}\nARG KEY={AWS}\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_every_token_pattern_has_a_marker():
    from lintkit.rules.dockerfile._secrets import _MARKERS, TOKEN_PATTERNS

    samples = {
        "an AWS access key ID": "AKIAABCDEFGHIJKLMNOP",
        "a private key": "-----BEGIN PRIVATE KEY-----",
        "a GitLab token": "glpat-abcdefghijklmnopqrstu",
        "a Google API key": "AIza" + "a" * 35,
        "a Stripe secret key": "sk_live_" + "a1" * 12,
        "an npm token": "npm_" + "a1" * 18,
        "a PyPI token": "pypi-AgE" + "a" * 50,
    }
    for label, pattern in TOKEN_PATTERNS:
        if label in samples:
            assert pattern.search(samples[label]) and _MARKERS.search(samples[label]), label

import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "invalid-label-key"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nLABEL Version=1\n", [(2, 7, 2, 14)]),
        ("FROM a:1\nLABEL a=1 build_date=x\n", [(2, 11, 2, 21)]),
        (
            "FROM a:1\nLABEL com.docker.x=1 a..b=2 -a=3\n",
            [(2, 7, 2, 19), (2, 22, 2, 26), (2, 29, 2, 31)],
        ),
        ('FROM a:1\nLABEL MAINTAINER "me"\n', [(2, 7, 2, 17)]),
        ("FROM a:1\nONBUILD LABEL X=1\n", [(2, 15, 2, 16)]),
        # close to the extension labels, but not them
        ("FROM a:1\nLABEL com.docker.desktop.version=1\n", [(2, 7, 2, 33)]),
        # close to the Operator Framework labels, but not them
        ("FROM a:1\nLABEL io.operatorframework.project_layout=x\n", [(2, 7, 2, 42)]),
        ("FROM a:1\nLABEL Operators.operatorframework.io.x=1\n", [(2, 7, 2, 39)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nLABEL org.opencontainers.image.source=https://x maintainer=me\n",
        "FROM a:1\nLABEL a1-b.c2=x 9=y\n",
        "FROM a:1\nLABEL ${PREFIX}.version=1\n",
        'FROM a:1\nLABEL "org.example.name"=x\n',
        # the labels Docker asks a Docker Desktop extension's image to carry
        'FROM a:1\nLABEL com.docker.desktop.extension.api.version=">= 0.3.0" \\\n'
        '    com.docker.extension.publisher-url="https://example.org"\n',
        # the labels an Operator Framework bundle image carries, named by the framework
        "FROM scratch\n"
        "LABEL operators.operatorframework.io.metrics.project_layout=go.kubebuilder.io/v4 \\\n"
        "    operators.operatorframework.io.bundle.channel.default.v1=stable\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nLABEL Build_Date=x io.docker.y=1 a--b=2 '$$$'=3\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

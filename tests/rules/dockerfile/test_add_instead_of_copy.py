import pytest

from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "add-instead-of-copy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nADD requirements.txt /app/\n", [(2, 1, 2, 4)]),
        ("FROM a:1\nadd --chown=1:1 . /app\n", [(2, 1, 2, 4)]),
        ("FROM a:1\nADD *.py conf/ /app/\n", [(2, 1, 2, 4)]),
        ("FROM a:1\nADD bin/tool /usr/local/bin/\n", [(2, 1, 2, 4)]),
        # ADD never unpacks zip-based files: these only get copied.
        ("FROM a:1\nADD target/service.jar /srv/\n", [(2, 1, 2, 4)]),
        ("FROM a:1\nADD static.zip /var/www/\n", [(2, 1, 2, 4)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nADD rootfs.tar.xz /\n",
        "FROM a:1\nADD app.tgz app.zip /opt/\n",
        "FROM a:1\nADD packages/musl.apk /tmp/\n",
        "FROM a:1\nADD https://example.com/a.txt /a.txt\n",
        "FROM a:1\nADD git@github.com:org/repo.git /src\n",
        "FROM a:1\nADD --checksum=sha256:abc https://x/y /y\n",
        "FROM a:1\nADD $ARCHIVE /opt/\n",
        "FROM a:1\nADD * /opt/\n",
        "FROM a:1\nADD <<EOF /etc/conf\nx\nEOF\n",
        "FROM a:1\nCOPY a.txt /a.txt\n",
        "FROM a:1\nONBUILD ADD . /app\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM a:1\nADD a.py b.py c.py d.py /app/\n",
        "FROM a:1\nADD bin/tool /usr/local/bin/\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\n# copy the sources\nADD . /app\n# done\n",
        "from a:1\r\nadd --chown=app:app conf/ /etc/app/\r\n",
    ]
    snapshot.assert_match(before_after(cases, RULE), "fixes.txt")


def test_unsafe_fix_when_source_may_be_an_archive():
    text = "FROM a:1\nADD bin/tool /usr/local/bin/\n"
    assert before_after([text], RULE, unsafe=True).endswith("COPY bin/tool /usr/local/bin/\n")

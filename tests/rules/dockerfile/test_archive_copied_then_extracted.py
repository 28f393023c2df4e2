import pytest

from tests.rules.dockerfile._instruction_helpers import found, messages

RULE = "archive-copied-then-extracted"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "FROM a:1\nCOPY vendor.tar.gz /tmp/\nRUN tar -xzf /tmp/vendor.tar.gz -C /opt\n",
            [(2, 6, 2, 19)],
        ),
        ("FROM a:1\nCOPY dist/app.tgz /tmp/\nRUN cd /tmp && tar xf app.tgz\n", [(2, 6, 2, 18)]),
        (
            "FROM a:1\nCOPY a.tar b.txt /x/\nRUN echo && \\\n  tar --extract --file=/x/a.tar\n",
            [(2, 6, 2, 11)],
        ),
        # Copied under a new file name, then unpacked under that name.
        (
            "FROM a:1\nCOPY build/site-2.1.tar.gz /srv/site.tgz\nRUN tar -xzf /srv/site.tgz\n",
            [(2, 6, 2, 27)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n",
        "FROM a:1\nCOPY vendor.tar.gz /tmp/\nRUN tar -czf /tmp/out.tar.gz /tmp/vendor.tar.gz\n",
        "FROM a:1\nCOPY vendor.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz\n",
        "FROM a:1 AS b\nCOPY --from=b /x.tar /x.tar\nRUN tar xf /x.tar\n",
        "FROM a:1\nCOPY x.tar /x.tar\nFROM b:1\nRUN tar xf /x.tar\n",
        "FROM a:1\nRUN tar xf /x.tar\nCOPY x.tar /x.tar\n",
        "FROM a:1\nADD x.tar /opt/\n",
        # A destination folder keeps the source's name; another tarball there is unrelated.
        "FROM a:1\nCOPY site.tar.gz /srv/old.tgz/\nRUN tar -xzf /srv/old.tgz\n",
        "FROM a:1\nCOPY a.tar b.tar /srv/x.tar\nRUN tar -xf /srv/x.tar\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = ["FROM a:1\nCOPY vendor.tar.gz /tmp/\nRUN tar -xzf /tmp/vendor.tar.gz -C /opt\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

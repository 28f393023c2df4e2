import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-pip-package"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python:3.12\nRUN pip install flask\n", [(2, 17, 2, 22)]),
        (
            "FROM python:3.12\nRUN python3 -m pip install -U pip 'requests==2.32.3'\n",
            [(2, 31, 2, 34)],
        ),
        ("FROM python:3.12\nRUN pip install -r req.txt gunicorn\n", [(2, 28, 2, 36)]),
        ("FROM python:3.12\nONBUILD RUN pip3 install --no-cache-dir flask\n", [(2, 41, 2, 46)]),
        # A VCS URL without `@<ref>` follows the default branch; the user name is not a ref.
        (
            "FROM python:3.12\nRUN pip install git+ssh://git@git.example.org/team/lib.git#egg=lib\n",
            [(2, 17, 2, 67)],
        ),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM python:3.12\nRUN pip install flask==3.0.3 'django>=4,<5' numpy~=1.26\n",
        "FROM python:3.12\nRUN pip install -r requirements.txt\n",
        "FROM python:3.12\nRUN pip install -c constraints.txt flask\n",
        "FROM python:3.12\nRUN pip install . ./lib /tmp/pkg.whl dist/x.tar.gz\n",
        "FROM python:3.12\nRUN pip install git+https://github.com/a/b@v1 'pkg @ https://x/y.whl'\n",
        "FROM python:3.12\nRUN pip install git+ssh://git@git.example.org/t/lib.git@4f2a9c1#egg=lib\n",
        "FROM python:3.12\nRUN pip install -e . --index-url https://x/simple $PKG\n",
        "FROM python:3.12\nRUN pipx install black && uv pip install flask\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages_for_a_vcs_url(snapshot):
    texts = ["FROM python:3.12\nRUN pip install git+https://git.example.org/team/lib.git\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_messages(snapshot):
    texts = ["FROM python:3.12\nRUN pip install flask gunicorn\n"]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")

import pytest

from tests.conftest import lint
from tests.rules.dockerfile._instruction_helpers import before_after, found, messages

RULE = "shell-form-cmd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a:1\nCMD node server.js\n", [(2, 1, 2, 4)]),
        ("FROM a:1\nentrypoint ./run.sh --port=80\n", [(2, 1, 2, 11)]),
        ("FROM a:1\nCMD [not json]\n", [(2, 1, 2, 4)]),
        ("FROM a:1 AS base\nRUN x\nFROM base\nCMD exec java -jar app.jar\n", [(4, 1, 4, 4)]),
        ("# escape=`\r\nFROM a:1\r\nCMD run.exe `\r\n  --flag\r\n", [(3, 1, 3, 4)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        'FROM a:1\nCMD ["node", "server.js"]\n',
        'FROM a:1\nENTRYPOINT ["/run.sh"]\nCMD ["--help"]\n',
        'FROM a:1\nSHELL ["powershell", "-Command"]\nCMD Start-Service x\n',
        'FROM a:1 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD echo hi\n',
        "FROM a:1\nHEALTHCHECK CMD curl -f http://localhost/\n",
        "FROM a:1\nONBUILD CMD echo hi\n",
        "FROM a:1\nRUN echo hi\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM a:1\nCMD node server.js\n",
        "FROM a:1\nCMD node server.js --port=$PORT && echo done\n",
        "FROM a:1\nENTRYPOINT cd /app; ./run\n",
        "FROM a:1\nCMD export X=1\n",
        "FROM a:1\nCMD echo 'unclosed\n",
        "FROM a:1\nCMD a \\\n# note\n  b\n",
        "# escape=`\nFROM a:1\nCMD run.exe\n",
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")


def test_fixes(snapshot):
    cases = [
        "FROM a:1\nCMD node server.js\n",
        "FROM a:1\r\nCMD exec gunicorn -b 0.0.0.0:8000 'app:create_app()'\r\n",
        "FROM a:1\nENTRYPOINT python \\\n    -m http.server\n# after\n",
        'FROM a:1\nCMD echo "héllo wörld"\n',
    ]
    snapshot.assert_match(before_after(cases, RULE, unsafe=True), "fixes.txt")


def _entrypoint_finding(text):
    """The one finding of ``text`` on an ENTRYPOINT."""
    (diagnostic,) = [
        d
        for d in lint(text, "dockerfile", [RULE])
        if text.splitlines()[d.range.start.line].startswith("ENTRYPOINT")
    ]
    return diagnostic


@pytest.mark.parametrize(
    ("text", "cmd_line"),
    [
        # The CMD runs with the ENTRYPOINT: in exec form it would become its arguments.
        ('FROM a:1\nENTRYPOINT "/app/entrypoint.sh"\nCMD ["/bin/bash", "-c", "run"]\n', 3),
        ('FROM a:1\nCMD ["--help"]\nENTRYPOINT /app/run.sh\n', 2),
        ("FROM a:1 AS base\nENTRYPOINT /app/run.sh\nFROM base\nCMD serve\n", 4),
        ("FROM a:1 AS base\nENTRYPOINT /run.sh\nFROM base AS mid\nRUN x\nFROM mid\nCMD go\n", 6),
    ],
)
def test_entrypoint_with_cmd_not_fixed(text, cmd_line):
    diagnostic = _entrypoint_finding(text)
    assert diagnostic.fix is None
    assert diagnostic.unfixable_reason == (
        f"the CMD on line {cmd_line} would become arguments of the entrypoint"
    )


@pytest.mark.parametrize(
    "text",
    [
        "FROM a:1\nENTRYPOINT /app/run.sh\n",
        # ENTRYPOINT clears a CMD inherited from the base, so none runs with it.
        "FROM a:1 AS base\nCMD serve\nFROM base\nENTRYPOINT /app/run.sh\n",
        # The later stage replaces the ENTRYPOINT, so its CMD never meets this one.
        'FROM a:1 AS base\nENTRYPOINT /run.sh\nFROM base\nENTRYPOINT ["/x"]\nCMD ["y"]\n',
        # A stage not built from this one.
        "FROM a:1\nENTRYPOINT /app/run.sh\nFROM b:1\nCMD serve\n",
    ],
)
def test_entrypoint_without_cmd_fixed(text):
    assert _entrypoint_finding(text).fix is not None


def test_cmd_beside_entrypoint_still_fixed():
    text = "FROM a:1\nENTRYPOINT /app/run.sh\nCMD serve --port 80\n"
    (cmd,) = [d for d in lint(text, "dockerfile", [RULE]) if d.range.start.line == 2]
    assert cmd.fix is not None

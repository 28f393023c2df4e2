"""End-to-end tests of ``lintkit server``: a real subprocess spoken to over stdio."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import LspClient

from lintkit.fixing import apply_edits
from lintkit.rule import FileKind
from lintkit.server import _reencode, document_kind
from lintkit.source import SourceText


def _initialize(client: LspClient, root: Path, document_changes: bool = False) -> dict[str, Any]:
    response = client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": root.as_uri(),
            "capabilities": {
                "workspace": {
                    "workspaceEdit": {"documentChanges": document_changes},
                    "didChangeWatchedFiles": {"dynamicRegistration": True},
                },
                "textDocument": {"hover": {"contentFormat": ["markdown"]}},
            },
        },
    )
    client.notify("initialized", {})
    return response


def _shutdown(client: LspClient) -> None:
    response = client.request("shutdown", None)
    assert "error" not in response
    client.notify("exit", None)
    assert client.close() == 0


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # bounds the project root
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> Iterator[LspClient]:
    started = LspClient(workspace)
    yield started
    started.close()


@pytest.fixture
def fix_client(workspace: Path) -> Iterator[LspClient]:
    # Only the test rule: built-in rules with fixes would change what "fix all" does.
    (workspace / "lintkit.toml").write_text('select = ["LK990", "LK991"]\n')
    started = LspClient(workspace, [sys.executable, "-m", "fixable_rule"])
    yield started
    started.close()


def _open(client: LspClient, uri: str, text: str, language: str = "dockerfile") -> None:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )


def _change(client: LspClient, uri: str, version: int, text: str) -> None:
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    source = SourceText.from_text(text)
    converted = []
    from lintkit.diagnostics import Edit

    for edit in edits:
        start = edit["range"]["start"]
        end = edit["range"]["end"]
        converted.append(
            Edit(
                source.offset(start["line"], start["character"]),
                source.offset(end["line"], end["character"]),
                edit["newText"],
            )
        )
    return apply_edits(text, converted)


def test_lifecycle_diagnostics_change_close(client: LspClient, workspace: Path) -> None:
    init = _initialize(client, workspace)
    capabilities = init["result"]["capabilities"]
    assert capabilities["hoverProvider"]
    assert "source.fixAll.lintkit" in capabilities["codeActionProvider"]["codeActionKinds"]

    uri = (workspace / "Dockerfile").as_uri()
    _open(client, uri, "FROM python\nRUN echo hi\n")
    published = client.diagnostics(uri)
    assert published["version"] == 1
    [diagnostic] = [d for d in published["diagnostics"] if d["code"] == "LK100"]
    assert diagnostic["range"] == {
        "start": {"line": 0, "character": 5},
        "end": {"line": 0, "character": 11},
    }
    assert diagnostic["severity"] == 2
    assert diagnostic["source"] == "lintkit"
    assert diagnostic["codeDescription"]["href"].endswith("mutable-image-tag.md")
    assert diagnostic["data"]["name"] == "mutable-image-tag"

    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 7}},
    )
    value = hover["result"]["contents"]["value"]
    assert "LK100 mutable-image-tag" in value
    assert "## What it does" in value
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}},
    )
    assert nothing["result"] is None

    _change(client, uri, 2, "FROM python:3.12-slim\nRUN echo hi\n")
    published = client.diagnostics(uri)
    assert published["version"] == 2
    assert [d for d in published["diagnostics"] if d["code"] == "LK100"] == []

    _change(client, uri, 3, "FROM python:latest\n")
    assert any(d["code"] == "LK100" for d in client.diagnostics(uri)["diagnostics"])
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri)["diagnostics"] == []
    _shutdown(client)


def test_quick_fix_and_fix_all_edits_apply(fix_client: LspClient, workspace: Path) -> None:
    _initialize(fix_client, workspace)
    uri = (workspace / "Dockerfile").as_uri()
    text = "from alpine:3.20\nrun echo hi\nworkdir /app\n"
    _open(fix_client, uri, text)
    found = [d for d in fix_client.diagnostics(uri)["diagnostics"] if d["code"] == "LK990"]
    assert [d["range"]["start"] for d in found] == [
        {"line": 0, "character": 0},
        {"line": 1, "character": 0},
        {"line": 2, "character": 0},
    ]
    assert found[0]["range"]["end"] == {"line": 0, "character": 4}

    response = fix_client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}},
            "context": {"diagnostics": found[:1]},
        },
    )
    actions = response["result"]
    titles = [action["title"] for action in actions]
    assert titles[0] == "Write 'FROM' [LK990]"
    quick = actions[0]
    assert quick["kind"] == "quickfix"
    assert quick["isPreferred"] is True
    assert quick["diagnostics"][0]["code"] == "LK990"
    edits = quick["edit"]["changes"][uri]
    assert edits == [
        {
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}},
            "newText": "FROM",
        }
    ]
    fix_all = [a for a in actions if a["kind"] == "source.fixAll.lintkit"]
    assert len(fix_all) == 1

    unsafe = fix_client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )["result"]
    assert [a["title"] for a in unsafe] == ["Write 'RUN' (unsafe fix) [LK990]"]
    assert unsafe[0]["isPreferred"] is False

    # fixAll applies safe fixes only (RUN stays), through the fix engine.
    after_all = _apply(text, fix_all[0]["edit"]["changes"][uri])
    assert after_all == "FROM alpine:3.20\nrun echo hi\nWORKDIR /app\n"

    fixed = _apply(text, edits)
    assert fixed == "FROM alpine:3.20\nrun echo hi\nworkdir /app\n"
    _change(fix_client, uri, 2, fixed)
    remaining = [d for d in fix_client.diagnostics(uri)["diagnostics"] if d["code"] == "LK990"]
    assert [d["range"]["start"]["line"] for d in remaining] == [1, 2]

    _change(fix_client, uri, 3, "FROM alpine:3.20\nRUN echo hi\n")
    published = fix_client.diagnostics(uri)
    assert published["diagnostics"] == []
    only_all = fix_client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert only_all["result"] == []
    _shutdown(fix_client)


def test_versioned_edits_when_client_supports_them(fix_client: LspClient, workspace: Path) -> None:
    _initialize(fix_client, workspace, document_changes=True)
    uri = (workspace / "Dockerfile").as_uri()
    _open(fix_client, uri, "from alpine:3.20\n")
    fix_client.diagnostics(uri)
    actions = fix_client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )["result"]
    [change] = actions[0]["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": 1}
    _shutdown(fix_client)


def test_rapid_edits_publish_latest_version_only(client: LspClient, workspace: Path) -> None:
    (workspace / "lintkit.toml").write_text('select = ["mutable-image-tag"]\n')
    _initialize(client, workspace)
    uri = (workspace / "compose.yaml").as_uri()
    _open(client, uri, "services:\n  web:\n    image: nginx\n", language="yaml")
    first = client.diagnostics(uri)
    assert [d["range"]["start"] for d in first["diagnostics"] if d["code"] == "LK100"] == [
        {"line": 2, "character": 11}
    ]
    for version in range(2, 12):
        _change(client, uri, version, f"services:\n  web:\n    image: nginx:1.{version}\n")
    published = client.diagnostics(uri)
    assert published["version"] == 11
    assert published["diagnostics"] == []
    with pytest.raises(TimeoutError):
        client.diagnostics(uri, timeout=0.5)
    _shutdown(client)


def test_robust_against_bad_input(client: LspClient, workspace: Path) -> None:
    _initialize(client, workspace)
    client.send_raw(b"{this is not json")
    client.send_raw(b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/codeAction"}')
    unknown = client.request("lintkit/noSuchMethod", {})
    assert unknown["error"]["code"] == -32601
    # A document that was never opened, and one on a non-file URI.
    never = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": "file:///nowhere/Dockerfile"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    assert never["result"] == []
    untitled = "untitled:Untitled-1"
    _open(client, untitled, "FROM python\n")
    assert [d["code"] for d in client.diagnostics(untitled)["diagnostics"]] == ["LK100"]
    # Not a Dockerfile or compose file: nothing is published for it.
    _open(client, (workspace / "values.yaml").as_uri(), "a: [\n", language="yaml")
    # A file that does not parse, and binary-ish content.
    broken = (workspace / "Dockerfile").as_uri()
    _open(client, broken, 'FROM alpine:3.20\nRUN ["unclosed\nFROBNICATE x\n')
    codes = [d["code"] for d in client.diagnostics(broken)["diagnostics"]]
    assert codes and set(codes) <= {"LK001", "LK100"}
    # A change beyond the end of the document (a confused client).
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": broken, "version": 2},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": 50, "character": 3},
                        "end": {"line": 60, "character": 0},
                    },
                    "text": "x",
                }
            ],
        },
    )
    client.diagnostics(broken)
    huge = (workspace / "big" / "Dockerfile").as_uri()
    (workspace / "big").mkdir()
    (workspace / "big" / "lintkit.toml").write_text("max-file-size = 1000\n")
    _open(client, huge, "FROM python\n" + "RUN echo hi\n" * 500)
    assert client.diagnostics(huge)["diagnostics"] == []
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": untitled}, "position": {"line": 99, "character": 99}},
    )
    assert hover["result"] is None
    _shutdown(client)


def test_configuration_change_is_picked_up(client: LspClient, workspace: Path) -> None:
    _initialize(client, workspace)
    uri = (workspace / "Dockerfile").as_uri()
    _open(client, uri, "FROM python\n")
    assert [d["code"] for d in client.diagnostics(uri)["diagnostics"]] == ["LK100"]
    config = workspace / "lintkit.toml"
    config.write_text('ignore = ["mutable-image-tag"]\n')
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]}
    )
    assert client.diagnostics(uri)["diagnostics"] == []
    # Without a notification, the modification-time check still notices.
    config.write_text('ignore = []\nseverity = { mutable-image-tag = "error" }\n')
    _change(client, uri, 2, "FROM python\n\n")
    [diagnostic] = client.diagnostics(uri)["diagnostics"]
    assert diagnostic["severity"] == 1
    # Saving a configuration file open in the editor re-lints the open documents.
    config.write_text('ignore = ["mutable-image-tag"]\n')
    client.notify("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}})
    assert client.diagnostics(uri)["diagnostics"] == []
    # A broken configuration falls back to the defaults and says so once.
    config.write_text("selec = []\n")
    _change(client, uri, 3, "FROM python\n")
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert "unknown key 'selec'" in shown["params"]["message"]
    assert [d["severity"] for d in client.diagnostics(uri)["diagnostics"]] == [2]
    _shutdown(client)


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Dockerfile", "dockerfile", FileKind.DOCKERFILE),
        ("anything.txt", "dockerfile", FileKind.DOCKERFILE),
        ("Dockerfile.dev", "plaintext", FileKind.DOCKERFILE),
        ("compose.yaml", "yaml", FileKind.COMPOSE),
        ("docker-compose.prod.yml", "yaml", FileKind.COMPOSE),
        ("stack.yml", "dockercompose", FileKind.COMPOSE),
        ("stack.yml", "yaml.docker-compose", FileKind.COMPOSE),
        ("values.yaml", "yaml", None),
        ("README.md", "markdown", None),
        ("Dockerfile", None, FileKind.DOCKERFILE),
    ],
)
def test_document_kind(name: str, language: str | None, expected: FileKind | None) -> None:
    from pathlib import PurePosixPath

    assert document_kind(PurePosixPath(name), language) is expected


def test_position_encoding_conversion() -> None:
    source = SourceText.from_text("FROM \U0001f600é x\n")
    # UTF-16: the emoji is 2 units, é 1; "x" is at code point 8, UTF-16 unit 9.
    value = {"range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 10}}}
    assert _reencode(value, source, "utf-8")["range"]["start"] == {"line": 0, "character": 12}
    assert _reencode(value, source, "utf-32")["range"]["end"] == {"line": 0, "character": 9}


def test_utf8_position_encoding_end_to_end(client: LspClient, workspace: Path) -> None:
    (workspace / "lintkit.toml").write_text('select = ["mutable-image-tag"]\n')
    response = client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": workspace.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        },
    )
    assert response["result"]["capabilities"]["positionEncoding"] == "utf-8"
    client.notify("initialized", {})
    uri = (workspace / "compose.yaml").as_uri()
    text = "services: {wéb: {image: nginx}}\n"
    _open(client, uri, text, language="yaml")
    [diagnostic] = client.diagnostics(uri)["diagnostics"]
    # "nginx" starts at code point 24, byte 25 ("é" is two bytes in UTF-8).
    assert diagnostic["range"]["start"] == {"line": 0, "character": 25}
    assert diagnostic["range"]["end"] == {"line": 0, "character": 30}
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 29}},
    )
    assert "mutable-image-tag" in hover["result"]["contents"]["value"]
    before = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 24}},
    )
    assert before["result"] is None  # byte 24 is the space before "nginx"
    _shutdown(client)


def test_slow_lint_blocks_nothing_and_stale_results_are_dropped(
    fix_client: LspClient, workspace: Path
) -> None:
    _initialize(fix_client, workspace)
    slow = (workspace / "Dockerfile").as_uri()
    other = (workspace / "other.Dockerfile").as_uri()
    _open(fix_client, slow, "# SLOW\nfrom alpine:3.20\n")
    # While version 1 is being linted (1.5 s), the server still answers...
    started = time.monotonic()
    _open(fix_client, other, "from alpine:3.20\n")
    fix_client.request("lintkit/unknown", {})
    assert time.monotonic() - started < 1.0
    # ...and version 1's findings are never published once version 2 exists.
    _change(fix_client, slow, 2, "FROM alpine:3.20\n")
    published = fix_client.diagnostics(slow)
    assert published["version"] == 2
    assert published["diagnostics"] == []
    assert [d["code"] for d in fix_client.diagnostics(other)["diagnostics"]] == ["LK990"]
    _shutdown(fix_client)

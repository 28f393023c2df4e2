"""Measure how long the language server takes to re-lint a file after an edit.

Starts ``lintkit server``, opens the benchmark files nearest to ``--lines`` lines (one
Dockerfile, one compose file), then edits and saves each one ``--edits`` times. A save makes
the server lint at once (edits alone wait for a pause in typing), so the time from sending the
save to receiving the diagnostics for that version is the cost of one re-lint, JSON-RPC
included. Prints the median and the slowest for each file.

    python bench/lsp.py                          # 300-line files, 30 edits each
    python bench/lsp.py --lintkit /path/to/venv/bin/lintkit

Uses only the standard library and the test suite's LSP client (``tests/server/lsp_client.py``);
generates the corpus with ``bench/generate.py`` if needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "server")]

import run  # noqa: E402  (the throughput benchmark beside this file: it owns the corpus)
from lsp_client import LspClient  # noqa: E402  (the test suite's client for the server)

TIMEOUT = 30.0


def nearest(files: list[Path], lines: int) -> Path:
    """The file whose line count is closest to ``lines``."""
    return min(files, key=lambda path: abs(path.read_text().count("\n") - lines))


def measure(server: LspClient, path: Path, language: str, edits: int) -> list[float]:
    """Milliseconds from each save to the diagnostics of the saved version."""
    uri = path.as_uri()
    text = path.read_text()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    server.diagnostics(uri, TIMEOUT)
    times = []
    for version in range(2, edits + 2):
        edited = f"{text}# edit {version}\n"
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}],
            },
        )
        started = time.perf_counter()
        server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        server.wait_for(
            lambda m, v=version: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("uri") == uri
                and m["params"].get("version") == v
            ),
            TIMEOUT,
        )
        times.append((time.perf_counter() - started) * 1000)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return times


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=300, help="size of the files to edit")
    parser.add_argument("--edits", type=int, default=30, help="edits per file")
    parser.add_argument("--lintkit", metavar="PATH", help="lintkit executable (default: PATH)")
    args = parser.parse_args(argv)

    lintkit = args.lintkit or shutil.which("lintkit")
    if lintkit is None:
        parser.error("lintkit is not on PATH")
    run.ensure_corpus(run.generate.DEFAULT_FILES)
    corpus = run.CORPUS
    dockerfile = nearest(sorted(corpus.glob("dockerfiles/*/Dockerfile")), args.lines)
    compose = nearest(sorted(corpus.glob("compose/*/compose.yaml")), args.lines)

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench/run.py: keep compiled modules
    server = LspClient(corpus, [lintkit, "server"])
    server.request(
        "initialize", {"processId": os.getpid(), "rootUri": corpus.as_uri(), "capabilities": {}}
    )
    server.notify("initialized", {})
    print("| File | Lines | Re-lints | Median ms | Slowest ms |\n|---|---:|---:|---:|---:|")
    for path, language in ((dockerfile, "dockerfile"), (compose, "yaml")):
        times = measure(server, path, language, args.edits)[3:]  # the first few warm up
        lines = path.read_text().count("\n")
        name = path.relative_to(corpus)
        median, slowest = statistics.median(times), max(times)
        print(f"| {name} | {lines} | {len(times)} | {median:.1f} | {slowest:.1f} |")
    server.request("shutdown", None, TIMEOUT)
    server.notify("exit", None)
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

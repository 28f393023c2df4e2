"""Measure how long the language server takes to re-lint a file after an edit.

Starts ``lintkit server``, opens the benchmark files nearest to ``--lines`` lines (one
Dockerfile, one compose file), then edits and saves each one ``--edits`` times. A save makes
the server lint at once (edits alone wait for a pause in typing), so the time from sending the
save to receiving the diagnostics for that version is the cost of one re-lint, JSON-RPC
included. Prints the median and the slowest for each file.

    python bench/lsp.py                          # 300-line files, 30 edits each
    python bench/lsp.py --lintkit /path/to/venv/bin/lintkit

Uses only the standard library; generates the corpus with ``bench/generate.py`` if needed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (the throughput benchmark beside this file: it owns the corpus)

TIMEOUT = 30.0


class Server:
    """A ``lintkit server`` process and a thread that reads its messages."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            env=env,
        )
        self.messages: Queue[dict[str, Any]] = Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while line := stream.readline():
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stream = self.process.stdin
        assert stream is not None
        stream.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stream.flush()

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            except Empty:
                raise SystemExit("the server did not answer in time") from None
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def stop(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=TIMEOUT)


def nearest(files: list[Path], lines: int) -> Path:
    """The file whose line count is closest to ``lines``."""
    return min(files, key=lambda path: abs(path.read_text().count("\n") - lines))


def measure(server: Server, path: Path, language: str, edits: int) -> list[float]:
    """Milliseconds from each save to the diagnostics of the saved version."""
    uri = path.as_uri()
    text = path.read_text()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
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
        server.wait(
            lambda m, v=version: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("uri") == uri
                and m["params"].get("version") == v
            )
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

    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench/run.py: keep compiled modules
    server = Server([lintkit, "server"], corpus, environment)
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
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A minimal JSON-RPC client speaking LSP framing to ``python -m lintkit server``."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

TIMEOUT = 10.0


class LspClient:
    """Starts the server as a subprocess; reads its messages on a thread into a queue."""

    def __init__(self, cwd: Path, command: list[str] | None = None) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        here = str(Path(__file__).parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "lintkit", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.backlog: list[dict[str, Any]] = []
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr_lines: list[bytes] = []
        self._stderr = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr.start()

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.messages.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            body = stream.read(length)
            self.messages.put(json.loads(body))

    # -- sending ---------------------------------------------------------------------------

    def send_raw(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Send a request and return its response message (result or error)."""
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m, timeout)

    # -- receiving -------------------------------------------------------------------------

    def wait_for(self, predicate: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        for index, message in enumerate(self.backlog):
            if predicate(message):
                return self.backlog.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no matching message within {timeout}s; seen {self.backlog}")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError(
                    "server closed its output: " + b"".join(self.stderr_lines).decode()[-2000:]
                )
            if "method" in message and "id" in message:
                # A request from the server (registerCapability...): answer it.
                self.send({"id": message["id"], "result": None})
            if predicate(message):
                return message
            self.backlog.append(message)

    def diagnostics(self, uri: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next publishDiagnostics notification for ``uri``."""
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            timeout,
        )
        params: dict[str, Any] = message["params"]
        return params

    def close(self) -> int | None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # type: ignore[union-attr]
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=TIMEOUT)
        return self.process.returncode

"""A loopback OpenAI-compatible server with canned replies that records every request's headers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def sse_body(words: list[str]) -> bytes:
    out = []
    for w in words:
        chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m",
                 "choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]}  # fmt: skip
        out.append(f"data: {json.dumps(chunk)}\n\n")
    out.append("data: [DONE]\n\n")
    return "".join(out).encode()


@contextmanager
def canned_server(
    status: int = 200, words: list[str] | None = None, raw: bytes | None = None, fail_first: int = 0
) -> Iterator[Any]:
    """`status` answers every request, except that the first `fail_first` ones get HTTP 503."""
    seen: list[dict[str, str]] = []
    bodies: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append({k.lower(): v for k, v in self.headers.items()})
            bodies.append(self.rfile.read(int(self.headers.get("content-length", 0))))
            payload = raw if raw is not None else sse_body(words or ["Hello ", "from ", "canned."])
            code = 503 if len(seen) <= fail_first else status
            self.send_response(code)
            self.send_header("content-type", "text/event-stream" if code == 200 else "application/json")
            if code != 200:
                payload = json.dumps({"error": {"message": "nope", "type": "x"}}).encode()
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.seen = seen  # type: ignore[attr-defined]
    server.bodies = bodies  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}/v1"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()

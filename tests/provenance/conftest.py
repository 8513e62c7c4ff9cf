"""A real HTTP server on 127.0.0.1 with well-behaved and misbehaving routes, and projects."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CSV = b"a,b,label\n" + b"".join(f"{i},{i * 2},{i % 2}\n".encode() for i in range(200))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        return None

    def _body(
        self, body: bytes, extra: dict[str, str] | None = None, length: int | None = None
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/data.csv":
            self._body(
                CSV,
                {"ETag": '"v1-abc"', "Last-Modified": "Tue, 03 Mar 2026 10:00:00 GMT"},
            )
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/data.csv")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/bare":
            # send_response_only: no Date or Server header either
            self.send_response_only(200)
            self.send_header("Content-Length", str(len(CSV)))
            self.end_headers()
            self.wfile.write(CSV)
        elif self.path == "/truncated":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"400\r\n" + CSV[:1024] + b"\r\n")  # no closing chunk
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/lie":
            self._body(CSV, length=len(CSV) + 5000)  # announces more than it sends
            self.close_connection = True
        elif self.path == "/short":
            self._body(CSV, length=len(CSV) // 2 + 5)  # announces less: cut mid-row
            self.close_connection = True
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="session")
def http_base() -> Iterator[str]:
    """Base URL of the test server on 127.0.0.1 (a random free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


MANIFEST = """\
version: 1
name: prov-test
intended_use: Testing provenance capture.
roles: [developer, system_operator, data_custodian]
datasets:
  - name: loans
    path: data/loans.csv
    sensitivity: confidential
    audience: [admin]
  - name: public-set
    path: data/public.csv
    sensitivity: public
people:
  owners: [{name: Test Owner}]
  security_contact: security@sai-test.dev
"""


@pytest.fixture
def project(workspace_dir: Path) -> Path:
    """A workspace with a sai.yaml naming two datasets (files not yet there)."""
    (workspace_dir / "data").mkdir()
    (workspace_dir / "data" / "public.csv").write_bytes(CSV)
    (workspace_dir / "sai.yaml").write_text(MANIFEST, encoding="utf-8")
    return workspace_dir

"""A password for a remote store is sent to it and never shown: not in errors, not in output."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangraph.graph.backends import RemoteBackend, redact
from plangraph.graph.store import StoreError
from plangraph.knowledge import KnowledgeGraph

pytestmark = pytest.mark.slow  # real processes and servers: not in `make test-fast`

SECRET = "s3cr3t-Pa55"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder(BaseHTTPRequestHandler):
    """A SPARQL service that is down: it records the Authorization header and echoes the URL."""

    seen: list[str] = []  # noqa: RUF012

    def do_POST(self) -> None:
        Recorder.seen.append(self.headers.get("Authorization", ""))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = f"no service at http://alice:{SECRET}@{self.headers['Host']}{self.path}".encode()
        self.send_response(503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def down_service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorder.seen.clear()
    yield server.server_address[1]
    server.shutdown()


def test_redact_keeps_the_user_and_drops_the_password() -> None:
    assert redact(f"sparql+http://alice:{SECRET}@db.example:7878/ds") == "sparql+http://alice:***@db.example:7878/ds"
    assert redact("http://db.example/ds") == "http://db.example/ds"


def test_password_is_sent_as_basic_auth_and_never_in_the_error(down_service: int) -> None:
    url = f"sparql+http://alice:{SECRET}@127.0.0.1:{down_service}/ds"
    with pytest.raises(StoreError) as caught:
        KnowledgeGraph.open(url)
    assert SECRET not in str(caught.value) and "503" in str(caught.value)
    expected = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert Recorder.seen and set(Recorder.seen) == {expected}
    assert SECRET not in RemoteBackend(url).location


def test_password_from_the_environment(down_service: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANGRAPH_SPARQL_USER", "bob")
    monkeypatch.setenv("PLANGRAPH_SPARQL_PASSWORD", SECRET)
    with pytest.raises(StoreError) as caught:
        KnowledgeGraph.open(f"sparql+http://127.0.0.1:{down_service}/ds")
    assert SECRET not in str(caught.value)
    assert Recorder.seen[0] == "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()


@pytest.mark.parametrize("command", [["stats"], ["ingest", "nothing.md"], ["serve", "--port", "1"]])
def test_cli_never_prints_the_password(command: list[str], down_service: int) -> None:
    for port in (closed_port(), down_service):
        store = f"sparql+http://alice:{SECRET}@127.0.0.1:{port}/ds"
        done = subprocess.run([sys.executable, "-m", "plangraph", *command, "--store", store],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode != 0
        assert SECRET not in done.stdout + done.stderr
        assert "127.0.0.1" in done.stdout + done.stderr  # the message still says where

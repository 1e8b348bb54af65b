"""Run a real plangraph server for tests and demos: `plangraph serve` in a subprocess.

Real clients (SPARQLWrapper, rdflib's SPARQLStore, a browser) need a real HTTP server on a
port; a subprocess also exercises the `serve` command itself, and stopping it (SIGTERM) runs
the app's shutdown, which stops the query workers.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(store: str | os.PathLike[str], env: dict[str, str] | None = None, startup: float = 60.0,
          log: str | os.PathLike[str] | None = None) -> Iterator[str]:
    """`plangraph serve --store STORE` on a free port; yields its base URL, stops it after."""
    port = free_port()
    environment = {**os.environ, **(env or {})}
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "plangraph", "serve", "--store", str(Path(store)),
                             "--host", "127.0.0.1", "--port", str(port)],
                            env=environment, stdout=out, stderr=subprocess.STDOUT if log else out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"plangraph serve exited with {proc.returncode} before answering")
            try:
                if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("plangraph serve did not answer in time")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if log:
            out.close()  # type: ignore[union-attr]

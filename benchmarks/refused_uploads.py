"""What unauthenticated uploads cost the server: its memory while 30 clients at once each post a
19 MB file without the token, to the web form and to the API.

    python benchmarks/refused_uploads.py [--clients 30] [--megabytes 19]

It builds the demo store, starts `plangraph serve` with an upload token, and prints the server's
RSS (with its workers) before, at peak and after, the time taken and the status codes. The token
is checked before the body is read, so the body should cost nothing (issue 19 measured 378 ->
1,560 MB, 812 MB held, when the form was parsed first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import psutil

BIN = Path(sys.executable).parent
PORT = 8765


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--megabytes", type=int, default=19)
    args = ap.parse_args()
    store = Path(tempfile.mkdtemp()) / "store"
    subprocess.run([BIN / "plangraph", "demo", "--store", store], check=True, capture_output=True)
    server = subprocess.Popen([BIN / "plangraph", "serve", "--store", store, "--port", str(PORT)],
                              env={**os.environ, "PLANGRAPH_TOKEN": "a-token-nobody-sends"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/")
        process = psutil.Process(server.pid)

        def rss() -> float:
            return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1e6

        before, peak, codes, done = rss(), [0.0], Counter(), threading.Event()
        body = b"x" * (args.megabytes * 1024 * 1024)

        def post(i: int) -> None:
            for route in ("/upload", "/api/documents"):
                answer = httpx.post(f"http://127.0.0.1:{PORT}{route}", timeout=120,
                                    files={"file": (f"f{i}.md", body, "text/markdown")})
                codes[answer.status_code] += 1

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], rss())
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        clients = [threading.Thread(target=post, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        took = time.perf_counter() - started
        done.set()
        watcher.join()
        time.sleep(2)
        print(f"{args.clients} clients x 2 routes, {args.megabytes} MB each, no token: {took:.1f} s; "
              f"server RSS before {before:.0f} MB, peak {peak[0]:.0f} MB, after {rss():.0f} MB; "
              f"answers {dict(codes)}")
    finally:
        server.terminate()
        server.wait(10)


def _wait_for(url: str) -> None:
    for _ in range(200):
        try:
            httpx.get(url, timeout=1)
            time.sleep(2)  # the query workers warm up
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


if __name__ == "__main__":
    main()

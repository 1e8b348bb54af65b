"""Workers die with the process that started them (`plangraph.processes`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

HANGS = textwrap.dedent("""
    import os, sys, time
    from plangraph import KnowledgeGraph
    from plangraph.ingest import pipeline

    parent = os.getpid()
    def hangs(data, name, area=None):
        if os.getpid() != parent:
            print("worker", os.getpid(), flush=True)
            time.sleep(600)
    pipeline.extract_bytes = hangs
    KnowledgeGraph.memory().ingest([sys.argv[1]])
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a parent-death signal is Linux's")
def test_a_killed_ingest_leaves_no_worker_running(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# Ashby Plan 2026\n\n1. Warm homes\n")
    ingest = subprocess.Popen([sys.executable, "-c", HANGS, str(plan)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PLANGRAPH_INGEST_WORKERS": "1"})
    try:
        line = ingest.stdout.readline()
        assert line.startswith("worker"), line
        worker = psutil.Process(int(line.split()[1]))
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait(10)
        deadline = time.monotonic() + 10
        while worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not worker.is_running() or worker.status() == psutil.STATUS_ZOMBIE
    finally:
        ingest.kill()

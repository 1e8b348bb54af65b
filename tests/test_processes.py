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


def _graphs(location: Path, documents_only: bool = True) -> dict[str, set[str]]:
    """Each document graph's quads (ingest times aside), after opening the store as any command
    does (which finishes what a stopped run left); with `documents_only` off, the derived graphs
    (alignment) and the union too."""
    from plangraph import KnowledgeGraph
    from plangraph.graph.namespaces import GRAPH, LOADING_GRAPH, PRIVATE

    with KnowledgeGraph.open(location) as kg:
        assert not kg.sparql(f"ASK {{ GRAPH <{LOADING_GRAPH}> {{ ?s ?p ?o }} }}")[0]["result"]
        assert kg.union_matches()
        graphs: dict[str, set[str]] = {}
        for quad in kg.backend.quads():
            graph = getattr(quad.graph_name, "value", "default")
            kept = graph.startswith(GRAPH) or (graph == "default" and not documents_only)
            if kept and not graph.startswith(PRIVATE) and "ingestedAt" not in quad.predicate.value:
                graphs.setdefault(graph, set()).add(f"{quad.subject} {quad.predicate} {quad.object}")
        return graphs


def _left_running(location: Path) -> list[psutil.Process]:
    """Processes still working on the store at `location` (a killed run's forked workers share
    its command line)."""
    deadline = time.monotonic() + 10
    while True:
        found = []
        for proc in psutil.process_iter(["cmdline", "status"]):
            working = proc.info["status"] != psutil.STATUS_ZOMBIE
            if working and str(location) in " ".join(proc.info["cmdline"] or []):
                found.append(proc)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


KILL_TRIALS = int(os.environ.get("KILL_TRIALS", "5"))


@pytest.mark.slow
def test_kill_9_at_any_point_of_a_first_ingest_leaves_each_document_whole_or_absent(tmp_path: Path) -> None:
    """A first ingest big enough for the bulk loader, killed at random points from extraction to
    the alignment (`KILL_TRIALS` of them, 5 here and 20 in `make kill-trials`). After each kill: no
    worker is left running; opening the store gives documents that are exactly what the complete
    run wrote for them, or absent; running the same ingest again rebuilds the rest, alignment
    included, into the complete run's graph, and `doctor --check` finds the store sound."""
    import random

    from .test_corpus import corpus

    folder = tmp_path / "corpus"
    corpus.generate(folder, plans=12, authorities=2, seed=0)
    command = [sys.executable, "-m", "plangraph", "ingest", str(folder), "--store"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "whole")], check=True, capture_output=True)
    took = time.monotonic() - started
    whole = _graphs(tmp_path / "whole", documents_only=False)
    documents = _graphs(tmp_path / "whole")
    assert sum(map(len, documents.values())) > 50_000  # past BULK_MIN: the bulk loader writes them
    seen = set()
    shares = random.Random(KILL_TRIALS).sample(range(30, 100), KILL_TRIALS)
    for trial, share in enumerate(sorted(shares)):
        location = tmp_path / f"killed-{trial}"
        run = subprocess.Popen([*command, str(location)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        time.sleep(took * share / 100)
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        assert not _left_running(location), f"a worker outlived the run killed at {share}%"
        if location.exists():
            graphs = _graphs(location)
            assert all(graphs[g] == documents[g] for g in graphs), f"half-written (kill at {share}%)"
            seen.add(len(graphs))
        subprocess.run([*command, str(location)], check=True, capture_output=True)
        assert _graphs(location, documents_only=False) == whole, f"not rebuilt whole (kill at {share}%)"
        doctor = subprocess.run([sys.executable, "-m", "plangraph", "doctor", "--check", "--store",
                                 str(location)], capture_output=True, text=True)
        assert doctor.returncode == 0 and "sound" in doctor.stdout, doctor.stdout + doctor.stderr
    assert len(seen) > 1 or seen == {len(documents)}, "the kills all fell at one point"

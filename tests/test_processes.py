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


def _document_graphs(location: Path) -> dict[str, set[str]]:
    """Each document graph's quads (ingest times aside), after opening the store as any
    command does (which finishes what a stopped run left)."""
    from plangraph import KnowledgeGraph
    from plangraph.graph.namespaces import GRAPH, LOADING_GRAPH, PRIVATE

    with KnowledgeGraph.open(location) as kg:
        assert not kg.sparql(f"ASK {{ GRAPH <{LOADING_GRAPH}> {{ ?s ?p ?o }} }}")[0]["result"]
        assert kg.union_matches()
        graphs: dict[str, set[str]] = {}
        for quad in kg.backend.quads():
            graph = quad.graph_name.value
            document = graph.startswith(GRAPH) and not graph.startswith(PRIVATE)
            if document and "ingestedAt" not in quad.predicate.value:
                graphs.setdefault(graph, set()).add(f"{quad.subject} {quad.predicate} {quad.object}")
        return graphs


@pytest.mark.slow
def test_kill_9_at_any_point_of_a_first_ingest_leaves_each_document_whole_or_absent(tmp_path: Path) -> None:
    """A first ingest big enough for the bulk loader, killed at five points from extraction to
    the alignment: opening the store after each gives documents that are exactly what the
    complete run wrote for them, or absent, and a union equal to their statements."""
    from .test_corpus import corpus

    folder = tmp_path / "corpus"
    corpus.generate(folder, plans=12, authorities=2, seed=0)
    command = [sys.executable, "-m", "plangraph", "ingest", str(folder), "--store"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "whole")], check=True, capture_output=True)
    took = time.monotonic() - started
    whole = _document_graphs(tmp_path / "whole")
    assert sum(map(len, whole.values())) > 50_000  # past BULK_MIN: the bulk loader writes them
    seen = set()
    for trial, share in enumerate((0.4, 0.55, 0.7, 0.8, 0.9)):
        location = tmp_path / f"killed-{trial}"
        run = subprocess.Popen([*command, str(location)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        time.sleep(took * share)
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        if not location.exists():
            continue
        graphs = _document_graphs(location)
        assert all(graphs[g] == whole[g] for g in graphs), f"a document half-written (kill at {share:.0%})"
        seen.add(len(graphs))
    assert len(seen) > 1 or seen == {len(whole)}, "the kills all fell at one point"

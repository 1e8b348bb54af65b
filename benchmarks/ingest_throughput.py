"""End-to-end ingest throughput on the seed documents and the demo data.

    python benchmarks/ingest_throughput.py [--repeat 3] [--seeds ../shared/seeds]

Prints, per corpus: MB of source text per second and triples per second for the whole chain
(read -> extract -> resolve -> write to an on-disk Oxigraph store), the time spent in each
stage, and, as a baseline measured in the same process, how long rdflib takes merely to parse
the resulting N-Quads. The ratio says how much of a plain RDF load the extraction costs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from plangraph import KnowledgeGraph
from plangraph.graph.resources import demo_files
from plangraph.ingest.extractors import extract
from plangraph.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def stage_times(files: list[Path]) -> dict[str, float]:
    """Seconds spent reading and extracting (no store), summed over the files."""
    read = ext = 0.0
    for path in files:
        t0 = time.perf_counter()
        doc, _ = read_document(path)
        t1 = time.perf_counter()
        extract(doc)
        t2 = time.perf_counter()
        read, ext = read + t1 - t0, ext + t2 - t1
    return {"read": read, "extract": ext}


def run(name: str, files: list[Path], repeat: int) -> None:
    size = sum(p.stat().st_size for p in files)
    totals, triples, nquads = [], 0, b""
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            kg = KnowledgeGraph.open(Path(tmp) / "store")
            t0 = time.perf_counter()
            kg.ingest(files)
            totals.append(time.perf_counter() - t0)
            triples = len(kg)
            nquads = kg.export("nquads")
            kg.close()
    best = min(totals)
    stages = stage_times(files)
    baseline = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        Dataset().parse(data=nquads, format="nquads")
        baseline.append(time.perf_counter() - t0)
    base = min(baseline)
    print(f"{name}: {len(files)} files, {size / 1e6:.2f} MB, {triples:,} quads")
    print(f"  end-to-end   best {best:.3f} s  median {statistics.median(totals):.3f} s  "
          f"-> {size / 1e6 / best:.2f} MB/s, {triples / best:,.0f} triples/s")
    print(f"  stages       read {stages['read']:.3f} s, extract {stages['extract']:.3f} s, "
          f"resolve+write {max(best - stages['read'] - stages['extract'], 0):.3f} s")
    print(f"  baseline     rdflib parses the resulting N-Quads in {base:.3f} s "
          f"-> ingest/baseline = {best / base:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    seeds = sorted(args.seeds.glob("*.txt")) if args.seeds.is_dir() else []
    if seeds:
        run("seeds", seeds, args.repeat)
    else:
        print(f"seeds: not found under {args.seeds}, skipped")
    run("demo", demo_files(), args.repeat)


if __name__ == "__main__":
    main()

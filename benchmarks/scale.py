"""How plangraph grows: ingest, resolution, alignment and named queries on generated corpora.

    python benchmarks/scale.py --plans 10 100 1000 [--authorities 10] [--repeat 20]
           [--baseline-max 1000] [--api] [--keep DIR]

For each corpus size N (plans, from benchmarks/corpus.py) it builds an on-disk store and
prints: ingest MB/s and triples/s end to end; the time spent in identity resolution and in
cross-plan alignment; then, for every named query, p50/p95 latency over `--repeat` runs with
parameters sampled from the store, side by side with the same SPARQL on an rdflib in-memory
Dataset holding the same quads (up to `--baseline-max` plans; rdflib needs minutes and GBs
beyond that), and the ratio. Across sizes it fits the growth exponent of resolution and
alignment time (time ~ N^k). With --api it also starts `plangraph serve` on the largest store
and measures requests/s and p95 for entity pages and a named query (a bounded asyncio httpx
client on loopback) and the server's peak RSS. `--store DIR` measures an existing store's
queries (and API) without building one.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx
from rdflib import Dataset

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from corpus import generate  # noqa: E402

from plangraph import KnowledgeGraph  # noqa: E402
from plangraph.graph.labels import LabelIndex  # noqa: E402
from plangraph.graph.sparqltext import bind, inline_lateral  # noqa: E402
from plangraph.ingest import resolver as resolver_module  # noqa: E402
from plangraph.queries import NamedQuery, bind_params, load_queries  # noqa: E402

SAMPLES = {  # parameter -> the class of entity to sample for it
    "outcome": "pg:Outcome", "plan": "pg:Plan", "element": "pg:Priority", "indicator": "pg:Indicator",
    "board": "pg:Board", "person": "foaf:Person",
}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


class Timer:
    """Wraps a function and adds up the seconds spent in it."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name, self.seconds = owner, name, 0.0
        self.original = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            t0 = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0

        setattr(owner, name, timed)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.original)


def build(n: int, authorities: int, work: Path) -> tuple[KnowledgeGraph, dict]:
    corpus = work / f"corpus-{n}"
    stats = generate(corpus, plans=n, authorities=min(authorities, max(1, n // 2)), seed=0)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    kg = KnowledgeGraph.open(work / f"store-{n}")
    resolve = Timer(resolver_module.Resolver, "resolve")
    t0 = time.perf_counter()
    results = kg.ingest(files, refresh=False)
    ingest_s = time.perf_counter() - t0
    resolve.restore()
    triples = len(kg)  # what the timed ingest wrote: not the alignment written next
    align_s = 0.0
    try:
        from plangraph.graph.alignment import refresh_alignments

        t1 = time.perf_counter()
        refresh_alignments(kg)
        align_s = time.perf_counter() - t1
    except ImportError:
        pass
    failed = sum(not r.ok for r in results)
    figures = {"n": n, "files": len(files), "bytes": stats.bytes, "triples": triples, "failed": failed,
               "ingest_s": ingest_s, "resolve_s": resolve.seconds, "align_s": align_s}
    print(f"N={n}: {len(files)} files, {stats.bytes / 1e6:.1f} MB -> {triples:,} quads "
          f"({failed} failed) in {ingest_s:.1f} s = {stats.bytes / 1e6 / ingest_s:.2f} MB/s, "
          f"{triples / ingest_s:,.0f} triples/s; resolution {resolve.seconds:.2f} s, "
          f"alignment {align_s:.2f} s")
    return kg, figures


def sample_params(kg: KnowledgeGraph, rng: random.Random) -> dict[str, list[str]]:
    out = {}
    for param, cls in SAMPLES.items():
        rows = kg.sparql(f"SELECT DISTINCT ?s WHERE {{ ?s a {cls} }} LIMIT 2000")
        out[param] = [r["s"] for r in rows]
    return {k: rng.sample(v, min(len(v), 50)) for k, v in out.items() if v}


def query_latency(kg: KnowledgeGraph, repeat: int, baseline: Dataset | None) -> None:
    """p50/p95 of every named query over `repeat` runs with parameters sampled from the store, and
    of the same SPARQL on the rdflib `baseline` (when given) with the ratio."""
    rng = random.Random(0)
    pool = sample_params(kg, rng)
    t0 = time.perf_counter()
    LabelIndex.of(kg)  # built once per store version, on first use: not part of any query
    print(f"  label index built in {time.perf_counter() - t0:.1f} s")
    for name, query, optional in _query_variants():
        _print_latency(_variant_label(name, query, optional),
                       _time_query(kg, name, query, optional, repeat, pool, rng, baseline))


def _query_variants() -> list[tuple[str, NamedQuery, bool]]:
    """(name, query, optional entities given?): every named query, and once more with its optional
    entities given when it has any (e.g. the gaps of one plan)."""
    queries = load_queries()
    variants = [(name, query, False) for name, query in queries.items()]
    variants += [(name, query, True) for name, query in queries.items()
                 if any(p.type == "entity" and not p.required for p in query.params)]
    return sorted(variants, key=lambda v: (v[0], v[2]))


def _variant_label(name: str, query: NamedQuery, optional: bool) -> str:
    if not optional:
        return name
    return name + " (" + ", ".join(p.name for p in query.params if not p.required
                                   and p.type == "entity") + " given)"


def _run_params(query: NamedQuery, pool: dict[str, list[str]], i: int, optional: bool,
                rng: random.Random) -> dict[str, str]:
    """The parameters of run i: entities from the sampled pool (plans for `from` and `to`, `to` the
    next one), a search word drawn from `rng`."""
    params: dict[str, str] = {}
    for p in query.params:
        if p.type == "entity" and (p.required or optional):
            key = "plan" if p.name in {"from", "to"} else p.name
            if key in pool:
                params[p.name] = pool[key][(i + (p.name == "to")) % len(pool[key])]
        elif p.type == "search":
            params[p.name] = rng.choice(["health", "board", "children", "weight", "smith"])
    return params


def _baseline_wanted(query: NamedQuery, base_times: list[float]) -> bool:
    """Whether to run the query on rdflib again: only with entity parameters (its text search is
    not ours), and until it has enough: rdflib needs seconds, three runs suffice; minutes, one does."""
    slowest = max(base_times, default=0.0)
    enough = (len(base_times) >= 3 and slowest > 5.0) or slowest > 30.0
    return bool(query.params) and all(p.type != "search" for p in query.params) and not enough


def _baseline_seconds(kg: KnowledgeGraph, baseline: Dataset, query: NamedQuery, params: dict[str, str],
                      ) -> tuple[float | None, str]:
    """(seconds, "") of the same query, bound, on the rdflib baseline; (None, why) if rdflib fails."""
    text, terms = bind_params(kg, query, params)
    sparql = inline_lateral(bind(text, terms))  # rdflib reads SPARQL 1.1
    t1 = time.perf_counter()
    try:
        list(baseline.query(sparql, initNs=PREFIX_NS))
    except Exception as err:
        return None, f"rdflib fails: {type(err).__name__}"
    return time.perf_counter() - t1, ""


def _time_query(kg: KnowledgeGraph, name: str, query: NamedQuery, optional: bool, repeat: int,
                pool: dict[str, list[str]], rng: random.Random, baseline: Dataset | None,
                ) -> Timing:
    """`repeat` timed runs with parameters that have answers (no runs if a required parameter
    has nothing to sample), and the rdflib runs, none more once one fails."""
    timing = Timing()
    times, base_times = timing.times, timing.base_times
    for i in range(repeat * TRIES):
        if len(times) == repeat:
            break
        params = _run_params(query, pool, i, optional, rng)
        if any(p.required and p.name not in params for p in query.params):
            break
        t0 = time.perf_counter()
        rows = len(kg.query(name, **params))
        seconds = time.perf_counter() - t0
        if not rows:  # a parameter with no answer times nothing worth knowing: draw another
            timing.empty += 1
            continue
        times.append(seconds)
        timing.rows.append(rows)
        if baseline is not None and not timing.base_error and _baseline_wanted(query, base_times):
            seconds, timing.base_error = _baseline_seconds(kg, baseline, query, params)
            if seconds is not None:
                base_times.append(seconds)
    return timing


TRIES = 5  # parameters drawn per timed run, at most, looking for ones with answers


@dataclass
class Timing:
    """One named query's runs: seconds and rows of each timed run, parameters drawn that had no
    answer (not timed), seconds of each rdflib run and why rdflib failed."""

    times: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    empty: int = 0
    base_times: list[float] = field(default_factory=list)
    base_error: str = ""


def _print_latency(label: str, timing: Timing) -> None:
    times, base_times, base_error = timing.times, timing.base_times, timing.base_error
    if not times:
        print(f"  {label:24} (no parameters with an answer to sample)")
        return
    p50, p95, rows = statistics.median(times) * 1e3, pct(times, 0.95) * 1e3, statistics.median(timing.rows)
    line = (f"  {label:24} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  rows p50 {rows:6.0f}"
            f"  ({len(times)} runs, {timing.empty} empty drawn)")
    if base_error and not base_times:
        line += f"   ({base_error})"
    if base_times:
        ratio = statistics.median(base_times) / statistics.median(times)
        line += f"   rdflib p50 {statistics.median(base_times) * 1e3:9.1f} ms  ratio {ratio:6.1f}x"
    print(line)


PREFIX_NS: dict = {}


def rdflib_baseline(kg: KnowledgeGraph) -> Dataset:
    from rdflib import Namespace

    from plangraph.graph.namespaces import PREFIXES

    PREFIX_NS.update({k: Namespace(v) for k, v in PREFIXES.items()})
    ds = Dataset(default_union=True)
    t0 = time.perf_counter()
    ds.parse(data=kg.export("nquads"), format="nquads")
    print(f"  rdflib baseline loaded in {time.perf_counter() - t0:.1f} s")
    return ds


def fit(sizes: list[int], seconds: list[float]) -> float:
    points = [(math.log(n), math.log(s)) for n, s in zip(sizes, seconds, strict=True) if s > 0]
    if len(points) < 2:
        return float("nan")
    mx = statistics.mean(x for x, _ in points)
    my = statistics.mean(y for _, y in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def api_load(store: Path, seconds: float = 10.0, concurrency: int = 16) -> None:
    """Requests/s of `plangraph serve` for entity pages of 200 entities sampled from the store
    (people, boards, plans, priorities, indicators...) and for a named query with varied text."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "plangraph", "serve", "--store", str(store),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/queries", timeout=2)  # cheap: ready, not busy counting
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        t0 = time.perf_counter()
        httpx.get(base + "/api/search", params={"q": "board"}, timeout=300)
        print(f"  first search (builds the label index): {time.perf_counter() - t0:.1f} s")
        types = " ".join(SAMPLES.values())
        rows = httpx.get(base + "/sparql", params={"query": f"SELECT ?s WHERE {{ VALUES ?t {{ {types} }} "
                                                   f"?s a ?t }}"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=120).json()
        iris = sorted(b["s"]["value"] for b in rows["results"]["bindings"])
        entities = [{"iri": iri} for iri in random.Random(0).sample(iris, min(200, len(iris)))]
        words = [{"text": w} for w in ("health", "board", "children", "weight", "smith", "school",
                                       "safeguarding", "housing")]
        for label, path, params in (("entity API", "/api/entity", entities),
                                    ("named query", "/api/queries/search", words)):
            t0 = time.perf_counter()
            asyncio.run(_hammer(base + path, params, 0.0, concurrency))  # each once, cold: not timed
            cold = time.perf_counter() - t0
            rate, p50, p95, client = _load(base, path, params, seconds, concurrency)
            print(f"  {label:12} {rate:7.1f} req/s  p50 {p50:.1f} ms  p95 {p95:.1f} ms   ({len(params)} "
                  f"distinct, {client}; first pass, nothing kept: {len(params) / cold:.1f} req/s)")
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        print(f"  serve peak RSS: {peak.split(':')[1].strip()}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            print("  serve did not stop within 20 s of SIGTERM")
            server.kill()


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%f %%f %%f\\n", summary.requests, summary.duration / 1e6,
                         latency:percentile(50) / 1e3, latency:percentile(95) / 1e3))
end
"""


def _load(base: str, path: str, params: list[dict], seconds: float, concurrency: int,
          ) -> tuple[float, float, float, str]:
    """(requests/s, p50 ms, p95 ms, client) cycling through `params`. With wrk (a C load
    generator) when it is installed: a Python client on the same two cores is itself the limit
    (~100 requests/s whatever the server does)."""
    if shutil.which("wrk"):
        paths = ", ".join(f'"{path}?{urlencode(p)}"' for p in params)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % paths)
        out = subprocess.run(["wrk", "-t2", f"-c{concurrency}", f"-d{int(seconds)}s", "-s", script.name,
                              base], capture_output=True, text=True, check=True).stdout
        Path(script.name).unlink()
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise RuntimeError(f"{errors.group(1)} requests to {path} failed")
        count, duration, p50, p95 = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out).groups()
        return int(count) / float(duration), float(p50), float(p95), "wrk"
    latencies = asyncio.run(_hammer(base + path, params, seconds, concurrency))
    return (len(latencies) / seconds, statistics.median(latencies) * 1e3, pct(latencies, 0.95) * 1e3,
            "httpx client")


async def _hammer(url: str, params: list[dict], seconds: float, concurrency: int) -> list[float]:
    """Latencies of requests cycling through `params` until `seconds` pass (or each once if 0)."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    turn = iter(range(1 << 62))
    async with httpx.AsyncClient(timeout=60) as client:
        async def worker() -> None:
            while True:
                i = next(turn)
                if (seconds and time.perf_counter() >= deadline) or (not seconds and i >= len(params)):
                    return
                t0 = time.perf_counter()
                response = await client.get(url, params=params[i % len(params)])
                response.raise_for_status()
                latencies.append(time.perf_counter() - t0)
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--authorities", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--baseline-max", type=int, default=1000)
    ap.add_argument("--api", action="store_true")
    ap.add_argument("--keep", type=Path, help="work directory to keep (default: a temporary one)")
    ap.add_argument("--store", type=Path, help="measure the queries (and --api) of this store; build none")
    args = ap.parse_args()
    if args.store:
        kg = KnowledgeGraph.open(args.store)
        print(f"{args.store}: {len(kg):,} quads")
        query_latency(kg, args.repeat, None)
        kg.close()
        if args.api:
            api_load(args.store)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="plangraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures = []
    last_store = None
    try:
        for n in args.plans:
            kg, f = build(n, args.authorities, work)
            figures.append(f)
            baseline = rdflib_baseline(kg) if n <= args.baseline_max else None
            query_latency(kg, args.repeat, baseline)
            kg.close()
            last_store = work / f"store-{n}"
        sizes = [f["n"] for f in figures]
        if len(sizes) > 1:
            print(f"growth exponents over N={sizes}: resolution "
                  f"{fit(sizes, [f['resolve_s'] for f in figures]):.2f}, alignment "
                  f"{fit(sizes, [f['align_s'] for f in figures]):.2f}, ingest "
                  f"{fit(sizes, [f['ingest_s'] for f in figures]):.2f}")
        if args.api and last_store is not None:
            api_load(last_store)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

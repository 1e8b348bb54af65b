"""Query workers: /sparql runs each query in a separate process that can be killed.

pyoxigraph releases the GIL while it evaluates, so a thread would keep the server answering,
but a thread cannot be stopped: a runaway query (a cross product of every triple, a COUNT
over it) would burn a core until it ends, which may be never. So the SPARQL endpoint hands
queries to a small pool of worker processes (`PLANGRAPH_QUERY_WORKERS`, default 2):

* on an on-disk store each worker opens it with `Store.read_only(path)`, which Oxigraph allows
  next to the server's own read-write handle;
* on an in-memory store (tests, `KnowledgeGraph.memory()`) each worker loads an N-Quads
  snapshot written to a temporary folder, remade when the store's version changes;
* a worker that has not answered within `PLANGRAPH_QUERY_TIMEOUT` seconds is killed
  (SIGKILL) and replaced; the client gets 503 and every other client carries on;
* each worker runs under an address-space limit (`PLANGRAPH_WORKER_MEMORY_MB`), so a query
  that would eat the machine's memory dies alone;
* before the server writes (an upload), every worker is stopped, so no reader has the store
  open while it changes ("opening read-only while another process writes is undefined"), and
  workers opened afterwards see the new documents.

A store behind a remote SPARQL service has no local files: `ThreadRunner` runs its queries in
threads and abandons (rather than kills) one that times out; the remote service's own HTTP
timeout ends it.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from plangraph.graph.store import StoreError
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.sparql import NO_SERVICE, READ_ONLY, Answer, Negotiated, QueryRefused, execute, serialise

START_TIMEOUT = 60.0  # seconds a new worker may take to open the store


class QueryTimeout(Exception):
    """The query ran past the timeout; its worker was killed."""


class QueryFailed(Exception):
    """The worker died (out of memory) or could not start; the message says which."""


class Busy(Exception):
    """Every worker stayed busy for the whole timeout."""


@dataclass(frozen=True)
class Job:
    text: str
    negotiated: Negotiated
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class Runner(Protocol):
    def run(self, job: Job) -> Answer: ...
    def start(self) -> None: ...
    def writing(self) -> contextlib.AbstractContextManager[None]: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Source:
    """Where a worker finds the triples: an on-disk store or an N-Quads snapshot."""

    kind: str  # "disk" or "snapshot"
    path: str


# -- inside a worker process ------------------------------------------------------------------
def worker_main(conn: Connection, source: Source, memory_mb: int) -> None:
    """Open the store, say ready, then answer jobs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server, which stops us
    if memory_mb:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        if source.kind == "disk":
            store = ox.Store.read_only(source.path)
        else:
            store = ox.Store()
            store.bulk_load(path=source.path, format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as err:
        conn.send(("failed", f"cannot open the store: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = execute(store, job.text, job.negotiated, job.max_rows,
                             list(job.default_graphs), list(job.named_graphs))
            conn.send(("ok", answer))
        except QueryRefused as refused:
            conn.send(("refused", (refused.status, refused.message)))
        except MemoryError:
            conn.send(("error", "the query needs more memory than a query worker may use"))
        except Exception as err:
            conn.send(("error", f"the query failed: {err}"))


# -- in the server ------------------------------------------------------------------------------
class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ctx: Any, source: Source, memory_mb: int, generation: int) -> None:
        self.generation = generation
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, source, memory_mb),
                                   daemon=True, name="plangraph-query-worker")
        self.process.start()
        child.close()
        self.conn: Connection = parent
        if not parent.poll(START_TIMEOUT):
            self.kill()
            raise QueryFailed("a query worker did not start in time")
        try:
            status, message = parent.recv()
        except (EOFError, OSError):
            status, message = "failed", "a query worker stopped while starting"
        if status != "ready":
            self.kill()
            raise QueryFailed(message)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """A few worker processes; a query borrows one, and a query that times out kills it."""

    def __init__(self, source: Callable[[], Source], version: Callable[[], object], size: int,
                 timeout: float, memory_mb: int = 0) -> None:
        self._make_source = source
        self._version_of = version
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._ctx = mp.get_context("spawn")  # never fork a process holding RocksDB and threads
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._count = 0  # workers alive or starting
        self._paused = 0
        self._generation = 0
        self._source: Source | None = None
        self._version: object = None
        self._closed = False

    # the life of the pool
    def start(self) -> None:
        """Open the workers in the background, so the first query need not wait for them."""
        threading.Thread(target=self._prestart, daemon=True, name="plangraph-query-prestart").start()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Stop every worker for the length of a write; later workers see what was written."""
        with self._cond:
            self._paused += 1
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.kill()
        deadline = time.monotonic() + self.timeout + 2
        with self._cond:
            while self._busy and time.monotonic() < deadline:
                self._cond.wait(max(deadline - time.monotonic(), 0.01))
            stragglers = list(self._busy)
        for worker in stragglers:  # their callers get QueryFailed
            worker.kill()
        try:
            yield
        finally:
            with self._cond:
                self._paused -= 1
                self._generation += 1
                self._source = None
                self._version = None
                self._cond.notify_all()
            self.start()

    # answering
    def run(self, job: Job) -> Answer:
        self._follow_version()
        worker = self._acquire()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                self._discard(worker)
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped "
                                   "(PLANGRAPH_QUERY_TIMEOUT)")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._discard(worker)
            raise QueryFailed("the query worker stopped while running the query "
                              "(it may have needed more memory than allowed)") from None
        self._release(worker)
        if status == "ok":
            return payload
        if status == "refused":
            raise QueryRefused(*payload)
        raise QueryFailed(payload)

    def _follow_version(self) -> None:
        """A store changed in this process since the workers opened it: retire them."""
        version = self._version_of()
        with self._cond:
            if version == self._version:
                return
            self._version = version
            self._generation += 1
            self._source = None
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.kill()

    def _acquire(self) -> Worker:
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while True:
                if self._closed:
                    raise QueryFailed("the server is shutting down")
                if not self._paused:
                    if self._idle:
                        worker = self._idle.pop()
                        self._busy.add(worker)
                        return worker
                    if self._count < self.size:
                        self._count += 1
                        generation = self._generation
                        source = self._ensure_source()
                        break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Busy("every query worker stayed busy; try again shortly")
                self._cond.wait(remaining)
        worker = self._spawn(source, generation)
        with self._cond:
            self._busy.add(worker)
        return worker

    def _spawn(self, source: Source, generation: int) -> Worker:
        try:
            return Worker(self._ctx, source, self.memory_mb, generation)
        except Exception:
            with self._cond:
                self._count -= 1
                self._cond.notify_all()
            raise

    def _ensure_source(self) -> Source:
        if self._source is None:
            self._source = self._make_source()
        return self._source

    def _release(self, worker: Worker) -> None:
        with self._cond:
            self._busy.discard(worker)
            keep = worker.generation == self._generation and not self._paused and not self._closed
            if keep:
                self._idle.append(worker)
            else:
                self._count -= 1
            self._cond.notify_all()
        if not keep:
            worker.kill()

    def _discard(self, worker: Worker) -> None:
        worker.kill()
        with self._cond:
            if worker in self._busy:
                self._busy.discard(worker)
            self._count -= 1
            self._cond.notify_all()
        self.start()  # replace it before the next query needs it

    def _prestart(self) -> None:
        with contextlib.suppress(Exception):
            self._follow_version()
        while True:
            with self._cond:
                if self._closed or self._paused or self._count >= self.size:
                    return
                self._count += 1
                generation = self._generation
                try:
                    source = self._ensure_source()
                except Exception:
                    self._count -= 1
                    return
            try:
                worker = self._spawn(source, generation)
            except Exception:
                return
            self._release(worker)


class ThreadRunner:
    """For a remote store: queries in threads, abandoned (not killed) after the timeout."""

    def __init__(self, kg: KnowledgeGraph, timeout: float, size: int = 4) -> None:
        self.kg = kg
        self.timeout = timeout
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="plangraph-query")

    def start(self) -> None:
        pass

    def run(self, job: Job) -> Answer:
        from plangraph.web.sparql import looks_like_update, uses_service

        if uses_service(job.text):
            raise QueryRefused(403, NO_SERVICE)
        if looks_like_update(job.text):
            raise QueryRefused(403, READ_ONLY)

        def work() -> Answer:
            try:
                result = self.kg.raw_query(job.text)
            except (SyntaxError, StoreError) as err:
                raise QueryRefused(400, f"the query failed: {err}") from None
            return serialise(result, job.negotiated, job.max_rows)

        future = self._threads.submit(work)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was abandoned") from None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        yield

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def runner_for(kg: KnowledgeGraph, timeout: float, workers: int, memory_mb: int) -> Runner:
    """The right runner for the store behind `kg` (see the module's docstring)."""
    if kg.store is None:
        return ThreadRunner(kg, timeout)
    if kg.location is not None:
        location = kg.location
        return QueryPool(lambda: Source("disk", location), kg.version, workers, timeout, memory_mb)
    return QueryPool(_snapshots(kg), kg.version, workers, timeout, memory_mb)


def _snapshots(kg: KnowledgeGraph) -> Callable[[], Source]:
    """Each call writes the in-memory store to a fresh N-Quads file for new workers to load."""
    folder = Path(tempfile.mkdtemp(prefix="plangraph-snapshot-"))
    counter = iter(range(1, 1 << 62))

    def make() -> Source:
        number = next(counter)
        path = folder / f"snapshot-{number}.nq"
        kg.store.dump(str(path), format=ox.RdfFormat.N_QUADS)  # all of it: the union default graph too
        # workers have loaded older snapshots into memory; one may still be loading the last
        with contextlib.suppress(OSError):
            (folder / f"snapshot-{number - 2}.nq").unlink(missing_ok=True)
        return Source("snapshot", str(path))

    make.folder = folder  # type: ignore[attr-defined]
    return make


def cleanup_snapshots(runner: Runner) -> None:
    """Remove an in-memory store's snapshot folder when the server stops."""
    folder = getattr(getattr(runner, "_make_source", None), "folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)

"""Query workers: /sparql runs each query in a separate process that can be killed.

pyoxigraph releases the GIL while it evaluates, so a thread would keep the server answering,
but a thread cannot be stopped: a runaway query (a cross product of every triple, a COUNT
over it) would burn a core until it ends, which may be never. So the SPARQL endpoint hands
queries to a small pool of worker processes (`PLANGRAPH_QUERY_WORKERS`, default 2):

* on an on-disk store each worker opens it with `Store.read_only(path)`, which Oxigraph allows
  next to the server's own read-write handle;
* on an in-memory store (tests, `KnowledgeGraph.memory()`) each worker loads an N-Quads
  snapshot written to a temporary folder, remade when the store's version changes;
* a worker that has not answered within `PLANGRAPH_QUERY_TIMEOUT` seconds is killed and
  replaced (pebble's pool does both); the client gets 503 and every other client carries on;
* each worker's memory may grow by `PLANGRAPH_WORKER_MEMORY_MB` at most, so a query that would
  eat the machine's memory dies alone, and workers die with the server (`plangraph.processes`);
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
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from pebble import ProcessExpired, ProcessFuture, ProcessPool

from plangraph.graph.sparqltext import too_deep
from plangraph.graph.store import StoreError
from plangraph.knowledge import KnowledgeGraph
from plangraph.processes import bound_worker
from plangraph.web.sparql import NO_SERVICE, READ_ONLY, Answer, Negotiated, QueryRefused, execute, serialise


class QueryTimeout(Exception):
    """The query ran past the timeout; its worker was killed."""


class QueryFailed(Exception):
    """The worker died (out of memory) or could not start; the message says which."""


class Busy(Exception):
    """Every worker stayed busy for the whole timeout."""


class TooMany(Exception):
    """The client already runs as many queries as one client may."""


class ClientSlots:
    """Each client's share of the workers: past `per_client` queries running at once, its next
    query is refused at once (429) rather than queued, so one client (or one script firing
    queries in parallel) cannot hold every worker while everyone else waits for the timeout."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def hold(self, client: str) -> Iterator[None]:
        with self._lock:
            running = self._running.get(client, 0)
            if running >= self.per_client:
                raise TooMany(f"this client already has {running} SPARQL "
                              f"quer{'y' if running == 1 else 'ies'} running; send the next when it "
                              "has answered (PLANGRAPH_QUERIES_PER_CLIENT)")
            self._running[client] = running + 1
        try:
            yield
        finally:
            with self._lock:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]


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
_opened: ox.Store | str | None = None  # the worker's store, or why it could not be opened


def open_source(source: Source, memory_mb: int) -> None:
    """A worker's start (pebble's initializer): bound it, then open the store once for every
    query it will answer. A store that cannot be opened is said by each query, not raised
    here, where it would only make the pool start the worker again and again."""
    global _opened
    bound_worker(memory_mb)
    try:
        if source.kind == "disk":
            _opened = ox.Store.read_only(source.path)
        else:
            _opened = ox.Store()
            _opened.bulk_load(path=source.path, format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as err:
        _opened = f"cannot open the store: {err}"


def answer(job: Job) -> tuple[str, Any]:
    """One query in a worker: ("ok", answer), ("refused", (status, message)) or ("error", why)."""
    if not isinstance(_opened, ox.Store):
        return "error", _opened or "the query worker has no store"
    try:
        return "ok", execute(_opened, job.text, job.negotiated, job.max_rows,
                             list(job.default_graphs), list(job.named_graphs))
    except QueryRefused as refused:
        return "refused", (refused.status, refused.message)
    except MemoryError:
        return "error", "the query needs more memory than a query worker may use"
    except Exception as err:
        return "error", f"the query failed: {err}"


# -- in the server ------------------------------------------------------------------------------
class QueryPool:
    """A few worker processes (pebble's pool) answering queries; a query that runs past the
    timeout has its worker killed, and the pool starts another."""

    def __init__(self, source: Callable[[], Source], version: Callable[[], object], size: int,
                 timeout: float, memory_mb: int = 0) -> None:
        self._make_source = source
        self._version_of = version
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._cond = threading.Condition()
        self._pool: ProcessPool | None = None
        self._version: object = None
        self._paused = 0
        self._closed = False

    # the life of the pool
    def start(self) -> None:
        """Open the workers in the background, so the first query need not wait for them."""
        threading.Thread(target=self._current, daemon=True, name="plangraph-query-prestart").start()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            pool, self._pool = self._pool, None
            self._cond.notify_all()
        if pool is not None:
            pool.stop()
            pool.join()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Stop every worker for the length of a write (queries running are given the timeout to
        finish); workers opened afterwards see what was written."""
        with self._cond:
            self._paused += 1
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
            with contextlib.suppress(TimeoutError):
                pool.join(self.timeout + 2)
            pool.stop()  # the stragglers: their callers get QueryFailed
            pool.join()
        try:
            yield
        finally:
            with self._cond:
                self._paused -= 1
                self._version = None
                self._cond.notify_all()
            self.start()

    # answering
    def run(self, job: Job) -> Answer:
        future = self._current().schedule(answer, (job,), timeout=self.timeout)
        try:
            status, payload = future.result(timeout=self.timeout)
        except TimeoutError:
            if not future.running() and future.cancel():
                raise Busy("every query worker stayed busy; try again shortly") from None
            status, payload = self._after_start(future)
        except Exception as err:
            status, payload = self._failure(err)
        if status == "ok":
            return payload
        if status == "refused":
            raise QueryRefused(*payload)
        raise QueryFailed(payload)

    def _after_start(self, future: ProcessFuture) -> tuple[str, Any]:
        """The answer of a query that started late: pebble stops it at its own timeout."""
        try:
            return future.result()
        except Exception as err:
            return self._failure(err)

    def _failure(self, err: Exception) -> tuple[str, Any]:
        if isinstance(err, TimeoutError):
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped "
                               "(PLANGRAPH_QUERY_TIMEOUT)") from None
        if isinstance(err, CancelledError | ProcessExpired | RuntimeError):
            return "error", ("the query worker stopped while running the query "
                             "(it may have needed more memory than allowed)")
        return "error", f"the query failed: {err}"

    def _current(self) -> ProcessPool:
        """The pool for the store as it is now: waits out a write (at most the timeout), and
        retires the workers of an older version of an in-memory store (they finish first)."""
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while self._paused and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Busy("the store is being written; try again shortly")
                self._cond.wait(remaining)
            if self._closed:
                raise QueryFailed("the server is shutting down")
            version = self._version_of()
            if self._pool is not None and version == self._version:
                return self._pool
            old, self._version = self._pool, version
            self._pool = ProcessPool(self.size, initializer=open_source,
                                     initargs=(self._make_source(), self.memory_mb),
                                     context=mp.get_context("spawn"))
            pool = self._pool
            pool.schedule(len, ((),))  # pebble starts its workers at the first task
        if old is not None:
            old.close()  # its queries finish; its workers then end
        return pool


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

        if (why := too_deep(job.text)) is not None:
            raise QueryRefused(400, why)
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
        except TimeoutError:
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

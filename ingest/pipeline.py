"""One file through the whole chain: reader -> Document -> extractors -> resolver -> quads.

Nothing here writes to the store. Reading and extracting (`extract_bytes`) does not even read
it, so it runs in worker processes; `KnowledgeGraph.ingest` then settles identity for the whole
set of documents (`ingest.settle`). `resolve_extracted` (or `prepare_bytes`) resolves one file
against the store as it stands and returns the quads it would get — a preview, and how the
resolver's cost per file is measured.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool
from pyoxigraph import Quad

from plangraph.graph.namespaces import doc_iri, graph_iri
from plangraph.ingest.document import Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.rdf import SourceInfo, facts_to_quads
from plangraph.ingest.readers import read_bytes
from plangraph.ingest.resolver import Resolver, stored_keys
from plangraph.processes import bound_worker

log = logging.getLogger("plangraph.ingest")
T = TypeVar("T")


@dataclass
class Extracted:
    """A file's document and facts: what reading and extracting give, before identity."""

    name: str
    data: bytes
    document: Document
    facts: Facts


@dataclass
class Prepared:
    """A parsed, extracted and resolved document, ready to be written in one transaction."""

    source: SourceInfo
    document: Document
    facts: Facts
    quads: list[Quad]
    warnings: list[str] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_bytes(data: bytes, name: str, area: str | None = None) -> Extracted:
    """Read and extract a file already in memory. Pure (no store), so it can run in a worker
    process while the store takes the previous file."""
    document = read_bytes(data, name)
    return Extracted(name, data, document, extract(document, area))


def resolve_extracted(extracted: Extracted, resolver: Resolver | None = None) -> Prepared:
    """Decide identity against the store and build the quads of the document's graph."""
    doc, facts, data, name = extracted.document, extracted.facts, extracted.data, extracted.name
    resolution = (resolver or Resolver()).resolve(facts, name)
    source = SourceInfo(
        file_name=name,
        media_type=doc.media_type,
        sha256=sha256(data),
        size=len(data),
        doc_iri=doc_iri(name),
        graph_iri=graph_iri(name),
        area=facts.area,
        ingested_at=datetime.now(UTC),
    )
    block_keys = {key: stored_keys(keys, facts.area) for key, keys in resolution.block_keys.items()}
    quads = facts_to_quads(doc, facts, resolution.iris, resolution.labels, source,
                           resolution.reasons, block_keys)
    return Prepared(source, doc, facts, quads, [*doc.warnings, *facts.warnings])


def prepare_bytes(data: bytes, name: str, area: str | None = None,
                  resolver: Resolver | None = None) -> Prepared:
    """Extract and resolve a file already in memory (the web upload path uses this too)."""
    return resolve_extracted(extract_bytes(data, name, area), resolver)


# -- extraction in bounded worker processes ---------------------------------------------------
AHEAD = 4  # files in flight per worker
FILE_SECONDS = 300.0  # how long reading and extracting one file may take (PLANGRAPH_FILE_TIMEOUT)
FILE_MEMORY_MB = 2048  # how much a worker's memory may grow for one file (PLANGRAPH_FILE_MEMORY_MB)


@dataclass
class Loaded:
    """A file's bytes, waiting to be read and extracted."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Budget:
    """What one file may cost: seconds of reading and extracting, and megabytes of memory."""

    seconds: float = FILE_SECONDS
    memory_mb: int = FILE_MEMORY_MB

    @classmethod
    def from_environment(cls) -> Budget:
        return cls(_setting("PLANGRAPH_FILE_TIMEOUT", FILE_SECONDS, float),
                   _setting("PLANGRAPH_FILE_MEMORY_MB", FILE_MEMORY_MB, int))

    def over_time(self) -> str:
        return (f"reading it took longer than {self.seconds:g} s, the limit for one file "
                "(PLANGRAPH_FILE_TIMEOUT)")

    def over_memory(self) -> str:
        return (f"reading it needed more than {self.memory_mb} MB of memory, the limit for one file "
                "(PLANGRAPH_FILE_MEMORY_MB)")


def _setting(name: str, default: T, kind: type[T]) -> T:
    try:
        value = kind(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def extraction_workers(files: int) -> int:
    """Worker processes for extracting `files` files: one per core, never more than the files
    (identity is settled once every file is read, so this process only gathers while they
    work). Every file is read in a worker, so none can take more than its `Budget`;
    `PLANGRAPH_INGEST_WORKERS` overrides, and 0 reads in this process with no budget (as on a
    platform that cannot fork)."""
    setting = os.environ.get("PLANGRAPH_INGEST_WORKERS", "")
    if setting.isdigit():
        return int(setting)
    if "fork" not in get_all_start_methods():
        return 0
    return max(1, min(files, os.cpu_count() or 1))


OUT_OF_MEMORY = ("reading it needed more memory than this machine could give (read in worker "
                 "processes, one file's memory is limited instead: PLANGRAPH_FILE_MEMORY_MB)")
FAULT = ("plangraph failed while reading it (a fault in plangraph, not in the file: the "
         "details are in the debug log, PLANGRAPH_LOG=debug; please report it)")


def attempt(data: bytes, name: str, area: str | None, budget: Budget | None = None,
            ) -> Extracted | IngestError:
    """The file extracted, or the error that says why not - whatever went wrong. The one error
    policy of every way in (the CLI, the Python API, the web upload): a file that cannot be
    taken is that file's error in the user's words, and the other files go on; what a library
    or an extractor raised goes to the debug log, not to the user. `budget`: the one this file is
    read under, in a worker (none in this process)."""
    try:
        with warnings.catch_warnings(record=True) as said:  # a library's warnings are not the user's
            warnings.simplefilter("always")
            extracted = extract_bytes(data, name, area)
        for warning in said:
            log.debug("reading %s: %s", name, warning.message)
        return extracted
    except IngestError as err:
        return err
    except MemoryError:
        return IngestError(name, budget.over_memory() if budget else OUT_OF_MEMORY)
    except Exception:
        log.debug("extracting %s failed", name, exc_info=True)
        return IngestError(name, FAULT)


def extract_all(items: Iterable[Loaded | T], area: str | None, workers: int,
                budget: Budget | None = None) -> Iterator[Extracted | IngestError | T]:
    """Each `Loaded` item read and extracted (or the `IngestError` saying why not), anything else
    passed through, all in the order given.

    With workers, extraction runs in forked processes (pebble's pool) at most a few files ahead
    of the caller, so memory stays flat however many files there are. Each file has its
    `budget`: one that runs past its time has its worker killed, one that needs more memory
    fails in its worker, and either is that file's error while the pool starts a fresh worker
    for the next. Forked, not spawned: a spawned worker imports the caller's main module
    again, which re-runs any script without a `__main__` guard; a forked one only extracts (it
    never touches the parent's open store).
    """
    if workers <= 0:
        for item in items:
            yield attempt(item.data, item.name, area) if isinstance(item, Loaded) else item
        return
    budget = budget or Budget.from_environment()
    pool = ProcessPool(workers, initializer=bound_worker, initargs=(budget.memory_mb,),
                       context=get_context("fork"))
    pending: deque[tuple[Loaded | T, Future | None]] = deque()
    try:
        for item in items:
            future = None
            if isinstance(item, Loaded):
                future = pool.schedule(attempt, (item.data, item.name, area, budget), timeout=budget.seconds)
            pending.append((item, future))
            while len(pending) > AHEAD * workers:
                yield _outcome(*pending.popleft(), budget)
        while pending:
            yield _outcome(*pending.popleft(), budget)
    finally:
        pool.stop()  # every answer is in (or unwanted): the workers go now
        pool.join()  # and are gone before we return (none holds this process's files open)


def _outcome(item: Loaded | T, future: Future | None, budget: Budget) -> Extracted | IngestError | T:
    if not isinstance(item, Loaded) or future is None:
        return item
    try:
        return future.result()
    except TimeoutError:
        return IngestError(item.name, budget.over_time())
    except ProcessExpired as died:
        log.debug("the worker reading %s stopped: %s", item.name, died)
        return IngestError(item.name, budget.over_memory() if died.exitcode in (-9, 137) else
                           "the worker reading it stopped (a crash in a parser): the other files go on")
    except Exception:  # the answer could not come back (it cannot be pickled...)
        log.debug("extracting %s in a worker failed", item.name, exc_info=True)
        return IngestError(item.name, FAULT)

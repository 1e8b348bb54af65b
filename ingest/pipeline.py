"""One file through the whole chain: reader -> Document -> extractors -> resolver -> quads.

Nothing here writes to the store. Reading and extracting (`extract_bytes`) does not even read
it, so it runs in worker processes; `KnowledgeGraph.ingest` then settles identity for the whole
set of documents (`ingest.settle`). `resolve_extracted` (or `prepare_bytes`) resolves one file
against the store as it stands and returns the quads it would get — a preview, and how the
resolver's cost per file is measured.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

from pyoxigraph import Quad

from plangraph.graph.namespaces import doc_iri, graph_iri
from plangraph.ingest.document import Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.rdf import SourceInfo, facts_to_quads
from plangraph.ingest.readers import read_bytes
from plangraph.ingest.resolver import Resolver, stored_keys

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


# -- extraction in worker processes ------------------------------------------------------------
MIN_FILES_FOR_WORKERS = 8  # fewer files are extracted in the ingesting process
AHEAD = 4  # files in flight per worker


@dataclass
class Loaded:
    """A file's bytes, waiting to be read and extracted."""

    name: str
    data: bytes


def extraction_workers(files: int) -> int:
    """Worker processes for extracting `files` files: none for a few (starting one costs more
    than it saves), else one per core but the one that resolves and writes.
    `PLANGRAPH_INGEST_WORKERS` overrides (0: extract in this process)."""
    setting = os.environ.get("PLANGRAPH_INGEST_WORKERS", "")
    if setting.isdigit():
        return int(setting)
    if files < MIN_FILES_FOR_WORKERS or "fork" not in get_all_start_methods():
        return 0
    return max(1, (os.cpu_count() or 1) - 1)


FAULT = ("plangraph failed while reading it (a fault in plangraph, not in the file: the "
         "details are in the debug log, PLANGRAPH_LOG=debug; please report it)")


def attempt(data: bytes, name: str, area: str | None) -> Extracted | IngestError:
    """The file extracted, or the error that says why not - whatever went wrong. The one error
    policy of every way in (the CLI, the Python API, the web upload): a file that cannot be
    taken is that file's error in the user's words, and the other files go on; what a library
    or an extractor raised goes to the debug log, not to the user."""
    try:
        return extract_bytes(data, name, area)
    except IngestError as err:
        return err
    except Exception:
        log.debug("extracting %s failed", name, exc_info=True)
        return IngestError(name, FAULT)


def extract_all(items: Iterable[Loaded | T], area: str | None, workers: int,
                ) -> Iterator[Extracted | IngestError | T]:
    """Each `Loaded` item read and extracted (or the `IngestError` saying why not), anything else
    passed through, all in the order given.

    With workers, extraction runs in forked processes at most a few files ahead of the caller,
    so memory stays flat however many files there are. Forked, not spawned: a spawned worker
    imports the caller's main module again, which re-runs any script without a `__main__`
    guard; a forked one only extracts (it never touches the parent's open store). A worker
    that dies (out of memory, a crashing parser) costs nothing: the file is extracted again
    here, as it would have been without workers.
    """
    if workers <= 0:
        for item in items:
            yield attempt(item.data, item.name, area) if isinstance(item, Loaded) else item
        return
    pending: deque[tuple[Loaded | T, Future | None]] = deque()
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for item in items:
            future = None
            if isinstance(item, Loaded):
                with contextlib.suppress(BrokenProcessPool):  # then it is extracted here
                    future = pool.submit(attempt, item.data, item.name, area)
            pending.append((item, future))
            while len(pending) > AHEAD * workers:
                yield _outcome(*pending.popleft(), area)
        while pending:
            yield _outcome(*pending.popleft(), area)


def _outcome(item: Loaded | T, future: Future | None, area: str | None,
             ) -> Extracted | IngestError | T:
    if not isinstance(item, Loaded):
        return item
    if future is None:
        return attempt(item.data, item.name, area)
    try:
        return future.result()
    except Exception:  # the worker died or could not send its answer back
        return attempt(item.data, item.name, area)

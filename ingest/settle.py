"""Settling a batch: identity for the whole set of documents, then the writes it calls for.

The store keeps each file's extraction beside its graph (`replay.Kept`, in a private graph
outside the union). A batch's files join the kept ones, all are resolved again in canonical
order (`replay.replay`), and a graph is written when its file is new or changed, or when the
identity of what it names changed (its resolution's digest differs from the one it was written
with). Each write is one transaction holding the graph and its kept extraction, so a stop at
any point leaves every document whole; the next ingest sees the set unsettled and settles it.
New graphs are written together, through the store's bulk loader when they are many (see
`Store.add_graphs` for how that stays whole).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from plangraph.graph.backends import NewGraph
from plangraph.graph.namespaces import doc_iri, graph_iri
from plangraph.graph.store import StoreError
from plangraph.ingest.extraction import document_from_data, unpack
from plangraph.ingest.overrides import Overrides
from plangraph.ingest.pipeline import Extracted, sha256
from plangraph.ingest.rdf import SourceInfo, facts_to_quads
from plangraph.ingest.replay import DIGEST, DOCUMENT, FACTS, RESOLVED, Kept, replay
from plangraph.ingest.results import IngestResult

if TYPE_CHECKING:
    from plangraph.graph.store import Store


def _kept(kg: Store) -> dict[str, tuple[Kept, dict]]:
    """Every stored document's kept extraction (without its document) and source details."""
    rows = kg.sparql(f"""SELECT ?fileName ?facts ?digest ?iris ?mediaType ?sha256 ?byteSize ?ingestedAt
      WHERE {{
        GRAPH ?e {{ ?d <{FACTS}> ?facts ; <{DIGEST}> ?digest OPTIONAL {{ ?d <{RESOLVED}> ?iris }} }}
        GRAPH ?g {{ ?d a pg:SourceDocument ; pg:fileName ?fileName ; pg:mediaType ?mediaType ;
                    pg:sha256 ?sha256 ; pg:byteSize ?byteSize ; pg:ingestedAt ?ingestedAt }} }}""")
    return {r["fileName"]: (Kept(r["fileName"], r["facts"], "", r["digest"], r["iris"] or ""), r)
            for r in rows}


def _kept_document(kg: Store, name: str) -> str:
    rows = kg.sparql(f"SELECT ?doc WHERE {{ GRAPH ?e {{ <{doc_iri(name)}> <{DOCUMENT}> ?doc }} }}")
    return rows[0]["doc"]


def settle(kg: Store, batch: list[Extracted] = (),
           on_result: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    stored = _kept(kg)
    new = {e.name: e for e in batch}
    kept = {name: k for name, (k, _) in stored.items() if name not in new}
    kept |= {name: Kept.of(e) for name, e in new.items()}
    writer = _Writer(kg, on_result)
    retired: dict[str, str] = {}
    for settled in replay(list(kept.values()), Overrides.load_default()):
        name = settled.name
        if name not in new and stored[name][0].digest == settled.digest:
            continue  # nothing it names changed identity
        if name in new:
            e = new[name]
            document = e.document
            source = SourceInfo(name, document.media_type, sha256(e.data), len(e.data), doc_iri(name),
                                graph_iri(name), settled.facts.area, datetime.now(UTC))
        else:
            row = stored[name][1]
            kept[name].document = _kept_document(kg, name)
            retired |= kept[name].retired(settled)
            document = document_from_data(unpack(kept[name].document))
            when = row["ingestedAt"]
            when = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
            source = SourceInfo(name, row["mediaType"], row["sha256"], int(row["byteSize"]), doc_iri(name),
                                graph_iri(name), settled.facts.area, when)
        resolution = settled.resolution
        quads = facts_to_quads(document, settled.facts, resolution.iris, resolution.labels, source,
                               resolution.reasons, settled.block_keys)
        graph = (source.graph_iri, quads, kept[name].quads(source.doc_iri, settled))
        status = "replaced" if kg.has_document(name) else "ingested"
        writer.write(graph, IngestResult(name, status, len(quads),
                                         warnings=[*document.warnings, *settled.facts.warnings]),
                     name in new)
    writer.flush()
    if retired:
        kg.redirect_retired(retired)
    return writer.results()


class _Writer:
    """A batch's writes: a stored document's graph replaced at once (one transaction), new
    graphs gathered and written together (`Store.add_graphs`: a bulk load when they are many),
    each file's result given once its graph is written."""

    BATCH_QUADS = 250_000  # new graphs' quads held before they are written

    def __init__(self, kg: Store, on_result: Callable[[IngestResult], None] | None) -> None:
        self.kg, self.on_result = kg, on_result
        self.written: list[tuple[IngestResult, bool]] = []  # in the order the files were settled
        self.pending: list[tuple[NewGraph, IngestResult, bool]] = []

    def results(self) -> list[IngestResult]:
        """The results of the batch's own files (not of stored ones settled again), in order."""
        return [result for result, reported in self.written if reported]

    def write(self, graph: NewGraph, result: IngestResult, reported: bool) -> None:
        self.written.append((result, reported))
        if result.status == "replaced":
            self._commit([(graph, result, reported)], lambda: self.kg.replace_graph(*graph))
            return
        self.pending.append((graph, result, reported))
        if sum(len(g[1]) for g, _, _ in self.pending) >= self.BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        if pending:
            self._commit(pending, lambda: self.kg.add_graphs([graph for graph, _, _ in pending]))

    def _commit(self, items: list[tuple[NewGraph, IngestResult, bool]], write: Callable[[], None]) -> None:
        try:
            write()
        except StoreError as err:
            for _, result, _ in items:
                result.status, result.triples = "failed", 0
                result.message, result.warnings = f"the store refused the write: {err}", []
        for _, result, reported in items:
            if reported and self.on_result:
                self.on_result(result)

"""Settling a batch: identity for the whole set of documents, then the writes it calls for.

The store keeps each file's extraction beside its graph (`replay.Kept`, in a private graph
outside the union). A batch's files join the kept ones, all are resolved again in canonical
order (`replay.replay`), and a graph is written when its file is new or changed, or when the
identity of what it names changed (its resolution's digest differs from the one it was written
with). Each write is one transaction holding the graph and its kept extraction, so a stop at
any point leaves every document whole; the next ingest sees the set unsettled and settles it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

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
    results = []
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
        existed = kg.has_document(name)
        try:
            kg.replace_graph(source.graph_iri, quads, kept[name].quads(source.doc_iri, settled))
        except StoreError as err:
            result = IngestResult(name, "failed", message=f"the store refused the write: {err}")
        else:
            result = IngestResult(name, "replaced" if existed else "ingested", len(quads),
                                  warnings=[*document.warnings, *settled.facts.warnings])
        if name in new:
            results.append(result)
            if on_result:
                on_result(result)
    if retired:
        kg.redirect_retired(retired)
    return results

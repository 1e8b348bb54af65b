"""One file through the whole chain: reader -> Document -> extractors -> resolver -> quads.

Nothing here touches the store: `prepare` returns everything that will be written, so a
file that fails at any step has written nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import Quad

from plangraph.graph.namespaces import doc_iri, graph_iri
from plangraph.graph.rdf import SourceInfo, facts_to_quads
from plangraph.ingest.document import Document
from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers import read_bytes, read_document
from plangraph.ingest.resolver import Resolver, stored_keys


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


def prepare_bytes(
    data: bytes,
    name: str,
    area: str | None = None,
    resolver: Resolver | None = None,
    document: Document | None = None,
) -> Prepared:
    """Extract and resolve a file already in memory (the web upload path uses this too)."""
    doc = document or read_bytes(data, name)
    facts = extract(doc, area)
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
    resolution = (resolver or Resolver()).resolve(facts, name)
    source = replace(source, area=facts.area)
    block_keys = {key: stored_keys(keys, facts.area) for key, keys in resolution.block_keys.items()}
    quads = facts_to_quads(doc, facts, resolution.iris, resolution.labels, source,
                           resolution.reasons, block_keys)
    return Prepared(source, doc, facts, quads, [*doc.warnings, *facts.warnings])


def prepare(path: Path, area: str | None = None, resolver: Resolver | None = None) -> Prepared:
    """Read, extract and resolve one file; raises `IngestError` with a readable reason."""
    doc, data = read_document(path)
    return prepare_bytes(data, path.name, area, resolver, doc)

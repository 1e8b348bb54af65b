"""Turn one document's resolved facts into the quads of its named graph.

Every entity gets its type, one `rdfs:label`, `prov:wasDerivedFrom` the source-document node,
and an evidence node (`pg:Assertion`, a reified statement) pointing at the passage it was read
from (`pg:Passage`: the document, the line span and the quote, one node shared by every
statement read from that span). Every relation gets the same kind of evidence node, which also
carries its qualifiers (role, primary/additional) and confidence. Evidence IRIs are hashes of
what they say, so ingesting the same file twice yields exactly the same quads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from plangraph.graph.namespaces import (
    CLASSES,
    DCTERMS,
    FOAF,
    LABEL_TERMS,
    PG,
    PREDICATES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    STANDARD_TYPES,
    XSD,
    evidence_iri,
    short_hash,
    statement_key,
)
from plangraph.graph.terms import decimal
from plangraph.ingest.document import Document, Span
from plangraph.ingest.facts import Facts
from plangraph.ingest.quotes import quote

# Literal properties an extractor may set: name -> (predicate, datatype or kind).
PROPERTIES: dict[str, tuple[str, str]] = {
    "number": (PG + "number", "string"),
    "period": (PG + "period", "string"),
    "startYear": (PG + "startYear", "gYear"),
    "endYear": (PG + "endYear", "gYear"),
    "dueDate": (PG + "dueDate", "typed"),
    "dueText": (PG + "dueText", "string"),
    "valueText": (PG + "valueText", "string"),
    "value": (PG + "value", "decimal"),
    "unit": (PG + "unit", "string"),
    "honorific": (PG + "honorific", "string"),
    "email": (FOAF + "mbox", "mailto"),
    "url": (FOAF + "page", "iri"),
    "date": (PG + "date", "typed"),
    "location": (PG + "location", "string"),
    "description": (DCTERMS + "description", "string"),
    "area": (PG + "area", "string"),
    "role": (PG + "role", "string"),
    "phone": (FOAF + "phone", "tel"),
    "acronym": (SKOS + "notation", "string"),
}


@dataclass(frozen=True)
class SourceInfo:
    """What the store records about an ingested file."""

    file_name: str
    media_type: str
    sha256: str
    size: int
    doc_iri: str
    graph_iri: str
    area: str | None = None
    ingested_at: datetime | None = None


def _lit(value: object, kind: str) -> Literal | NamedNode | None:
    if kind == "string":
        return Literal(str(value))
    if kind == "decimal":
        try:
            return Literal(format(float(value), "f").rstrip("0").rstrip(".") or "0",
                           datatype=NamedNode(XSD + "decimal"))
        except (TypeError, ValueError):
            return None
    if kind == "gYear":
        return Literal(str(value), datatype=NamedNode(XSD + "gYear"))
    if kind == "typed":  # (xsd local name, lexical form)
        datatype, lexical = value  # type: ignore[misc]
        return Literal(str(lexical), datatype=NamedNode(XSD + datatype))
    if kind == "mailto":
        return NamedNode("mailto:" + str(value).strip().lower())
    if kind == "tel":
        return NamedNode("tel:" + "".join(ch for ch in str(value) if ch.isdigit() or ch == "+"))
    if kind == "iri":
        text = str(value).strip()
        if not text.startswith(("http://", "https://")):
            text = "http://" + text
        try:
            return NamedNode(text)
        except ValueError:
            return None
    raise ValueError(kind)


class QuadWriter:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self.quads: list[Quad] = []
        self.quoted: set[NamedNode] = set()  # evidence nodes that have their passage
        self.passages: set[NamedNode] = set()  # passage nodes written
        self._predicates: dict[str, NamedNode] = {}

    def add(self, s: NamedNode | BlankNode, p: str, o: NamedNode | Literal | BlankNode) -> None:
        predicate = self._predicates.get(p)
        if predicate is None:
            predicate = self._predicates[p] = NamedNode(p)
        self.quads.append(Quad(s, predicate, o, self.graph))


def _evidence(
    w: QuadWriter,
    doc: Document,
    source: SourceInfo,
    s: NamedNode,
    p: str,
    o: NamedNode | Literal,
    span: Span,
    confidence: float,
    qualifiers: Mapping[str, str] | None = None,
    hints: tuple[str, ...] = (),
) -> None:
    iri = NamedNode(evidence_iri(source.graph_iri, short_hash(s, p, o, span.line_start, span.line_end)))
    w.add(iri, RDF + "type", NamedNode(PG + "Assertion"))
    w.add(iri, RDF + "subject", s)
    w.add(iri, RDF + "predicate", NamedNode(p))
    w.add(iri, RDF + "object", o)
    w.add(iri, PG + "statement", Literal(statement_key(s.value, p, o.value)))
    if iri not in w.quoted:  # the same statement and span read twice: one passage (the first)
        w.quoted.add(iri)
        w.add(iri, PG + "passage", _passage(w, doc, source, span, quote(doc, span, hints)))
    w.add(iri, PG + "confidence", decimal(min(max(confidence, 0.0), 1.0), 2))
    for name, value in (qualifiers or {}).items():
        w.add(iri, PG + name, Literal(value))


def _passage(w: QuadWriter, doc: Document, source: SourceInfo, span: Span, text: str) -> NamedNode:
    """The node of one quoted span (document, lines, the quote), written once however many
    statements were read from it (four or five on average), which they all point at."""
    iri = NamedNode(evidence_iri(source.graph_iri, "p-" + short_hash(span.line_start, span.line_end, text)))
    if iri not in w.passages:
        w.passages.add(iri)
        w.add(iri, RDF + "type", NamedNode(PG + "Passage"))
        w.add(iri, PROV + "wasDerivedFrom", NamedNode(source.doc_iri))
        w.add(iri, PG + "lineStart", Literal(str(span.line_start), datatype=NamedNode(XSD + "integer")))
        w.add(iri, PG + "lineEnd", Literal(str(span.line_end), datatype=NamedNode(XSD + "integer")))
        w.add(iri, PG + "quote", Literal(text))
    return iri


def source_quads(w: QuadWriter, doc: Document, source: SourceInfo) -> None:
    """The source-document node: file name, format, hash, size, ingest time."""
    d = NamedNode(source.doc_iri)
    when = (source.ingested_at or datetime.now(UTC)).replace(microsecond=0)
    w.add(d, RDF + "type", NamedNode(PG + "SourceDocument"))
    w.add(d, RDFS + "label", Literal(source.file_name))
    w.add(d, DCTERMS + "title", Literal(source.file_name))
    w.add(d, PG + "fileName", Literal(source.file_name))
    w.add(d, PG + "mediaType", Literal(source.media_type))
    w.add(d, PG + "sha256", Literal(source.sha256))
    w.add(d, PG + "byteSize", Literal(str(source.size), datatype=NamedNode(XSD + "integer")))
    w.add(d, PG + "ingestedAt", Literal(when.isoformat(), datatype=NamedNode(XSD + "dateTime")))
    w.add(d, PG + "lineCount",
          Literal(str(len(doc.lines)), datatype=NamedNode(XSD + "integer")))
    if source.area:
        w.add(d, PG + "area", Literal(source.area))


def facts_to_quads(
    doc: Document,
    facts: Facts,
    iris: Mapping[str, str],
    labels: Mapping[str, str],
    source: SourceInfo,
    reasons: Mapping[str, str] | None = None,
    block_keys: Mapping[str, set[str]] | None = None,
) -> list[Quad]:
    """All quads of one document's named graph.

    `iris` maps fact keys to node IRIs (from the resolver), `labels` gives each node's one
    canonical label, and `reasons` says why a mention was merged into an existing node (kept
    on the mention's evidence, for `plangraph explain`).
    """
    reasons = reasons or {}
    w = QuadWriter(source.graph_iri)
    source_quads(w, doc, source)
    d = NamedNode(source.doc_iri)
    for key, ent in facts.entities.items():
        node = NamedNode(iris[key])
        cls = NamedNode(CLASSES[ent.cls])
        label = labels.get(key, ent.label)
        w.add(node, RDF + "type", cls)
        for standard in STANDARD_TYPES.get(ent.cls, ()):
            w.add(node, RDF + "type", NamedNode(standard))
        w.add(node, RDFS + "label", Literal(label))
        w.add(node, SKOS + "prefLabel", Literal(label))
        if ent.cls in LABEL_TERMS:
            w.add(node, LABEL_TERMS[ent.cls], Literal(label))
        for alt in sorted(ent.alt_labels | ({ent.label} if label != ent.label else set())):
            if alt != label:
                w.add(node, SKOS + "altLabel", Literal(alt))
        w.add(node, PROV + "wasDerivedFrom", d)
        for block_key in sorted((block_keys or {}).get(key, ())):
            w.add(node, PG + "blockKey", Literal(block_key))
        for name, values in ent.props.items():
            pred, kind = PROPERTIES[name]
            for value in values:
                obj = _lit(value, kind)
                if obj is not None:
                    w.add(node, pred, obj)
        why = {"resolution": reasons[key], "mention": ent.label} if key in reasons else \
            {"mention": ent.label}
        for span in [ent.span, *ent.spans[:2]]:  # where it is introduced, and a couple more
            _evidence(w, doc, source, node, RDF + "type", cls, span, ent.confidence, why, (ent.label,))
    for rel in facts.relations:
        s, o = NamedNode(iris[rel.subject]), NamedNode(iris[rel.object])
        pred = PREDICATES[rel.predicate]
        w.add(s, pred, o)
        names = tuple(facts.entities[k].label for k in (rel.subject, rel.object) if k in facts.entities)
        _evidence(w, doc, source, s, pred, o, rel.span, rel.confidence, rel.qualifiers, names)
    # Identical quads (the same fact stated twice) collapse: a graph is a set.
    return list(dict.fromkeys(w.quads))

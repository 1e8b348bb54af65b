"""What extraction found in one file, kept so identity can be decided again later.

Identity is a function of the whole set of documents (issue 14): when a file is added, the
nodes of files ingested before it may change (a fuller name, a plan whose priorities a report
named first). Deciding it again needs every file's facts, not their quads, so the store keeps
each file's `Document` and `Facts` beside its graph as JSON — plain data, never code, so a
store shared with others cannot make plangraph run anything when it reads them back.
"""

from __future__ import annotations

import json
import zlib
from base64 import b64decode, b64encode
from typing import Any

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.facts import Entity, Facts, Relation


def _span(span: Span) -> list[int]:
    return [span.line_start, span.line_end, span.char_start, span.char_end]


def _unspan(data: list[int]) -> Span:
    return Span(*data)


def facts_to_data(facts: Facts) -> dict[str, Any]:
    return {
        "area": facts.area, "plan": facts.plan, "main_body": facts.main_body, "warnings": facts.warnings,
        "entities": [[e.key, e.cls, e.label, _span(e.span), sorted(e.alt_labels), e.props, e.confidence,
                      [_span(s) for s in e.spans]] for e in facts.entities.values()],
        "relations": [[r.subject, r.predicate, r.object, _span(r.span), r.confidence, r.qualifiers]
                      for r in facts.relations],
    }


def facts_from_data(data: dict[str, Any]) -> Facts:
    facts = Facts(area=data["area"], plan=data["plan"], main_body=data["main_body"],
                  warnings=list(data["warnings"]))
    for key, cls, label, span, alt, props, confidence, spans in data["entities"]:
        props = {name: [tuple(v) if isinstance(v, list) else v for v in values]
                 for name, values in props.items()}  # typed values are (datatype, lexical) pairs
        facts.entities[key] = Entity(key, cls, label, _unspan(span), set(alt), props, confidence,
                                     [_unspan(s) for s in spans])
    for subject, predicate, obj, span, confidence, qualifiers in data["relations"]:
        facts.relations.append(Relation(subject, predicate, obj, _unspan(span), confidence, qualifiers))
    return facts


def document_to_data(doc: Document) -> dict[str, Any]:
    return {
        "name": doc.name, "media_type": doc.media_type, "text": doc.text, "warnings": doc.warnings,
        "metadata": json.loads(json.dumps(doc.metadata, default=str)),  # front matter dates as text
        "blocks": [[b.kind.value, b.text, _span(b.span), b.level, b.bold, b.rows,
                    [_span(s) for s in b.row_spans], b.link] for b in doc.blocks],
    }


def document_from_data(data: dict[str, Any]) -> Document:
    blocks = [Block(BlockKind(kind), text, _unspan(span), level, bold, rows, [_unspan(s) for s in spans],
                    link) for kind, text, span, level, bold, rows, spans, link in data["blocks"]]
    return Document(data["name"], data["media_type"], data["text"], blocks, list(data["warnings"]),
                    data["metadata"])


def pack(data: dict[str, Any]) -> str:
    """Compact text for one RDF literal: JSON, deflated, base64."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack(text: str) -> dict[str, Any]:
    return json.loads(zlib.decompress(b64decode(text)))

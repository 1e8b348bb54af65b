"""The document view: every quoted passage of one document in line order, with the facts read
from each, the unquoted stretches marked and the requested lines highlighted."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from plangraph.graph.namespaces import graph_iri
from plangraph.graph.store import shorten
from plangraph.graph.terms import line_range
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.data import KIND_NAMES, PHRASES, entity_url, kind_of


# -- documents ---------------------------------------------------------------------------------
class NoSuchDocument(LookupError):
    """No ingested document has this file name."""


def document_view(kg: KnowledgeGraph, file_name: str, lines: str | None = None) -> dict[str, Any]:
    """Every quoted passage of one document in line order, with the facts read from it.

    plangraph keeps the lines behind each fact, not the whole file (the store holds exactly
    the facts of a document, written in one transaction). So the document view is the
    document as the graph knows it: its quoted passages, in order, with the unquoted stretches
    between them marked, and the requested span highlighted.
    """
    info = next((d for d in kg.documents() if d["fileName"] == file_name), None)
    if info is None:
        raise NoSuchDocument(f"no ingested document is called '{file_name}'")
    lo, hi = _span(lines)
    rows = kg.sparql(
        """SELECT ?s ?p ?o ?start ?end ?quote ?sl ?ol WHERE {
             GRAPH ?g { ?a a pg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                        pg:passage ?q . ?q pg:lineStart ?start ; pg:lineEnd ?end ; pg:quote ?quote }
             OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol } }""",
        {"g": ox.NamedNode(graph_iri(file_name))})
    passages: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        key = (int(r["start"]), int(r["end"]))
        passage = passages.setdefault(key, {"start": key[0], "end": key[1], "quote": r["quote"],
                                            "facts": [], "lines": line_range(*key)})
        fact = _fact(r)
        if fact not in passage["facts"]:
            passage["facts"].append(fact)
    ordered = sorted(passages.values(), key=lambda p: (p["start"], -p["end"]))
    last_line, anchors = 0, set()
    for p in ordered:
        p["gap_before"] = p["start"] - last_line - 1 if p["start"] > last_line + 1 else 0
        last_line = max(last_line, p["end"])
        p["anchor"] = f"L{p['start']}" if p["start"] not in anchors else None
        anchors.add(p["start"])
        p["highlight"] = lo is not None and p["start"] <= hi and p["end"] >= lo  # type: ignore[operator]
        p["exact"] = lo is not None and (p["start"], p["end"]) == (lo, hi)
        p["facts"].sort(key=lambda f: (f["predicate"] != "a", f["subject"]["label"].casefold()))
    line_count = kg.sparql("SELECT ?n WHERE { GRAPH ?g { ?d pg:lineCount ?n } }",
                           {"g": ox.NamedNode(graph_iri(file_name))})
    return {"document": info, "lines": lines, "passages": ordered,
            "line_count": line_count[0]["n"] if line_count else None}


def _span(lines: str | None) -> tuple[int | None, int | None]:
    if not lines:
        return None, None
    start, _, end = lines.partition("-")
    try:
        lo = int(start)
        return lo, int(end) if end else lo
    except ValueError:
        return None, None


def _fact(r: dict[str, Any]) -> dict[str, Any]:
    p = shorten(r["p"])
    subject = {"iri": r["s"], "label": r.get("sl") or shorten(r["s"]), "url": entity_url(r["s"])}
    if p == "rdf:type":
        kind = kind_of([r["o"]])
        return {"subject": subject, "predicate": "a", "phrase": "is a",
                "object": {"iri": r["o"], "label": KIND_NAMES.get(kind, kind.lower()), "url": None}}
    obj = {"iri": r["o"], "label": r.get("ol") or shorten(r["o"]),
           "url": entity_url(r["o"]) if r["o"].startswith(("http://", "https://")) else None}
    return {"subject": subject, "predicate": p, "phrase": PHRASES.get(p, (p, p))[0], "object": obj}

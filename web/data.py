"""What the pages and the JSON API show, read from the store (no HTML here).

The JSON API and the HTML pages share these functions, so a page never says something the API
does not. Results that cost a whole-store pass (gaps, the network projection) are cached per
store version (`KnowledgeGraph.version()`), which changes with every ingest or removal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import pyoxigraph as ox

from plangraph.graph.namespaces import DOC, ID, PREFIXES
from plangraph.graph.spreadsheets import plain
from plangraph.graph.store import shorten
from plangraph.graph.terms import line_range, named_node
from plangraph.knowledge import KnowledgeGraph
from plangraph.queries.views import KINDS, kind_of
from plangraph.web.caches import cached, recent

KIND_NAMES = {"Person": "person", "Post": "post", "Organisation": "organisation", "Board": "board or group",
              "SourceDocument": "source document"}
PLURALS = {"Priority": "Priorities", "Person": "People", "SourceDocument": "Source documents"}

# predicate -> (phrase from the subject's side, phrase from the object's side)
PHRASES: dict[str, tuple[str, str]] = {
    "pg:partOf": ("is part of", "contains"),
    "pg:parent": ("comes under", "has under it"),
    "pg:measures": ("measures", "is measured by"),
    "pg:contributesTo": ("feeds", "is fed by"),
    "pg:ledBy": ("is led by", "leads"),
    "pg:references": ("refers to", "is referred to by"),
    "pg:incorporates": ("incorporates", "is incorporated in"),
    "pg:replaces": ("replaces", "is replaced by"),
    "pg:buildsOn": ("builds on", "is built on by"),
    "pg:publishedBy": ("is published by", "publishes"),
    "pg:concerns": ("concerns", "is the subject of"),
    "pg:alignedWith": ("is aligned with", "is aligned with"),
    "org:reportsTo": ("reports to", "receives reports from"),
    "org:memberOf": ("is a member of", "has as a member"),
    "org:holds": ("holds the post", "is held by"),
    "org:postIn": ("is a post in", "has the post"),
    "pg:ofBoard": ("is a meeting of", "met as"),
    "pg:attendee": ("was attended by", "attended"),
    "pg:apologiesFrom": ("had apologies from", "sent apologies to"),
    "pg:inAttendance": ("had in attendance", "was in attendance at"),
    "pg:presenter": ("was presented by", "presented"),
    "pg:substituteFor": ("substituted for", "was substituted by"),
    "pg:decision": ("decided", "was decided at"),
    "pg:observation": ("has the value", "is a value of"),
    "pg:ofIndicator": ("is a value of", "has the value"),
    "pg:theme": ("has the theme", "is the theme of"),
    "org:member": ("has member", "is the member in"),
    "org:organization": ("is in", "has membership"),
}
PROPERTY_NAMES = {
    "pg:number": "number", "pg:period": "period", "pg:startYear": "from", "pg:endYear": "to",
    "pg:dueDate": "due", "pg:dueText": "due", "pg:valueText": "value", "pg:value": "value (number)",
    "pg:unit": "unit", "pg:honorific": "honorific", "pg:date": "date", "pg:location": "location",
    "dcterms:description": "description", "pg:area": "area", "pg:role": "role",
    "skos:notation": "acronym", "foaf:mbox": "e-mail", "foaf:page": "web page", "foaf:phone": "phone",
}
HIDDEN_PROPERTIES = {"rdfs:label", "skos:altLabel", "pg:blockKey", "pg:alignedElement"}


# -- addresses ---------------------------------------------------------------------------------
def entity_url(iri: str) -> str:
    """The page of a node: /id/… for plangraph's own IRIs, /entity?iri=… for any other."""
    if iri.startswith(ID):
        return "/id/" + quote(iri[len(ID):], safe="/-._~")
    return "/entity?" + urlencode({"iri": iri})


def document_url(file_name: str, lines: str | None = None) -> str:
    """The document view, scrolled to and highlighting the given lines."""
    url = "/documents/" + quote(file_name, safe="")
    if lines:
        url += "?" + urlencode({"lines": lines}) + "#L" + str(lines).split("-")[0]
    return url


def labels_of(kg: KnowledgeGraph, iris: list[str], limit: int = 2000) -> dict[str, str]:
    """The label of each of these nodes that has one (the first `limit`, a few hundred at a time)."""
    found: dict[str, str] = {}
    wanted = iris[:limit]
    for start in range(0, len(wanted), 400):
        values = " ".join(term for term in map(_written, wanted[start:start + 400]) if term)
        if values:
            for r in kg.sparql(f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?s {{ {values} }} "
                               "?s rdfs:label ?l } GROUP BY ?s"):
                found[r["s"]] = r["label"]
    return found


def _written(iri: str) -> str | None:
    """The IRI as SPARQL writes it (pyoxigraph checks and escapes it), or None if it is none."""
    node = named_node(iri)
    return str(node) if node is not None else None


def shorten_iri(iri: str) -> str:
    """A readable form of an IRI with no label: prefixed name, or the path of our own IRIs."""
    if iri.startswith(ID):
        return iri[len(ID):]
    return shorten(iri)


def is_local(iri: str) -> bool:
    """One of plangraph's own nodes or documents (these have pages)."""
    return iri.startswith((ID, DOC))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def node(iri: str) -> dict[str, ox.Term]:
    return {"n": ox.NamedNode(iri)}


# -- entities ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evidence:
    document: str
    lines: str
    quote: str
    url: str
    qualifiers: str = ""


@dataclass
class Link:
    """One relation of the node, seen from the node: phrase, the other node, the evidence."""

    predicate: str
    phrase: str
    direction: str  # "out" (node -> other) or "in"
    iri: str
    label: str
    kind: str
    url: str
    score: float | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Entity:
    iri: str
    label: str
    kind: str
    types: list[str]
    url: str
    alt_labels: list[str] = field(default_factory=list)
    properties: list[dict[str, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def grouped_links(self) -> list[tuple[str, list[Link]]]:
        """Links grouped by phrase, in a stable reading order."""
        groups: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            groups[link.phrase].append(link)
        return sorted(groups.items(), key=lambda item: (item[1][0].direction, item[0]))


class NoSuchEntity(LookupError):
    """No node has this IRI."""


def entity(kg: KnowledgeGraph, iri: str) -> Entity:
    """Labels, types, literal properties, every relation with its evidence, and mentions.

    Kept for the most recently asked entities (see `recent`): a board named in a hundred
    documents takes tens of milliseconds to gather, and it is the page people open.
    """
    if named_node(iri) is None:  # not an IRI at all: certainly no node's
        raise NoSuchEntity(iri)
    return recent(kg, "entity", iri, lambda: _build_entity(kg, iri))


def _build_entity(kg: KnowledgeGraph, iri: str) -> Entity:
    n = node(iri)
    labels = kg.sparql("SELECT ?l WHERE { ?n rdfs:label ?l }", n)
    types = sorted({r["t"] for r in kg.sparql("SELECT DISTINCT ?t WHERE { ?n a ?t }", n)})
    if not labels and not types:
        raise NoSuchEntity(f"nothing in the store has the IRI <{iri}>")
    label = labels[0]["l"] if labels else shorten(iri)
    out = Entity(iri, label, kind_of(types), [shorten(t) for t in types], entity_url(iri))
    out.alt_labels = sorted({r["a"] for r in kg.sparql("SELECT ?a WHERE { ?n skos:altLabel ?a }", n)}
                            - {label})
    seen_props = set()
    for r in kg.sparql("SELECT ?p ?v WHERE { ?n ?p ?v FILTER(isLiteral(?v)) }", n):
        p = shorten(r["p"])
        if p in HIDDEN_PROPERTIES or (p, str(r["v"])) in seen_props:
            continue
        seen_props.add((p, str(r["v"])))
        out.properties.append({"name": PROPERTY_NAMES.get(p, p), "predicate": p, "value": str(r["v"])})
    evidence = _evidence(kg, iri)
    scores = {r["o"]: r["score"] for r in kg.sparql(
        """SELECT ?o (MAX(?s) AS ?score) WHERE { GRAPH ?g { ?al pg:alignedElement ?n , ?o ; pg:score ?s }
           FILTER(?o != ?n) } GROUP BY ?o""", n)}
    rows = kg.sparql(
        """SELECT DISTINCT ?dir ?p ?o ?ol ?ot WHERE {
             { ?n ?p ?o . BIND("out" AS ?dir)
               FILTER(?p NOT IN (rdf:type, prov:wasDerivedFrom, pg:alignedElement))
               # each OPTIONAL starts from ?n (bound in every group): unanchored, Oxigraph would
               # read every label and type in the store for each page
               OPTIONAL { ?n ?p ?o . ?o rdfs:label ?ol } OPTIONAL { ?n ?p ?o . ?o a ?ot } }
             UNION
             { ?o ?p ?n . BIND("in" AS ?dir)
               FILTER(?p NOT IN (rdf:subject, rdf:object, prov:wasDerivedFrom, pg:alignedElement))
               OPTIONAL { ?o ?p ?n ; rdfs:label ?ol } OPTIONAL { ?o ?p ?n ; a ?ot } }
             FILTER(isIRI(?o)) }""", n)
    others: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["dir"], r["p"], r["o"])
        entry = others.setdefault(key, {"label": r.get("ol"), "types": set()})
        if r.get("ot"):
            entry["types"].add(r["ot"])
    for (direction, p, o), entry in others.items():
        short_p = shorten(p)
        if PREFIXES["pg"] + "Assertion" in entry["types"]:
            continue
        if entry["label"] is None and not entry["types"]:
            if direction == "out":  # an e-mail, phone or web address: a property, not a node
                out.properties.append({"name": PROPERTY_NAMES.get(short_p, short_p), "predicate": short_p,
                                       "value": o.removeprefix("mailto:").removeprefix("tel:")})
            continue
        phrases = PHRASES.get(short_p, (short_p, f"{short_p} (inverse)"))
        link = Link(short_p, phrases[0] if direction == "out" else phrases[1], direction, o,
                    entry["label"] or shorten(o), kind_of(entry["types"]), entity_url(o),
                    scores.get(o) if short_p == "pg:alignedWith" else None)
        s, obj = (iri, o) if direction == "out" else (o, iri)
        link.evidence = evidence.get((s, p, obj), [])
        out.links.append(link)
    out.links.sort(key=lambda x: (x.direction, x.phrase, x.label.casefold()))
    out.mentions = evidence.get("mentions", [])  # type: ignore[call-overload]
    out.documents = sorted({r["f"] for r in kg.sparql(
        "SELECT DISTINCT ?f WHERE { ?n prov:wasDerivedFrom ?d . ?d pg:fileName ?f }", n)})
    out.gaps = gaps_by_node(kg).get(iri, [])
    return out


def _evidence(kg: KnowledgeGraph, iri: str) -> dict[Any, list[Evidence]]:
    """Evidence of every statement about the node, by (subject, predicate, object)."""
    found: dict[Any, list[Evidence]] = defaultdict(list)
    seen: set[tuple[Any, Evidence]] = set()
    for r in kg.sparql(
        """SELECT DISTINCT ?s ?p ?o ?file ?start ?end ?quote ?role ?qual WHERE {
             { GRAPH ?g { ?a rdf:subject ?n ; rdf:object ?o } BIND(?n AS ?s) }
             UNION { GRAPH ?g { ?a rdf:object ?n ; rdf:subject ?s } BIND(?n AS ?o) }
             LATERAL {  # assertion by assertion, from those found, in their document's graph
               GRAPH ?g { ?a a pg:Assertion ; rdf:predicate ?p ; pg:passage ?q .
                 ?q pg:lineStart ?start ; pg:lineEnd ?end ; pg:quote ?quote ; prov:wasDerivedFrom ?d .
                 ?d pg:fileName ?file .
                 OPTIONAL { ?a pg:role ?role }
                 OPTIONAL { ?a pg:qualifier ?qual } } } }
           ORDER BY ?file ?start""", node(iri)):
        lines = line_range(r["start"], r["end"])
        item = Evidence(r["file"], lines, r["quote"], document_url(r["file"], lines),
                        ", ".join(v for v in (r.get("role"), r.get("qual")) if v))
        key = "mentions" if r["p"] == PREFIXES["rdf"] + "type" and r["s"] == iri else (r["s"], r["p"], r["o"])
        if (key, item) not in seen:
            seen.add((key, item))
            found[key].append(item)
    return found


def observations(kg: KnowledgeGraph, iri: str) -> list[dict[str, Any]]:
    """An indicator's values over time, oldest period first, with where each was read."""
    rows = kg.sparql(
        """SELECT DISTINCT ?obs ?period ?valueText ?value ?unit ?file ?start ?end WHERE {
             ?n pg:observation ?obs .
             OPTIONAL { ?obs pg:period ?period } OPTIONAL { ?obs pg:valueText ?valueText }
             OPTIONAL { ?obs pg:value ?value } OPTIONAL { ?obs pg:unit ?unit }
             OPTIONAL { GRAPH ?g { ?a rdf:subject ?obs ; rdf:predicate rdf:type ; pg:passage ?q .
                                   ?q pg:lineStart ?start ; pg:lineEnd ?end ; prov:wasDerivedFrom ?d .
                                   ?d pg:fileName ?file } } }
           ORDER BY ?period""", node(iri))
    out, seen = [], set()
    for r in rows:
        if r["obs"] in seen:
            continue
        seen.add(r["obs"])
        lines = line_range(r["start"], r["end"]) if r.get("start") is not None else None
        out.append({"period": r.get("period"), "value": r.get("valueText") or r.get("value"),
                    "number": r.get("value"), "unit": r.get("unit"), "document": r.get("file"),
                    "lines": lines, "url": document_url(r["file"], lines) if r.get("file") else None})
    return out


def meetings(kg: KnowledgeGraph, iri: str) -> list[dict[str, Any]]:
    """Meetings of a board recorded in minutes, newest first."""
    rows = kg.sparql(
        """SELECT DISTINCT ?m ?label ?date WHERE { ?m pg:ofBoard ?n ; rdfs:label ?label .
             OPTIONAL { ?m pg:date ?date } } ORDER BY DESC(?date)""", node(iri))
    return [{"iri": r["m"], "label": r["label"], "date": r.get("date"), "url": entity_url(r["m"])}
            for r in rows]


def posts(kg: KnowledgeGraph, iri: str) -> list[dict[str, Any]]:
    """The posts in a body and who holds each (chairs first)."""
    rows = kg.sparql(
        """SELECT DISTINCT ?post ?postLabel ?holder ?holderLabel WHERE {
             ?post org:postIn ?n ; rdfs:label ?postLabel .
             OPTIONAL { ?holder org:holds ?post ; rdfs:label ?holderLabel } }
           ORDER BY (!CONTAINS(LCASE(?postLabel), "chair")) ?postLabel ?holderLabel""", node(iri))
    return rows


def section(kg: KnowledgeGraph, query: str, **params: Any) -> list[dict[str, Any]]:
    """A named query's rows for an entity page; an error becomes an empty section."""
    from plangraph.queries import QueryError

    try:
        return records(named(kg, query, params))
    except QueryError:
        return []


def named(kg: KnowledgeGraph, query: str, params: dict[str, Any]) -> pd.DataFrame:
    """A named query's answer, kept for repeated questions (see `recent`)."""
    key = (query, tuple(sorted((k, str(v)) for k, v in params.items())))
    return recent(kg, "query", key, lambda: kg.query(query, **params))


# -- gaps --------------------------------------------------------------------------------------
UNFED = """SELECT DISTINCT ?element ?elementLabel ?planLabel WHERE {
  ?element a pg:Outcome ; rdfs:label ?elementLabel .
  MINUS { ?element pg:parent ?broader }  # MINUS: evaluated once, not once per outcome
  MINUS { ?x pg:contributesTo ?element }
  MINUS { ?sub pg:parent+ ?element . ?y pg:contributesTo ?sub }
  MINUS { ?element pg:alignedWith ?aligned . ?z pg:contributesTo ?aligned }
  OPTIONAL { ?element pg:partOf ?plan . ?plan a pg:Plan ; rdfs:label ?planLabel }
} ORDER BY ?planLabel ?elementLabel"""


def gaps(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """accountability-gaps, plus top-level outcomes that nothing feeds (cached per version)."""

    def build() -> list[dict[str, Any]]:
        rows = records(kg.query("accountability-gaps"))
        for r in kg.sparql(UNFED):
            rows.append({"gap": "outcome nothing feeds", "element": r["element"],
                         "elementLabel": r["elementLabel"], "planLabel": r.get("planLabel"),
                         "detail": "no plan, priority or action contributes to it"})
        for row in rows:
            row["url"] = entity_url(row["element"])
        return rows

    return cached(kg, "gaps", build)


def gaps_by_node(kg: KnowledgeGraph) -> dict[str, list[str]]:
    def build() -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for row in gaps(kg):
            detail = row.get("detail")
            text = row["gap"] + (f" ({detail})" if detail and detail not in KINDS else "")
            if text not in found[row["element"]]:
                found[row["element"]].append(text)
        return dict(found)

    return cached(kg, "gaps-by-node", build)


# -- lists -------------------------------------------------------------------------------------
def plans(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """Plans with how many elements each holds (ingested plans first, then referenced ones)."""
    rows = kg.sparql(
        """SELECT ?plan ?label (COUNT(DISTINCT ?e) AS ?elements) (SAMPLE(?a) AS ?area) WHERE {
             ?plan a pg:Plan ; rdfs:label ?label .
             OPTIONAL { ?e pg:partOf ?plan } OPTIONAL { ?plan prov:wasDerivedFrom/pg:area ?a } }
           GROUP BY ?plan ?label ORDER BY DESC(?elements) ?label""")
    return [{**r, "url": entity_url(r["plan"])} for r in rows]


def of_kind(kg: KnowledgeGraph, kind: str, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    """Entities of one kind, by label, with the plan they belong to."""
    cls = {"Person": "foaf:Person", "Post": "org:Post"}.get(kind, f"pg:{kind}")
    rows = kg.sparql(
        f"""SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?pl) AS ?planLabel) (SAMPLE(?a) AS ?area) WHERE {{
              ?s a {cls} ; rdfs:label ?l .
              OPTIONAL {{ ?s pg:partOf ?p . ?p rdfs:label ?pl }}
              OPTIONAL {{ ?s prov:wasDerivedFrom/pg:area ?a }} }}
            GROUP BY ?s ORDER BY LCASE(STR(?label)) LIMIT {int(limit)} OFFSET {int(offset)}""")
    return [{**r, "url": entity_url(r["s"])} for r in rows]


def stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """The store's figures, computed once per store version (counting a large store takes seconds)."""
    return cached(kg, "stats", kg.stats)


def class_counts(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    out = []
    for cls, n in stats(kg)["classes"].items():
        kind = cls.split(":", 1)[-1]
        if kind not in KINDS or kind == "Observation":  # not the W3C types that repeat them
            continue
        out.append({"kind": kind, "count": n, "title": PLURALS.get(kind, kind + "s")})
    return out

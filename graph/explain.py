"""Why the graph says what it says about one node: its mentions, merges and statements.

For a node, every mention (the evidence of its type: document, lines, the words used, and the
reason it was taken to be this node) and every statement about it with its quoted evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from plangraph.graph.store import Store, shorten
from plangraph.graph.terms import line_range


@dataclass
class Mention:
    document: str
    lines: str
    words: str
    reason: str
    quote: str


@dataclass
class Statement:
    predicate: str
    other: str
    other_label: str
    direction: str  # "out" (node -> other) or "in"
    document: str
    lines: str
    quote: str
    qualifiers: str


@dataclass
class Explanation:
    iri: str
    label: str
    types: list[str]
    alt_labels: list[str]
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


class NotFound(LookupError):
    """No node, or several, answer to what the user typed."""


def find_node(kg: Store, text: str) -> str:
    """An IRI, or a label (exact, ignoring case; else containing it) naming exactly one node."""
    if text.startswith(("http://", "https://")):
        return text
    rows = kg.sparql(
        """SELECT DISTINCT ?s ?l WHERE { ?s rdfs:label|skos:altLabel ?l . ?s a ?t
             FILTER(?t != pg:Assertion && ?t != pg:SourceDocument)
             FILTER(CONTAINS(LCASE(STR(?l)), LCASE(?q))) }""",
        {"q": ox.Literal(text)})
    exact = [r for r in rows if r["l"].casefold() == text.casefold()]
    hits = exact or rows
    if len({r["s"] for r in hits}) == 1:
        return hits[0]["s"]
    if not hits:
        raise NotFound(f"nothing is labelled '{text}'")
    names = "; ".join(sorted({f"{r['l']} <{r['s']}>" for r in hits})[:10])
    raise NotFound(f"'{text}' names {len({r['s'] for r in hits})} nodes: {names}")


def explain(kg: Store, text: str) -> Explanation:
    iri = find_node(kg, text)
    node = {"n": ox.NamedNode(iri)}
    labels = kg.sparql("SELECT ?l WHERE { ?n rdfs:label ?l }", node)
    if not labels:
        raise NotFound(f"no node {iri}")
    types = [shorten(r["t"]) for r in kg.sparql("SELECT DISTINCT ?t WHERE { ?n a ?t }", node)]
    alts = sorted({r["a"] for r in kg.sparql("SELECT ?a WHERE { ?n skos:altLabel ?a }", node)})
    out = Explanation(iri, labels[0]["l"], types, alts)
    for r in kg.sparql(
        """SELECT ?file ?start ?end ?mention ?reason ?quote WHERE { GRAPH ?g {
             ?a a pg:Assertion ; rdf:subject ?n ; rdf:predicate rdf:type ; pg:passage ?q .
             ?q pg:lineStart ?start ; pg:lineEnd ?end ; pg:quote ?quote ; prov:wasDerivedFrom ?d .
             ?d pg:fileName ?file .
             OPTIONAL { ?a rdf:subject ?n ; pg:mention ?mention }
             OPTIONAL { ?a rdf:subject ?n ; pg:resolution ?reason } } }
           ORDER BY ?file ?start""", node):
        out.mentions.append(Mention(r["file"], line_range(r["start"], r["end"]),
                                    r.get("mention") or "", r.get("reason") or "", r["quote"]))
    for direction, pattern in (("out", "rdf:subject ?n ; rdf:object ?o"),
                               ("in", "rdf:object ?n ; rdf:subject ?o")):
        for r in kg.sparql(
            f"""SELECT ?p ?o ?ol ?file ?start ?end ?quote ?role ?qual WHERE {{
                 GRAPH ?g {{ ?a a pg:Assertion ; {pattern} ; rdf:predicate ?p ; pg:passage ?q .
                   ?q pg:lineStart ?start ; pg:lineEnd ?end ; pg:quote ?quote ; prov:wasDerivedFrom ?d .
                   FILTER(?p != rdf:type)
                   ?d pg:fileName ?file .
                   OPTIONAL {{ ?a {pattern} ; pg:role ?role }}
                   OPTIONAL {{ ?a {pattern} ; pg:qualifier ?qual }} }}
                 OPTIONAL {{ ?o rdfs:label ?ol }} }}
               ORDER BY ?p ?file ?start""", node):
            qualifiers = ", ".join(v for v in (r.get("role"), r.get("qual")) if v)
            statement = Statement(shorten(r["p"]), r["o"], r.get("ol") or "", direction,
                                  r["file"], line_range(r["start"], r["end"]), r["quote"], qualifiers)
            if statement not in out.statements:
                out.statements.append(statement)
    return out



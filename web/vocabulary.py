"""The ontology's classes and properties as the console's completions, and its example queries.

Read once from the ontology shipped in the package (not from the store: a store holds data, and
completion should offer every term the data may use, with what it means).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from plangraph.graph.namespaces import PREFIXES
from plangraph.graph.resources import ontology_path
from plangraph.graph.store import shorten

RDF_TYPE = PREFIXES["rdf"] + "type"
KINDS = {PREFIXES["owl"] + "Class": "class", PREFIXES["rdfs"] + "Class": "class",
         PREFIXES["owl"] + "ObjectProperty": "property", PREFIXES["owl"] + "DatatypeProperty": "property",
         PREFIXES["rdf"] + "Property": "property", PREFIXES["owl"] + "AnnotationProperty": "property"}
# terms from other vocabularies every plangraph query uses
COMMON = [("rdfs:label", "property", "the node's one name"), ("skos:altLabel", "property", "another name"),
          ("rdf:type", "property", "what kind of thing it is ('a')"),
          ("prov:wasDerivedFrom", "property", "the source document it was read from"),
          ("foaf:Person", "class", "a person"), ("org:Post", "class", "a post (a role someone holds)"),
          ("org:reportsTo", "property", "a body reports to another"),
          ("org:memberOf", "property", "a person or body is a member of a board"),
          ("org:holds", "property", "a person holds a post"),
          ("org:postIn", "property", "a post is in a body"),
          ("foaf:mbox", "property", "an e-mail address"), ("skos:notation", "property", "an acronym"),
          ("dcterms:description", "property", "a description")]

EXAMPLES: dict[str, str] = {
    "Outcomes and their plans": """SELECT ?outcome ?label ?planLabel WHERE {
  ?outcome a pg:Outcome ; rdfs:label ?label .
  OPTIONAL { ?outcome pg:partOf ?plan . ?plan rdfs:label ?planLabel }
}
ORDER BY ?planLabel ?label
LIMIT 50""",
    "Who leads what": """SELECT ?element ?elementLabel ?leader ?leaderLabel WHERE {
  ?element pg:ledBy ?leader ; rdfs:label ?elementLabel .
  ?leader rdfs:label ?leaderLabel .
}
ORDER BY ?leaderLabel
LIMIT 100""",
    "Reporting lines": """SELECT ?body ?bodyLabel ?reportsTo ?reportsToLabel WHERE {
  ?body org:reportsTo ?reportsTo ; rdfs:label ?bodyLabel .
  ?reportsTo rdfs:label ?reportsToLabel .
}
ORDER BY ?reportsToLabel ?bodyLabel""",
    "Members of each board": """SELECT ?boardLabel (COUNT(DISTINCT ?person) AS ?members) WHERE {
  ?person org:memberOf ?board . ?board a pg:Board ; rdfs:label ?boardLabel .
}
GROUP BY ?boardLabel
ORDER BY DESC(?members)""",
    "Indicator values": """SELECT ?indicatorLabel ?period ?value WHERE {
  ?indicator pg:observation ?o ; rdfs:label ?indicatorLabel .
  ?o pg:valueText ?value . OPTIONAL { ?o pg:period ?period }
}
ORDER BY ?indicatorLabel ?period
LIMIT 100""",
    "Facts per document": """SELECT ?file (COUNT(*) AS ?triples) WHERE {
  GRAPH ?g { ?s ?p ?o } ?g pg:fileName ?file .
}
GROUP BY ?file
ORDER BY DESC(?triples)""",
}


@lru_cache(maxsize=1)
def terms() -> list[dict[str, Any]]:
    """Every class and property the ontology declares, prefixed, with its comment or label."""
    graph = ox.Store()
    graph.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    found: dict[str, dict[str, Any]] = {}
    for quad in graph.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None):
        kind = KINDS.get(quad.object.value) if isinstance(quad.object, ox.NamedNode) else None
        if kind is None or not isinstance(quad.subject, ox.NamedNode):
            continue
        name = shorten(quad.subject.value)
        if ":" not in name or name.startswith("http"):
            continue
        found[name] = {"name": name, "kind": kind, "note": _note(graph, quad.subject)}
    for name, kind, note in COMMON:
        found.setdefault(name, {"name": name, "kind": kind, "note": note})
    return sorted(found.values(), key=lambda t: (t["kind"], t["name"].casefold()))


def _note(graph: ox.Store, subject: ox.NamedNode) -> str:
    for predicate in ("comment", "label"):
        for quad in graph.quads_for_pattern(subject, ox.NamedNode(PREFIXES["rdfs"] + predicate), None):
            text = " ".join(quad.object.value.split())
            return text if len(text) <= 120 else text[:119] + "…"
    return ""

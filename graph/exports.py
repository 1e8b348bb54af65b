"""Files the tools people already use can open: network files, Kumu sheets, Popolo, workbooks.

* GraphML and GEXF (Gephi, yEd, Cytoscape): the accountability and governance network - plans,
  outcomes, priorities, actions, indicators, boards, organisations, posts and people as nodes
  (label, kind, IRI), the relations between them as edges (relation) - written by networkx.
* Kumu: a workbook with Kumu's two sheets, Elements (Label, Type, ID) and Connections (From,
  To, Type), formula-safe.
* Popolo JSON (the open standard for people in public bodies): persons, organizations (boards
  and organisations, with a classification), posts and memberships, each membership with its
  role, its post and - where the documents give one - its term.
* A workbook of sheets for people who read spreadsheets (see `workbook`).
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
import pandas as pd

from plangraph.graph.analytics import projection
from plangraph.graph.spreadsheets import to_workbook
from plangraph.graph.store import Store

NETWORK_FORMATS = ("graphml", "gexf", "kumu", "popolo")
POSTS = """SELECT ?post (SAMPLE(?l) AS ?label) (SAMPLE(?o) AS ?org) WHERE {
  ?post a org:Post ; rdfs:label ?l . OPTIONAL { ?post org:postIn ?o } } GROUP BY ?post ORDER BY ?post"""
MEMBERSHIPS = """SELECT ?p ?o (SAMPLE(?role) AS ?r) (SAMPLE(?during) AS ?d) (SAMPLE(?status) AS ?s) WHERE {
  ?p a foaf:Person ; org:memberOf ?o .
  OPTIONAL { ?a rdf:subject ?p ; rdf:predicate org:memberOf ; rdf:object ?o .
             OPTIONAL { ?a pg:role ?role } OPTIONAL { ?a pg:during ?during }
             OPTIONAL { ?a pg:status ?status } } }
GROUP BY ?p ?o ORDER BY ?p ?o"""


def network_file(kg: Store, fmt: str) -> bytes:
    """The store's network in one of `NETWORK_FORMATS`."""
    if fmt == "popolo":
        return json.dumps(popolo(kg), ensure_ascii=False, indent=1).encode("utf-8")
    g = _simple(projection(kg))
    if fmt == "kumu":
        return kumu(g)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer)
    elif fmt == "gexf":
        nx.write_gexf(g, buffer)
    else:
        raise ValueError(f"unknown network format '{fmt}' (use one of {', '.join(NETWORK_FORMATS)})")
    return buffer.getvalue()


def _simple(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection with plain string attributes (what GraphML and GEXF can hold), each node's
    IRI kept as `iri`, and each edge's relation as `relation` and `label`."""
    out = nx.MultiDiGraph()
    for node in sorted(g.nodes):
        data = g.nodes[node]
        out.add_node(node, label=str(data.get("label", "")), kind=str(data.get("kind", "")), iri=node)
    for u, v, key in sorted(g.edges(keys=True)):
        out.add_edge(u, v, key=key, relation=key, label=key)
    return out


def kumu(g: nx.MultiDiGraph) -> bytes:
    """Kumu's import workbook: an Elements and a Connections sheet."""
    elements = pd.DataFrame([{"ID": n, "Label": d["label"], "Type": d["kind"]}
                             for n, d in g.nodes(data=True)], columns=["ID", "Label", "Type"])
    connections = pd.DataFrame([{"From": u, "To": v, "Type": key} for u, v, key in g.edges(keys=True)],
                               columns=["From", "To", "Type"])
    return to_workbook({"Elements": elements, "Connections": connections})


def popolo(kg: Store) -> dict[str, list[dict[str, Any]]]:
    """People, organisations, posts and memberships as Popolo JSON."""
    persons = [{"id": r["p"], "name": r["name"]} for r in kg.sparql(
        "SELECT ?p (SAMPLE(?l) AS ?name) WHERE { ?p a foaf:Person ; rdfs:label ?l } GROUP BY ?p ORDER BY ?p")]
    organizations = [{"id": r["o"], "name": r["name"], "classification": r["kind"]} for r in kg.sparql(
        """SELECT ?o (SAMPLE(?l) AS ?name) (IF(MAX(?board), "board", "organisation") AS ?kind) WHERE {
             { ?o a pg:Board BIND(true AS ?board) } UNION { ?o a pg:Organisation BIND(false AS ?board) }
             ?o rdfs:label ?l } GROUP BY ?o ORDER BY ?o""")]
    posts = [{"id": r["post"], "label": r["label"], **({"organization_id": r["org"]} if r.get("org") else {})}
             for r in kg.sparql(POSTS)]
    known_orgs = {o["id"] for o in organizations}
    memberships: list[dict[str, Any]] = []
    for r in kg.sparql(MEMBERSHIPS):
        if r["o"] not in known_orgs:
            continue
        membership: dict[str, Any] = {"id": f"{r['p']}|{r['o']}", "person_id": r["p"],
                                      "organization_id": r["o"]}
        if r.get("r"):
            membership["role"] = r["r"]
        if r.get("d"):
            membership["note"] = f"term: {r['d']}"
        if r.get("s") == "past":  # stood down; the documents give no date to put in end_date
            membership["note"] = "; ".join(filter(None, [membership.get("note"), "stood down"]))
        memberships.append(membership)
    for r in kg.sparql("""SELECT DISTINCT ?p ?post ?o WHERE { ?p a foaf:Person ; org:holds ?post .
                            OPTIONAL { ?post org:postIn ?o } } ORDER BY ?p ?post"""):
        membership = {"id": f"{r['p']}|{r['post']}", "person_id": r["p"], "post_id": r["post"]}
        if r.get("o") in known_orgs:
            membership["organization_id"] = r["o"]
        memberships.append(membership)
    return {"persons": persons, "organizations": organizations, "posts": posts, "memberships": memberships}

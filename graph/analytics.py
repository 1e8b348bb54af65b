"""Network analyses of the accountability graph, for what SPARQL does badly.

The store is projected once into a networkx graph of bodies, people, posts, plans and plan
elements, joined by reporting lines, memberships, leadership, posts and plan links. On it:
cycles in reporting lines, the people and boards most relied upon (betweenness centrality),
overloaded people, and clusters of connected plans. Results come back as DataFrames (CLI, API
and web show them the same way); `save_analyses` writes centrality and clusters into the
derived named graph so SPARQL can use them.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pandas as pd
from pyoxigraph import Literal, NamedNode, Quad

from plangraph.graph.namespaces import DERIVED, PG, XSD
from plangraph.graph.store import Store, shorten
from plangraph.graph.terms import decimal

ANALYTICS_GRAPH = DERIVED + "analytics"
EDGES = {
    "reportsTo": "org:reportsTo", "memberOf": "org:memberOf", "ledBy": "pg:ledBy",
    "holds": "org:holds", "postIn": "org:postIn", "partOf": "pg:partOf",
    "contributesTo": "pg:contributesTo", "measures": "pg:measures", "references": "pg:references",
    "alignedWith": "pg:alignedWith",
}
KINDS = "pg:Board pg:Organisation foaf:Person org:Post pg:Plan pg:Outcome pg:Priority pg:Action pg:Indicator"


def projection(kg: Store) -> nx.MultiDiGraph:
    """Entities as nodes (with label and kind), the relations between them as edges."""
    g = nx.MultiDiGraph()
    for row in kg.sparql(f"SELECT DISTINCT ?s ?t ?l WHERE {{ VALUES ?t {{ {KINDS} }} "
                         "?s a ?t ; rdfs:label ?l }"):
        g.add_node(row["s"], label=row["l"], kind=shorten(row["t"]).split(":")[1])
    values = " ".join(EDGES.values())
    for row in kg.sparql(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
        if row["s"] in g and row["o"] in g:
            g.add_edge(row["s"], row["o"], key=shorten(row["p"]).split(":")[1])
    return g


def _edges(g: nx.MultiDiGraph, kinds: set[str]) -> nx.DiGraph:
    sub = nx.DiGraph()
    sub.add_nodes_from(g.nodes(data=True))
    sub.add_edges_from((u, v) for u, v, k in g.edges(keys=True) if k in kinds)
    return sub


def reporting_cycles(g: nx.MultiDiGraph, limit: int = 50) -> pd.DataFrame:
    """Bodies that, following reporting lines, end up reporting to themselves."""
    lines = _edges(g, {"reportsTo"})
    rows = []
    for n, cycle in enumerate(nx.simple_cycles(lines)):
        if n >= limit:
            break
        rows.append({"cycle": n + 1, "length": len(cycle),
                     "bodies": " → ".join(g.nodes[x]["label"] for x in [*cycle, cycle[0]])})
    return pd.DataFrame(rows, columns=["cycle", "length", "bodies"])


def relied_upon(g: nx.MultiDiGraph, top: int = 20) -> pd.DataFrame:
    """People and bodies that most paths of accountability pass through (betweenness)."""
    acc = _edges(g, {"reportsTo", "memberOf", "ledBy", "holds", "postIn", "partOf",
                     "contributesTo"}).to_undirected()
    k = min(len(acc), 400) if len(acc) > 2000 else None  # sampled on large graphs
    scores = nx.betweenness_centrality(acc, k=k, seed=7) if len(acc) else {}
    rows = [{"node": n, "label": g.nodes[n]["label"], "kind": g.nodes[n]["kind"],
             "betweenness": round(s, 5), "links": acc.degree(n)}
            for n, s in scores.items() if g.nodes[n]["kind"] in {"Person", "Board", "Organisation", "Post"}]
    rows.sort(key=lambda r: (-r["betweenness"], -r["links"], r["label"]))
    return pd.DataFrame(rows[:top], columns=["node", "label", "kind", "betweenness", "links"])


def overload(g: nx.MultiDiGraph, leads: int = 5, boards: int = 3) -> pd.DataFrame:
    """People leading more than `leads` things or sitting on more than `boards` bodies."""
    rows = []
    for n, data in g.nodes(data=True):
        if data["kind"] != "Person":
            continue
        led = {u for u, _, k in g.in_edges(n, keys=True) if k == "ledBy"}
        for _, post, k in g.out_edges(n, keys=True):
            if k == "holds":
                led |= {u for u, _, k2 in g.in_edges(post, keys=True) if k2 == "ledBy"}
        sits = {v for _, v, k in g.out_edges(n, keys=True) if k == "memberOf"}
        if len(led) > leads or len(sits) > boards:
            rows.append({"person": n, "label": data["label"], "leads": len(led), "boards": len(sits)})
    rows.sort(key=lambda r: (-r["leads"], -r["boards"], r["label"]))
    return pd.DataFrame(rows, columns=["person", "label", "leads", "boards"])


def plan_clusters(g: nx.MultiDiGraph) -> pd.DataFrame:
    """Plans connected by references, alignment of their elements or shared leaders."""
    plans = [n for n, d in g.nodes(data=True) if d["kind"] == "Plan"]
    plan_of: dict[str, set[str]] = {}
    for u, v, k in g.edges(keys=True):
        if k == "partOf" and g.nodes[v]["kind"] == "Plan":
            plan_of.setdefault(u, set()).add(v)
    links = nx.Graph()
    links.add_nodes_from(plans)
    for u, v, k in g.edges(keys=True):
        if k == "references" and u in links and v in links:
            links.add_edge(u, v)
        elif k == "alignedWith":
            for a in plan_of.get(u, ()):
                for b in plan_of.get(v, ()):
                    if a != b:
                        links.add_edge(a, b)
    rows = []
    for n, component in enumerate(sorted(nx.connected_components(links), key=len, reverse=True), 1):
        if len(component) < 2:
            continue
        for plan in sorted(component, key=lambda p: g.nodes[p]["label"]):
            rows.append({"cluster": n, "plan": plan, "label": g.nodes[plan]["label"],
                         "size": len(component)})
    return pd.DataFrame(rows, columns=["cluster", "plan", "label", "size"])


ANALYSES: dict[str, tuple[str, Callable[..., pd.DataFrame]]] = {
    "reporting-cycles": ("Cycles in reporting lines", reporting_cycles),
    "relied-upon": ("The people and bodies most relied upon", relied_upon),
    "overload": ("People leading or sitting on too much", overload),
    "plan-clusters": ("Clusters of connected plans", plan_clusters),
}


def analyse(kg: Store, name: str, **options: int) -> pd.DataFrame:
    if name not in ANALYSES:
        raise KeyError(f"no analysis called '{name}' (try {', '.join(ANALYSES)})")
    return ANALYSES[name][1](projection(kg), **options)


def save_analyses(kg: Store) -> int:
    """Write betweenness and plan clusters into the derived analytics graph; returns quads."""
    g = projection(kg)
    quads = []
    graph = NamedNode(ANALYTICS_GRAPH)
    integer = NamedNode(XSD + "integer")
    for row in relied_upon(g, top=len(g)).itertuples():
        quads.append(Quad(NamedNode(row.node), NamedNode(PG + "betweenness"),
                          decimal(row.betweenness, 5), graph))
    for row in plan_clusters(g).itertuples():
        quads.append(Quad(NamedNode(row.plan), NamedNode(PG + "cluster"),
                          Literal(str(row.cluster), datatype=integer), graph))
    kg.replace_graph(ANALYTICS_GRAPH, quads)
    return len(quads)

"""The data behind the interactive pictures (drawn in the browser by vis-network).

Each function returns plain JSON: nodes (id = IRI, label, kind, page URL, whether it is a
gap), edges (from, to, relation, width) and whether the picture was cut at the node cap. The
page embeds it with `|tojson` and `static/graph.js` draws it with the vis-network bundled in
`static/vendor/`: no request leaves the server, and labels reach the canvas as data, never as
HTML.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

from plangraph.graph.analytics import projection
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.caches import cached
from plangraph.web.data import entity_url, gaps_by_node

# colour and shape per kind: shape as well as colour, so the picture reads without colour too
STYLE: dict[str, dict[str, str]] = {
    "Plan": {"color": "#1d4e89", "shape": "box"},
    "Outcome": {"color": "#2a7f62", "shape": "ellipse"},
    "Priority": {"color": "#7fb069", "shape": "ellipse"},
    "Action": {"color": "#e6c229", "shape": "dot"},
    "Indicator": {"color": "#f17105", "shape": "diamond"},
    "Board": {"color": "#6a4c93", "shape": "hexagon"},
    "Organisation": {"color": "#8c564b", "shape": "square"},
    "Person": {"color": "#d11149", "shape": "star"},
    "Post": {"color": "#e377c2", "shape": "triangle"},
    "Thing": {"color": "#7f7f7f", "shape": "dot"},
}
GAP_COLOUR = "#c00000"
PLAN_COLOURS = ["#1d4e89", "#2a7f62", "#d11149", "#6a4c93", "#f17105", "#8c564b", "#17becf",
                "#bcbd22", "#7f7f7f", "#e377c2"]
MAX_NODES = 400
# colour, dash and arrow per relation: accountability lines (reports to, led by, member of) stand
# out; structure (part of) recedes. The legend is drawn from the same table as the edges.
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "reportsTo": {"label": "reports to", "color": "#1a1a1a", "dashes": False, "width": 2.5},
    "ledBy": {"label": "led by", "color": "#d11149", "dashes": False, "width": 2},
    "memberOf": {"label": "member of", "color": "#6a4c93", "dashes": [8, 5], "width": 1.5},
    "holds": {"label": "holds the post", "color": "#e377c2", "dashes": [2, 4], "width": 1.5},
    "postIn": {"label": "post in", "color": "#e377c2", "dashes": [2, 4], "width": 1.5},
    "contributesTo": {"label": "feeds", "color": "#2a7f62", "dashes": False, "width": 1.5},
    "measures": {"label": "measures", "color": "#f17105", "dashes": [6, 4], "width": 1.5},
    "partOf": {"label": "part of", "color": "#9a9a9a", "dashes": False, "width": 1},
    "references": {"label": "refers to", "color": "#7f7f7f", "dashes": [1, 4], "width": 1},
    "alignedWith": {"label": "aligned with", "color": "#444444", "dashes": False, "width": 1,
                    "arrows": False},
}
EDGE_LABELS = {relation: style["label"] for relation, style in EDGE_STYLE.items()}


def _styled(payload: dict[str, Any]) -> dict[str, Any]:
    """The colours, shapes and line styles go with the data, so the legend, the filters and the
    picture never disagree: the kinds and relations present are listed for both."""
    kinds = {n["kind"] for n in payload["nodes"]}
    relations = {e["relation"] for e in payload["edges"]}
    return {**payload, "style": STYLE, "edgeStyle": EDGE_STYLE, "gapColour": GAP_COLOUR,
            "kinds": [k for k in STYLE if k in kinds], "relations": [r for r in EDGE_STYLE if r in relations],
            "gapCount": sum(1 for n in payload["nodes"] if n.get("gap"))}


def _node(g: nx.MultiDiGraph, iri: str, gaps: dict[str, list[str]], root: str | None = None
          ) -> dict[str, Any]:
    data = g.nodes[iri]
    label = data["label"]
    return {"id": iri, "label": label if len(label) <= 48 else label[:47] + "…", "full": label,
            "kind": data["kind"], "url": entity_url(iri), "gap": "; ".join(gaps.get(iri, [])),
            "root": iri == root}


def _projection(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return cached(kg, "projection", lambda: projection(kg))


def neighbourhood(kg: KnowledgeGraph, iri: str, depth: int = 2, limit: int = 40) -> dict[str, Any]:
    """The accountability network around a node: breadth-first to `depth`, at most `limit` nodes.

    People, boards and organisations are visited before plan elements at each step, so the
    accountability around a node survives the cap; `truncated` says whether more were left.
    """
    g = _projection(kg)
    depth = max(1, min(depth, 4))
    limit = max(5, min(limit, MAX_NODES))
    if iri not in g:
        return _styled({"nodes": [], "edges": [], "truncated": False, "total": 0, "depth": depth,
                        "limit": limit})
    gaps = gaps_by_node(kg)
    rank = {"Person": 0, "Board": 1, "Organisation": 2, "Post": 3, "Plan": 4, "Outcome": 5,
            "Priority": 6, "Indicator": 7, "Action": 8}
    seen, order = {iri: 0}, [iri]
    queue = deque([iri])
    reachable = 1
    while queue:
        current = queue.popleft()
        if seen[current] >= depth:
            continue
        neighbours = set(g.successors(current)) | set(g.predecessors(current))
        for other in sorted(neighbours - seen.keys(),
                            key=lambda x: (rank.get(g.nodes[x]["kind"], 9), g.nodes[x]["label"].casefold())):
            seen[other] = seen[current] + 1
            reachable += 1
            if len(order) < limit:
                order.append(other)
                queue.append(other)
    keep = set(order)
    nodes = [_node(g, n, gaps, iri) | {"level": seen[n]} for n in order]
    return _styled({"nodes": nodes, "edges": _edges(g, keep), "truncated": reachable > len(order),
                    "total": reachable, "depth": depth, "limit": limit})


def _edges(g: nx.MultiDiGraph, keep: set[str], kinds: set[str] | None = None) -> list[dict[str, Any]]:
    edges, seen = [], set()
    for u, v, key in g.edges(keys=True):
        if u != v and u in keep and v in keep and (kinds is None or key in kinds) and (u, v, key) not in seen:
            seen.add((u, v, key))
            edges.append({"from": u, "to": v, "relation": key, "label": EDGE_LABELS.get(key, key)})
    return edges


def reporting(kg: KnowledgeGraph) -> dict[str, Any]:
    """Reporting lines between boards and organisations as a top-down tree (positions computed
    here, so boxes never overlap). Boards with no reporting line at all are listed apart
    (`isolated`): they are gaps, not part of a tree."""
    g = _projection(kg)
    gaps = gaps_by_node(kg)
    lines = sorted({(u, v) for u, v, k in g.edges(keys=True) if k == "reportsTo" and u != v})
    keep = {n for edge in lines for n in edge}
    keep = set(sorted(keep, key=lambda n: g.nodes[n]["label"].casefold())[:MAX_NODES])
    lines = [(u, v) for u, v in lines if u in keep and v in keep]
    positions = tree_layout(keep, lines, lambda n: g.nodes[n]["label"].casefold())
    nodes = [_node(g, n, gaps) | {"x": positions[n][0], "y": positions[n][1]}
             for n in sorted(keep, key=lambda n: positions[n])]
    isolated = sorted((n for n, d in g.nodes(data=True) if d["kind"] == "Board" and n not in keep),
                      key=lambda n: g.nodes[n]["label"].casefold())
    return _styled({"nodes": nodes, "edges": _edges(g, keep, {"reportsTo"}), "truncated": False,
                    "total": len(nodes), "height": max((y for _, y in positions.values()), default=0) + 160,
                    "isolated": [{"iri": n, "label": g.nodes[n]["label"], "url": entity_url(n)}
                                 for n in isolated]})


def tree_layout(nodes: set[str], lines: list[tuple[str, str]], key: Any, width: int = 200,
                height: int = 130) -> dict[str, tuple[int, int]]:
    """x, y of each body: what it reports to above it, what reports to it spread below.

    Each body hangs under the first body it reports to (a body reporting to two appears under
    one, with an edge to the other); the tops of the chains are the roots, side by side; a
    cycle is broken where it is first met.
    """
    parent: dict[str, str] = {}
    for child, up in lines:
        parent.setdefault(child, up)
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for child, up in parent.items():
        children[up].append(child)
    for kids in children.values():
        kids.sort(key=key)
    placed: dict[str, tuple[int, int]] = {}
    next_slot = 0

    def place(n: str, depth: int, trail: frozenset[str]) -> float:
        nonlocal next_slot
        kids = [c for c in children[n] if c not in trail and c not in placed]
        placed[n] = (0, depth * height)  # claimed, so a cycle cannot place it twice
        if not kids:
            x = next_slot * width
            next_slot += 1
        else:
            xs = [place(c, depth + 1, trail | {n}) for c in kids]
            x = (min(xs) + max(xs)) / 2
        placed[n] = (int(x), depth * height)
        return x

    roots = sorted((n for n in nodes if n not in parent), key=key)
    for root in roots:
        place(root, 0, frozenset())
    for n in sorted(nodes - placed.keys(), key=key):  # only cycles are left: start anywhere
        place(n, 0, frozenset())
    return placed


def alignment(kg: KnowledgeGraph, limit: int = 300) -> dict[str, Any]:
    """Elements of different plans joined by pg:alignedWith, weighted by pg:score; each plan is
    a group (its own colour, with its elements around it)."""
    rows = kg.sparql(
        """SELECT ?a ?b (MAX(?s) AS ?score) (SAMPLE(?m) AS ?method) (SAMPLE(?c) AS ?why) WHERE {
             ?a pg:alignedWith ?b . FILTER(STR(?a) < STR(?b))
             OPTIONAL { GRAPH ?g { ?al pg:alignedElement ?a , ?b ; pg:score ?s
                        OPTIONAL { ?al pg:method ?m } OPTIONAL { ?al rdfs:comment ?c } } } }
           GROUP BY ?a ?b ORDER BY DESC(?score) STR(?a) STR(?b) LIMIT 2000""")
    if not rows:
        return _styled({"nodes": [], "edges": [], "plans": [], "truncated": False, "total": 0})
    g = _projection(kg)
    gaps = gaps_by_node(kg)
    elements: list[str] = []
    for r in rows:
        for x in (r["a"], r["b"]):
            if x in g and x not in elements:
                elements.append(x)
    truncated = len(elements) > limit
    elements = elements[:limit]
    plan_of: dict[str, str] = {}
    for e in elements:
        for _, plan, key in g.out_edges(e, keys=True):
            if key == "partOf" and g.nodes[plan]["kind"] == "Plan":
                plan_of[e] = plan
                break
    plans = sorted(set(plan_of.values()), key=lambda p: g.nodes[p]["label"].casefold())
    colour = {p: PLAN_COLOURS[i % len(PLAN_COLOURS)] for i, p in enumerate(plans)}
    nodes = [_node(g, p, gaps) | {"group": p, "colour": colour[p], "isPlan": True} for p in plans]
    nodes += [_node(g, e, gaps) | {"group": plan_of.get(e, ""), "colour": colour.get(plan_of.get(e, ""),
                                                                                       "#7f7f7f")}
              for e in elements]
    keep = set(elements)
    edges = [{"from": r["a"], "to": r["b"], "relation": "alignedWith", "label": "aligned",
              "score": r.get("score"), "width": 1 + 5 * float(r.get("score") or 0.5)}
             for r in rows if r["a"] in keep and r["b"] in keep]
    edges += [{"from": e, "to": p, "relation": "partOf", "label": "part of", "dashes": True}
              for e, p in plan_of.items()]
    def side(x: str) -> dict[str, Any]:
        plan = plan_of.get(x)
        return {"iri": x, "label": g.nodes[x]["label"], "url": entity_url(x),
                "plan": g.nodes[plan]["label"] if plan else "", "planUrl": entity_url(plan) if plan else None}

    pairs = [{"a": side(r["a"]), "b": side(r["b"]), "score": r.get("score"), "method": r.get("method") or "",
              "why": r.get("why") or ""} for r in rows if r["a"] in keep and r["b"] in keep]
    return _styled({"nodes": nodes, "edges": edges, "truncated": truncated, "total": len(nodes),
                    "pairs": pairs,
                    "plans": [{"iri": p, "label": g.nodes[p]["label"], "colour": colour[p],
                               "url": entity_url(p)} for p in plans]})

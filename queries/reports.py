"""Whole-store answers kept in the store, so that asking for them does not read the store again.

A named query over the whole store can take seconds (the accountability-gaps report: 11.7 s for
32,000 rows at 1,000 generated plans), and every picture in the web colours its nodes by it. The
reports in `KEPT` are run once more whenever the derived graphs are refreshed (after an ingest,
an upload, a removal) and their rows are kept in a private graph, with the digest of the
documents they were read from. Asked again with no parameters while the documents are the same,
the kept rows are the answer; otherwise the query runs as usual.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd
import pyoxigraph as ox

from plangraph.graph.namespaces import PG, PRIVATE

if TYPE_CHECKING:
    from plangraph.graph.store import Store

KEPT = ("accountability-gaps",)
REPORTS_GRAPH = PRIVATE + "reports"


def _node(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{REPORTS_GRAPH}/{name}")


def keep(kg: Store, reports: dict[str, pd.DataFrame]) -> None:
    """Keep each report's rows, for the documents the store holds now (one transaction)."""
    graph, digest = ox.NamedNode(REPORTS_GRAPH), kg.documents_digest()
    quads = []
    for name, frame in sorted(reports.items()):
        rows = json.dumps({"columns": list(frame.columns),
                           "rows": frame.astype(object).where(frame.notna(), None).values.tolist()})
        quads += [ox.Quad(_node(name), ox.NamedNode(PG + "rows"), ox.Literal(rows), graph),
                  ox.Quad(_node(name), ox.NamedNode(PG + "documentsDigest"), ox.Literal(digest), graph)]
    kg.replace_private(REPORTS_GRAPH, quads)


def kept(kg: Store, name: str) -> pd.DataFrame | None:
    """The rows kept for a report, if they were read from the documents the store holds now."""
    found = kg.sparql(f"""SELECT ?rows ?digest WHERE {{ GRAPH <{REPORTS_GRAPH}> {{
                           ?r pg:rows ?rows ; pg:documentsDigest ?digest }} }}""", {"r": _node(name)})
    if not found or found[0]["digest"] != kg.documents_digest():
        return None
    table = json.loads(found[0]["rows"])
    return pd.DataFrame([tuple(row) for row in table["rows"]], columns=table["columns"])

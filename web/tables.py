"""Result tables as people read them: one row per fact, its sources grouped beneath it.

A named query answers one row per assertion (the CSV and the API keep that); a page shows one
row per fact with the documents that state it folded under a "sources" cell, human column
names instead of variable names, and rows that can be sorted and filtered. No SPARQL here.
"""

from __future__ import annotations

from typing import Any

from plangraph.graph.namespaces import ID
from plangraph.queries.columns import column_name
from plangraph.web import data

SOURCE_COLUMNS = ("document", "lines", "quote")
def table_view(columns: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Columns and grouped rows for a result table.

    An IRI column shows its label column as a link; the document, lines and quote of every
    assertion behind a row become that row's `sources` (each with a link to its lines); rows
    that say the same thing are one row.
    """
    hidden = {f"{c}Label" for c in columns if f"{c}Label" in columns}
    has_sources = "document" in columns or "quote" in columns
    shown = [c for c in columns if c not in hidden and not (has_sources and c in SOURCE_COLUMNS)
             and any(row.get(c) not in (None, "") for row in rows)]  # a column nobody filled says nothing
    grouped: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in rows:
        cells = [_cell(c, row, hidden) for c in shown]
        key = tuple(f"{cell['text']}\x00{cell['url']}" for cell in cells)
        entry = grouped.setdefault(key, {"cells": cells, "sources": []})
        source = _source(row) if has_sources else None
        if source and source not in entry["sources"]:
            entry["sources"].append(source)
    return {"columns": [column_name(c) for c in shown], "variables": shown, "sources": has_sources,
            "rows": list(grouped.values())}


def _cell(column: str, row: dict[str, Any], hidden: set[str]) -> dict[str, Any]:
    value = row.get(column)
    if value is None or value == "":
        return {"text": "", "url": None, "sort": ""}
    if f"{column}Label" in hidden:
        text = str(row.get(f"{column}Label") or data.shorten_iri(str(value)))
        return {"text": text, "url": data.entity_url(str(value)), "sort": text.casefold()}
    if isinstance(value, str) and value.startswith(ID):
        return {"text": data.shorten_iri(value), "url": data.entity_url(value), "sort": value}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"text": f"{value:g}" if isinstance(value, float) else str(value), "url": None, "sort": value}
    return {"text": str(value), "url": None, "sort": str(value).casefold()}


def _source(row: dict[str, Any]) -> dict[str, Any] | None:
    document, lines, quote = row.get("document"), row.get("lines"), row.get("quote")
    if not document and not quote:
        return None
    return {"document": document, "lines": lines, "quote": quote or "",
            "url": data.document_url(str(document), lines) if document else None}


def thread_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A plan's golden thread as a tree: each top-level element with everything beneath it."""
    nodes: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["element"] in nodes:
            continue
        nodes[row["element"]] = {
            **row, "url": data.entity_url(row["element"]), "children": [],
            "feeds": [x for x in (row.get("feeds") or "").split(" | ") if x],
            "measures": [x for x in (row.get("measures") or "").split(" | ") if x],
            "leads": [x for x in (row.get("leads") or "").split(" | ") if x]}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.get("broader") or "")
        if parent is None or _above(node, parent, nodes):  # a loop of 'comes under': a root
            roots.append(node)
        else:
            parent["children"].append(node)
            node["parent"] = parent["element"]
    for root in roots:
        _count(root)
    return roots


def _above(node: dict[str, Any], other: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> bool:
    """Is `node` (or is it on) the chain of parents already drawn above `other`?"""
    seen, current = set(), other
    while current is not None and current["element"] not in seen:
        if current is node:
            return True
        seen.add(current["element"])
        current = nodes.get(current.get("parent") or "")
    return False


def _count(node: dict[str, Any]) -> dict[str, int]:
    """How many elements of each level sit beneath a node (kept on it as `count`)."""
    counts: dict[str, int] = {}
    for child in node["children"]:
        counts[child["level"]] = counts.get(child["level"], 0) + 1
        for level, n in _count(child).items():
            counts[level] = counts.get(level, 0) + n
    node["count"] = counts
    return counts

"""Lists people can narrow down: facets with counts, sorting, pages, CSV and JSON of the same rows.

The search, browse and gaps pages hand their rows here with the columns to show and the
columns to facet on. The query string carries the state, so every view has an address (and
its downloads are the same address with `format=`): `f.plan=Harrowby Plan` keeps the rows of
one plan (several facets narrow together), `sort=label&desc=1` orders them, `page=2` pages.
No SPARQL here: the rows are already read.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from fastapi.responses import Response

from plangraph.graph.spreadsheets import to_csv

PAGE_SIZE = 50
FACET_VALUES = 12  # values shown per facet, most frequent first
KEPT_PARAMS = ("sort", "desc", "q", "type")  # besides the facets, what a page's links carry on


@dataclass(frozen=True)
class Column:
    key: str  # the row's field
    title: str  # the header a person reads
    link: str | None = None  # the row's field holding the address this cell links to


def listing(rows: list[dict[str, Any]], columns: list[Column], facets: list[Column],
            params: Mapping[str, str], path: str, keep: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The rows a page shows, with its facets, sort, pages and downloads; `keep` are the page's
    own parameters (a named query's), carried on by every link."""
    kept, chosen, sort, desc = _narrowed(rows, columns, facets, params)
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    try:
        page = min(max(int(params.get("page", "1")), 1), pages)
    except ValueError:
        page = 1
    state = {**(keep or {}),
             **{k: v for k, v in params.items() if v and (k.startswith("f.") or k in KEPT_PARAMS)}}

    def url(**change: str | None) -> str:
        merged = {**state, **change}
        query = urlencode({k: v for k, v in merged.items() if v})
        return path + ("?" + query if query else "")

    facet_views = []
    for facet in facets:
        others = [r for r in rows if all(_text(r.get(k)) == v for k, v in chosen.items() if k != facet.key)]
        counts = Counter(_text(r.get(facet.key)) for r in others if _text(r.get(facet.key)))
        if len(counts) < 2 and facet.key not in chosen:
            continue  # one value everywhere narrows nothing
        def toggled(value: str, key: str = facet.key) -> str:  # choose a value, or let it go again
            return url(**{f"f.{key}": None if chosen.get(key) == value else value, "page": None})
        values = [{"value": value, "count": n, "selected": chosen.get(facet.key) == value,
                   "url": toggled(value)}
                  for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))]
        facet_views.append({"key": facet.key, "title": facet.title, "values": values[:FACET_VALUES],
                            "more": max(len(values) - FACET_VALUES, 0)})
    shown = kept[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return {
        "rows": shown, "columns": columns, "total": len(kept), "all": len(rows), "page": pages and page,
        "pages": pages, "facets": facet_views, "chosen": chosen, "sort": sort, "desc": desc,
        "sort_urls": {c.key: url(sort=c.key, desc="1" if sort == c.key and not desc else None, page=None)
                      for c in columns},
        "prev_url": url(page=str(page - 1)) if page > 1 else None,
        "next_url": url(page=str(page + 1)) if page < pages else None,
        "clear_url": url(**{f"f.{k}": None for k in chosen}, page=None) if chosen else None,
        "csv_url": url(format="csv", page=None), "json_url": url(format="json", page=None),
    }


def download(rows: list[dict[str, Any]], columns: list[Column], params: Mapping[str, str],
             facets: list[Column], name: str, fmt: str) -> Response:
    """Every row of the current view (facets and sort applied, not paged) as CSV or JSON."""
    kept = _narrowed(rows, columns, facets, params)[0]
    fields = [c.key for c in columns] + sorted({c.link for c in columns if c.link})
    records = [{f: r.get(f) for f in fields} for r in kept]
    if fmt == "csv":
        frame = pd.DataFrame(records, columns=fields)
        return Response(to_csv(frame), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(json.dumps({"total": len(records), "rows": records}, default=str),
                    media_type="application/json")


def _narrowed(rows: list[dict[str, Any]], columns: list[Column], facets: list[Column],
              params: Mapping[str, str]) -> tuple[list[dict[str, Any]], dict[str, str], str | None, bool]:
    """The rows the chosen facet values keep, in the chosen order."""
    chosen = {f.key: params[f"f.{f.key}"] for f in facets if params.get(f"f.{f.key}")}
    kept = [r for r in rows if all(_text(r.get(k)) == v for k, v in chosen.items())]
    sort = params.get("sort") if params.get("sort") in {c.key for c in columns} else None
    desc = params.get("desc") == "1"
    if sort:
        kept.sort(key=lambda r: _sort_key(r.get(sort)), reverse=desc)
    return kept, chosen, sort, desc


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, value)
    return (1, _text(value).casefold())

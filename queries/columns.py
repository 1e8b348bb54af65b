"""The names people read over a named query's columns ('reports to', not 'reportsTo').

The web's tables and the terminal's both head their columns with these.
"""

from __future__ import annotations

import re
from typing import Any

from plangraph.graph.namespaces import ID
from plangraph.graph.passages import readable
from plangraph.graph.store import shorten

# variable names whose plain reading is not the name a person would give the column
COLUMN_NAMES = {
    "reportsTo": "reports to", "feeder": "what feeds it", "via": "through", "leader": "led by",
    "thing": "what", "relation": "how", "kind": "kind", "elementLabel": "element", "broader": "comes under",
    "other": "related element", "otherLabel": "related element", "score": "match score",
    "method": "matched by", "email": "e-mail", "during": "when", "attended": "meetings attended",
    "apologies": "apologies sent", "absent": "absent", "direction": "direction",
}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def column_name(variable: str) -> str:
    """'reportsTo' -> 'reports to', 'planLabel' -> 'plan': the header a person would write."""
    if variable in COLUMN_NAMES:
        return COLUMN_NAMES[variable]
    base = variable[:-5] if variable.endswith("Label") else variable
    return COLUMN_NAMES.get(base, _CAMEL.sub(" ", base).lower())


def readable_rows(names: list[str], records: list[dict[str, Any]], quote_limit: int = 0
                  ) -> tuple[list[str], list[dict[str, str]]]:
    """A named query's rows as people read them: labels in place of IRIs (under the IRI column's
    name), the document and its lines as one `source` ("plan.md:12"), a quoted table row as
    "Header: cell · Header: cell" (cut at `quote_limit` characters when one is given), the quote
    last. The terminal's tables and the workbooks share this."""
    labelled = {c for c in names if f"{c}Label" in names}
    columns: list[str] = []
    for c in names:
        if c in labelled or (c == "lines" and "document" in names):
            continue
        shown = c[:-5] if c.endswith("Label") and c[:-5] in labelled else c
        columns.append("source" if c == "document" else shown)
    if "quote" in columns:  # the quote last: it is the longest and wraps best
        columns.remove("quote")
        columns.append("quote")
    cells = []
    for r in records:
        row: dict[str, str] = {}
        for c in names:
            if c in labelled or (c == "lines" and "document" in names):
                continue
            value = r.get(c)
            if c == "document":
                row["source"] = f"{value}:{r['lines']}" if value and r.get("lines") else cell_text(value)
            elif c == "quote":
                text = readable(value) if isinstance(value, str) else ""
                cut = quote_limit and len(text) > quote_limit
                row["quote"] = text[: quote_limit - 1].rstrip() + "…" if cut else text
            elif c.endswith("Label") and c[:-5] in labelled:
                row[c[:-5]] = cell_text(value) or cell_text(r.get(c[:-5]))
            else:
                row[c] = cell_text(value)
        cells.append(row)
    return columns, cells


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without '.0', our IRIs as their path, others prefixed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith(ID):
        return text[len(ID):]
    return shorten(text) if text.startswith(("http://", "https://")) else text

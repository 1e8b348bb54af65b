"""Result tables that fit the terminal they are printed in.

A named query answers ten columns of IRIs and labels; squeezed into 80 characters that is
hundreds of lines of IRIs cut to look alike. So, unless `--wide` asks for everything:

* a column with a `…Label` partner shows the label under the column's name, and the IRI goes;
* the document and its lines are one `source` column ("plan.md:12"); a quoted table row reads
  "Header: cell · Header: cell";
* columns nobody filled go, and rows that then say the same thing are one row;
* columns are kept in order while they fit (the quote last, cut to 160 characters), and a note
  says which were left out.

IRIs that remain are shortened to prefixed names. Nothing here prints: cli.py does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from plangraph.graph.spreadsheets import plain
from plangraph.queries.columns import cell_text, readable_rows

MIN_WIDTH = 10  # characters a wrapped column needs to stay readable
QUOTE_WIDTH = 30  # ... and a quote (narrower, it wraps to a column of its own)
QUOTE_LIMIT = 160  # characters of a quote shown (--wide, `explain` or the web have it whole)
PADDING = 3  # a column's borders and spaces


@dataclass
class Fitted:
    columns: list[str]
    rows: list[list[str]]
    hidden: list[str] = field(default_factory=list)


def fit(frame: pd.DataFrame, width: int, wide: bool = False) -> Fitted:
    """The columns and rows to print at `width` characters (all of them with `wide`)."""
    records = [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    names = [str(c) for c in frame.columns]
    if wide or not records:  # nothing to fit: show the columns as they are
        return Fitted(names, [[cell_text(r.get(c)) for c in names] for r in records])
    columns, cells = readable_rows(names, records, QUOTE_LIMIT)
    filled = [c for c in columns if any(row.get(c) for row in cells)]
    rows = list(dict.fromkeys(tuple(row.get(c, "") for c in filled) for row in cells))
    kept = _fitting(filled, rows, width)
    index = [filled.index(c) for c in kept]
    shown = list(dict.fromkeys(tuple(row[i] for i in index) for row in rows))
    hidden = [c for c in columns if c not in kept]
    return Fitted(kept, [list(r) for r in shown], hidden)


def _fitting(columns: list[str], rows: list[tuple[str, ...]], width: int) -> list[str]:
    """The columns, in order, that fit `width` when each wraps to at most its longest cell."""
    kept, used = [], 1
    for i, c in enumerate(columns):
        longest = max([len(c)] + [len(row[i]) for row in rows]) if rows else len(c)
        need = min(longest, QUOTE_WIDTH if c == "quote" else max(MIN_WIDTH, min(longest, 24))) + PADDING
        if used + need <= width or not kept:
            kept.append(c)
            used += need
    return kept

"""How a quoted table row is written in the store and read back for people.

A fact read from a table keeps its row under the table's header row, as a small pipe table
(`| Lead | Due |` over `| Jo Bloggs | March |`, one row a line, `|` in a cell escaped). The web
shows it as a table, the terminal as "Lead: Jo Bloggs · Due: March"; any other quote is
its sentence, shown as it is.
"""

from __future__ import annotations

import re

CELL_LIMIT = 200  # characters of one quoted cell
_SPLIT = re.compile(r"(?<!\\)\|")


def pipe_row(cells: list[str]) -> str:
    """One table row as `| a | b |`, each cell one line, cut to `CELL_LIMIT`, pipes escaped."""
    def clean(cell: str) -> str:
        text = " ".join(cell.split()).replace("|", "\\|")
        return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1].rstrip() + "…"
    return "| " + " | ".join(clean(c) for c in cells) + " |"


def table_of(quote: str) -> list[list[str]] | None:
    """The rows of a quote written by `pipe_row` (the first is the header), else None."""
    lines = quote.split("\n")
    if not all(line.startswith("| ") and line.endswith(" |") for line in lines):
        return None
    return [[cell.strip().replace("\\|", "|") for cell in _SPLIT.split(line[2:-2])] for line in lines]


def readable(quote: str) -> str:
    """A quote as one line of plain text: a table row as "Header: cell · Header: cell"."""
    rows = table_of(quote)
    if rows is None:
        return quote
    if len(rows) == 1:
        return " · ".join(c for c in rows[0] if c)
    header, *body = rows
    return " / ".join(" · ".join(f"{h}: {c}" if h else c for h, c in zip(header, row, strict=False) if c)
                      for row in body)

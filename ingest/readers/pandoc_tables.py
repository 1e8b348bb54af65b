"""Pandoc's own table syntaxes — simple, multiline and grid tables — which CommonMark lacks.

Markdown converted from Word by pandoc (`pandoc -t markdown`) writes every table whose cells
wrap as a *multiline* table: a rule of dashes, the header, dashes per column, rows separated by
blank lines, a closing rule. A CommonMark parser reads that as rules, setext headings and
paragraphs, and a members table becomes a heap of lines. Pandoc itself is a 100 MB Haskell
program and no Python library parses these position-based layouts, so this module finds them
in the text and reads the cells by the columns the dashes mark (pandoc's own rule), before the
markdown parser sees the rest.

    --------------------------------------
    Role        Member         Organisation
    ----------- -------------- ------------
    Chair       Dr Ann Other   Northvale
                               University

    Secretary   Bob Example    Harrowby
                               Council
    --------------------------------------

A *simple* table is the same without the outer rules and with one line per row; a *grid*
table draws every cell with `+---+` and `|`. Cells keep their inline markdown (the caller strips
it); lines of one cell join with a space, except a line that starts a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

RULE = re.compile(r"^[ \t]{0,3}-{3,}[ \t]*$")  # one run of dashes: a multiline table's outer rule
COLUMNS = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$")  # dashes per column
GRID_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
GRID_ROW = re.compile(r"^[ \t]*[|+].*[|+][ \t]*$")
ITEM_START = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s")
MAX_ROWS = 2000  # a table longer than this is not one a person laid out by hand


@dataclass(slots=True)
class PandocTable:
    """A table found in the text: its first and last line (0-based, inclusive), its rows of
    cells and each row's first and last line."""

    first: int
    last: int
    rows: list[list[str]]
    row_lines: list[tuple[int, int]]


def _blank(line: str) -> bool:
    return not line.strip()


def _starts(rule: str) -> list[int]:
    """Where each column's dashes begin."""
    return [m.start() for m in re.finditer(r"-+", rule)]


def _cut(line: str, starts: list[int]) -> list[str]:
    """A line cut at the column starts; a word that runs over a start stays whole, in the
    column it began in."""
    cells: list[str] = []
    begin = 0
    for start in [*starts[1:], None]:
        end = len(line) if start is None else start
        while start is not None and 0 < end < len(line) and not line[end - 1].isspace() \
                and not line[end].isspace() and end > begin:
            end -= 1
        if start is not None and end == begin:  # one long word: cut where the column says
            end = start
        cells.append(line[begin:end])
        begin = end
    return cells


def _join(parts: list[str]) -> str:
    out: list[str] = []
    for part in parts:
        text = " ".join(part.split())
        if not text:
            continue
        if out and not ITEM_START.match(text):
            out[-1] += " " + text
        else:
            out.append(text)
    return "\n".join(out)


def _row(lines: list[str], starts: list[int]) -> list[str]:
    columns = list(zip(*(_cut(line, starts) for line in lines), strict=True))
    return [_join(list(column)) for column in columns]


def _grid(lines: list[str], i: int) -> tuple[PandocTable, int] | None:
    border = lines[i]
    bars = [m.start() for m in re.finditer(r"\+", border)]
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    pending: list[str] = []
    first = i + 1
    j = i + 1
    while j < len(lines) and j - i < MAX_ROWS and GRID_ROW.match(lines[j]):
        if GRID_BORDER.match(lines[j]):
            if pending:
                cells = [_join([ln[a + 1:b] for ln in pending]) for a, b in pairwise(bars)]
                rows.append([c.strip("|").strip() for c in cells])
                spans.append((first, j - 1))
            pending, first = [], j + 1
        else:
            pending.append(lines[j].ljust(bars[-1] + 1))
        j += 1
    if pending or not rows:  # not closed by a border: not a grid table
        return None
    return PandocTable(i, j - 1, rows, spans), j


def _dashed(lines: list[str], i: int) -> tuple[PandocTable, int] | None:
    """A simple or multiline table whose column rule is line `i`."""
    starts = _starts(lines[i])
    top = _top(lines, i)
    if top is None:
        return None
    first, header_first, multiline = top
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    if header_first < i:
        rows.append(_row(lines[header_first:i], starts))
        spans.append((header_first, i - 1))
    if not multiline:  # headerless tables may still be multiline: blank lines between rows
        multiline = header_first == i and _blank_between_rows(lines, i + 1)
    j, closed = _body(lines, i, starts, multiline, rows, spans)
    if closed:
        return PandocTable(first, j, rows, spans), j + 1
    if multiline:
        return None  # never closed: not a table
    if len(rows) < 2:
        return None
    return PandocTable(first, j - 1, rows, spans), j


def _top(lines: list[str], i: int) -> tuple[int, int, bool] | None:
    """Where the table over column rule `i` begins, where its header begins, and whether an
    outer rule opens it (a multiline table); None when text above makes it no table."""
    above = i - 1
    while above >= 0 and not _blank(lines[above]) and not RULE.match(lines[above]) and i - above <= 4:
        above -= 1
    outer = above >= 0 and RULE.match(lines[above]) and above < i - 1
    if above >= 0 and not _blank(lines[above]) and not outer:
        return None  # text runs on above the header: prose, not a table
    header_first = above + 1
    if not outer and header_first < i - 1:
        return None  # a simple table's header is one line
    return (above if outer else header_first), header_first, bool(outer)


def _blank_between_rows(lines: list[str], j: int) -> bool:
    """Whether the lines from `j` reach a closing rule with a blank line on the way: the rows
    of a headerless multiline table."""
    k = j
    while k < len(lines) and k - j < MAX_ROWS and not RULE.match(lines[k]) \
            and not COLUMNS.match(lines[k]):
        k += 1
    return k < len(lines) and any(_blank(lines[m]) for m in range(j, k))


def _body(lines: list[str], i: int, starts: list[int], multiline: bool,
          rows: list[list[str]], spans: list[tuple[int, int]]) -> tuple[int, bool]:
    """The rows below column rule `i`, added to rows and spans: one a line, or (multiline) one
    per run of lines between blank lines. Returns the line where reading stopped and whether
    it is the table's closing rule."""
    j = i + 1
    pending: list[int] = []
    while j < len(lines) and j - i < MAX_ROWS:
        line = lines[j]
        closing = RULE.match(line) or COLUMNS.match(line)
        if closing or _blank(line):
            if pending:
                rows.append(_row([lines[n] for n in pending], starts))
                spans.append((pending[0], pending[-1]))
                pending = []
            if closing:
                return j, True
            if not multiline:
                break
        elif multiline:
            pending.append(j)
        else:
            rows.append(_row([line], starts))
            spans.append((j, j))
        j += 1
    return j, False


def find_tables(lines: list[str]) -> list[PandocTable]:
    """Every pandoc simple, multiline or grid table in the lines, in order."""
    tables: list[PandocTable] = []
    i = 0
    while i < len(lines):
        found = None
        if GRID_BORDER.match(lines[i]):
            found = _grid(lines, i)
        elif COLUMNS.match(lines[i]):
            found = _dashed(lines, i)
        if found:
            table, i = found
            if any(any(cell for cell in row) for row in table.rows):
                tables.append(table)
            continue
        i += 1
    return tables

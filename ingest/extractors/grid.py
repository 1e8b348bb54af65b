"""The table model the table extractor reads: a grid of rows under a header row, each column given
a role from its header (label, lead, group, e-mail, period, value, target, due, tick, element),
and which column names the rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plangraph.ingest.document import Block, Span
from plangraph.ingest.extractors.kinds import classes_named

TICK = re.compile(r"^(?:[✓✔√■☑●✗xXyY]|\\checkmark|yes|Yes|YES)(?:\s*(?:[✓✔√■☑●xXyY]|\\checkmark))?$")

LEAD_ROLE = re.compile(r"\b(?:leads?|responsib\w*|accountable|owners?|officers?|sponsors?|"
                       r"champions?|chairs?|contacts?|support|named|who|department|agency|ministry|"
                       r"directorate)\b", re.I)
GROUP_ROLE = re.compile(r"\b(?:groups?|boards?|partnerships?|forums?|bod(?:y|ies)|committees?)\b",
                        re.I)
PERIOD_ROLE = re.compile(r"\bperiod\b|\byear\b|\bas at\b|\bdate\b", re.I)
VALUE_ROLE = re.compile(r"\bcurrent\b|\bvalue\b|\bperformance\b|\bactual\b|\blatest\b|"
                        r"\bbaseline\b|\boutturn\b|\bresult\b", re.I)
EMAIL_ROLE = re.compile(r"e-?mail", re.I)
GROUP_MEMBER = re.compile(r"^\s*(.*?\bgroup)\s+members?\b", re.I)
TARGET_ROLE = re.compile(r"\btarget\b", re.I)
DUE_ROLE = re.compile(r"\btimescales?\b|\bdeadline\b|\bby when\b|\bdue\b|\bcompleted?\b|"
                      r"\bdate\b", re.I)
ADDRESS = re.compile(r"^\s*(?:https?://|www\.|[\w.+'-]+@[\w-]+\.)\S*\s*$", re.I)


def tick_marks(cell: str) -> str | None:
    """The mark in a tick cell ('√√', '■', 'X'), or None if the cell is not a tick."""
    text = "".join(cell.split())
    return text if text and TICK.match(text) else None


@dataclass
class Column:
    index: int
    label: str  # the nearest header text
    header: str  # all header text of the column
    ticks: bool = False
    role: str = ""  # label | lead | group | email | period | value | target | due | element


@dataclass
class Grid:
    rows: list[list[str]]
    spans: list[Span]
    header_rows: int
    columns: list[Column] = field(default_factory=list)

    @property
    def body(self) -> list[tuple[list[str], Span]]:
        return list(zip(self.rows[self.header_rows:], self.spans[self.header_rows:], strict=False))


def _headerish(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    if not cells:
        return False
    heady = weak = 0
    for cell in cells:
        words = cell.split()
        if tick_marks(cell):
            return False
        if len(words) == 1 and cell.isupper() and len(cell) <= 6:
            weak += 1  # "OBR" may head a column or name a lead: it counts only beside a real header
            continue
        if len(words) <= 10 and (cell.isupper() or cell.rstrip().endswith(":") or
                                 bool(classes_in(cell)) or
                                 LEAD_ROLE.search(cell) or GROUP_ROLE.search(cell) or
                                 PERIOD_ROLE.search(cell) or VALUE_ROLE.search(cell)):
            heady += 1
    return (heady + (weak if heady else 0)) * 2 >= len(cells)


def grid_of(block: Block) -> Grid:
    width = max(len(r) for r in block.rows)
    rows = [[c.strip() for c in r] + [""] * (width - len(r)) for r in block.rows]
    spans = block.row_spans or [block.span] * len(rows)
    header = 1
    for i in range(1, min(3, len(rows) - 1)):
        row = rows[i]
        if any(tick_marks(c) for c in row):
            break
        if _headerish(row) or (not row[0] and header == i and sum(1 for c in row if c) >= 2
                               and _looks_like_description(row)):
            header = i + 1
        else:
            break
    grid = Grid(rows, spans, header)
    for c in range(width):
        cells = [rows[r][c] for r in range(header) if rows[r][c]]
        body = [r[c] for r in rows[header:] if r[c]]
        ticks = bool(body) and sum(1 for v in body if tick_marks(v)) >= max(1, len(body) * 0.8)
        # A tick column is named by the header cell nearest the body; others by their title
        # row, not by a sentence explaining the column below it.
        short = [cell for cell in cells if len(cell.split()) <= 10]
        label = (cells[-1] if ticks else (short[0] if short else cells[-1])) if cells else ""
        col = Column(c, label, " ".join(cells), ticks=ticks)
        grid.columns.append(col)
    return grid


def _looks_like_description(row: list[str]) -> bool:
    """A second header row explaining each column in sentences."""
    cells = [c for c in row if c]
    return sum(len(c.split()) >= 6 for c in cells) * 2 >= len(cells)


def class_of(text: str) -> str | None:
    """The first element class a header names, by position in the text (`kinds.py`)."""
    found = classes_in(text)
    return found[0] if found else None


def classes_in(text: str) -> tuple[str, ...]:
    return classes_named(text, column=True)


def assign_roles(grid: Grid) -> None:
    for col in grid.columns:
        head = col.label
        if len(head.split()) > 10 and not col.ticks:
            continue  # a sentence, not a column heading
        if col.ticks:
            col.role = "tick"
        elif EMAIL_ROLE.search(head):
            col.role = "email"
        elif GROUP_ROLE.search(head) and not class_of(head) and not GROUP_MEMBER.match(head):
            col.role = "group"
        elif LEAD_ROLE.search(head) and not re.search(r"\bindicator|\bpriorit|\baction", head, re.I):
            col.role = "lead"
        elif TARGET_ROLE.search(head):
            col.role = "target"
        elif PERIOD_ROLE.search(head) and not DUE_ROLE.search(head.replace("date", "")):
            col.role = "period"
        elif VALUE_ROLE.search(head):
            col.role = "value"
        elif DUE_ROLE.search(head):
            col.role = "due"
        elif class_of(head):
            col.role = "element"


def label_column(grid: Grid) -> Column | None:
    """The column naming the rows: an element-headed column, else the wordiest early column."""
    candidates = [c for c in grid.columns if c.role in {"element", ""} and not _addresses(grid, c)]
    if not candidates:
        return None

    def mean_len(col: Column) -> float:
        values = [len(r[col.index]) for r, _ in grid.body if r[col.index]]
        return sum(values) / len(values) if values else 0.0

    early = [c for c in candidates if c.index <= 1]
    pool = early or candidates[:1]
    named = [c for c in pool if c.role == "element" and _filled(grid, c) >= 0.8]
    if len(named) >= 2 and class_of(named[0].label) != "Indicator" and \
            class_of(named[1].label) == "Indicator":
        return named[0]  # "Milestone | Measurement": the row is the milestone, judged by the measure
    best = max(pool, key=mean_len)
    if best.index == 0 or mean_len(best) > 1.5 * mean_len(pool[0]):
        return best
    return pool[0]


def _addresses(grid: Grid, col: Column) -> bool:
    """A column of web or e-mail addresses: it points at things, it does not name them."""
    cells = [r[col.index] for r, _ in grid.body if r[col.index].strip()]
    return bool(cells) and sum(1 for c in cells if ADDRESS.match(c)) * 2 > len(cells)


def _filled(grid: Grid, col: Column) -> float:
    """The share of body rows with something in this column."""
    body = [r for r, _ in grid.body]
    return sum(1 for r in body if r[col.index].strip()) / len(body) if body else 0.0

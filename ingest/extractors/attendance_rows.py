"""Tables of people in minutes: which column names people, their titles, organisations and
whether they were present, with rows a converted PDF broke over several lines put back together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plangraph.ingest.document import Block
from plangraph.ingest.extractors.meeting_words import (
    ENDS_AS_BODY,
    HEADER_APOLOGIES,
    HEADER_NAME,
    HEADER_ORG,
    HEADER_PRESENT,
    HEADER_TITLE,
    OPEN_END,
    PARENS,
    STARTER,
    TICK_AT,
    _balance,
)
from plangraph.ingest.extractors.names import is_person_name


# -- the table of people ---------------------------------------------------------------------------
@dataclass
class AttendanceRow:
    """One person's row(s) in an attendance table."""

    rows: list[int]
    name_text: str
    tick: bool = False
    mark: str = ""
    titles: list[tuple[int, str]] = field(default_factory=list)
    org: str = ""
    org_rows: list[int] = field(default_factory=list)
    shared_title: str = ""


def _name_ok(text: str) -> bool:
    base = PARENS.sub("", text.split("(")[0] if text.count("(") > text.count(")") else text)
    base = " ".join(base.split()).strip(" ,.;:-")
    if base.isupper():
        base = base.title()
    return bool(base) and is_person_name(base)


@dataclass
class _Table:
    """The cells of an attendance table, which column holds what, and the row its people start on."""

    rows: list[list[str]]
    cols: dict[str, int]
    first: int

    def cell(self, r: int, key: str) -> str:
        """Row r's cell in the column for key ("" when the table has no such column or the row is short)."""
        j = self.cols.get(key)
        return self.rows[r][j] if j is not None and j < len(self.rows[r]) else ""

    def body(self) -> range:
        """The rows below the header (all rows when there is none)."""
        return range(self.first, len(self.rows))


def table_entries(block: Block) -> tuple[list[AttendanceRow], dict[str, bool]] | None:
    """The people an attendance table lists, with title, organisation and marks per person.

    Handles clean tables (a header row naming Name / Title / Organisation / Present columns) and
    the headerless rows of converted PDFs, where a person's title and organisation run over
    several lines: a line starting "- " is on the person's own row, ")" at the end of a line is a
    brace grouping lines (and sharing the organisation beside it), a line opening a new title
    ("Head Teacher, X") belongs to the person below.
    """
    rows = _kept_columns(block)
    if rows is None:
        return None
    start = next((i for i, r in enumerate(rows) if any(r)), None)
    if start is None:
        return None
    cols, info, first = _layout(rows, start)
    table = _Table(rows, cols, first)
    # brace marks: ")" opening a cell (pipe tables) or closing a title line (converted PDFs)
    lead = {key: {r for r in table.body() if table.cell(r, key).startswith(")")} for key in ("title", "org")}
    title_lines, trail_rows = _title_lines(table, info["header"])
    entries, owner = _people(table)
    if len(entries) < 2 and not (entries and info["header"]):
        return None
    _assign_titles(entries, owner, title_lines, first, lead["title"])
    _share_braced_cells(entries, table, lead)
    if "org" in cols:
        _assign_orgs(entries, rows, cols["org"], first, lead["org"], trail_rows, owner)
    return entries, info


def _kept_columns(block: Block) -> list[list[str]] | None:
    """The block's cells stripped, without columns that hold only dashes ("Name<tab><tab>-<tab>Org").

    None for a block of fewer than two rows, which is no table of people.
    """
    rows = [[c.strip() for c in row] for row in block.rows]
    if len(rows) < 2:
        return None
    width = max(len(r) for r in rows)
    keep = [j for j in range(width) if any(j < len(r) and r[j].strip("-–— ") for r in rows)]
    return [[r[j] if j < len(r) else "" for j in keep] for r in rows]


def _header_columns(header: list[str]) -> tuple[dict[str, int], bool]:
    """The column of each kind a header row names, and whether its title column declares organisations too."""
    cols: dict[str, int] = {}
    declared = False
    for j, cell in enumerate(header):
        if HEADER_NAME.match(cell) and "name" not in cols:
            cols["name"] = j
        elif HEADER_APOLOGIES.search(cell):
            cols["apologies"] = j
        elif HEADER_PRESENT.search(cell) and not HEADER_TITLE.search(cell):
            cols["present"] = j
        elif HEADER_TITLE.search(cell) and "title" not in cols:
            cols["title"] = j
            declared = bool(HEADER_ORG.search(cell))
        elif HEADER_ORG.search(cell) and "org" not in cols:
            cols["org"] = j
    return cols, declared


def _layout(rows: list[list[str]], start: int) -> tuple[dict[str, int], dict[str, bool], int]:
    """Which column holds what, what the table tells about its columns, and the first row of people.

    With a header row its names decide; without one the columns are taken as name, title and
    organisation in that order, a title column with no organisation beside it holding both.
    """
    info = {"combined": False, "header": False, "declared": False}
    header = rows[start]
    if any(HEADER_NAME.match(c) for c in header):
        cols, declared = _header_columns(header)
        info["header"] = True
        info["combined"] = info["declared"] = declared
        return cols, info, start + 1
    width = max(len(r) for r in rows)
    cols = {"name": 0}
    if width > 1:
        cols["title"] = 1
    if width > 2:
        cols["org"] = 2
    info["combined"] = "title" in cols and "org" not in cols
    return cols, info, start


def _title_lines(table: _Table, header: bool) -> tuple[list[str], set[int]]:
    """Each row's title text without brace marks, and the rows whose title line closes a brace.

    A headerless table whose title lines end in ")" often enough (40% of them) uses that ")" as a
    brace grouping lines; otherwise a closing ")" is part of the title.
    """
    title_lines = [table.cell(r, "title").lstrip(")").strip() for r in range(len(table.rows))]
    filled = [t for t in title_lines[table.first:] if t]
    trailing = bool(filled) and not header and \
        sum(t.endswith(")") for t in filled) >= 0.4 * len(filled)
    if not trailing:
        return title_lines, set()
    trail_rows = {r for r in table.body() if title_lines[r].endswith(")")}
    return [t[:-1].rstrip() if t.endswith(")") else t for t in title_lines], trail_rows


def _continues_name(entry: AttendanceRow, r: int, text: str) -> bool:
    """Whether a line that is no name ends the name above ("Gail Trent (Substituting" / "for Rosa Hale)")."""
    return entry.rows[-1] == r - 1 and (
        entry.name_text.count("(") > entry.name_text.count(")")
        or text.count(")") > text.count("(") or text[:1].islower())


def _people(table: _Table) -> tuple[list[AttendanceRow], dict[int, int]]:
    """The people the name column lists, with their marks, and which person each of their rows belongs to."""
    entries: list[AttendanceRow] = []
    owner: dict[int, int] = {}
    for r in table.body():
        raw = table.cell(r, "name")
        tick = bool(TICK_AT.match(raw))
        text = TICK_AT.sub("", raw).strip()
        if not text:
            continue
        if _name_ok(text):
            mark = "A" if table.cell(r, "apologies").strip() else table.cell(r, "present")
            entries.append(AttendanceRow([r], text, tick, mark))
            owner[r] = len(entries) - 1
        elif entries and _continues_name(entries[-1], r, text):
            entries[-1].name_text += " " + text
            entries[-1].rows.append(r)
            owner[r] = len(entries) - 1
    return entries, owner


def _title_cut(entries: list[AttendanceRow], prev: int | None, nxt: int | None,
               lines: list[tuple[int, str]]) -> int:
    """How many of the title lines between two people belong to the one above.

    All of them below the last person, none above the first; between two, those before the
    first line that starts a new title (unless the title before it is left open).
    """
    if prev is None:
        return 0
    if nxt is None:
        return len(lines)
    before = [t for _, t in sorted(entries[prev].titles)]
    texts = [*before, *(t for _, t in lines)]
    offset = len(before)
    return next((k for k, (_, t) in enumerate(lines) if STARTER.match(t.lstrip("- "))
                 and not OPEN_END.search(texts[offset + k - 1] if offset + k else "")), len(lines))


def _assign_titles(entries: list[AttendanceRow], owner: dict[int, int], title_lines: list[str], first: int,
                   braced: set[int]) -> None:
    """Each title line to the person on its row, or (between two people) by where a title starts."""
    between: dict[tuple[int | None, int | None], list[tuple[int, str]]] = {}
    for r in range(first, len(title_lines)):
        text = title_lines[r]
        if not text or text == "-" or r in braced:
            continue  # a braced cell shared by several people is read by _share_braced_cells
        if r in owner:
            entries[owner[r]].titles.append((r, text))
            continue
        prev = max((i for i, e in enumerate(entries) if e.rows[0] < r), default=None)
        nxt = min((i for i, e in enumerate(entries) if e.rows[0] > r), default=None)
        between.setdefault((prev, nxt), []).append((r, text))
    for (prev, nxt), lines in between.items():
        cut = _title_cut(entries, prev, nxt, lines)
        for k, line in enumerate(lines):
            owner_index = prev if k < cut else nxt
            if owner_index is not None:
                entries[owner_index].titles.append(line)


def _share_braced_cells(entries: list[AttendanceRow], table: _Table, lead: dict[str, set[int]]) -> None:
    """A braced title or organisation cell spanning several rows goes to each person on those rows.

    The title only to people with no title of their own, the organisation only to people without one.
    """
    for key in ("title", "org"):
        for group in _runs(sorted(lead[key])):
            text = _balance(" ".join(table.cell(r, key).lstrip(")").strip() for r in group))
            if not text:
                continue
            for e in entries:
                if set(e.rows) & set(group):
                    if key == "title" and not any(t.strip("- ") for r, t in e.titles if r not in group):
                        e.shared_title = text
                    elif key == "org" and not e.org:
                        e.org, e.org_rows = text, list(group)


def _runs(rows: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for r in rows:
        if out and out[-1][-1] == r - 1:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def _assign_orgs(entries: list[AttendanceRow], rows: list[list[str]], col: int, first: int, lead: set[int],
                 trail_rows: set[int], owner: dict[int, int]) -> None:
    """Organisation lines joined into names, then given to the person they stand beside."""
    segments = _org_segments(rows, col, first, lead, owner)
    _give_braced_orgs(entries, segments, trail_rows)
    for seg in segments:
        target = _org_owner(entries, owner, seg["rows"][0])
        if target is not None:
            target.org, target.org_rows = seg["text"], seg["rows"]


def _starts_segment(cur: dict | None, r: int, last_row: int, dashed: bool, owner: dict[int, int]) -> bool:
    """Whether an organisation line starts a new name rather than continuing the one above.

    It does after a gap, after a line that ends as a body's name does, or when it is dashed and on
    another person's row than the name above.
    """
    if cur is None or r - last_row > 1 or ENDS_AS_BODY.search(cur["text"]):
        return True
    return dashed and r in owner and cur["rows"][0] in owner and owner[cur["rows"][0]] != owner[r]


def _org_segments(rows: list[list[str]], col: int, first: int, lead: set[int],
                  owner: dict[int, int]) -> list[dict]:
    """The organisation column's lines joined into names, each with its rows and whether it was dashed."""
    segments: list[dict] = []
    last_row = -2
    for r in range(first, len(rows)):
        text = rows[r][col].strip() if col < len(rows[r]) else ""
        if not text or r in lead:
            continue
        dashed = text.startswith(("-", "–"))
        text = text.lstrip("-– ").strip()
        if not text:
            continue
        cur = segments[-1] if segments else None
        if _starts_segment(cur, r, last_row, dashed, owner):
            segments.append({"rows": [r], "text": text, "dashed": dashed})
        else:
            cur["rows"].append(r)
            cur["text"] += " " + text
        last_row = r
    for seg in segments:
        seg["text"] = _balance(re.sub(r"^on behalf of (?:the\s+)?", "", seg["text"], flags=re.I))
    return segments


def _give_braced_orgs(entries: list[AttendanceRow], segments: list[dict], trail_rows: set[int]) -> None:
    """A brace over several people's titles, with one organisation beside it: theirs together.

    The organisation so given is taken out of segments.
    """
    for group in _runs(sorted(trail_rows)):
        inside = [s for s in segments if set(s["rows"]) & set(group)]
        people = [e for e in entries if set(e.rows) & set(group)]
        if len(inside) == 1 and len(people) >= 2 and not inside[0]["dashed"]:
            for e in people:
                if not e.org:
                    e.org, e.org_rows = inside[0]["text"], inside[0]["rows"]
            segments.remove(inside[0])


def _org_owner(entries: list[AttendanceRow], owner: dict[int, int], r0: int) -> AttendanceRow | None:
    """Whose organisation starts on row r0: the person on that row, else the nearest one without one.

    None when everyone has one already or the nearest is more than two rows away.
    """
    if r0 in owner and not entries[owner[r0]].org:
        return entries[owner[r0]]
    free = [e for e in entries if not e.org]
    if not free:
        return None
    target = min(free, key=lambda e: (min(abs(x - r0) for x in e.rows), -e.rows[0] if e.rows[0] < r0
                                      else e.rows[0]))
    if min(abs(x - r0) for x in target.rows) > 2:
        return None
    return target

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


def table_entries(block: Block) -> tuple[list[AttendanceRow], dict[str, bool]] | None:
    """The people an attendance table lists, with title, organisation and marks per person.

    Handles clean tables (a header row naming Name / Title / Organisation / Present columns) and
    the headerless rows of converted PDFs, where a person's title and organisation run over
    several lines: a line starting "- " is on the person's own row, ")" at the end of a line is a
    brace grouping lines (and sharing the organisation beside it), a line opening a new title
    ("Head Teacher, X") belongs to the person below.
    """
    rows = [[c.strip() for c in row] for row in block.rows]
    if len(rows) < 2:
        return None
    width = max(len(r) for r in rows)
    keep = [j for j in range(width) if any(j < len(r) and r[j].strip("-–— ") for r in rows)]
    rows = [[r[j] if j < len(r) else "" for j in keep] for r in rows]  # "Name<tab><tab>-<tab>Org"
    start = next((i for i, r in enumerate(rows) if any(r)), None)
    if start is None:
        return None
    cols: dict[str, int] = {}
    info = {"combined": False, "header": False, "declared": False}
    header = rows[start]
    if any(HEADER_NAME.match(c) for c in header):
        info["header"] = True
        for j, cell in enumerate(header):
            if HEADER_NAME.match(cell) and "name" not in cols:
                cols["name"] = j
            elif HEADER_APOLOGIES.search(cell):
                cols["apologies"] = j
            elif HEADER_PRESENT.search(cell) and not HEADER_TITLE.search(cell):
                cols["present"] = j
            elif HEADER_TITLE.search(cell) and "title" not in cols:
                cols["title"] = j
                info["combined"] = info["declared"] = bool(HEADER_ORG.search(cell))
            elif HEADER_ORG.search(cell) and "org" not in cols:
                cols["org"] = j
        first = start + 1
    else:
        width = max(len(r) for r in rows)
        cols = {"name": 0}
        if width > 1:
            cols["title"] = 1
        if width > 2:
            cols["org"] = 2
        first = start
    if "title" in cols and "org" not in cols and not info["header"]:
        info["combined"] = True

    def cell(r: int, key: str) -> str:
        j = cols.get(key)
        return rows[r][j] if j is not None and j < len(rows[r]) else ""

    # brace marks: ")" opening a cell (pipe tables) or closing a title line (converted PDFs)
    lead = {key: {r for r in range(first, len(rows)) if cell(r, key).startswith(")")}
            for key in ("title", "org")}
    title_lines = [cell(r, "title").lstrip(")").strip() for r in range(len(rows))]
    filled = [t for t in title_lines[first:] if t]
    trailing = bool(filled) and not info["header"] and \
        sum(t.endswith(")") for t in filled) >= 0.4 * len(filled)
    trail_rows = {r for r in range(first, len(rows)) if trailing and title_lines[r].endswith(")")}
    if trailing:
        title_lines = [t[:-1].rstrip() if t.endswith(")") else t for t in title_lines]

    entries: list[AttendanceRow] = []
    owner: dict[int, int] = {}
    for r in range(first, len(rows)):
        raw = cell(r, "name")
        tick = bool(TICK_AT.match(raw))
        text = TICK_AT.sub("", raw).strip()
        if not text:
            continue
        if _name_ok(text):
            mark = "A" if cell(r, "apologies").strip() else cell(r, "present")
            entries.append(AttendanceRow([r], text, tick, mark))
            owner[r] = len(entries) - 1
        elif entries and entries[-1].rows[-1] == r - 1 and (
                entries[-1].name_text.count("(") > entries[-1].name_text.count(")")
                or text.count(")") > text.count("(") or text[:1].islower()):
            entries[-1].name_text += " " + text  # "Gail Trent (Substituting" / "for Rosa Hale)"
            entries[-1].rows.append(r)
            owner[r] = len(entries) - 1
    if len(entries) < 2 and not (entries and info["header"]):
        return None

    # titles: each line to the person on its row, or (between two people) by where a title starts
    between: dict[tuple[int | None, int | None], list[tuple[int, str]]] = {}
    for r in range(first, len(rows)):
        text = title_lines[r]
        if not text or text == "-" or r in lead["title"]:
            continue  # a braced cell shared by several people is read below
        if r in owner:
            entries[owner[r]].titles.append((r, text))
            continue
        prev = max((i for i, e in enumerate(entries) if e.rows[0] < r), default=None)
        nxt = min((i for i, e in enumerate(entries) if e.rows[0] > r), default=None)
        between.setdefault((prev, nxt), []).append((r, text))
    for (prev, nxt), lines in between.items():
        before = [t for _, t in sorted(entries[prev].titles)] if prev is not None else []
        texts = [*before, *(t for _, t in lines)]
        offset = len(before)
        cut = next((k for k, (_, t) in enumerate(lines) if STARTER.match(t.lstrip("- "))
                    and not OPEN_END.search(texts[offset + k - 1] if offset + k else "")), len(lines))
        if prev is None:
            cut = 0
        elif nxt is None:
            cut = len(lines)
        for k, line in enumerate(lines):
            owner_index = prev if k < cut else nxt
            if owner_index is not None:
                entries[owner_index].titles.append(line)
    for key in ("title", "org"):
        for group in _runs(sorted(lead[key])):
            text = _balance(" ".join(cell(r, key).lstrip(")").strip() for r in group))
            if not text:
                continue
            for e in entries:
                if set(e.rows) & set(group):
                    if key == "title" and not any(t.strip("- ") for r, t in e.titles if r not in group):
                        e.shared_title = text
                    elif key == "org" and not e.org:
                        e.org, e.org_rows = text, list(group)
    if "org" in cols:
        _assign_orgs(entries, rows, cols["org"], first, lead["org"], trail_rows, owner)
    return entries, info


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
        complete = cur is not None and bool(ENDS_AS_BODY.search(cur["text"]))
        other_person = cur is not None and r in owner and cur["rows"][0] in owner and \
            owner[cur["rows"][0]] != owner[r]
        if cur is None or r - last_row > 1 or complete or (dashed and other_person):
            segments.append({"rows": [r], "text": text, "dashed": dashed})
        else:
            cur["rows"].append(r)
            cur["text"] += " " + text
        last_row = r
    for seg in segments:
        seg["text"] = _balance(re.sub(r"^on behalf of (?:the\s+)?", "", seg["text"], flags=re.I))
    # a brace over several people's titles, with one organisation beside it: theirs together
    for group in _runs(sorted(trail_rows)):
        inside = [s for s in segments if set(s["rows"]) & set(group)]
        people = [e for e in entries if set(e.rows) & set(group)]
        if len(inside) == 1 and len(people) >= 2 and not inside[0]["dashed"]:
            for e in people:
                if not e.org:
                    e.org, e.org_rows = inside[0]["text"], inside[0]["rows"]
            segments.remove(inside[0])
    for seg in segments:
        r0 = seg["rows"][0]
        target = entries[owner[r0]] if r0 in owner and not entries[owner[r0]].org else None
        if target is None:
            free = [e for e in entries if not e.org]
            if not free:
                continue
            target = min(free, key=lambda e: (min(abs(x - r0) for x in e.rows), -e.rows[0] if e.rows[0] < r0
                                              else e.rows[0]))
            if min(abs(x - r0) for x in target.rows) > 2:
                continue
        target.org, target.org_rows = seg["text"], seg["rows"]

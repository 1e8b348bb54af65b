"""Tables: tick matrices, indicator tables, lead tables and action-plan tables.

A table's columns are read from their headers, never from the particular words of one plan:
a column of ticks (✓ √ √√ ■ X Y) points at the element its header names; a column headed
"... lead", "responsible", "owner" names leaders; "... group" / "board" names bodies; "period"
and "current value" columns make an observation of an indicator. What the rows are comes from
the corner header ("PERFORMANCE INDICATOR", "Key action ...", "Our priorities ..."), from the
elements already found, or from the heading above. The table's own legend ("√√ primary") says
what each mark means. Forms ("Relevant plan objectives:" followed by objective rows) are read
as lists of elements of the plan they name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.acronyms import acronym_in_cell
from plangraph.ingest.extractors.bodies import POST_WORDS, body_class, named_class, tidy_body
from plangraph.ingest.extractors.context import Context, contexts
from plangraph.ingest.extractors.dates import parse_due
from plangraph.ingest.extractors.hierarchy import not_an_element
from plangraph.ingest.extractors.kinds import classes_named
from plangraph.ingest.extractors.labels import clean_label, split_title_description, untagged
from plangraph.ingest.extractors.matching import best_match, find_same
from plangraph.ingest.extractors.names import (
    PLACEHOLDER,
    email_fits,
    is_person_name,
    looks_like_body,
    split_bodies,
    split_people,
    starts_with_name,
    strip_honorific,
)
from plangraph.ingest.extractors.references import NAME as PLAN_NAME
from plangraph.ingest.extractors.references import _plan_key, _standalone_name, _tidy, plan_for_acronym
from plangraph.ingest.facts import Facts, normalise

TICK = re.compile(r"^(?:[✓✔√■☑●✗xXyY]|\\checkmark|yes|Yes|YES)(?:\s*(?:[✓✔√■☑●xXyY]|\\checkmark))?$")

LEAD_ROLE = re.compile(r"\b(?:leads?|responsib\w*|accountable|owners?|officers?|sponsors?|"
                       r"champions?|chairs?|contacts?|support|named|who|department|agency|ministry|"
                       r"directorate)\b", re.I)
GROUP_ROLE = re.compile(r"\b(?:groups?|boards?|partnerships?|forums?|bod(?:y|ies)|committees?)\b",
                        re.I)
EMAIL_ROLE = re.compile(r"e-?mail", re.I)
PERIOD_ROLE = re.compile(r"\bperiod\b|\byear\b|\bas at\b|\bdate\b", re.I)
VALUE_ROLE = re.compile(r"\bcurrent\b|\bvalue\b|\bperformance\b|\bactual\b|\blatest\b|"
                        r"\bbaseline\b|\boutturn\b|\bresult\b", re.I)
TARGET_ROLE = re.compile(r"\btarget\b", re.I)
DUE_ROLE = re.compile(r"\btimescales?\b|\bdeadline\b|\bby when\b|\bdue\b|\bcompleted?\b|"
                      r"\bdate\b", re.I)
NUMBERED_LINE = re.compile(r"^\s*\(?\d{1,2}(?:\.\d{1,2})*[a-z]?[.)]?\s+\S")
ADDRESS = re.compile(r"^\s*(?:https?://|www\.|[\w.+'-]+@[\w-]+\.)\S*\s*$", re.I)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NUMBER = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|per\s+[\d,]+|per cent)?", re.I)
LEGEND = re.compile(r"^\s*((?:[✓✔√■☑●xXyY]|\\checkmark)+)\s*[=:\-–]?\s*(.+)$")
PRIMARY = re.compile(r"\bprimary\b|\bmain\b|\bmajor\b|\bsignificant\b|\bstrong\b", re.I)
ADDITIONAL = re.compile(r"\badditional\b|\bsecondary\b|\bsupporting\b|\bminor\b|\bsome\b", re.I)
LEAD_SPLIT = re.compile(r"\s*(?:[;,/\n]|\band\b)\s*")
GROUP_MEMBER = re.compile(r"^\s*(.*?\bgroup)\s+members?\b", re.I)
TITLE_ROW = re.compile(r"^\s*(?:title|subject)(?: of (?:paper|report))?\s*:", re.I)
FORM_OPEN = re.compile(r"\b(?:objectives?|priorit(?:y|ies)|outcomes?)\b.*:\s*$", re.I)


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
                                 bool(_classes_in(cell)) or
                                 LEAD_ROLE.search(cell) or GROUP_ROLE.search(cell) or
                                 PERIOD_ROLE.search(cell) or VALUE_ROLE.search(cell)):
            heady += 1
    return (heady + (weak if heady else 0)) * 2 >= len(cells)


def _grid(block: Block) -> Grid:
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


def _class_of(text: str) -> str | None:
    """The first element class a header names, by position in the text (`kinds.py`)."""
    found = _classes_in(text)
    return found[0] if found else None


def _classes_in(text: str) -> tuple[str, ...]:
    return classes_named(text, column=True)


def _assign_roles(grid: Grid) -> None:
    for col in grid.columns:
        head = col.label
        if len(head.split()) > 10 and not col.ticks:
            continue  # a sentence, not a column heading
        if col.ticks:
            col.role = "tick"
        elif EMAIL_ROLE.search(head):
            col.role = "email"
        elif GROUP_ROLE.search(head) and not _class_of(head) and not GROUP_MEMBER.match(head):
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
        elif _class_of(head):
            col.role = "element"


def _label_column(grid: Grid) -> Column | None:
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
    if len(named) >= 2 and _class_of(named[0].label) != "Indicator" and \
            _class_of(named[1].label) == "Indicator":
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


@dataclass
class _TableReader:
    doc: Document
    facts: Facts
    block: Block
    index: int
    ctx: Context
    owner: str | None
    known_before: set[str] = field(default_factory=set)

    def run(self) -> None:
        grid = _grid(self.block)
        if len(grid.rows) - grid.header_rows < 1:
            return
        _assign_roles(grid)
        if self._form(grid):
            return
        label_col = _label_column(grid)
        if label_col is None:
            return
        row_cls = self._row_class(grid, label_col)
        roles = {c.role for c in grid.columns}
        if row_cls is None or not (roles & {"tick", "lead", "group", "period", "value", "element", "due"}
                                   or self.ctx.carried):
            return
        legend = self._legend()
        self.known_before = {k for k, e in self.facts.entities.items()
                             if e.cls in {"Outcome", "Priority"}}
        targets: dict[int, str | None] = {}
        carried: dict[int, str] = {}
        for row, span, label in self._rows(grid, label_col):
            key = self._element(row_cls, label, span)
            if key is None:
                continue
            people: list[str] = []
            for col in grid.columns:
                cell = row[col.index]
                if col.index == label_col.index:
                    continue
                if col.role == "element" and col.index < label_col.index + 3:
                    value = cell or carried.get(col.index, "")
                    if cell:
                        carried[col.index] = cell
                    self._contributes(key, col, value, span)
                elif not cell:
                    continue
                elif col.role == "tick":
                    mark = tick_marks(cell)
                    if mark:
                        if col.index not in targets:
                            targets[col.index] = self._column_target(grid, col, row_cls)
                        target = targets[col.index]
                        if target:
                            predicate = "measures" if row_cls == "Indicator" else "contributesTo"
                            self.facts.relate(key, predicate, target, span,
                                              qualifier=legend.get(mark, _default_weight(mark)))
                elif col.role == "lead":
                    people += self._leaders(key, cell, col.label, span)
                elif col.role == "group":
                    for body in filter(None, map(tidy_body, split_bodies(cell))):
                        board = self.facts.entity(body_class(body), body, span, confidence=0.8)
                        self.facts.relate(key, "ledBy", board, span, role=_role(col.label))
                elif col.role == "email":
                    for email in EMAIL.findall(cell):
                        owners = [p for p in people if email_fits(email, self.facts.entities[p].label)]
                        if owners or len(people) == 1:
                            self.facts.entities[(owners or people)[0]].add_prop("email", email.lower())
                elif col.role == "due":
                    due = parse_due(cell)
                    if due:
                        self.facts.entities[key].add_prop("dueDate", due[0])
                        self.facts.entities[key].add_prop("dueText", due[1])
            if row_cls == "Indicator":
                self._observation(key, grid, row, span)

    def _rows(self, grid: Grid, label_col: Column) -> Iterator[tuple[list[str], Span, str]]:
        """(row, span, label) for each element a row names: one, or one per numbered line when
        the label cell holds several ('1.1 First measure' / '1.2 Second measure')."""
        for row, span in grid.body:
            lines = [line for line in row[label_col.index].split("\n") if line.strip()]
            if len(lines) >= 2 and all(NUMBERED_LINE.match(line) for line in lines):
                labels = [_row_label(line) for line in lines]
            else:
                labels = [_row_label(row[label_col.index])]
            for label in labels:
                if label:
                    yield row, span, label

    # -- what the rows are ---------------------------------------------------------------------
    def _row_class(self, grid: Grid, label_col: Column) -> str | None:
        corner = label_col.header or grid.columns[0].header
        cls = _class_of(corner)
        if cls:
            return cls
        labels = [_row_label(r[label_col.index]) for r, _ in grid.body]
        labels = [label for label in labels if label]
        for candidate in ("Priority", "Outcome", "Indicator", "Action"):
            known = [e for e in self.facts.entities.values() if e.cls == candidate]
            hits = sum(1 for label in labels if best_match(label, known, 0.9))
            if labels and hits * 2 >= len(labels):
                return candidate
        if labels and sum(map(starts_with_name, labels)) * 2 >= len(labels):
            return None  # rows of people: an attendance or contact table, not plan elements
        topics = self.ctx.heading_topics()
        for topic, cls_name in (("indicator", "Indicator"), ("action", "Action"),
                                ("priority", "Priority"), ("outcome", "Outcome")):
            if topic in topics:
                return cls_name
        if self.ctx.carried:  # "The following initiatives have been approved:" over sub-headings
            return self.ctx.carried
        if any(c.role in {"lead", "group"} for c in grid.columns):
            # what a lead table's rows name is what is being led: priorities, workstreams
            return _class_of(grid.columns[0].label) or "Priority"
        return None

    def _element(self, cls: str, label: str, span: Span, owner: str | None = None) -> str | None:
        if cls in {"Priority", "Outcome"}:
            label, _ = split_title_description(label)
        if not_an_element(cls, label):
            return None
        same = find_same(self.facts, {cls}, label)
        if same is not None:
            if label != same.label:
                same.alt_labels.add(label)
            same.spans.append(span)
            key = same.key
        else:
            key = self.facts.entity(cls, label, span, confidence=0.9)
        owner = owner or self.owner
        if owner:
            self.facts.relate(key, "partOf", owner, span)
        short = untagged(label) if cls == "Indicator" else None
        if short:
            self.facts.entities[key].alt_labels.add(short)
        if cls == "Action":
            due = parse_due(label)
            if due:
                self.facts.entities[key].add_prop("dueDate", due[0])
                self.facts.entities[key].add_prop("dueText", due[1])
        return key

    def _column_target(self, grid: Grid, col: Column, row_cls: str) -> str | None:
        """The outcome or priority a tick column stands for; created if not met before."""
        head = _row_label(col.label)
        if not head:
            return None
        spanning = " ".join(c.header for c in grid.columns if c.index != col.index)
        classes = [c for c in _classes_in(grid.columns[0].header + " " + spanning) if c != row_cls]
        wanted = {"Outcome", "Priority"} if row_cls in {"Indicator", "Action", "Plan"} else \
            {"Outcome"} if row_cls == "Priority" else {"Outcome", "Priority"}
        known = [e for e in self.facts.entities.values() if e.cls in wanted]
        match = best_match(head, known)
        if match is not None:
            return match.key
        if sum(1 for e in known if e.key in self.known_before) >= 3:
            # the plan's elements were known before this table and this head names none of them
            return None
        cls = next((c for c in classes if c in wanted), None) or \
            ("Outcome" if row_cls == "Priority" else "Priority")
        key = self.facts.entity(cls, head, grid.spans[0], confidence=0.7)
        if self.owner:
            self.facts.relate(key, "partOf", self.owner, grid.spans[0])
        return key

    def _contributes(self, key: str, col: Column, value: str, span: Span) -> None:
        """An element column beside the label (a theme, a priority) the row contributes to."""
        cls = _class_of(col.label)
        numbers = re.findall(r"\b\d{1,2}(?:\.\d{1,2})?\b", value) if re.fullmatch(r"[\d.,;&/ and]+", value) \
            else []
        if numbers and cls in {"Priority", "Outcome"}:  # "Priority: 1, 3" points at numbered elements
            rel = "measures" if self.facts.entities[key].cls == "Indicator" else "contributesTo"
            for number in numbers:
                target = f"{cls.lower()}:#{number}"
                if target in self.facts.entities:
                    self.facts.relate(key, rel, target, span, confidence=0.8)
            return
        label = _row_label(value)
        if not label or cls is None:
            return
        if cls == "Indicator":  # "Milestone | Measurement": the measure the row is judged by
            if len(label.split()) >= 2 and self.facts.entities[key].cls != "Indicator":
                measure = self._element("Indicator", label, span)
                if measure and self.facts.entities[key].cls in {"Outcome", "Priority"}:
                    self.facts.relate(measure, "measures", key, span, confidence=0.8)
            return
        target = self._element(cls, label, span, owner=self._plan_named_in(col.header))
        if target and target != key:
            self.facts.relate(key, "contributesTo", target, span, confidence=0.8)

    # -- who leads ---------------------------------------------------------------------------------
    def _leaders(self, key: str, cell: str, header: str, span: Span) -> list[str]:
        out = []
        role = _role(header)
        group = GROUP_MEMBER.match(header)  # "CYPP GROUP MEMBER SUPPORT": the people are members
        group_key = self.facts.entity("Board", _title(group.group(1)), span, confidence=0.6) \
            if group else None
        for body in filter(None, map(tidy_body, split_bodies(cell) if looks_like_body(cell) else [])):
            board = self.facts.entity(body_class(body), body, span, confidence=0.7)
            self.facts.relate(key, "ledBy", board, span, role=role)
        for part in LEAD_SPLIT.split(cell):
            other = self._acronym_or_post(part, span)  # "OBR", "CDOs", "Service Manager"
            if other:
                self.facts.relate(key, "ledBy", other, span, role=role)
        for name in split_people(cell):
            name = EMAIL.sub("", name).strip(" ,;")
            if not is_person_name(name):
                continue
            plain, honorific = strip_honorific(name)
            person = self.facts.entity("Person", plain, span, confidence=0.9, honorific=honorific)
            self.facts.relate(key, "ledBy", person, span, role=role)
            if group_key:
                self.facts.relate(person, "memberOf", group_key, span, confidence=0.7)
            out.append(person)
        return out

    def _acronym_or_post(self, part: str, span: Span) -> str | None:
        """A lead named by an acronym (its expansion when the document defines it) or by a post."""
        part = part.strip(" .;,*")
        found = acronym_in_cell(part, self.doc)
        if found:
            short, long = found
            label = long or short
            single = re.sub(r"s$", "", long or "")  # "Chief Data Officers" -> one post
            if long and POST_WORDS.search(single):
                label = single
                key = self.facts.entity("Post", label, span, key=f"post:{normalise(label)}@", confidence=0.7)
            else:
                tidy = tidy_body(label) if long else None
                key = self.facts.entity(named_class(tidy or label), tidy or label, span, confidence=0.7)
            self.facts.entities[key].alt_labels.add(short)
            return key
        if 2 <= len(part.split()) <= 8 and part[:1].isupper() and POST_WORDS.fullmatch(part.split()[-1]) and \
                not is_person_name(part):  # "Grants Service Manager": a post, by its last word
            label = clean_label(re.sub(r"^(?:the|each|all|agency|relevant)\s+", "", part, flags=re.I))
            return self.facts.entity("Post", label, span, key=f"post:{normalise(label)}@", confidence=0.6)
        return None

    # -- indicator values ----------------------------------------------------------------------------
    def _observation(self, key: str, grid: Grid, row: list[str], span: Span) -> None:
        """The row's value (with its period) and its target, each an observation of the
        indicator; a target is kept with the period "target" so a chart can draw it apart."""
        def cell(role: str) -> str:
            return next((row[c.index] for c in grid.columns if c.role == role and row[c.index]), "")
        period = cell("period")
        if cell("value"):
            self._value(key, cell("value"), period, span)
        if cell("target"):
            self._value(key, cell("target"), "target", span)

    def _value(self, key: str, value: str, period: str, span: Span) -> None:
        indicator = self.facts.entities[key]
        obs = self.facts.entity("Observation", f"{indicator.label}: {value}" +
                                (f" ({period})" if period else ""), span,
                                key=f"observation:{key}|{period}|{value}",
                                valueText=value, period=period or None)
        number = NUMBER.search(value)
        if number:
            self.facts.entities[obs].add_prop("value", number.group(1).replace(",", ""))
            if number.group(2):
                self.facts.entities[obs].add_prop("unit", " ".join(number.group(2).split()))
        self.facts.relate(key, "observation", obs, span)
        self.facts.relate(obs, "ofIndicator", key, span)

    # -- legend and forms ----------------------------------------------------------------------------
    def _legend(self) -> dict[str, str]:
        """Marks explained near the table: '√√ Priority for which this is a primary indicator'."""
        out: dict[str, str] = {}
        nearby = self.doc.blocks[max(0, self.index - 3): self.index + 8]
        for block in nearby:
            if block.kind is BlockKind.TABLE:
                continue
            for line in re.split(r"\n|[,;]\s+(?=[✓✔√■☑●xXyY])", block.text):
                m = LEGEND.match(line)
                if not m:
                    continue
                mark, meaning = "".join(m.group(1).split()), m.group(2)
                if PRIMARY.search(meaning):
                    out[mark] = "primary"
                elif ADDITIONAL.search(meaning):
                    out[mark] = "additional"
        return out

    def _form(self, grid: Grid) -> bool:
        """A cover-sheet form: 'Relevant ... objectives:' followed by one objective per row."""
        rows = [(r, s) for r, s in zip(grid.rows, grid.spans, strict=False)]
        previous = self.doc.blocks[self.index - 1] if self.index else None
        opened: tuple[str, str | None] | None = None
        if previous is not None and previous.kind is BlockKind.PARAGRAPH and \
                FORM_OPEN.search(previous.text):
            opened = self._open_form(previous.text)
        colon_rows = sum(1 for r, _ in rows if r[0].rstrip().endswith(":"))
        if opened is None and colon_rows * 3 < len(rows):
            return False
        found = False
        subject: str | None = None  # the plan the paper is about ("Title of paper: X Action Plan")
        for row, span in rows:
            first = row[0].strip()
            if first.endswith(":") or first.endswith("):"):
                opened = self._open_form(first) if FORM_OPEN.search(first) else None
                if TITLE_ROW.match(first):
                    subject = self._plan_in_cells(row[1:], span) or subject
                continue
            if opened and first and len(first.split()) >= 2:
                cls, plan = opened
                label, description = split_title_description(clean_label(first))
                key = self.facts.entity(cls, label, span, confidence=0.9, description=description)
                if plan:
                    self.facts.relate(key, "partOf", plan, span)
                if subject and any(tick_marks(c) for c in row[1:] if c):
                    self.facts.relate(subject, "contributesTo", key, span, confidence=0.8)
                found = True
        return found or colon_rows * 3 >= len(rows)

    def _plan_in_cells(self, cells: list[str], span: Span) -> str | None:
        own = self.facts.entities.get(self.facts.plan) if self.facts.plan else None
        for cell in cells:
            for m in PLAN_NAME.finditer(cell):
                name = _tidy(m.group(1))
                key = _plan_key(self.facts, name, own, span) if name else None
                if key:
                    return key
        return None

    def _plan_named_in(self, text: str) -> str | None:
        """A plan a header names, by acronym ('CYPP Cross Cutting Themes') or in full."""
        by_acronym = plan_for_acronym(self.facts, text)
        if by_acronym:
            return by_acronym
        for m in PLAN_NAME.finditer(text):
            name = _tidy(m.group(1))
            same = find_same(self.facts, {"Plan"}, name) if name else None
            if same is not None:
                return same.key
        return None

    def _open_form(self, text: str) -> tuple[str, str | None]:
        cls = "Outcome" if re.search(r"\boutcomes?\b", text, re.I) and \
            not re.search(r"objective|priorit", text, re.I) else "Priority"
        plan = self.owner
        for m in PLAN_NAME.finditer(text):
            name = _tidy(m.group(1))
            if name:
                own = self.facts.entities.get(self.facts.plan) if self.facts.plan else None
                plan = _plan_key(self.facts, re.sub(r"\s*\([^)]*\)\s*$", "", name), own,
                                 self.block.span) or plan
        return cls, plan


def _row_label(cell: str) -> str:
    """The element a label cell names: its first line, without numbering or trailing detail."""
    first = cell.split("\n")[0].strip()
    first = re.sub(r"^\s*(?:\(?\d{1,2}[a-z]?[.)]|\(?[ivx]{1,5}\))\s+", "", first)
    first = re.split(r"\s+[•●▪]\s+|(?<=[a-z)])[.:;]\s+(?=[A-Z(])|(?<=[a-z)]):$", first)[0]
    label = clean_label(first)
    if not label or PLACEHOLDER.match(label) or tick_marks(label):
        return ""
    if len(label.split()) > 60 or not re.search(r"[A-Za-z]{2}", label):
        return ""
    return label


def _title(text: str) -> str:
    """'CYPP GROUP' -> 'CYPP group': keep acronyms, lower the rest."""
    return " ".join(w if w.isupper() and len(w) <= 5 and w != "GROUP" else w.lower()
                    for w in text.split())


def _role(header: str) -> str:
    return " ".join(header.lower().split()[:6]) or "lead"


def _default_weight(mark: str) -> str:
    return "primary" if len(mark) >= 2 and mark[0] == mark[1] else ""


def _owner_plan(doc: Document, facts: Facts, index: int) -> str | None:
    """The plan a table's elements belong to: the document's own, else the last one named above."""
    if facts.plan:
        return facts.plan
    for block in reversed(doc.blocks[max(0, index - 40): index]):
        name = _standalone_name(block) if block.kind is not BlockKind.TABLE else None
        if name and len(name.split()) >= 3:
            same = find_same(facts, {"Plan"}, name)
            if same is not None:
                return same.key
    for block in reversed(doc.blocks[max(0, index - 12): index]):
        for m in PLAN_NAME.finditer(block.text):
            name = _tidy(m.group(1))
            if name:
                same = find_same(facts, {"Plan"}, name)
                if same is not None:
                    return same.key
    return None


def extract_tables(doc: Document, facts: Facts) -> None:
    """Read every table block."""
    for index, (block, ctx) in enumerate(zip(doc.blocks, contexts(doc), strict=True)):
        if block.kind is BlockKind.TABLE and block.rows and len(block.rows) >= 2:
            _TableReader(doc, facts, block, index, ctx, _owner_plan(doc, facts, index)).run()

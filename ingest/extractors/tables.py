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
from plangraph.ingest.extractors.body_names import POST_WORDS, body_class, named_class, tidy_body
from plangraph.ingest.extractors.context import Context, contexts
from plangraph.ingest.extractors.dates import parse_due
from plangraph.ingest.extractors.grid import (
    GROUP_MEMBER,
    Column,
    Grid,
    assign_roles,
    class_of,
    classes_in,
    grid_of,
    label_column,
    tick_marks,
)
from plangraph.ingest.extractors.hierarchy import not_an_element
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

NUMBERED_LINE = re.compile(r"^\s*\(?\d{1,2}(?:\.\d{1,2})*[a-z]?[.)]?\s+\S")
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NUMBER = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|per\s+[\d,]+|per cent)?", re.I)
LEGEND = re.compile(r"^\s*((?:[✓✔√■☑●xXyY]|\\checkmark)+)\s*[=:\-–]?\s*(.+)$")
PRIMARY = re.compile(r"\bprimary\b|\bmain\b|\bmajor\b|\bsignificant\b|\bstrong\b", re.I)
ADDITIONAL = re.compile(r"\badditional\b|\bsecondary\b|\bsupporting\b|\bminor\b|\bsome\b", re.I)
LEAD_SPLIT = re.compile(r"\s*(?:[;,/\n]|\band\b)\s*")
TITLE_ROW = re.compile(r"^\s*(?:title|subject)(?: of (?:paper|report))?\s*:", re.I)
FORM_OPEN = re.compile(r"\b(?:objectives?|priorit(?:y|ies)|outcomes?)\b.*:\s*$", re.I)


# the column roles that make a table worth reading as plan elements
READ_ROLES = frozenset({"tick", "lead", "group", "period", "value", "element", "due"})


@dataclass
class _Table:
    """What reading one table's rows shares: its shape, the rows' class, its legend, and what
    the columns have resolved to so far."""
    grid: Grid
    label_col: Column
    row_cls: str
    legend: dict[str, str]
    targets: dict[int, str | None] = field(default_factory=dict)  # tick column -> its element
    carried: dict[int, str] = field(default_factory=dict)  # element column -> last non-empty cell


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
        """Read the table: each row names an element, each other column says something about it."""
        grid = grid_of(self.block)
        if len(grid.rows) - grid.header_rows < 1:
            return
        assign_roles(grid)
        if self._form(grid):
            return
        label_col = label_column(grid)
        if label_col is None:
            return
        row_cls = self._row_class(grid, label_col)
        roles = {c.role for c in grid.columns}
        if row_cls is None or not (roles & READ_ROLES or self.ctx.carried):
            return
        table = _Table(grid, label_col, row_cls, self._legend())
        self.known_before = {k for k, e in self.facts.entities.items()
                             if e.cls in {"Outcome", "Priority"}}
        for row, span, label in self._rows(grid, label_col):
            key = self._element(row_cls, label, span)
            if key is None:
                continue
            self._read_cells(table, key, row, span)
            if row_cls == "Indicator":
                self._observation(key, grid, row, span)

    # -- the cells of one row ------------------------------------------------------------------
    def _read_cells(self, table: _Table, key: str, row: list[str], span: Span) -> None:
        """Each cell beside the row's label, read by its column's role, left to right."""
        people: list[str] = []  # the row's leaders so far, whom a later email column may fit
        for col in table.grid.columns:
            cell = row[col.index]
            if col.index == table.label_col.index:
                continue
            if col.role == "element" and col.index < table.label_col.index + 3:
                self._element_cell(table, key, col, cell, span)
            elif not cell:
                continue
            elif col.role == "tick":
                self._tick_cell(table, key, col, cell, span)
            elif col.role == "lead":
                people += self._leaders(key, cell, col.label, span)
            elif col.role == "group":
                for body in filter(None, map(tidy_body, split_bodies(cell))):
                    board = self.facts.entity(body_class(body), body, span, confidence=0.8)
                    self.facts.relate(key, "ledBy", board, span, role=_role(col.label))
            elif col.role == "email":
                self._give_emails(cell, people)
            elif col.role == "due":
                self._set_due(key, cell)

    def _element_cell(self, table: _Table, key: str, col: Column, cell: str, span: Span) -> None:
        """An element column near the label; an empty cell repeats the one above (merged cells)."""
        value = cell or table.carried.get(col.index, "")
        if cell:
            table.carried[col.index] = cell
        self._contributes(key, col, value, span)

    def _tick_cell(self, table: _Table, key: str, col: Column, cell: str, span: Span) -> None:
        """A tick: the row measures or contributes to what the column stands for."""
        mark = tick_marks(cell)
        if not mark:
            return
        if col.index not in table.targets:
            table.targets[col.index] = self._column_target(table.grid, col, table.row_cls)
        target = table.targets[col.index]
        if target:
            predicate = "measures" if table.row_cls == "Indicator" else "contributesTo"
            self.facts.relate(key, predicate, target, span,
                              qualifier=table.legend.get(mark, _default_weight(mark)))

    def _give_emails(self, cell: str, people: list[str]) -> None:
        """Email addresses, each given to the leader it fits (or to the only leader)."""
        for email in EMAIL.findall(cell):
            owners = [p for p in people if email_fits(email, self.facts.entities[p].label)]
            if owners or len(people) == 1:
                self.facts.entities[(owners or people)[0]].add_prop("email", email.lower())

    def _set_due(self, key: str, text: str) -> None:
        """The date an element is due by, when the text gives one."""
        due = parse_due(text)
        if due:
            self.facts.entities[key].add_prop("dueDate", due[0])
            self.facts.entities[key].add_prop("dueText", due[1])

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
        cls = class_of(corner)
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
            return class_of(grid.columns[0].label) or "Priority"
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
            self._set_due(key, label)
        return key

    def _column_target(self, grid: Grid, col: Column, row_cls: str) -> str | None:
        """The outcome or priority a tick column stands for; created if not met before."""
        head = _row_label(col.label)
        if not head:
            return None
        spanning = " ".join(c.header for c in grid.columns if c.index != col.index)
        classes = [c for c in classes_in(grid.columns[0].header + " " + spanning) if c != row_cls]
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
        cls = class_of(col.label)
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

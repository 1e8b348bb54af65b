"""Meetings: agenda headers, minutes, report cover sheets, attendance, apologies and resolutions.

Board papers record a meeting in a few shapes, and this module follows those shapes, not names:

* an agenda header: the council's and the board's names in capitals, then "Date: Wednesday 25
  September 2013", "Time: ...", "Place: ...";
* a minutes heading: "MINUTES of (the) meeting (of the X Board) held at <place> on <date>", the
  board named in the sentence or in the heading just above it;
* a report's cover rows: "Meeting | X BOARD", "Report to: | X Board" with "Date | 9 March 2009" —
  a report to a meeting records that meeting, and (when the document is that report) the meeting
  concerns the document's own plan.

Inside minutes: attendance tables and lists ("✓ Indicates present at meeting", a Present column
with ✓ / A, rows whose cells converted PDFs broke over several lines with ")" brace marks and
"- " cell starts), "(Substituting for X)", the APOLOGIES section, "Also in attendance" (present,
not members), "Name, Title, presented the report" (presenters and their posts), numbered agenda
items (what the meeting concerns) and RESOLVED blocks (one `Decision` per resolution).
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.attendance_rows import AttendanceRow, table_entries
from plangraph.ingest.extractors.body_names import POST_WORDS
from plangraph.ingest.extractors.context import is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.meeting_headers import MeetingHeaders
from plangraph.ingest.extractors.meeting_words import (
    ABSENT_HEAD,
    ABSENT_INLINE,
    ALSO_HEAD,
    ALSO_INLINE,
    APOLOGIES_HEAD,
    APOLOGIES_INLINE,
    APOLOGY_MARK,
    CUT,
    HANDLE_ACTION,
    INLINE_NUMBERS,
    ITEM,
    LABELLED_LIST,
    LEGEND,
    LIST_LABEL,
    MOTION,
    NAME_PRESENTED,
    NUMBERING,
    PARENS,
    PRESENT_HEAD,
    PRESENT_INLINE,
    PRESENT_MARK,
    PRESENT_VERB,
    PRESENTED_BY,
    RES_DOT_ITEM,
    RES_ITEM,
    RESOLVED,
    SENTENCE,
    SUB_BY,
    TICK_AT,
    _balance,
    _mostly_upper,
    document_acronyms,
)
from plangraph.ingest.extractors.names import (
    BODY_WORDS,
    NAME_WORD,
    contact_parts,
    is_person_name,
    name_then_affiliation,
    split_people,
    strip_honorific,
    surname_first,
)
from plangraph.ingest.facts import Entity, Facts, normalise


# -- the extractor ---------------------------------------------------------------------------------
class _Meetings(MeetingHeaders):
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.acronyms = document_acronyms(doc)
        self.meeting: str | None = None
        self.board: str | None = None
        self.kind = ""  # "papers" (agenda, minutes) or "report"
        self.mode = ""  # "members", "present", "also", "apologies"
        self.item_subjects: list[str] = []
        self.items_begun = False  # past the attendance lists, into the items
        self.by_date: dict[date, list[tuple[str, str]]] = {}
        self.person_org: dict[str, str] = {}
        self.consumed: set[int] = set()
        self._candidates: list[tuple[Entity, list[tuple[str, frozenset[str], bool]]]] | None = None
        self._body_tokens: set[frozenset[str]] | None = None
        self._holders: dict[str, set[str]] | None = None


    def attendance_table(self, block: Block) -> None:
        parsed = table_entries(block)
        if parsed is None or self.meeting is None:
            return
        entries, info = parsed
        spans = block.row_spans or [block.span] * len(block.rows)
        ticked = any(e.tick for e in entries)
        listed = {normalise(strip_honorific(self.parse_name(e.name_text)[0])[0]) for e in entries}
        if not (self.mode or ticked or (info["header"] and any(e.mark for e in entries))):
            return
        for e in entries:
            name, absent, role = self.parse_name(e.name_text)
            name_span = spans[e.rows[0]].merge(spans[e.rows[-1]])
            person = self.person(name, name_span)
            self.initials(person, e.name_text)
            if person is None:
                continue
            rows = sorted({*e.rows, *(r for r, _ in e.titles), *e.org_rows})
            span = spans[rows[0]].merge(spans[rows[-1]])
            mark = e.mark.strip()
            mode = self.mode or "members"
            if mode == "also":
                self.facts.relate(self.meeting, "inAttendance", person, span, confidence=0.9)
            elif mode == "apologies" or APOLOGY_MARK.match(mark):
                self.facts.relate(self.meeting, "apologiesFrom", person, span, confidence=0.9)
            elif e.tick or PRESENT_MARK.match(mark) or (mode == "present" and not ticked and not mark):
                self.facts.relate(self.meeting, "attendee", person, span, confidence=0.9)
            holder = person
            if absent:
                other = self.person(absent, name_span)
                if other:
                    self.facts.relate(person, "substituteFor", other, name_span, confidence=0.9)
                    if self.board and mode != "also":
                        self.facts.relate(other, "memberOf", self.board, span, confidence=0.8)
                    if normalise(strip_honorific(absent)[0]) not in listed:
                        holder = other  # the seat's title and organisation are the absent member's
            if self.board and mode != "also":
                self.facts.relate(person, "memberOf", self.board, span,
                                  confidence=0.8 if not absent and mode != "apologies" else 0.6)
            self._row_posts(holder, e, spans, span, info["combined"], role, info["declared"])

    def _row_posts(self, person: str, e: AttendanceRow, spans: list[Span], span: Span, combined: bool,
                   role: str, declared: bool = False) -> None:
        title = _balance(" ".join(t.lstrip("-– ").strip() for _, t in sorted(e.titles))) or e.shared_title
        title_span = spans[e.titles[0][0]].merge(spans[e.titles[-1][0]]) if e.titles else span
        org_text = e.org
        if combined and title and not org_text:
            chunks = title.rsplit(", ", 1)
            body = chunks[1] if len(chunks) == 2 else ""
            trusted = declared and bool(POST_WORDS.search(chunks[0])) and not POST_WORDS.search(body)
            if body and self.organisation(PARENS.sub("", body), title_span, trusted=trusted):
                title, org_text = chunks[0], PARENS.sub("", body)
        if title.rstrip().endswith((" of", " for")) and org_text:
            title, org_text = f"{title} {org_text}", org_text  # "Independent Chair of" + the body
        org = self.organisation(org_text, span) if org_text else None
        if org is None and title:
            org = self.title_org(title, title_span)
        if org:
            self.person_org[person] = org
        if role:
            self.post(person, role[:1].upper() + role[1:], span, self.board)
        if not title:
            return
        if not POST_WORDS.search(title):
            body = self.organisation(title, title_span)  # "Youth Cabinet", "Kestrel Equal"
            if body and self.facts.entities[body].cls == "Board" and self.mode != "also":
                self.facts.relate(person, "memberOf", body, title_span, confidence=0.7)
            return
        self.posts(person, title, title_span, org)

    def name_lines(self, block: Block, relation: str) -> None:
        """Lines of an apologies / present / also-in-attendance list, one or more names each."""
        if self.meeting is None or block.kind is BlockKind.TABLE:
            return
        for line in block.text.split("\n"):
            if re.match(r"^\s*(?:[-•*]|\(?\w{1,3}[.)])\s", line):
                line = NUMBERING.sub("", line, count=1)
            if line.count(";") >= 2:  # "A, Unit; B, C, Unit; ...": a list of its own
                self.name_list(line, block.span, relation)
            else:
                self.name_line(line, block.span, relation)

    def name_line(self, line: str, span: Span, relation: str) -> None:
        stripped, email, handle = contact_parts(line)  # "Jane Example (@jexample) <jane@example.org>"
        if email or handle:
            before = {r.object for r in self.facts.relations if r.subject == self.meeting}
            self.name_line(stripped, span, relation)
            added = [r.object for r in self.facts.relations if r.subject == self.meeting
                     and r.object not in before and self.facts.entities[r.object].cls == "Person"]
            if len(added) == 1:
                person = self.facts.entities[added[0]]
                if handle:
                    person.alt_labels.add(f"@{handle}")
                if email:
                    person.add_prop("email", email.lower())
            return
        line = surname_first(line) or line  # "ALDER, Ruth"
        line = re.sub(r"(?<=\S)(?:\s{2,}|\t+)(?=\S)", " - ", line.strip())  # "Name  Organisation"
        line = TICK_AT.sub("", " ".join(line.split()))
        if not line or len(line.split()) > 40:
            return
        if not CUT.search(line) and (split := name_then_affiliation(line)) and \
                not POST_WORDS.search(split[1]):
            line = f"{split[0]} - {split[1]}"  # "Chris Example ACME"
        if self.grouped_surnames(line, span, relation):
            return
        by = SUB_BY.search(line)
        base = SUB_BY.sub("", line) if by else line
        name, absent, role = self.parse_name(base)
        parts = CUT.split(name, maxsplit=1)
        head, rest = parts[0], parts[1] if len(parts) > 1 else ""
        people = [head]
        if not is_person_name(head) or (rest and not POST_WORDS.search(rest)):
            names = [p for p in split_people(PARENS.sub("", name)) if is_person_name(p)]
            if len(names) >= 2 or not is_person_name(head):
                people, rest = names, ""
        for text in people:
            person = self.person(text, span, confidence=0.85)
            if person is None:
                continue
            if len(people) == 1:
                self.initials(person, base)
            self.facts.relate(self.meeting, relation, person, span, confidence=0.85)
            if self.board and relation != "inAttendance":
                self.facts.relate(person, "memberOf", self.board, span,
                                  confidence=0.6 if relation in ("apologiesFrom", "absentee") else 0.8)
            if absent:
                other = self.person(absent, span)
                if other:
                    self.facts.relate(person, "substituteFor", other, span, confidence=0.85)
            if by:
                sub = self.person(by.group(1), span)
                if sub:
                    self.facts.relate(sub, "substituteFor", person, span, confidence=0.85)
                    self.facts.relate(self.meeting, "attendee", sub, span, confidence=0.8)
            if role:
                self.post(person, role[:1].upper() + role[1:], span, self.board)
            if rest and len(people) == 1 and not POST_WORDS.search(rest):
                org = self.organisation(PARENS.sub("", rest), span, trusted=True)  # "Name - ACME"
                if org:
                    self.person_org[person] = org
            elif rest and len(people) == 1 and relation not in ("apologiesFrom", "absentee"):
                title, _, org_text = rest.rpartition(", ") if ", " in rest else (rest, "", "")
                org = self.organisation(org_text, span, trusted=False) if org_text else None
                if org_text and org is None:
                    title = rest
                self.posts(person, title, span, org or self.person_org.get(person))
                if org:
                    self.person_org[person] = org

    def name_list(self, text: str, span: Span, relation: str) -> list[str]:
        """The people a list after a label names: 'Councillors: A, B', 'A, Unit; B, C, Unit;'
        (names then the organisation they come from, groups set apart by semicolons)."""
        before = set(self.facts.entities)
        names = LIST_LABEL.sub("", text)  # "Councillors: A, B" lists A and B
        groups = [g.strip() for g in re.split(r"\s*;\s*", names) if g.strip()]
        if len(groups) >= 2 or (groups and names.rstrip().endswith(";")):
            for group in groups:
                parts = [p.strip(" .") for p in group.split(",") if p.strip(" .")]
                people = list(itertools.takewhile(is_person_name, parts))
                if 2 <= len(parts) == len(people) and not is_person_name(parts[-1], strict=True):
                    people = people[:-1]  # "Mark Example, Example Properties": the last is where he works
                org = ", ".join(parts[len(people):])
                for name in people or [group]:
                    self.name_line(f"{name} - {org}" if people and org else name, span, relation)
        else:
            for part in re.split(r"\n|,\s*(?=(?:Councillor|Cllr|Dr|Mr|Mrs|Ms)\b)", names):
                kept = part if "@" in part else PARENS.sub("", part)  # "(@handle)" goes with its name
                for name in split_people(kept) if "," in part or " and " in part else [part]:
                    self.name_line(name, span, relation)
        return [k for k in self.facts.entities if k not in before and k.startswith("person:")] or \
            [r.object for r in self.facts.relations if r.subject == self.meeting and r.span == span
             and r.predicate == relation]

    def grouped_surnames(self, line: str, span: Span, relation: str) -> bool:
        """'ACME - Example, Sample': an organisation, then the surnames of the people it sent."""
        head, sep, rest = line.partition(" - ")
        if not sep or not re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", head.strip()):
            return False
        names = [n.strip(" .") for n in rest.split(",")]
        if not names or not all(re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD})?", n) for n in names):
            return False
        org = self.organisation(head.strip(), span, trusted=True)
        for name in names:
            person = self.facts.entity("Person", name, span, confidence=0.75)
            self.facts.relate(self.meeting, relation, person, span, confidence=0.8)
            if org:
                self.person_org[person] = org
        return True

    def handle_actions(self, block: Block) -> None:
        """'**@handle** to draft the licence note': an action owned by the person with that handle
        (one of their own when the minutes name no one so)."""
        for line in block.text.replace("*", "").split("\n"):
            m = HANDLE_ACTION.match(line.strip())
            if not m:
                continue
            handle = f"@{m.group(1)}"
            owner = next((e.key for e in self.facts.of_class("Person") if handle in e.alt_labels), None) or \
                self.facts.entity("Person", handle, block.span, confidence=0.6)
            label = clean_label(m.group(2).rstrip(" ."))
            action = self.facts.entity("Action", label, block.span, confidence=0.75)
            self.facts.relate(action, "ledBy", owner, block.span, confidence=0.8, role="owner")
            self.facts.relate(self.meeting, "concerns", action, block.span, confidence=0.6)

    def motions(self, block: Block) -> None:
        """'The minutes were adopted on the proposal of Cllr A, seconded by Cllr B': a decision
        with its proposer and seconder."""
        assert self.meeting is not None
        text = " ".join(block.text.replace("*", "").split())
        for n, m in enumerate(MOTION.finditer(text), start=1):
            stop = text.rfind(". ", 0, m.start())
            start = stop + 2 if stop >= 0 else 0
            label = self._decision_label(text[start:m.start()]) or self._decision_label(text[start:m.end()])
            if not label:
                continue
            key = f"decision:{self.meeting}#{block.span.line_start}.m{n}"
            decision = self.facts.entity("Decision", label, block.span, key=key, confidence=0.8)
            self.facts.relate(self.meeting, "decision", decision, block.span, confidence=0.8)
            for group, predicate in (("proposer", "proposedBy"), ("seconder", "secondedBy")):
                person = self.person(m.group(group), block.span, confidence=0.8)
                if person:
                    self.facts.relate(decision, predicate, person, block.span, confidence=0.8)

    # -- presenters ---------------------------------------------------------------------------------
    def presenters(self, block: Block) -> None:
        """'Name, Title, presented the report' / 'Name introduced the report' / 'presented by Name'."""
        text = " ".join(block.text.split())
        for sentence in SENTENCE.split(text):
            for m in PRESENT_VERB.finditer(sentence):
                parts = sentence[:m.start()].split(", ")
                for i in range(len(parts) - 1):
                    chunk = re.sub(r"^(?:then|also|and|following [\w ]+?)\s+", "", parts[i].strip(),
                                   flags=re.I)
                    title = ", ".join(parts[i + 1:])
                    if not is_person_name(chunk) or len(title.split()) > 25:
                        continue
                    if not (POST_WORDS.search(title) or BODY_WORDS.search(title) or
                            is_person_name(chunk, strict=True)):
                        continue
                    self._presenter(chunk, title, block.span)
                    break
            for m in NAME_PRESENTED.finditer(sentence):
                self._presenter(m.group(1), "", block.span, strict=True)
            for m in PRESENTED_BY.finditer(sentence):
                self._presenter(m.group(1), m.group(2) or "", block.span, strict=not m.group(2))

    def _presenter(self, name: str, title: str, span: Span, strict: bool = False) -> None:
        if strict and not is_person_name(name, strict=True):
            return
        person = self.person(name, span)
        if person is None or self.meeting is None:
            return
        self.facts.relate(self.meeting, "presenter", person, span, confidence=0.85)
        title = _balance(title)
        if title and POST_WORDS.search(title):
            own = None
            if ", " in title:  # "Director of Nursing, NHS X Integrated Care Board"
                head, tail = title.rsplit(", ", 1)
                own = self.organisation(tail, span, trusted=False)
                if own:
                    title = head
            self.posts(person, title, span, own or self.person_org.get(person), confidence=0.8)

    # -- decisions ----------------------------------------------------------------------------------
    def resolutions(self, index: int, block: Block, lead: str) -> None:
        """A RESOLVED block: the resolutions it lists (numbered items below, or inline), one
        Decision each, about the plans and priorities it names or else the item's subject."""
        assert self.meeting is not None
        lead = " ".join(lead.replace("*", "").split())
        items: list[tuple[str, Span]] = []
        if lead and INLINE_NUMBERS.search(lead) and re.match(r"^\s*\(\d", lead):
            items = [(p, block.span) for p in INLINE_NUMBERS.split(lead) if p.strip()]
            lead = ""
        elif not lead or lead.endswith((":", ":-")):
            top = None
            for j in range(index + 1, min(index + 40, len(self.doc.blocks))):
                nxt = self.doc.blocks[j]
                m = RES_ITEM.match(nxt.text) or (RES_DOT_ITEM.match(nxt.text) if top in (None, "n") else None)
                if nxt.kind is BlockKind.TABLE or m is None:
                    break
                kind = "n" if m.group(1).isdigit() else "x"
                body = " ".join(m.group(2).replace("*", "").split())
                self.consumed.add(j)
                if top is None:
                    top = kind
                if kind != top and items:
                    items[-1] = (f"{items[-1][0].rstrip(' ;')} {body}", items[-1][1].merge(nxt.span))
                else:
                    items.append((body, nxt.span))
            if items and lead:
                items = [(f"{lead.rstrip(':- ')} {text}", span) for text, span in items]
        if not items and lead:
            items = [(lead, block.span)]
        for n, (text, span) in enumerate(items, start=1):
            label = self._decision_label(text)
            if not label:
                continue
            key = f"decision:{self.meeting}#{span.line_start}.{n}"
            decision = self.facts.entity("Decision", label, span, key=key, confidence=0.85)
            self.facts.relate(self.meeting, "decision", decision, span, confidence=0.85)
            named = self.subjects(text)
            for subject in named or self.item_subjects:
                self.facts.relate(decision, "concerns", subject, span, confidence=0.7 if named else 0.5)
            for subject in named:
                self.facts.relate(self.meeting, "concerns", subject, span, confidence=0.6)

    @staticmethod
    def _decision_label(text: str) -> str:
        text = " ".join(text.split()).strip(" ;,.-–")
        text = re.sub(r";\s*and$", "", text).strip()
        text = re.sub(r"^that\s+", "", text, flags=re.I)
        first = SENTENCE.split(text)[0].rstrip(" ;.")
        words = first.split()
        if len(words) > 40:
            first = " ".join(words[:40]).rstrip(" ,;:") + "…"
        return first[:1].upper() + first[1:] if first else ""

    # -- the walk -----------------------------------------------------------------------------------
    def run(self) -> None:
        for index, block in enumerate(self.doc.blocks):
            if index in self.consumed:
                continue
            if self.header(index, block):
                continue
            if self.meeting is None or self.kind != "papers":
                continue
            self.minutes_block(index, block)

    def minutes_block(self, index: int, block: Block) -> None:
        """One block of agenda or minutes: a section marker, an item, a table, a list or prose."""
        assert self.meeting is not None
        text = " ".join(block.text.split())
        bare = NUMBERING.sub("", text.replace("*", ""), count=1).strip()
        if block.kind is BlockKind.TABLE:
            self.attendance_table(block)
            return
        if LEGEND.search(text) and len(text.split()) <= 25:
            self.mode = "members"
            return
        if APOLOGIES_HEAD.match(bare):
            self.mode = "apologies"
            return
        if ABSENT_HEAD.match(bare):
            self.mode = "absent"
            return
        if PRESENT_HEAD.match(bare):
            self.mode = "present"
            return
        if ALSO_HEAD.match(bare):
            self.mode = "also"
            return
        for pattern, relation in ((APOLOGIES_INLINE, "apologiesFrom"), (ABSENT_INLINE, "absentee"),
                                  (PRESENT_INLINE, "attendee"),
                                  (ALSO_INLINE, "inAttendance")):
            m = pattern.match(block.text)
            if m and not bare.lower().startswith(("apologies for absence were not", "apologies: none")):
                self.name_list(m.group(1), block.span, relation)
                self.mode = ""
                return
        labelled = LABELLED_LIST.match(block.text)
        if labelled and not self.items_begun and _mostly_upper(labelled.group(1)):
            label = labelled.group(1)
            relation = "apologiesFrom" if APOLOGIES_HEAD.match(label) else \
                "attendee" if re.search(r"\b(?:present|chair)\b", label, re.I) and \
                not ALSO_INLINE.match(label + ": x") else "inAttendance"
            found = self.name_list(labelled.group(2), block.span, relation)
            if re.search(r"\bin the chair\b", label, re.I) and self.board:
                for person in found:
                    self.post(person, "Chair", block.span, self.board)
            self.mode = ""
            return
        item = ITEM.match(text.replace("*", ""))
        if item or (is_heading(block) and re.match(r"^\s*(?:item\s+)?\d{1,2}\b", text, re.I)):
            self.items_begun = True  # the attendance part of the minutes is over
        if item or (is_heading(block) and re.match(r"^\s*\d{1,2}\.?\s+\S", text)):
            title = item.group("title") if item else re.sub(r"^\s*\d{1,2}\.?\s+", "", text)
            self.mode = ""
            self.item_subjects = self.subjects(title)
            for subject in self.item_subjects:
                self.facts.relate(self.meeting, "concerns", subject, block.span, confidence=0.7)
            return
        m = RESOLVED.match(block.text.replace("*", ""))
        if m:
            self.mode = ""
            self.resolutions(index, block, m.group(1))
            return
        if is_heading(block):
            self.mode = ""
            return
        if self.mode == "apologies":
            self.name_lines(block, "apologiesFrom")
        elif self.mode == "absent":
            self.name_lines(block, "absentee")
        elif self.mode == "present":
            self.name_lines(block, "attendee")
        elif self.mode == "also":
            self.name_lines(block, "inAttendance")
        elif block.kind is not BlockKind.TABLE:
            self.motions(block)
            self.handle_actions(block)
            self.presenters(block)
        if self.mode and block.kind is BlockKind.PARAGRAPH and len(text.split()) > 30 and \
                "\n" not in block.text:
            self.mode = ""  # prose ends a list of names



def extract_meetings(doc: Document, facts: Facts) -> None:
    """Meetings the document records (agenda, minutes, reports to a meeting), who attended,
    sent apologies or presented, and what was resolved."""
    _Meetings(doc, facts).run()

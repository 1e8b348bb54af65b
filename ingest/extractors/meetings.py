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

import re
from datetime import date

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.attendance import Attendance
from plangraph.ingest.extractors.body_names import POST_WORDS
from plangraph.ingest.extractors.context import is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.meeting_words import (
    ABSENT_HEAD,
    ABSENT_INLINE,
    ALSO_HEAD,
    ALSO_INLINE,
    APOLOGIES_HEAD,
    APOLOGIES_INLINE,
    HANDLE_ACTION,
    INLINE_NUMBERS,
    ITEM,
    LABELLED_LIST,
    LEGEND,
    MOTION,
    NAME_PRESENTED,
    NUMBERING,
    PRESENT_HEAD,
    PRESENT_INLINE,
    PRESENT_VERB,
    PRESENTED_BY,
    RES_DOT_ITEM,
    RES_ITEM,
    RESOLVED,
    SENTENCE,
    _balance,
    _mostly_upper,
    document_acronyms,
)
from plangraph.ingest.extractors.names import BODY_WORDS, is_person_name
from plangraph.ingest.facts import Entity, Facts

# the headings that start a list of people (the mode of the lines below them), and the part in
# the meeting each mode gives the people listed; "Apologies: A, B" lists them in one block
SECTION_HEADS = ((APOLOGIES_HEAD, "apologies"), (ABSENT_HEAD, "absent"), (PRESENT_HEAD, "present"),
                 (ALSO_HEAD, "also"))
MODE_RELATIONS = {"apologies": "apologiesFrom", "absent": "absentee", "present": "attendee",
                  "also": "inAttendance"}
INLINE_LISTS = ((APOLOGIES_INLINE, "apologiesFrom"), (ABSENT_INLINE, "absentee"),
                (PRESENT_INLINE, "attendee"), (ALSO_INLINE, "inAttendance"))


# -- the extractor ---------------------------------------------------------------------------------
class _Meetings(Attendance):
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
        for n, (text, span) in enumerate(self._resolution_items(index, block, lead), start=1):
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

    def _resolution_items(self, index: int, block: Block, lead: str) -> list[tuple[str, Span]]:
        """The resolutions of a RESOLVED block: numbered inline ('(1) ... (2) ...'), the items
        below a lead ending in ':' (each prefixed with it), or the lead itself."""
        lead = " ".join(lead.replace("*", "").split())
        if lead and INLINE_NUMBERS.search(lead) and re.match(r"^\s*\(\d", lead):
            return [(p, block.span) for p in INLINE_NUMBERS.split(lead) if p.strip()]
        items: list[tuple[str, Span]] = []
        if not lead or lead.endswith((":", ":-")):
            items = self._numbered_below(index)
            if items and lead:
                items = [(f"{lead.rstrip(':- ')} {text}", span) for text, span in items]
        if not items and lead:
            items = [(lead, block.span)]
        return items

    def _numbered_below(self, index: int) -> list[tuple[str, Span]]:
        """The numbered items ('(1)', '1.') right below a block, each consumed so the walk skips it;
        items of another kind than the first ('(a)' under '(1)') are joined to the item above."""
        items: list[tuple[str, Span]] = []
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
        return items

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
        if self._section_marker(text, bare) or self._inline_list(block, bare) or self._labelled_list(block):
            return
        if self._agenda_item(block, text):
            return
        m = RESOLVED.match(block.text.replace("*", ""))
        if m:
            self.mode = ""
            self.resolutions(index, block, m.group(1))
            return
        if is_heading(block):
            self.mode = ""
            return
        relation = MODE_RELATIONS.get(self.mode)
        if relation:
            self.name_lines(block, relation)
        elif block.kind is not BlockKind.TABLE:
            self.motions(block)
            self.handle_actions(block)
            self.presenters(block)
        if self.mode and block.kind is BlockKind.PARAGRAPH and len(text.split()) > 30 and \
                "\n" not in block.text:
            self.mode = ""  # prose ends a list of names

    def _section_marker(self, text: str, bare: str) -> bool:
        """A legend of ticks or a heading (Apologies, Absent, Present, Also in attendance): the
        lines below it list people in that part (the mode)."""
        if LEGEND.search(text) and len(text.split()) <= 25:
            self.mode = "members"
            return True
        for head, mode in SECTION_HEADS:
            if head.match(bare):
                self.mode = mode
                return True
        return False

    def _inline_list(self, block: Block, bare: str) -> bool:
        """'Apologies: A, B' / 'Present: ...' in one block: the people it lists."""
        for pattern, relation in INLINE_LISTS:
            m = pattern.match(block.text)
            if m and not bare.lower().startswith(("apologies for absence were not", "apologies: none")):
                self.name_list(m.group(1), block.span, relation)
                self.mode = ""
                return True
        return False

    def _labelled_list(self, block: Block) -> bool:
        """'COUNCILLORS PRESENT: A, B' before the items begin: the people it lists (and 'IN THE
        CHAIR: A' makes A the board's chair)."""
        labelled = LABELLED_LIST.match(block.text)
        if not (labelled and not self.items_begun and _mostly_upper(labelled.group(1))):
            return False
        label = labelled.group(1)
        relation = "apologiesFrom" if APOLOGIES_HEAD.match(label) else \
            "attendee" if re.search(r"\b(?:present|chair)\b", label, re.I) and \
            not ALSO_INLINE.match(label + ": x") else "inAttendance"
        found = self.name_list(labelled.group(2), block.span, relation)
        if re.search(r"\bin the chair\b", label, re.I) and self.board:
            for person in found:
                self.post(person, "Chair", block.span, self.board)
        self.mode = ""
        return True

    def _agenda_item(self, block: Block, text: str) -> bool:
        """A numbered agenda item: the attendance part is over, and the meeting concerns the plans
        and priorities its title names (what its resolutions are about unless they name their own)."""
        item = ITEM.match(text.replace("*", ""))
        if item or (is_heading(block) and re.match(r"^\s*(?:item\s+)?\d{1,2}\b", text, re.I)):
            self.items_begun = True  # the attendance part of the minutes is over
        if not (item or (is_heading(block) and re.match(r"^\s*\d{1,2}\.?\s+\S", text))):
            return False
        title = item.group("title") if item else re.sub(r"^\s*\d{1,2}\.?\s+", "", text)
        self.mode = ""
        self.item_subjects = self.subjects(title)
        for subject in self.item_subjects:
            self.facts.relate(self.meeting, "concerns", subject, block.span, confidence=0.7)
        return True


def extract_meetings(doc: Document, facts: Facts) -> None:
    """Meetings the document records (agenda, minutes, reports to a meeting), who attended,
    sent apologies or presented, and what was resolved."""
    _Meetings(doc, facts).run()

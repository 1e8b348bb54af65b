"""Who attended a meeting: the meeting extractor's reading of attendance tables and lists of names.

A table's rows (parsed in `attendance_rows`) and the lines of a Present / Apologies / Also in
attendance list give each person's part in the meeting (attendee, apologies, in attendance,
absentee), whom they stood in for, the board they sit on and the posts and organisations written
beside their names.
"""

from __future__ import annotations

import itertools
import re

from plangraph.ingest.document import Block, BlockKind, Span
from plangraph.ingest.extractors.attendance_rows import AttendanceRow, table_entries
from plangraph.ingest.extractors.body_names import POST_WORDS
from plangraph.ingest.extractors.meeting_headers import MeetingHeaders
from plangraph.ingest.extractors.meeting_words import (
    APOLOGY_MARK,
    CUT,
    LIST_LABEL,
    NUMBERING,
    PARENS,
    PRESENT_MARK,
    SUB_BY,
    TICK_AT,
    _balance,
)
from plangraph.ingest.extractors.names import (
    NAME_WORD,
    contact_parts,
    is_person_name,
    name_then_affiliation,
    split_people,
    strip_honorific,
    surname_first,
)
from plangraph.ingest.facts import normalise

ABSENT_RELATIONS = ("apologiesFrom", "absentee")  # people not there: a weaker membership, no posts read


class Attendance(MeetingHeaders):
    """Attendance tables and lists of names in minutes (the half of the extractor that records who
    was there)."""

    # -- attendance tables --------------------------------------------------------------------------
    def attendance_table(self, block: Block) -> None:
        """The people of an attendance table, when the table marks attendance or a list heading
        (Present, Apologies, a legend of ticks) came before it."""
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
            self._table_person(e, spans, info, ticked, listed)

    def _table_person(self, e: AttendanceRow, spans: list[Span], info: dict[str, bool], ticked: bool,
                      listed: set[str]) -> None:
        """One person of a table: their part in the meeting, whom they stood in for, their board
        and the posts of their seat."""
        name, absent, role = self.parse_name(e.name_text)
        name_span = spans[e.rows[0]].merge(spans[e.rows[-1]])
        person = self.person(name, name_span)
        self.initials(person, e.name_text)
        if person is None:
            return
        rows = sorted({*e.rows, *(r for r, _ in e.titles), *e.org_rows})
        span = spans[rows[0]].merge(spans[rows[-1]])
        mode = self.mode or "members"
        relation = _table_relation(e, mode, ticked)
        if relation:
            self.facts.relate(self.meeting, relation, person, span, confidence=0.9)
        holder = self._stand_in(person, absent, listed, name_span, span, mode) if absent else person
        if self.board and mode != "also":
            self.facts.relate(person, "memberOf", self.board, span,
                              confidence=0.8 if not absent and mode != "apologies" else 0.6)
        self._row_posts(holder, e, spans, span, info["combined"], role, info["declared"])

    def _stand_in(self, person: str, absent: str, listed: set[str], name_span: Span, span: Span,
                  mode: str) -> str:
        """'Gail Trent (Substituting for Rosa Hale)': Rosa Hale is a member of the board; who holds
        the seat whose title and organisation the row gives (hers, when the table does not list her)."""
        other = self.person(absent, name_span)
        if not other:
            return person
        self.facts.relate(person, "substituteFor", other, name_span, confidence=0.9)
        if self.board and mode != "also":
            self.facts.relate(other, "memberOf", self.board, span, confidence=0.8)
        if normalise(strip_honorific(absent)[0]) not in listed:
            return other  # the seat's title and organisation are the absent member's
        return person

    def _row_posts(self, person: str, e: AttendanceRow, spans: list[Span], span: Span, combined: bool,
                   role: str, declared: bool = False) -> None:
        """The posts and organisation a row gives beside a name (a title cell, an organisation cell,
        or both in one cell as 'Title, Organisation')."""
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

    # -- lists of names -----------------------------------------------------------------------------
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
        """One line of a list: the people it names, their part in the meeting (`relation`), whom
        they stood in for or who stood in for them, and the role, organisation or posts beside them."""
        stripped, email, handle = contact_parts(line)  # "Jane Example (@jexample) <jane@example.org>"
        if email or handle:
            self._contact_line(stripped, email, handle, span, relation)
            return
        line = _tidy_name_line(line)
        if line is None or self.grouped_surnames(line, span, relation):
            return
        by = SUB_BY.search(line)
        base = SUB_BY.sub("", line) if by else line
        name, absent, role = self.parse_name(base)
        people, rest = _line_people(name)
        for text in people:
            person = self.person(text, span, confidence=0.85)
            if person is None:
                continue
            if len(people) == 1:
                self.initials(person, base)
            self._listed_person(person, relation, span, absent, by)
            if role:
                self.post(person, role[:1].upper() + role[1:], span, self.board)
            if rest and len(people) == 1:
                self._beside_name(person, rest, relation, span)

    def _contact_line(self, stripped: str, email: str | None, handle: str | None, span: Span,
                      relation: str) -> None:
        """A line with an e-mail or handle beside the name: the line without them read as any other,
        then the handle and e-mail given to the one person it added."""
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

    def _listed_person(self, person: str, relation: str, span: Span, absent: str | None,
                       by: re.Match | None) -> None:
        """A listed person's part in the meeting and board, and the substitutions the line states
        ('(Substituting for X)', 'substituted by Y')."""
        self.facts.relate(self.meeting, relation, person, span, confidence=0.85)
        if self.board and relation != "inAttendance":
            self.facts.relate(person, "memberOf", self.board, span,
                              confidence=0.6 if relation in ABSENT_RELATIONS else 0.8)
        if absent:
            other = self.person(absent, span)
            if other:
                self.facts.relate(person, "substituteFor", other, span, confidence=0.85)
        if by:
            sub = self.person(by.group(1), span)
            if sub:
                self.facts.relate(sub, "substituteFor", person, span, confidence=0.85)
                self.facts.relate(self.meeting, "attendee", sub, span, confidence=0.8)

    def _beside_name(self, person: str, rest: str, relation: str, span: Span) -> None:
        """What follows the one name of a line: the organisation they come from ('Name - ACME'),
        or (for people who came) their title and organisation ('Name - Director, ACME')."""
        if not POST_WORDS.search(rest):
            org = self.organisation(PARENS.sub("", rest), span, trusted=True)  # "Name - ACME"
            if org:
                self.person_org[person] = org
        elif relation not in ABSENT_RELATIONS:
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


def _table_relation(e: AttendanceRow, mode: str, ticked: bool) -> str | None:
    """A table row's part in the meeting: from the list it stands in, or its mark (a tick, 'A')."""
    mark = e.mark.strip()
    if mode == "also":
        return "inAttendance"
    if mode == "apologies" or APOLOGY_MARK.match(mark):
        return "apologiesFrom"
    if e.tick or PRESENT_MARK.match(mark) or (mode == "present" and not ticked and not mark):
        return "attendee"
    return None


def _tidy_name_line(line: str) -> str | None:
    """A line of a list made plain: surname last, ticks gone, a name and what follows it set apart
    by " - " ('ALDER, Ruth', 'Name  Organisation', 'Chris Example ACME'); None for no line or one
    too long (over 40 words) to be a list's."""
    line = surname_first(line) or line  # "ALDER, Ruth"
    line = re.sub(r"(?<=\S)(?:\s{2,}|\t+)(?=\S)", " - ", line.strip())  # "Name  Organisation"
    line = TICK_AT.sub("", " ".join(line.split()))
    if not line or len(line.split()) > 40:
        return None
    if not CUT.search(line) and (split := name_then_affiliation(line)) and \
            not POST_WORDS.search(split[1]):
        line = f"{split[0]} - {split[1]}"  # "Chris Example ACME"
    return line


def _line_people(name: str) -> tuple[list[str], str]:
    """The people a line names and what follows the name ('Name - Title'); a line naming several
    people ('A, B and C') has nothing after them."""
    parts = CUT.split(name, maxsplit=1)
    head, rest = parts[0], parts[1] if len(parts) > 1 else ""
    people = [head]
    if not is_person_name(head) or (rest and not POST_WORDS.search(rest)):
        names = [p for p in split_people(PARENS.sub("", name)) if is_person_name(p)]
        if len(names) >= 2 or not is_person_name(head):
            people, rest = names, ""
    return people, rest

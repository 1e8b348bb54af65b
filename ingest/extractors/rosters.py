"""Members tables: who sits on a body, for whom, and in what role.

Terms of reference, governance pages and annual reports list a body's members as a table: one
column of people, the others their role, the organisation whose seat they fill, their
affiliation. A "*" beside a member means what the document's note says once ("* marked entries
denote Board-appointed members"), kept as the membership's qualifier. The columns are told apart
by what their cells hold, not by their headers' words
(headers are often missing, bold first rows, or say "Suggested attendee(s)"):

    | Role / seat             | Member                          | Affiliation          |
    | Chair                   | Professor Ann Other             | Northvale University |
    | **Data providers**      |                                 |                      |
    | Kestrel Health Agency   | Dr Bob Example, Deputy: Cy Sample |                    |
    | **Observers**           |                                 |                      |
    | Harrowby Trust          | Dee Placeholder                 |                      |

A row with one filled cell heads a group of seats; people under a group of observers, a
secretariat or those "in attendance" are named but are not members; past members (under "Past
members", "Emeritus", or a row that says they stood down) are members whose membership has
ended (`status` "past"). A role cell ("Chair",
"Vice Chair", "Principal Investigator") is a post the person holds; an organisation in the
seat column is a member organisation; one in a later column is where the person works. A seat
with no one in it yet ("TBC", "vacant") names nobody.

Governance pages kept in repositories and many terms of reference give the same facts as a list,
one member a line, the parts set apart by commas, dashes, brackets or parentheses:

    - Ann Example (@aexample), Kestrel Labs
    - Bob Fiction (Chair), Northvale Systems, Central European Time
    - Eve Placeholder, Head of Records, Kestrel Council (ex officio)

Such a line is read as a row whose first cell names the person; a time zone is not an
organisation, and "(ex officio)", "(non-voting)" or "(co-opted)" qualify the membership. A line
that starts with a post or an organisation is left to the bodies extractor.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.body_names import ORG_NOUN, POST_WORDS, BodyFinder, named_class, tidy_body
from plangraph.ingest.extractors.context import contexts, heading_level, is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.names import (
    PLACEHOLDER,
    contact_parts,
    is_person_name,
    strip_honorific,
    surname_first,
)
from plangraph.ingest.facts import Facts, normalise

MEMBERS_HEADING = re.compile(r"\bmembers(?:hip)?\b|\bcomposition\b|\bwho sits\b|\bboard of directors\b", re.I)
NOT_MEMBERS = re.compile(r"\b(?:observers?|secretariat|in attendance|attendees?|guests?|support(?:ing)?|"
                         r"advisers?|advisors?|officers?)\b", re.I)
PAST = re.compile(r"\b(?:past|former|previous|emeritus|retired|alumni)\b|\b(?:stood|stepped) down\b", re.I)
DEPUTY = re.compile(r"\b(?:deputy|alternate|substitute|proxy)\s*:\s*", re.I)
BODY_ROLE = re.compile(r"^(?:(?:joint|co-?|vice[- ]?|deputy|independent|interim|acting)\s*)?"
                       r"(?:chair(?:man|person|woman)?|president|secretary|treasurer|convenor|convener|"
                       r"rapporteur|member)$", re.I)
TERM = re.compile(r"^[\w ,.]{0,20}\b(?:19|20)\d{2}\b.{0,30}$")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")  # a term of office, not an organisation
NOT_NAMES = re.compile(r"^(?:yes|no|none|all|other|others|member|members|observer|n/?a|tbc|various)$", re.I)
NICKNAME = re.compile(r"\s+[\"“']([^\"”']{1,20})[\"”']\s+")
PERSON_SPLIT = re.compile(r"\s*(?:[,;\n]|\band\b|&)\s*")
# What a list of members' line holds besides the name.
LINE_PARTS = re.compile(r"\s*(?:[,;\t]|\s[-–—|]\s)\s*")
BRACKETED = re.compile(r"\(([^()]{1,80})\)|\[([^\[\]]{1,80})\]")
TIME_ZONE = re.compile(r"^(?:[A-Z][a-z]+\s+){1,2}(?:Standard\s+|Daylight\s+|Summer\s+)?Time$|"
                       r"^(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|PST|PDT|IST|JST|AEST|AEDT)"
                       r"(?:\s*[+-]\s*\d{1,2})?$")
MEMBERSHIP_NOTE = re.compile(r"^(?:ex[- ]officio|non[- ]voting|voting|co-?opted|observer|advisory)$", re.I)
# "Roles associated with the Board" / "Roles and responsibilities": a list of the body's posts
ROLES_HEADING = re.compile(r"\broles?\b|\boffice[- ]?holders\b", re.I)
ROLE_ITEM = re.compile(r"^\s*(?:the\s+)?([A-Z][\w -]{1,40}?)\s*(?:[-–—:]|\s\(|$)")
ATTENDANCE = re.compile(r"\b(?:present|apolog\w*|absent|attend\w*|roll call)\b", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&-]*[A-Z][A-Za-z0-9&-]*(?:\s+\w+)?$")  # "ICNARC", "ISARIC 4C"


def people_in(cell: str) -> list[tuple[str, bool]]:
    """The people a cell names, each with whether they are a deputy: 'Dr A B, Deputy: C D'."""
    out: list[tuple[str, bool]] = []
    deputy = False
    flipped = surname_first(cell)
    for part in [flipped] if flipped else PERSON_SPLIT.split(cell.strip()):
        if DEPUTY.search(part):
            deputy = True
            part = DEPUTY.sub("", part)
        name, _ = strip_honorific(NICKNAME.sub(" ", contact_parts(part)[0]).strip(" .()*"))
        if name.isupper() and len(name.split()) >= 2:
            name = name.title()
        if name and is_person_name(name):
            out.append((part.strip(" .()*"), deputy))
    return out


def _people_column(rows: list[list[str]]) -> int | None:
    """The column that names people in most of its filled cells (group rows aside)."""
    width = max(len(r) for r in rows)
    best, best_score = None, 0
    for j in range(width if width >= 2 else 0):
        cells = [r[j] for r in rows if j < len(r) and r[j].strip() and sum(1 for c in r if c.strip()) > 1]
        named = sum(1 for c in cells if people_in(c))
        if named >= 2 and named >= 0.5 * len(cells) and named > best_score:
            best, best_score = j, named
    return best


def is_role(cell: str) -> bool:
    """'Chair', 'Vice Chair', 'Principal Investigator' — not 'Lead Institute' (an organisation)."""
    return bool(BODY_ROLE.match(cell) or (POST_WORDS.search(cell) and not re.search(ORG_NOUN, cell)))


STAR_NOTE = re.compile(r"(?:^|\s)\*\s*(?:marked\s+(?:entries|members|names|rows)\s+)?"
                       r"(?:denotes?|indicates?|means?|marks?|=)\s+(.+?)(?:[.;]|,\s+others\b|$)", re.I)


def _star_note(doc: Document) -> str:
    """What a '*' beside a member means, when the document explains it once."""
    for block in doc.blocks:
        if block.is_table:
            continue
        m = STAR_NOTE.search(" ".join(block.text.split()))
        if m and len(m.group(1).split()) <= 15:
            return m.group(1).strip()
    return ""


class _Roster(NamedTuple):
    """What the rows of one members table share."""
    body: str  # the body whose members they are
    column: int  # the column naming the people
    footnote: str  # what a '*' beside a member means, if the document says


class _Rosters:
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.finder = BodyFinder(facts)

    def body_for(self, index: int) -> str | None:
        """The body whose members the block at `index` lists: one its lead-in or headings name
        (the nearest first: "## Steering Committee / ### Membership"), else the document's own."""
        ctx = contexts(self.doc)[index]
        if not MEMBERS_HEADING.search(ctx.heading or "") and not MEMBERS_HEADING.search(ctx.lead_in or ""):
            return None
        if ATTENDANCE.search(ctx.heading or "") or ATTENDANCE.search(ctx.lead_in or ""):
            return None  # who came to a meeting: the meetings extractor reads it
        for text in (ctx.lead_in, *self._headings_above(ctx.heading_index)):
            named = [k for _, k in self.finder.find(text or "", self.doc.blocks[index].span, known_only=True)
                     if k.startswith("board:")]
            if named:
                return named[-1]
        return self.facts.main_body

    def _headings_above(self, index: int) -> list[str]:
        """The heading at `index`, then each higher-level heading it sits under."""
        out: list[str] = []
        level = 99
        for block in reversed(self.doc.blocks[:index + 1] if index >= 0 else []):
            if is_heading(block) and heading_level(block) < level:
                out.append(block.text)
                level = heading_level(block)
        return out

    def organisation(self, text: str, span: Span) -> str | None:
        """An organisation a seat or affiliation cell names ('Kestrel Trust', 'ICNARC')."""
        text = clean_label(" ".join(text.split()))
        acronym = None
        m = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z -]{1,12})\)$", text)
        if m and m.group(1):
            text, acronym = m.group(1), m.group(2)
        text = re.sub(r"^the\s+", "", text, flags=re.I)
        if not text or POST_WORDS.search(text) or is_person_name(text, strict=True) or \
                len(text.split()) > 10 or YEAR.search(text) or "@" in text or "://" in text or \
                NOT_NAMES.match(text):
            return None
        if not (text[:1].isupper() or text[:1].isdigit()):
            return None
        # one capitalised word beside a member is the organisation they come from ("Intel")
        tidy = tidy_body(text) or (text if ACRONYM.match(text) or len(text.split()) >= 2 or
                                   re.fullmatch(r"[A-Z][\w&-]{1,30}", text) else None)
        if tidy is None:
            return None
        key = self.facts.entity(named_class(tidy), tidy, span, confidence=0.75)
        if acronym:
            self.facts.entities[key].alt_labels.add(acronym)
            self.facts.entities[key].add_prop("acronym", acronym)
        return key

    def person(self, text: str, span: Span) -> str | None:
        stripped, email, handle = contact_parts(text)  # "Jane Example (@jexample)"
        text = stripped if email or handle else text
        nickname = NICKNAME.search(text)  # 'Christopher "Kit" Example': Kit is what people call him
        name, honorific = strip_honorific(NICKNAME.sub(" ", text))
        name = name.title() if name.isupper() else name
        if not is_person_name(name):
            return None
        key = self.facts.entity("Person", name, span, confidence=0.85, honorific=honorific)
        if nickname:
            self.facts.entities[key].alt_labels.add(nickname.group(1))
        if handle:
            self.facts.entities[key].alt_labels.add(f"@{handle}")
        if email:
            self.facts.entities[key].add_prop("email", email.lower())
        return key

    def post(self, person: str, role: str, span: Span, body: str | None, org: str | None = None) -> None:
        """A role in the body ('Chair' -> 'Chair of X Board'), else a job, in `org` if named."""
        role = clean_label(" ".join(role.split()))
        if BODY_ROLE.match(role) and body:
            label = f"{role[:1].upper()}{role[1:]} of {self.facts.entities[body].label}"
            key = f"post:{normalise(role)}@{body}"
            post = self.facts.entity("Post", label, span, key=key, confidence=0.8)
            self.facts.relate(post, "postIn", body, span, confidence=0.8)
        else:
            bare = f"post:{normalise(role)}@"  # the title another extractor read without its org
            key = bare if bare in self.facts.entities else f"{bare}{org or ''}"
            post = self.facts.entity("Post", role, span, key=key, confidence=0.75)
            if org:
                self.facts.relate(post, "postIn", org, span, confidence=0.75)
        self.facts.relate(person, "holds", post, span, confidence=0.8)

    def list_line(self, line: str, span: Span, body: str, footnote: str, past: bool) -> bool:
        """One line of a list of members; False when it does not start with a person's name."""
        text, email, handle = contact_parts(line.strip(" *"))
        extras = [a or b for a, b in BRACKETED.findall(text)]
        parts = [p for p in LINE_PARTS.split(BRACKETED.sub(" ", text)) if p.strip(" .")] + extras
        if not parts or len(text.split()) > 30:
            return False
        name = " ".join(parts[0].split())
        if not people_in(name):
            return False
        person = self.person(" ".join(filter(None, [name, f"(@{handle})" if handle else "",
                                                    f"<{email}>" if email else ""])), span)
        if person is None:
            return False
        roles, orgs, notes, term = [], [], [], ""
        for part in (" ".join(p.split()).strip(" .*") for p in parts[1:]):
            if not part or PLACEHOLDER.match(part) or TIME_ZONE.match(part):
                continue
            if MEMBERSHIP_NOTE.match(part):
                notes.append(part)
            elif TERM.match(part):
                term = part
            elif is_role(part):
                roles.append(part)
            elif org := self.organisation(part, span):
                orgs.append(org)
        marked = footnote if footnote and line.rstrip().endswith("*") else ""
        self.facts.relate(person, "memberOf", body, span, confidence=0.8, during=term,
                          status="past" if past else "", qualifier="; ".join(filter(None, [marked, *notes])))
        for role in roles:
            self.post(person, role, span, body, orgs[0] if orgs else None)
        return True

    def role_list(self, index: int, block: Block) -> None:
        """'Chair - leads the meetings', 'Board Members - ...' under a heading about a body's roles:
        each role is a post in that body, whoever holds it."""
        ctx = contexts(self.doc)[index]
        if block.kind is not BlockKind.LIST_ITEM or \
                not ROLES_HEADING.search(ctx.lead_in or ctx.heading or ""):
            return
        m = ROLE_ITEM.match(block.text)
        if not m:
            return
        words = [w for w in m.group(1).split()
                 if not re.fullmatch(r"(?:board|committee|group|panel)s?", w, re.I)]
        role = re.sub(r"(?<=[a-z])s$", "", " ".join(words))  # "Board Members" -> "Member"
        if not BODY_ROLE.match(role):
            return
        body = next((k for text in (ctx.lead_in, *self._headings_above(ctx.heading_index))
                     for _, k in self.finder.find(text or "", block.span, known_only=True)
                     if k.startswith("board:")), self.facts.main_body)
        if body:
            label = f"{role[:1].upper()}{role[1:]} of {self.facts.entities[body].label}"
            post = self.facts.entity("Post", label, block.span, key=f"post:{normalise(role)}@{body}",
                                     confidence=0.7)
            self.facts.relate(post, "postIn", body, block.span, confidence=0.7)

    def member_list(self, index: int, block: Block) -> None:
        """A list (or a block of lines) under a members heading whose lines name people."""
        body = self.body_for(index)
        if body is None:
            return
        lines = [ln for ln in block.text.split("\n") if ln.strip()]
        if block.kind is BlockKind.PARAGRAPH and (len(lines) < 2 or block.text.rstrip().endswith((".", ":"))):
            return  # prose, or a lead-in: not a column of names
        ctx = contexts(self.doc)[index]
        past = bool(PAST.search(ctx.heading or "") or PAST.search(ctx.lead_in or ""))  # "Emeritus members:"
        footnote = _star_note(self.doc)
        for line in lines:
            self.list_line(line, block.span, body, footnote, past)

    def table(self, index: int, block: Block) -> None:
        """A table of a body's members: one seat a row, rows with one filled cell heading groups of
        seats (members, observers, past members)."""
        rows = [[" ".join(c.split()) for c in row] for row in block.rows]
        column = _people_column(rows) if len(rows) >= 2 else None
        body = self.body_for(index) if column is not None else None
        if column is None or body is None:
            return
        spans = block.row_spans or [block.span] * len(rows)
        footnote = _star_note(self.doc)  # "* marked entries denote Board-appointed members"
        roster = _Roster(body, column, footnote)
        members = True
        past = bool(PAST.search(contexts(self.doc)[index].heading or ""))  # "Past members"
        for row, span in zip(rows, spans, strict=False):
            filled = [c for c in row if c]
            if len(filled) == 1 and not people_in(filled[0]):
                past = bool(PAST.search(filled[0]))
                members = past or not NOT_MEMBERS.search(filled[0])  # a group of seats: members or not
                continue
            self._seat(roster, row, span, members, past)

    def _seat(self, roster: _Roster, row: list[str], span: Span, members: bool, past: bool) -> None:
        """One row of a members table: the people in the seat, their membership (when the group
        is of members) and the roles they hold (deputies hold none)."""
        named = people_in(row[roster.column]) if roster.column < len(row) else []
        if not named:
            return
        roles, term = self._seat_cells(roster, row, span, members)
        for text, deputy in named:
            person = self.person(text, span)
            if person is None:
                continue
            if members:  # a past member's membership has ended: said so, not dropped
                starred = any(c.rstrip().endswith("*") for c in row)
                marked = roster.footnote if roster.footnote and starred else ""
                self.facts.relate(person, "memberOf", roster.body, span, confidence=0.8, during=term,
                                  status="past" if past or PAST.search(" ".join(row)) else "",
                                  qualifier=marked)
            for role in roles if not deputy else []:
                self.post(person, role, span, roster.body)

    def _seat_cells(self, roster: _Roster, row: list[str], span: Span,
                    members: bool) -> tuple[list[str], str]:
        """The roles and the term of office a row's other cells give; an organisation before the
        people column is the seat's, a member organisation when the group is of members."""
        roles: list[str] = []
        term = ""
        for j, cell in enumerate(row):
            if j == roster.column or not cell or PLACEHOLDER.match(cell):
                continue
            if TERM.match(cell):
                term = cell.strip(" *\\")  # "April 2025 - March 2027": how long they sit
                continue
            if is_role(cell):
                roles.append(cell)
                continue
            org = self.organisation(cell, span)  # before the people: the seat's organisation
            if org and j < roster.column and members:
                self.facts.relate(org, "memberOf", roster.body, span, confidence=0.75)
        return roles, term


def extract_rosters(doc: Document, facts: Facts) -> None:
    """People, their posts and member organisations from tables of a body's members."""
    rosters = _Rosters(doc, facts)
    for index, block in enumerate(doc.blocks):
        if block.is_table:
            rosters.table(index, block)
        elif block.kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH):
            rosters.member_list(index, block)
            rosters.role_list(index, block)

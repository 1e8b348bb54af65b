"""Boards and organisations: named in prose, listed as partners and members, publishing plans.

A body is a run of capitalised words ending in a body noun. Governance nouns (Board, Group,
Forum, Committee, Executive, Taskforce, Partnership...) make a `pg:Board`; agency nouns
(Council, Police, Trust, Service, Team, Agency, Ltd, College, School...) make a
`pg:Organisation`, with the exceptions plans really use ("Children's Trust" and "Youth
Council" govern; a "Clinical Commissioning Group" or a "Care Partnership" provides). A name
followed by "(ACRONYM)" teaches the acronym. Lists introduced as partners or members
("relevant partners are:", "the Board, which includes:") give memberships, and their lines in
the "Post; Organisation" shape give posts in organisations. "It is published by X" and a body
named on a plan's title page give `pg:publishedBy`; "X oversees / manages / leads this plan"
and "X is accountable for this work" give `pg:ledBy`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.context import contexts, is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.names import contact_parts, is_person_name
from plangraph.ingest.extractors.references import STARTERS as PLAN_STARTERS
from plangraph.ingest.facts import Facts, normalise
from plangraph.ingest.identity import core_name

# Words that start a sentence or a phrase but not a body's name ("Joint" and "Local" may).
STARTERS = (PLAN_STARTERS - {"joint", "local", "national"}) | {
    "about", "delivering", "via", "whilst", "where", "if", "whether", "unless", "once", "while"}
BOARD_NOUN = (r"(?:Board|Sub[- ]?Groups?|Sub[- ]?[Cc]ommittee|Sub[- ]?[Bb]oard|Sub[- ]?[Pp]anel|Groups?|"
              r"Forum|Taskforce|Task Force|Committee|Executive|Panel|"
              r"Cabinet|Hub|Partnership|Children's Trust|Network|Alliance|Youth Council|Assembly)")
ORG_NOUN = (r"(?:City Council|County Council|Borough Council|District Council|Council|Police|"
            r"Constabulary|Police Authority|Trust|Services?|Team|Agency|Department|Directorate|Ltd|"
            r"Limited|plc|College|University|Academy|School|Hospital|Jobcentre Plus|JobCentre Plus|"
            r"NHS England|Commission|Authority|Centre|Foundation|Association|Institute|"
            r"Clinical Commissioning Groups?|Office|Society|Bureau|Ministry|Government|Administration|"
            r"UHB|LHB|CCG|ICB|LLP|LLC|Inc|GmbH)")
TOKEN = r"(?:[A-Z][\w'’&\-/]*|\([A-Z][A-Za-z]{1,9}\)|NHS|CAMHS)"
JOIN = r"(?:\s+(?:and|of|for|&|in|on|the|with)\s+|,\s+(?=[A-Z])|\s+)"
PAPER_WORD = r"(?:Report|Reports|Review|Minutes|Agenda|Terms|Charter|Meeting|Meetings|Workplan)"
BODY = re.compile(
    rf"(?<![\w'’])((?:{TOKEN}{JOIN}){{0,12}}(?:{BOARD_NOUN}|{ORG_NOUN}))(?!\s+(?!{PAPER_WORD}\b)[A-Z][a-z])"
    rf"(?:\s+(?P<prep>for|of|on)\s+(?P<remit>(?:{TOKEN}|and|or|with|/)(?:\s+(?:{TOKEN}|and|or|with|/)){{0,10}}))?"
    rf"(?:\s*\((?P<acronym>[A-Z][A-Za-z]{{1,9}})\))?(?![\w'’])"
)
ORG_LAST = re.compile(rf"(?:{ORG_NOUN})$")
NOUN_LAST = re.compile(rf"(?:{BOARD_NOUN}|{ORG_NOUN})$")
REMIT = re.compile(r"\s+(?:for|of|on)\s+[A-Z].*$")
ELEMENT_REMIT = re.compile(r"(?:Priority|Priorities|Outcome|Action|Item|Page|Section|Appendix|Annex|"
                           r"Paragraph|Recommendation|Objective|Theme)\b")
# Nouns whose bodies are named by their remit: "Department for Education", "Society of Librarians"
REMIT_NOUN = re.compile(r"\b(?:Department|Ministry|Office|Secretary|Council|Commission|Committee|Board|"
                        r"Institute|University|Society|Bureau|Agency|Authority|Centre|Trust|Forum|Groups?|"
                        r"Panel|Partnership|Association|Foundation|College|Federation|Subcommittee|"
                        r"Sub-committee|Taskforce|Task Force)$")
GOVERNING_EXCEPTIONS = re.compile(
    r"\b(?:Children'?s Trust|Youth Council|Schools Forum|(?:Advisory|Steering|Governing|Technical|Executive|"
    r"Leadership|Management|Scientific|Officers?|Directors|Users)\s+Council)$", re.I)
PROVIDER_EXCEPTIONS = re.compile(
    r"\b(?:Clinical Commissioning Groups?|Integrated Care Boards?|Care Partnership|CityCare Partnership|"
    r"Provider Network|"
    r"Providers Network|Learning Trust|Probation Trust|NHS\b.*Trust|Foundation Trust|Networking Action)",
    re.I)
GENERIC = {"the", "board", "group", "groups", "partnership", "partnerships", "trust", "forum", "committee",
           "executive", "panel", "network", "team", "service", "services", "council", "strategic",
           "steering", "sub", "sub-group", "working", "project", "programme", "joint", "local",
           "national", "partner", "partners", "relevant", "this", "our", "integrated", "commissioning",
           "operational", "development", "delivery", "county", "city", "district", "borough",
           "department", "office", "centre", "agency", "authority", "school", "schools", "college",
           "hospital", "and", "of", "for", "&",
           "management", "leadership", "multi-agency", "specialist", "social", "care", "new", "all",
           "public", "voluntary", "community", "sector", "key", "statutory", "other", "each", "area",
           "areas", "teams", "organisations", "family", "families", "staff", "area-based", "government"}
PARTNER_LEAD = re.compile(
    r"(?:\b(?:partners?|members?|membership|represented|sit on)\b[^:]*|"
    r"\b(?:Board|Group|Partnership|Trust|Forum|Committee|Executive)\b[^:]{0,30}\b(?:includes?|"
    r"comprises?|is made up of|consists? of)\b[^:]*):\s*$")
MEMBERSHIP_HEADING = re.compile(r"\bmembers(?:hip)?\b", re.I)
PUBLISHED_BY = re.compile(r"\bpublished by\s+(?:the\s+)?(.+?)(?:[,.;]|\s+as\b|$)", re.I)
LEADS_PLAN = re.compile(
    r"\b(?:oversees?|manag(?:ed|es)|leads?|own(?:s|ed)?|is responsible for|coordinates?)\b[^.]{0,60}"
    r"\b(?:this|the) (?:plan|strategy|programme)\b", re.I)
ACCOUNTABLE_WORK = re.compile(
    r"\baccountable for this work\b|\blead (?:organisation|role|partner|agency)\b|"
    r"\blead responsibility\b", re.I)
SEP_POST_ORG = re.compile(r"\s*;\s*|\s+[-–]\s+")
POST_WORDS = re.compile(
    r"\b(?:Director|Directors|Head|Manager|Officer|Chair|Chief|Lead|Leader|Co-?ordinator|Adviser|"
    r"Advisor|Advisers|Commissioner|Portfolio Holder|Superintendent|Inspector|Constable|Principal|"
    r"Head Teacher|Headteacher|Consultant|Nurse|Practitioner|Representatives?|Member|Secretary|"
    r"Cabinet Member|Councillor|Governor|Governors|Executive|Minister|Mayor|President|Treasurer|Clerk|"
    r"Registrar|Auditor)\b", re.I)


POST_OF = re.compile(
    rf"^(?:[A-Z][\w-]*\s+){{0,3}}?{POST_WORDS.pattern}[\w\s'’]*?\s+(?:of|for|at)\s+(?:the\s+)?(.+)$")


def body_class(name: str) -> str:
    """Board for governance bodies, Organisation for agencies and providers."""
    head = name if NOUN_LAST.search(name) else REMIT.sub("", name)  # "University of Kestrel" is one
    if GOVERNING_EXCEPTIONS.search(head):
        return "Board"
    if PROVIDER_EXCEPTIONS.search(head) or ORG_LAST.search(head):
        return "Organisation"
    return "Board"


def named_class(name: str) -> str:
    """Board when the name says it governs ('... Committee', '... Council on X'), else
    Organisation: for names met where any body may stand (a lead cell, a seat, an acronym)."""
    if body_class(name) == "Board" and re.search(rf"\b(?:{BOARD_NOUN}|Council\s+(?:on|for|of))\b", name):
        return "Board"
    return "Organisation"


# A kind of people, not a body: "Client group", "the target group", "age groups".
PEOPLE_GROUP = re.compile(r"^(?:client|target|age|peer|population|ethnic|risk|income|year|control|"
                          r"comparison|patient|user|service user|customer|cohort)\s+groups?$", re.I)


def tidy_body(name: str) -> str | None:
    """Strip leading verbs/determiners; None if the rest is generic ('the Board')."""
    words = name.replace("’", "'").split()
    while words and (words[0].lower().strip(",") in STARTERS or words[0] in {",", "&"}):
        words = words[1:]
    while words and words[0].lower() in {"and", "of", "for", "in", "on", "with", "&", "the"}:
        words = words[1:]
    text = " ".join(words).strip(" ,")
    post = POST_OF.match(text)
    if post and POST_WORDS.search(text.split()[0]):
        text = post.group(1)  # "Chief Executive of Futures Ltd" -> the organisation
    elif POST_WORDS.match(text):
        return None
    if "," in text:
        head, last = text[:text.rfind(",")], text[text.rfind(",") + 1:].strip()
        named_head = POST_WORDS.search(head) or is_person_name(head.split(",")[0], strict=True)
        if len(last.split()) >= 2 and not last.startswith("and ") and (" and " not in last or named_head):
            text = last  # "Ashfield, Broxtowe Borough Council" / "Dr X, Director, NHS Y" -> the body
    plain = [w.lower().strip("(),") for w in text.split()]
    if len(plain) < 2 or all(w in GENERIC for w in plain) or PEOPLE_GROUP.match(text):
        return None
    if plain[-2] in {"in", "of", "and", "for", "with", "on", "the", "&"} and NOUN_LAST.search(text):
        return None  # "working in partnership", not a body ("Department for Education" is one)
    if is_person_name(text):
        return None
    if POST_WORDS.search(" ".join(text.split()[:-1])) and body_class(text) == "Board" and \
            not re.search(r"Board|Group|Committee", text):
        return None
    return text


def title_case(line: str) -> str:
    """'CHILDREN'S PARTNERSHIP BOARD' -> "Children's Partnership Board" (acronyms kept)."""
    small = {"and", "of", "for", "the", "in", "on", "to", "with"}
    out = []
    for i, word in enumerate(line.split()):
        bare = word.strip("(),.:;")
        if len(bare) <= 5 and bare.isupper() and bare.isalpha() and bare.lower() not in small and \
                bare not in {"CITY", "BOARD", "TRUST", "GROUP", "YOUNG", "PLAN", "FORUM", "HUB"}:
            out.append(word)
        elif word.lower() in small and i:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return re.sub(r"'S\b", "'s", " ".join(out))


class BodyFinder:
    """Finds bodies in text and adds them to the facts under area-aware keys."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.acronyms: dict[str, str] = {}
        self.mentions: Counter[str] = Counter()

    def add(self, name: str, span: Span, cls: str | None = None, confidence: float = 0.8,
            known_only: bool = False) -> str | None:
        """The key of the body `name` names, added to the facts unless `known_only`."""
        name = clean_label(name)
        tidy = tidy_body(name)
        if tidy is None:
            return None
        cls = cls or body_class(tidy)
        key = f"{cls.lower()}:{core_name(tidy, self.facts.area)}"  # as Facts.entity keys bodies
        if known_only and key not in self.facts.entities:
            return None
        if key in self.facts.entities:
            ent = self.facts.entities[key]
            if len(tidy) > len(ent.label) and tidy not in ent.alt_labels:
                ent.alt_labels.add(ent.label)
                ent.label = tidy  # the fullest wording names the body best
            elif tidy != ent.label:
                ent.alt_labels.add(tidy)
            ent.spans.append(span)
        else:
            self.facts.entity(cls, tidy, span, key=key, confidence=confidence)
        self.mentions[key] += 1
        return key

    def find(self, text: str, span: Span, known_only: bool = False) -> list[tuple[int, str]]:
        """(position, key) of every body named in `text` (only those already known if `known_only`)."""
        found = []
        named: list[tuple[int, int]] = []  # where names were read: an acronym inside one is part of it
        for m in BODY.finditer(text):
            named.append(m.span())
            possessive = bool(m["remit"]) and re.search(r"['’]s$", m["remit"]) and \
                re.match(r"\s+[a-z]", text[m.end():])
            if m["remit"] and (possessive or not REMIT_NOUN.search(m.group(1))):
                continue  # "Group for YP's substance use" runs on; "Service for X" names a product
            # "reports to the Board on Priority 1": a part of a plan, not the board's remit
            remit = m["remit"] if m["remit"] and not ELEMENT_REMIT.match(m["remit"]) and \
                not re.match(r"\s*\d", text[m.end("remit"):]) else None
            name = m.group(1) + (f" {m['prep']} {remit}" if remit else "")
            parts = _listed_bodies(name) if re.search(r",| and | & ", name) else []
            if any(tidy_body(part) is None for part in parts):
                parts = []  # "Department of Communities and Local Government" is one body
            if len(parts) > 1:  # "X Steering Group and Y Board": two bodies
                for part in parts:
                    key = self.add(part, span, cls=body_class(part), known_only=known_only)
                    if key:
                        found.append((m.start() + name.find(part), key))
                continue
            key = self.add(name, span, cls=body_class(m.group(1)), known_only=known_only)
            if key is None:
                continue
            found.append((m.start(), key))
            if m["acronym"]:
                self.acronyms[m["acronym"]] = key
                self.facts.entities[key].add_prop("acronym", m["acronym"])
                self.facts.entities[key].alt_labels.add(m["acronym"])
        for acronym, key in self.acronyms.items():
            for m in re.finditer(rf"\b{re.escape(acronym)}\b", text):
                if any(start <= m.start() < end for start, end in named):
                    continue  # "The CAMHS Integrated Commissioning Group" is not CAMHS
                if not any(pos <= m.start() < pos + 80 for pos, k in found if k == key):
                    found.append((m.start(), key))
                    self.mentions[key] += 1
        return sorted(found)

    def main_body(self) -> str | None:
        """The board the document talks about most: its partnership, by default."""
        boards = [(n, k) for k, n in self.mentions.items() if k.startswith("board:")]
        return max(boards)[1] if boards else None


BODY_END = re.compile(rf"(?:{BOARD_NOUN}|{ORG_NOUN})(?:\s+(?:for|of|on)\s+[A-Z].*)?$")


SHARED_NOUN = re.compile(
    r"\b((?:[A-Za-z][\w-]*,\s+)*[A-Za-z][\w-]*\s+and\s+[A-Za-z][\w-]*)\s+((?:[A-Za-z][\w-]*\s+){0,2}?)"
    r"(Panels|Committees|Boards|Forums|Councils|Taskforces|Working Groups|Steering Groups|Sub-?groups)\b",
    re.I)


def shared_noun_bodies(text: str, whole: str = "") -> list[str]:
    """'the Technical and Data Panels', 'data, document and technical standards panels': one body
    per word before the shared noun ('Technical Panel', 'Data Standards Panel'...). Not when the
    document names one body so elsewhere ('Health and Wellbeing Boards' is the plural of a
    'Health and Wellbeing Board')."""
    return [name for _, name in shared_noun_mentions(text, whole)]


def shared_noun_mentions(text: str, whole: str = "") -> list[tuple[int, str]]:
    """`shared_noun_bodies` with where each phrase starts (its bodies share that position)."""
    out = []
    for m in SHARED_NOUN.finditer(text):
        heads = [h.strip() for h in re.split(r",\s+|\s+and\s+", m.group(1))]
        if not all(h and h.lower() not in GENERIC | STARTERS for h in heads):
            continue
        noun = re.sub(r"s$", "", m.group(3))
        if re.search(rf"{re.escape(m.group(1))}\s+{re.escape(m.group(2))}{re.escape(noun)}\b", whole, re.I):
            continue
        for head in heads:
            name = f"{head} {m.group(2)}{noun}"
            out.append((m.start(), name if head[:1].isupper() else title_case(name.lower())))
    return out


NAMED_AFTER = re.compile(
    r"\b(?:(?:stakeholders|partners|organi[sz]ations|charities|bodies|agencies|companies|suppliers|providers)"
    r"(?:\s*,)?\s+(?:including|such as|like)|(?:work(?:s|ing|ed)?|partner(?:s|ing|ed)?|collaborat\w+)\s+with)"
    r"\s+(?:the\s+)?")
PLURAL_KIND = re.compile(rf"(?:{BOARD_NOUN}|{ORG_NOUN})s$")
LIST_END = re.compile(r"[.;:()]|\s+(?:are|is|to|who|which|will|were|was|have|has|in order)\b")
PROPER = re.compile(r"^[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|&|the|on)\s+)?[A-Z0-9][\w'’&.-]*){0,5}$")


def named_after_cue(text: str) -> list[str]:
    """Organisations a sentence lists after 'stakeholders including', 'partners such as' or
    'working with': 'stakeholders including Kestrel Aid, Example UK and Lasa' names three."""
    out = []
    for m in NAMED_AFTER.finditer(text):
        tail = LIST_END.split(text[m.end():])[0]
        items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", tail) if i.strip()]
        for item in items:
            item = re.sub(r"^the\s+", "", item)
            if not PROPER.match(item) or is_person_name(item, strict=True):
                break  # the list ends where the names do
            generic = all(w.lower().strip(",") in GENERIC | STARTERS for w in item.split())
            if generic or PLURAL_KIND.search(item):
                break  # "local partners", "the Standards Panels": kinds of body, not one
            out.append(item)
    return out


LOWER_BODY = re.compile(
    r"\b(?:the|a|an|its|our|their|this)\s+((?:[a-z][a-z-]{2,}\s+){1,3}?(?:committee|board|forum|panel|taskforce|"
    r"task force|working group|work group|steering group|sub-group|subcommittee))\b(?!\s+(?:of|for)\b)")
NOT_A_MODIFIER = {
    "same", "other", "new", "relevant", "appropriate", "above", "following", "first", "next", "previous",
    "existing", "proposed", "national", "local", "regional", "wider", "full", "main", "whole", "entire",
    "current", "former", "various", "respective", "said", "two", "three", "independent", "joint", "single",
    "small", "large", "separate", "specific", "project", "programme", "partnership", "advisory",
    "governance", "management", "oversight", "partner", "partners", "multi-agency", "strategic",
    "operational", "area", "locality", "delivery", "working", "steering", "reference"}


def lower_case_bodies(text: str) -> list[str]:
    """'the audit committee', 'the schools forum': a body written in lower case, named by what it
    is about (not 'the new board', 'the project board' in general)."""
    out = []
    for m in LOWER_BODY.finditer(text):
        words = m.group(1).split()
        modifiers = words[:-1] if words[-1] not in {"group", "force"} else words[:-2]
        if modifiers and not any(w in NOT_A_MODIFIER | STARTERS for w in modifiers):
            out.append(m.group(1))
    return out


def _listed_bodies(name: str) -> list[str]:
    """'Harrowby Council, NHS Harrowby and Northvale Integrated Care Board and Northvale Police' ->
    the three bodies; 'Health and Wellbeing Board' stays one: only a piece ending in a body noun
    closes a name."""
    pieces = re.split(r"(\s*,\s*|\s+(?:and|&)\s+)", name)
    out, current = [], ""
    for i in range(0, len(pieces), 2):
        current += (pieces[i - 1] if current else "") + pieces[i]
        if BODY_END.search(current):
            out.append(current)
            current = ""
    return [] if current else out  # a tail that is no body: read the whole as one name


# What a body's paper is, after its name in a title: "X Committee Terms of Reference".
PAPER_KIND = re.compile(r"\s*(?:[-–—:|]\s*)?\b(?:terms of reference|minutes|agenda|charter|constitution|"
                        r"standing orders|annual report|work ?plan)\b.*$", re.I)
PROSE_LINE = 45  # a line this long was wrapped by an editor: it goes on in the next


def _texts(block: Block) -> list[tuple[str, Span]]:
    if block.kind is BlockKind.TABLE:
        spans = block.row_spans or [block.span] * len(block.rows)
        return [(cell, span) for row, span in zip(block.rows, spans, strict=False) for cell in row]
    text = block.text
    if block.kind is BlockKind.HEADING:
        text = PAPER_KIND.sub("", text) or text
    lines = text.split("\n")
    if len(lines) > 1:  # prose wrapped mid-name ("the Data Access / Governance Committee"): rejoin
        joined = [lines[0]]
        for line in lines[1:]:
            if len(joined[-1]) >= PROSE_LINE and not joined[-1].isupper():
                joined[-1] += " " + line
            else:
                joined.append(line)
        lines = joined
        text = "\n".join(lines)
    if 1 < len(lines) <= 4 and (block.bold or all(line.isupper() for line in lines)) and \
            len(text.split()) <= 12:
        text = " ".join(lines)  # a name set over several lines on a title page
    if text.isupper():
        text = title_case(text)
    return [(line if not line.isupper() else title_case(line), block.span)
            for line in text.split("\n")] if "\n" in text else [(text, block.span)]


HEADER_BLOCKS = 6  # a cover or a paper's header names its board in its first few short blocks


def extract_bodies(doc: Document, facts: Facts) -> None:
    """Boards and organisations, memberships, posts in organisations, publishers and leads."""
    finder = BodyFinder(facts)
    found_in: list[list[tuple[int, str]]] = []
    for block in doc.blocks:
        found = []
        for text, span in _texts(block):
            found += finder.find(text, span)
            for name in shared_noun_bodies(text, doc.text):
                key = finder.add(name, span, cls="Board")
                if key:
                    found.append((0, key))
            for name in lower_case_bodies(text):
                found.append((text.find(name), facts.entity("Board", name, span, confidence=0.55)))
            for name in named_after_cue(text):
                tidy = tidy_body(name) or name
                key = facts.entity(named_class(tidy), tidy, span, confidence=0.6)
                found.append((text.find(name), key))
        found_in.append(found)
    ctxs = contexts(doc)
    titled = _metadata_title(doc, finder)
    cover = itertools.takewhile(lambda i: len(doc.blocks[i].text.split()) <= 12,
                                range(min(HEADER_BLOCKS, len(doc.blocks))))
    header = [k for i in cover for _, k in found_in[i] if k.startswith("board:")]
    header = titled + header
    main = header[0] if header else finder.main_body()  # the board on the cover, else the most named
    facts.main_body = main
    _publisher(doc, facts, finder, found_in)
    _owned_plans(facts)
    for index, block in enumerate(doc.blocks):
        ctx = ctxs[index]
        heading_lead = not ctx.lead_in and MEMBERSHIP_HEADING.search(ctx.heading) and \
            block.kind is BlockKind.LIST_ITEM
        if heading_lead or (block.kind is not BlockKind.TABLE and ctx.lead_in and
                            PARTNER_LEAD.search(ctx.lead_in)):
            source = ctx.heading_index if heading_lead else ctx.lead_in_index
            lead_bodies = [k for _, k in found_in[source] if k.startswith("board:")]
            board = lead_bodies[-1] if lead_bodies else main
            if board:
                _membership(block, facts, finder, board)
        if block.kind is BlockKind.PARAGRAPH:
            _plan_leads(block, facts, found_in[index], ctx.heading)
            _made_up_of(block, facts, finder, main)
        kind = BODY_KINDS_HEADING.match(ctx.heading or "")
        if kind and main and block.kind in (BlockKind.TABLE, BlockKind.LIST_ITEM):
            _sub_bodies(block, facts, main, kind.group(1))


# A heading that names a kind of body in the plural: the list or table below names such bodies.
BODY_KINDS_HEADING = re.compile(
    r"^\W*(?:(?:our|the|current|active|standing)\s+)?((?:working|steering|special interest|technical|"
    r"advisory|project|task and finish|sub-?)?\s*(?:groups|committees|sub-?committees|task ?forces|"
    r"panels|forums|boards|councils|sigs|networks))\s*:?$", re.I)
SUB_BODY_NAME = re.compile(r"^[A-Z0-9][\w/&,'’()-]*(?:\s+[\w/&,'’()-]+){0,7}$")


def _sub_bodies(block: Block, facts: Facts, main: str, kind: str) -> None:
    """The bodies a governance page lists under "Working Groups" (and the like): each is a
    body of that kind under the page's own body."""
    if block.kind is BlockKind.TABLE:
        spans = block.row_spans or [block.span] * len(block.rows)
        rows = list(zip(block.rows, spans, strict=False))[1:]  # below the header row
        names = [(row[0].strip(), span) for row, span in rows if row]
    else:
        names = [(re.split(r"\s+[-–—:]\s+|:\s", block.text.split("\n")[0])[0].strip(" *"), block.span)]
    singular = re.sub(r"s$", "", kind.strip()).title()
    for name, span in names:
        name = re.sub(r"^\d+[.)]\s*", "", name)
        if not SUB_BODY_NAME.match(name) or is_person_name(name, strict=True) or name.endswith("."):
            continue
        key = facts.entity("Board", name, span, confidence=0.7)
        if not re.search(rf"\b{BOARD_NOUN}\b", name):
            facts.entities[key].alt_labels.add(f"{name} {singular}")
        if key != main:
            facts.relate(key, "reportsTo", main, span, confidence=0.6)


def _metadata_title(doc: Document, finder: BodyFinder) -> list[str]:
    """Boards the title in the file's front matter names: a page of a site names its body there."""
    title = doc.metadata.get("title")
    if not isinstance(title, str):
        return []
    line = next((n for n, raw in enumerate(doc.lines, 1) if re.match(r"\s*title\s*[:=]", raw)), 1)
    span = Span(line, line)
    return [k for _, k in finder.find(PAPER_KIND.sub("", title) or title, span) if k.startswith("board:")]


def _publisher(doc: Document, facts: Facts, finder: BodyFinder,
               found_in: list[list[tuple[int, str]]]) -> None:
    if not facts.plan:
        return
    for index, block in enumerate(doc.blocks):
        m = PUBLISHED_BY.search(block.text)
        if m:
            named = finder.find(m.group(1), block.span)
            key = named[0][1] if named and named[0][0] == 0 else None
            if key:
                facts.relate(facts.plan, "publishedBy", key, block.span, confidence=0.9)
                return
        if index > 12:
            continue
        # a body standing alone on the title page publishes the plan; its name may be set one
        # word per line ("NOTTINGHAM / CHILDREN'S / PARTNERSHIP")
        run = [block]
        while len(run) < 4 and index + len(run) < len(doc.blocks) and \
                len(run[-1].text.split()) <= 3 and is_heading(doc.blocks[index + len(run)]):
            run.append(doc.blocks[index + len(run)])
        for size in range(len(run), 0, -1):
            line = " ".join(" ".join(b.text.split()) for b in run[:size])
            if not (is_heading(block) or block.bold or len(line.split()) <= 6):
                continue
            named = finder.find(title_case(line) if line.isupper() else line, block.span)
            if len(named) == 1:
                key = named[0][1]
                if len(line) <= len(facts.entities[key].label) + 12:
                    facts.relate(facts.plan, "publishedBy", key, block.span, confidence=0.6)
                    return


def _owned_plans(facts: Facts) -> None:
    """A plan named after a body ("County Council's Strategic Plan") is published by it."""
    bodies = [e for e in facts.entities.values() if e.cls in {"Board", "Organisation"}]
    for plan in [e for e in facts.entities.values() if e.cls == "Plan"]:
        for name in (plan.label, *plan.alt_labels):
            plain = normalise(name)
            for body in bodies:
                for body_name in (body.label, *body.alt_labels):
                    prefix = normalise(body_name)
                    if len(prefix.split()) >= 2 and plain.startswith(prefix + " ") and \
                            len(plain) > len(prefix) + 6:
                        facts.relate(plan.key, "publishedBy", body.key, plan.span, confidence=0.6)


def _membership(block: Block, facts: Facts, finder: BodyFinder, board: str) -> None:
    """Each line of a members' list: an organisation, a post, or 'Post; Organisation'."""
    for line in block.text.split("\n"):
        line = clean_label(re.sub(r"^\s*(?:\(?[a-z0-9]{1,2}[.)]|[-•*])\s*", "", line))
        if not line or len(line.split()) > 25:
            continue
        first = re.split(r"\s*(?:[,;(\[<\t]|\s[-–—|]\s)", contact_parts(line)[0])[0]
        if is_person_name(first) and not POST_WORDS.search(first):
            continue  # a member named: the rosters extractor reads the line
        parts = [p.strip() for p in SEP_POST_ORG.split(line, maxsplit=1)]
        post_text, org_text = (parts[0], parts[1]) if len(parts) == 2 else (line, "")
        if not org_text and ", " in line:  # "Director of Public Health, Kestrel Council"
            head, tail = line.split(", ", 1)
            named = finder.find(tail, block.span)
            if POST_WORDS.search(head) and named and named[0][0] == 0 and "," not in tail:
                post_text, org_text = head, tail
        if not org_text:
            m = re.match(r"(.+?)\s+(?:from|of)\s+(?:the\s+)?(.+)$", line)
            if m and POST_WORDS.search(m.group(1)) and finder.find(m.group(2), block.span):
                post_text, org_text = (line if " of " in line else m.group(1)), m.group(2)
        if POST_WORDS.search(post_text) or re.search(r"representatives?\b", post_text, re.I):
            org_keys = [k for _, k in finder.find(org_text, block.span)] if org_text else []
            org = org_keys[-1] if org_keys else None
            post = facts.entity("Post", post_text, block.span,
                                key=f"post:{normalise(post_text)}@{org or board}", confidence=0.8)
            facts.relate(post, "postIn", org or board, block.span, confidence=0.8)
            if org and org != board:
                facts.relate(org, "memberOf", board, block.span, confidence=0.8)
        else:
            for _, key in finder.find(line, block.span):
                if key != board:
                    facts.relate(key, "memberOf", board, block.span, confidence=0.8)


MADE_UP_OF = re.compile(
    r"\b(?:comprises|is comprised of|is made up of|consists of|membership (?:includes|comprises)|"
    r"(?:has|includes) (?:one |a )?(?:representatives?|delegates?|members?|nominees?) (?:from|of))\b"
    r"(?:\s+(?:one |a |senior )?(?:representatives?|delegates?|members?|nominees?|officers?)\s+"
    r"(?:from|of)\s+(?:each of\s+)?)?", re.I)


def _made_up_of(block: Block, facts: Facts, finder: BodyFinder, main: str | None) -> None:
    """'The Board is made up of representatives from A, B and C': A, B and C are its members
    (the body named before the verb, or the document's own)."""
    text = " ".join(block.text.split())
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        m = MADE_UP_OF.search(sentence)
        if not m:
            continue
        found = finder.find(sentence, block.span, known_only=False)
        before = [k for p, k in found if p < m.start() and k.startswith("board:")]
        board = before[-1] if before else (main if re.match(r"^\s*(?:the|this|our)\s+\w+", sentence, re.I)
                                           else None)
        if board is None:
            continue
        for position, key in found:
            if position >= m.end() - 1 and key != board:
                facts.relate(key, "memberOf", board, block.span, confidence=0.7)


def _plan_leads(block: Block, facts: Facts, found: list[tuple[int, str]], heading: str) -> None:
    """'X oversees this plan' -> plan ledBy X; 'X is accountable for this work' in a section
    about a named plan -> that plan ledBy X."""
    if not found:
        return
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(block.text.split())):
        target = None
        if facts.plan and LEADS_PLAN.search(sentence):
            target = facts.plan
        elif ACCOUNTABLE_WORK.search(sentence):
            heading_plan = [e for e in facts.entities.values() if e.cls == "Plan" and
                            normalise(e.label) in normalise(heading)]
            target = heading_plan[0].key if heading_plan else None
        if target is None:
            continue
        for _, key in found:
            label = facts.entities[key].label
            if label in sentence or any(alt in sentence for alt in facts.entities[key].alt_labels):
                facts.relate(target, "ledBy", key, block.span, confidence=0.6)

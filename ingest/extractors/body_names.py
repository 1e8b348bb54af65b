"""How boards, groups and organisations are named: the nouns that make a name a body's, its kind
(board or organisation), tidying a name, and finding bodies in a sentence (`BodyFinder`), in lists
sharing one plural noun, after a cue, or in lower case."""

from __future__ import annotations

import re
from collections import Counter

from plangraph.ingest.document import Span
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.names import is_person_name
from plangraph.ingest.extractors.references import STARTERS as PLAN_STARTERS
from plangraph.ingest.facts import Facts
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
            if acronym not in text:
                continue  # cheap, and most known acronyms are absent from most texts
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
    """'the Archive and Records Panels', 'map, photo and film review groups': one body per word
    before the shared noun ('Archive Panel', 'Map Review Group'...). Not when the
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
                break  # "local partners", "the Review Panels": kinds of body, not one
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

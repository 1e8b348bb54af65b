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
from dataclasses import dataclass, field
from datetime import date

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.bodies import BOARD_NOUN, ORG_NOUN, POST_WORDS, body_class, tidy_body
from plangraph.ingest.extractors.context import is_heading
from plangraph.ingest.extractors.dates import parse_date
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.matching import comparable, content_tokens
from plangraph.ingest.extractors.names import (
    BODY_WORDS,
    GROUP_WORDS,
    NAME_WORD,
    contact_parts,
    is_person_name,
    name_then_affiliation,
    split_people,
    strip_honorific,
    surname_first,
)
from plangraph.ingest.facts import Entity, Facts, normalise
from plangraph.ingest.identity import core_name

# -- dates and names -------------------------------------------------------------------------------
ORDINAL_GAP = re.compile(r"\b(\d{1,2})\s+(st|nd|rd|th)\b", re.I)  # "25 th September"
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b")
SMALL_WORDS = {"and", "of", "for", "the", "in", "on", "to", "with", "at", "by"}
VOWELS = re.compile(r"[AEIOUY]")

# -- meeting headers -------------------------------------------------------------------------------
FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z ()/'’-]{1,45}?)\s*(?::|\t)\s*(.*)$")
BOARD_FIELD = re.compile(r"^(?:meeting(?: of)?|report to|committee|board|decision[- ]maker|"
                         r"name of (?:the )?(?:meeting|committee|board))$", re.I)
DATE_FIELD = re.compile(r"^(?:date(?: of (?:the )?meeting)?|meeting date)$", re.I)
PLACE_FIELD = re.compile(r"^(?:place|venue|location|where)$", re.I)
TIME_FIELD = re.compile(r"^(?:time|start time)$", re.I)
TITLE_FIELD = re.compile(r"^(?:title(?: of (?:paper|report))?|subject|report title)$", re.I)
REPORT_CUE = re.compile(r"^\s*report of\b|\bpurpose of (?:the |this )?report\b|^\s*title of (?:paper|report)",
                        re.I)
MINUTES = re.compile(r"^\W*minutes\b", re.I)
LIST_LABEL = re.compile(r"^\W*(?:councillors|cllrs|members|officers)\s*:\s*", re.I)
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
# A heading naming a meeting of a body on a day: "2026-03-04 Library Board Meeting".
MOVER = (r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?:[A-Z]\.\s*)?[A-Z][\w'’-]+"
         r"(?:\s+[A-Z][\w'’-]+){0,2}")
MOTION = re.compile(rf"\b(?i:on the proposal of|proposed by|moved by|proposer\s*:)\s+(?P<proposer>{MOVER})"
                    rf"\s*[,;]?\s*(?:and\s+)?(?i:seconded by|seconder\s*:)\s+(?P<seconder>{MOVER})")
# "OTHERS: A, Org;", "SECTORAL INTERESTS/ NOMINEES: A, B": a label in capitals before names
LABELLED_LIST = re.compile(r"^\s*([A-Za-z][\w /&'’()-]{2,60}?)\s*:\s*(\S.*)$", re.S)
# "Minutes :: Kestrel TSC Meeting 14", "Ostery WG meeting #7": a body's meetings counted, not dated
NUMBERED_MEETING = re.compile(r"^(?:minutes\W+(?:of\s+(?:the\s+)?)?)?"
                              r"(?P<body>[A-Z][\w&'’-]*(?:\s+[\w&'’-]+){0,8}?)\s+meeting\s+"
                              r"(?:no\.?\s*|number\s+|#\s*)?(?P<n>\d{1,4})$", re.I)
MEETING_TITLE = re.compile(r"\bmeeting\b", re.I)
MINUTES_NOT_HEADER = re.compile(r"\b(?:agreed|approved|confirmed|signed|correct record|accurate record|"
                                r"were|was)\b", re.I)
HELD_AT = re.compile(r"\bheld\s+(?:at|in)\s+(?:the\s+)?(.+?)(?=,?\s+on\s+\**(?:[A-Z][a-z]+day,?\s+)?\d|"
                     r"\s*,?\s+from\b|\s*[.;]|$)", re.I)
AT_PLACE = re.compile(r"\d{4}\*?\*?,?\s+(?:[Aa]t|[Ii]n)\s+(?:[Tt]he\s+)?([A-Z][^.,;]+)")

# -- sections inside minutes ----------------------------------------------------------------------
TICKS = "✓✔√☑"
TICK_AT = re.compile(rf"^\s*[{TICKS}]\s*")
LEGEND = re.compile(rf"(?:[{TICKS}]|\btick(?:ed)?\b).{{0,30}}\b(?:present|attend)", re.I)
PRESENT_MARK = re.compile(rf"^\s*(?:[{TICKS}]|y|yes|p|x|present|attended)\s*$", re.I)
APOLOGY_MARK = re.compile(r"^\s*(?:a|ap|apols?\.?|apologies|apologies received|sent apologies)\s*$", re.I)
NUMBERING = re.compile(r"^\s*(?:[-•*·▪]\s*)?(?:\(?\d{1,2}[.)]?|\(?[a-z][.)]|\(?[ivx]{1,5}\))?\s*", re.I)
APOLOGIES_HEAD = re.compile(
    r"^apologies(?:\s+for\s+absence)?(?:\s+(?:received|were received))?\s*(?:from)?\s*:?$", re.I)
APOLOGIES_INLINE = re.compile(
    r"^\s*apologies(?:\s+for\s+absence)?(?:\s+(?:were|was))?(?:\s+received)?(?:\s+from)?\s*[:\-–]?\s+(.+)$",
    re.I | re.S)
PRESENT_HEAD = re.compile(r"^(?:(?:board\s+|committee\s+)?members\s+)?present\s*:?$|^attendance\s*:?$|"
                          r"^(?:attendees|attending|participants|members attending|roll call)\s*:?$", re.I)
PRESENT_INLINE = re.compile(r"^\s*(?:(?:(?:board\s+)?members\s+)?present|attendees|roll call)\s*:\s*(.+)$",
                            re.I | re.S)
# "Absent:", "Members absent: A, B", "Present: 9 of 11 members (absent: A, B)"
ABSENT = r"(?:(?:board\s+|committee\s+)?members\s+)?(?:absent|not\s+present)"
ABSENT_HEAD = re.compile(rf"^{ABSENT}\s*:?$", re.I)
ABSENT_INLINE = re.compile(rf"^\s*{ABSENT}\s*:\s*(.+)$", re.I | re.S)
# "**@handle** to draft the note", "@handle will send...": an action and who owns it
HANDLE_ACTION = re.compile(r"^\W*@([A-Za-z0-9][\w-]{0,38})\W*\s+(?:to|will)\s+(\S.{5,300})$")
ALSO_HEAD = re.compile(r"^(?:also\s+(?:in\s+attendance|present|attending)|in\s+attendance|"
                       r"(?:officials|staff|guests|observers)(?:\s+(?:present|in\s+attendance|attending))?|"
                       r"non[- ]?members\s+(?:attending|present|in\s+attendance)|"
                       r"officers?\s+(?:in\s+attendance|present))\s*:?$", re.I)
ALSO_INLINE = re.compile(r"^\s*(?:also\s+(?:in\s+attendance|present|attending)|in\s+attendance|"
                         r"non[- ]?members\s+(?:attending|present|in\s+attendance)|"
                         r"officers?\s+(?:in\s+attendance|present))\s*:\s*(.+)$", re.I | re.S)
ITEM = re.compile(r"^\s*(?:item\s+)?(\d{1,2})\.?\s+(?P<title>[A-Z][^a-z]{2,}?)(?:\s+Attached)?\s*$")
HEADER_NAME = re.compile(r"^\s*(?:names?|members?|attendees?|board members?|committee members?)\s*$", re.I)
HEADER_TITLE = re.compile(r"\b(?:title|post|role|position|job|designation|representing)\b", re.I)
HEADER_ORG = re.compile(r"\b(?:organi[sz]ations?|agency|agencies|body|sector)\b", re.I)
HEADER_PRESENT = re.compile(r"\b(?:present|attended|attendance)\b", re.I)
HEADER_APOLOGIES = re.compile(r"\bapolog", re.I)

# -- people in rows and lines ---------------------------------------------------------------------
SUB_FOR = re.compile(
    r"\(?\s*(?:substitut(?:e|ing)|deputi[sz]ing|sub)\s*\)?\s*for\s+([^()]+?)\s*\)?\s*$", re.I)
SUB_BY = re.compile(r"\(\s*([^()]+?)\s+(?:substituting|deputising|deputizing|attending)\b[^()]*\)", re.I)
CHAIR_ROLE = re.compile(r"\b((?:Joint\s+|Vice[- ]|Co-?|Deputy\s+)?Chair(?:man|person|woman)?)\b", re.I)
PARENS = re.compile(r"\s*\([^()]*\)")
INITIALS_PAREN = re.compile(r"\s*\(([A-Z][A-Za-z]{1,3})\)")
CUT = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+|\s*[,:;]\s*|\t")
SECTOR = re.compile(r"\b(?:sector|sectors|education|schools|academies|colleges|representatives?|partners|"
                    r"members|parents|carers)\s*$", re.I)
NOT_ORG = re.compile(r"\b(?:worker|rep|volunteer|parent|carer|champion|ambassador|advocate|member|none)s?$",
                     re.I)
ACRONYM_FULL = re.compile(r"^([A-Z][A-Z&]{1,9})\s*\((.+)\)$")
TRAILING_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)\s*$")
ENDS_AS_BODY = re.compile(rf"(?:{BOARD_NOUN}|{ORG_NOUN}|Sector|Plus|Schools|Academies)\)?$")
STARTER = re.compile(
    r"^(?:(?:Joint|Interim|Acting|Deputy|Assistant|Independent|Senior|Vice|Executive|Corporate)\s+)*"
    r"(?:Chair|Head|Chief|Director|Principal|Portfolio|Cabinet|Leader|Manager|Lead|Councillor|"
    r"Superintendent|Inspector|Headteacher|Commissioner|Consultant|Secretary)\b\S*\s+\S")
OPEN_END = re.compile(r"(?:\b(?:and|of|for|the|to|in|&)|[,(&])$", re.I)  # a title line that goes on
TITLE_SPLIT = re.compile(
    r"\s+and\s+(?=(?:the\s+)?(?:(?:Joint|Interim|Acting|Deputy|Assistant|Independent|Senior|Vice|Executive|"
    r"Corporate)\s+)*(?:Head|Director|Chair|Chief|Portfolio Holder|Cabinet Member|Lead Member|Principal|"
    r"Leader|Vice[- ]Chair)\b)")
CHAIR_OF_BOARD = re.compile(
    r"^(?:Joint\s+|Vice[- ]|Co-?|Deputy\s+)?Chair(?:man|person)?"
    r"(?:\s+of\s+(?:the|this)\s+(?:Board|Partnership|Group|Committee|Forum|Panel))?$", re.I)
OF_BOARD = re.compile(r"\b(?:of|for)\s+(?:the\s+)?([A-Z][\w'’&,()\- ]+)$")

# -- presenters and resolutions -------------------------------------------------------------------
PRESENT_VERB = re.compile(
    r",\s+(?:(?:also|then|verbally|briefly|formally|jointly|subsequently)\s+)?"
    r"(?:presented|introduced|delivered|gave|updated|outlined|reported|spoke|tabled|provided)\b")
NAME_PRESENTED = re.compile(
    r"(?:^|[.;]\s+)((?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\.?\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+(?:also\s+)?(?:presented|introduced)\s+(?:the|a|an|his|her|"
    r"their)\b")
PRESENTED_BY = re.compile(
    r"\b(?:presented|introduced)\s+by\s+((?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\.?\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?:,\s+([^.;]{3,120}?))?(?=[.;]|,?\s+(?:who|and|which)\b|$)")
RESOLVED = re.compile(
    r"^\s*(?:(?:it\s+was|the\s+(?:board|committee|partnership|group)(?:\s+\w+)?|"
    r"(?i:(?:now,?\s+)?(?:therefore,?\s+)?be\s+it(?:\s+further)?))\s+)?"
    r"(?:RESOLVED|AGREED|DECIDED|DECISIONS?|Resolved(?=\s*(?::|that\b|to\b|$))|Agreed(?=\s*(?::|that\b|$))|"
    r"Decisions?(?=\s*:))\s*(?:[:,\-–]\s*)?(.*)$", re.S)
RES_ITEM = re.compile(r"^\s*(?:[-•*]\s*)?\(\s*(\d{1,2}|[ivxIVX]{1,5}|[a-hA-H])\s*\)\s*(.+)$", re.S)
RES_DOT_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=[a-z(])(.+)$", re.S)
INLINE_NUMBERS = re.compile(r"\s*\((?:\d{1,2})\)\s*")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
GENERIC_ITEM = {"updat", "report", "progres", "present", "attach", "verbal", "item", "re", "year", "annual",
                "brief", "note", "partner", "propos", "paper", "discuss", "plann", "final", "draft",
                "next", "new", "key", "messag", "inform"}
YEAR_NUMBER = re.compile(r"\(?\byear\s+(?:\d{1,2}|one|two|three|four|five)\b\)?", re.I)
KIND_WORDS = content_tokens("plan strategy programme framework project scheme")
PRIORITY_OF = re.compile(r"\bpriorit(?:y|ies)\b\s*(?:update)?\s*(?:re\s*:|:|-|–|on)?\s*(.+)$", re.I)


def meeting_date(text: str) -> date | None:
    """The day a field or heading names ('Wednesday 25 September 2013', '25 th Sept 2013', '25/09/2013')."""
    text = ORDINAL_GAP.sub(r"\1\2", text.replace("*", ""))
    parsed = parse_date(text)
    try:
        if parsed:
            year, month, day = map(int, parsed[1].split("-"))
            return date(year, month, day)
        m = NUMERIC_DATE.search(text)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        iso = ISO_DATE.search(text)  # "2026-03-04 Library Board Meeting"
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        return None
    return None


def document_acronyms(doc: Document) -> set[str]:
    """Capitalised words the document also writes in capitals inside ordinary sentences.

    A word such as NHS or CAMHS is an acronym there; BOARD or YOUNG in a title set in capitals are
    not, because nowhere else are they written that way between lower-case words.
    """
    cached = doc.cache.get("acronyms")
    if cached is not None:
        return cached
    found: set[str] = set()
    for line in doc.lines:
        if not re.search(r"[a-z]", line):
            continue
        words = line.split()
        for i, word in enumerate(words):
            bare = word.strip("()[],.:;'’\"*")
            if not (2 <= len(bare) <= 7 and bare.isupper() and bare.isalpha()):
                continue
            neighbours = words[max(i - 1, 0):i] + words[i + 1:i + 2]
            if neighbours and all(re.search(r"[a-z]", n) for n in neighbours):
                found.add(bare)
    doc.cache["acronyms"] = found
    return found


def recase(text: str, acronyms: set[str] | frozenset[str] = frozenset()) -> str:
    """'CHILDREN'S PARTNERSHIP BOARD' -> "Children's Partnership Board"; acronyms (NHS, CCG,
    NSCB, a word in brackets, a word the document writes in capitals elsewhere) stay upper case."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    out = []
    for i, word in enumerate(text.split()):
        bare = word.strip("()[],.:;'’\"")
        if bare and bare.isalpha() and (bare in acronyms or (len(bare) >= 2 and not VOWELS.search(bare))
                                        or (word.startswith("(") and word.rstrip(",.;:").endswith(")"))):
            out.append(word)
        elif word.lower() in SMALL_WORDS and i:
            out.append(word.lower())
        else:
            lead = len(word) - len(word.lstrip("(\"'‘"))
            out.append(word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:].lower())
    return " ".join(out)


def meeting_label(board: str, day: date) -> str:
    """'Children's Partnership Board 25 September 2013': the board's name, then the day."""
    return f"{board} {day.day} {day.strftime('%B')} {day.year}"


def _balance(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-–")
    while text.count(")") > text.count("(") and ")" in text:
        i = text.rfind(")")
        text = (text[:i] + text[i + 1:]).strip()
    if text.count("(") > text.count(")"):
        text += ")"
    return text.strip(" ,;:-–")


def _phrase(text: str) -> str:
    """A wording without numbers or punctuation, to find one name inside a longer title."""
    return " " + " ".join(re.sub(r"\d+", " ", comparable(text)).split()) + " "


def _bodyish(text: str) -> bool:
    """Named like a body: a body noun anywhere ('Kestrelshire Police') or at its end ('X Academy')."""
    return bool(BODY_WORDS.search(text) or ENDS_AS_BODY.search(text))


def _title_case(text: str) -> bool:
    """Every longer word capitalised: 'Welsh Technical Standards Board'."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# -- the table of people ---------------------------------------------------------------------------
@dataclass
class _Entry:
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


def table_entries(block: Block) -> tuple[list[_Entry], dict[str, bool]] | None:
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

    entries: list[_Entry] = []
    owner: dict[int, int] = {}
    for r in range(first, len(rows)):
        raw = cell(r, "name")
        tick = bool(TICK_AT.match(raw))
        text = TICK_AT.sub("", raw).strip()
        if not text:
            continue
        if _name_ok(text):
            mark = "A" if cell(r, "apologies").strip() else cell(r, "present")
            entries.append(_Entry([r], text, tick, mark))
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


def _assign_orgs(entries: list[_Entry], rows: list[list[str]], col: int, first: int, lead: set[int],
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


# -- the extractor ---------------------------------------------------------------------------------
class _Meetings:
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

    # -- meetings -----------------------------------------------------------------------------------
    def open_meeting(self, board_name: str, day: date | None, span: Span, kind: str, location: str = "",
                     number: str = "") -> str:
        """The meeting of `board_name` on `day` (or, undated, its `number`); a second wording of the
        same board on the same day ('Kestrel Children's Partnership') is the same meeting."""
        board_name = clean_label(recase(board_name, self.acronyms))
        board_name = re.sub(r"^the\s+", "", board_name, flags=re.I)
        board = self.facts.entity("Board", board_name, span, confidence=0.9)
        core = self._core(board_name)
        key = None
        for other_core, other_key in self.by_date.get(day, []) if day else []:
            if core <= other_core or other_core <= core:
                key = other_key
                break
        if key is None and day is None:
            key = f"meeting:{board}#{number}"
        elif key is None:
            key = f"meeting:{board}@{day.isoformat()}"
            self.by_date.setdefault(day, []).append((core, key))
        known = self.facts.entities.get(key)
        if known is not None and known.props.get("location"):
            location = ""  # the agenda's "Place:" names it already
        label = meeting_label(board_name, day) if day else f"{board_name} Meeting {number}"
        self.facts.entity("Meeting", label, span, key=key, confidence=0.9,
                          date=("date", day.isoformat()) if day else None, location=location or None)
        if day:  # the day as ISO writes it too: minutes kept in repositories name themselves so
            self.facts.entities[key].alt_labels.add(f"{board_name} {day.isoformat()}")
        if not self.facts.has(key, "ofBoard"):
            self.facts.relate(key, "ofBoard", board, span, confidence=0.9)
            self.board = board
        else:
            self.board = next(r.object for r in self.facts.relations
                              if r.subject == key and r.predicate == "ofBoard")
        if key != self.meeting:
            self.person_org = {}
        self.meeting, self.kind, self.mode, self.item_subjects = key, kind, "", []
        self.items_begun = False
        return key

    def _core(self, name: str) -> frozenset[str]:
        words = core_name(name, self.facts.area).split()
        return frozenset(w for w in words if w not in {"board", "the", "meeting"})

    def board_line(self, block: Block) -> str | None:
        """A heading-like line naming a board ('CHILDREN'S PARTNERSHIP BOARD')."""
        if block.kind is BlockKind.TABLE:
            return None
        text = " ".join(block.text.split())
        if not text or len(text.split()) > 14 or not GROUP_WORDS.search(text) or meeting_date(text):
            return None
        first = bool(self.doc.blocks) and block is self.doc.blocks[0]  # a document's title line
        if not (is_heading(block) or block.bold or _mostly_upper(text) or (first and _title_case(text))):
            return None
        if re.search(r"\b(?:agenda|minutes)\b", text, re.I):
            return None
        return text

    def fields(self, block: Block) -> list[tuple[str, str, Span]]:
        """'Label: value' pairs of a block: table rows, or lines written that way."""
        out = []
        if block.kind is BlockKind.TABLE:
            spans = block.row_spans or [block.span] * len(block.rows)
            for row, span in zip(block.rows, spans, strict=False):
                cells = [c.strip() for c in row if c.strip()]
                for k in range(0, len(cells) - 1):
                    label = cells[k].rstrip(":").strip()
                    if len(label.split()) <= 5:
                        out.append((label, cells[k + 1], span))
                if len(cells) == 1:
                    m = FIELD.match(cells[0])
                    if m:
                        out.append((m.group(1).strip(), m.group(2).strip(), span))
        else:
            for line in block.text.split("\n"):
                m = FIELD.match(line)
                if m and len(line) <= 200:
                    out.append((m.group(1).strip(), m.group(2).strip(), block.span))
        return out

    def header(self, index: int, block: Block) -> bool:
        """Does this block open a meeting (agenda header, report cover rows, minutes heading)?"""
        fields = self.fields(block)
        board = next(((v, s) for label, v, s in fields if BOARD_FIELD.match(label)
                      and (GROUP_WORDS.search(v) or BODY_WORDS.search(v))), None)
        day = next(((d, s) for label, v, s in fields if DATE_FIELD.match(label) and (d := meeting_date(v))),
                   None)
        near = self.doc.blocks[max(index - 4, 0): index + 5]
        if board and day:
            name = re.split(r"\t|\s{3,}", board[0])[0]
            report = any(BOARD_FIELD.match(label) and label.lower().startswith("report")
                         for label, _, _ in fields) or \
                any(REPORT_CUE.search(b.text) for b in self.doc.blocks[index: index + 5])
            key = self.open_meeting(name, day[0], board[1].merge(day[1]), "report" if report else "papers",
                                    self._place(near))
            for label, value, span in fields:
                if TITLE_FIELD.match(label):
                    for subject in self.subjects(value):
                        self.facts.relate(key, "concerns", subject, span, confidence=0.7)
            if report and self.facts.plan and index <= 6:
                self.facts.relate(key, "concerns", self.facts.plan, board[1].merge(day[1]), confidence=0.8)
            return True
        if day and block.kind is not BlockKind.TABLE and len(fields) <= 3:
            cues = [label for b in near for label, _, _ in self.fields(b)]
            if not any(PLACE_FIELD.match(c) or TIME_FIELD.match(c) for c in cues) and \
                    not any(re.search(r"\b(?:agenda|minutes|present)\b", b.text, re.I) for b in near):
                return False
            for back in range(index - 1, max(index - 5, -1), -1):
                name = self.board_line(self.doc.blocks[back])
                if name:
                    span = self.doc.blocks[back].span.merge(block.span)
                    self.open_meeting(name, day[0], span, "papers", self._place(near))
                    return True
            return False
        text = " ".join(block.text.split())
        if is_heading(block) and MEETING_TITLE.search(text) and (day_ := meeting_date(text)) and \
                index <= 3 and GROUP_WORDS.search(text):
            bare = re.sub(r"\s*\bmeeting\b.*$", "", ISO_DATE.sub("", text), flags=re.I)
            name = tidy_body(bare.strip(" -–:"))
            if name:
                self.open_meeting(name, day_, block.span, "papers", "")
                return True
        numbered = NUMBERED_MEETING.match(text) if is_heading(block) and index <= 3 else None
        if numbered and not meeting_date(text):
            self.open_meeting(numbered.group("body"), None, block.span, "papers", number=numbered.group("n"))
            return True
        if block.kind is not BlockKind.TABLE and MINUTES.match(text) and len(text.split()) <= 60:
            text = self._wrapped_title(index, text)  # a title set over two or three bold lines
            day_ = meeting_date(text)
            if day_ is None or MINUTES_NOT_HEADER.search(text.split(str(day_.year))[0]):
                return False
            cased = recase(text, self.acronyms)  # "MINUTES OF THE HEALTH AND WELLBEING BOARD HELD ON ..."
            named = [m.group(0) for m in re.finditer(
                rf"(?:[A-Z][\w'’&-]*,?\s+(?:(?:and|of|for|&)\s+)?){{0,10}}{BOARD_NOUN}\b", cased)]
            name = next((tidy_body(n) for n in named if tidy_body(n)), None)
            span = block.span
            if name is None:
                for back in range(index - 1, max(index - 5, -1), -1):
                    name = self.board_line(self.doc.blocks[back])
                    if name:
                        span = self.doc.blocks[back].span.merge(block.span)
                        break
            if name is None and self.board:
                name = self.facts.entities[self.board].label
            if name is None:
                return False
            place = HELD_AT.search(cased) or AT_PLACE.search(cased)
            location = clean_label(place.group(1)) if place and not place.group(1)[:1].isdigit() else ""
            self.open_meeting(name, day_, span, "papers", location)
            return True
        return False

    def _wrapped_title(self, index: int, text: str) -> str:
        """A minutes title with no day in it, continued by the heading lines right after it
        ('MINUTES OF ... ENTERPRISE AND' / 'PLANNING ... COMMITTEE HELD ON MONDAY, 12 DECEMBER')."""
        following = self.doc.blocks[index + 1: index + 3]
        for block in following:
            if meeting_date(text) or not (is_heading(block) or block.bold) or len(text.split()) > 60:
                break
            text = f"{text} {' '.join(block.text.split())}"
        return text

    def _place(self, near: list[Block]) -> str:
        for b in near:
            for label, value, _ in self.fields(b):
                if PLACE_FIELD.match(label) and value:
                    return clean_label(value)
        return ""

    # -- subjects -----------------------------------------------------------------------------------
    def candidates(self) -> list[tuple[Entity, list[tuple[str, frozenset[str], bool]]]]:
        if self._candidates is None:
            out = []
            for ent in self.facts.entities.values():
                if ent.cls not in {"Plan", "Priority"} or ent.label.startswith(tuple(TICKS)):
                    continue
                names = []
                for name in (ent.label, *ent.alt_labels, *ent.props.get("acronym", [])):
                    acronym = bool(re.fullmatch(r"[A-Z][A-Z&]{1,7}", name))
                    names.append((name, content_tokens(name), acronym))
                out.append((ent, names))
            self._candidates = out
        return self._candidates

    def body_tokens(self) -> set[frozenset[str]]:
        """The words of every board's and organisation's name: a title naming "Kestrel
        Children's Partnership" names the board, not the "Kestrel Children's Partnership Strategy"."""
        if self._body_tokens is None:
            self._body_tokens = {content_tokens(n) for e in self.facts.entities.values()
                                 if e.cls in {"Board", "Organisation"} for n in (e.label, *e.alt_labels)}
        return self._body_tokens

    def subjects(self, text: str, classes: tuple[str, ...] = ("Plan", "Priority")) -> list[str]:
        """Plans and priorities a title or resolution names: their whole name (or acronym) appears
        in it, or it is a shortened form of their name; the most specific wording wins."""
        text = YEAR_NUMBER.sub(" ", text.replace("*", ""))
        tokens = content_tokens(text)
        words = frozenset(t for t in tokens if not t.isdigit()) - GENERIC_ITEM
        found: dict[str, tuple[frozenset[str], int, bool]] = {}
        for ent, names in self.candidates():
            if ent.cls not in classes:
                continue
            best: tuple[frozenset[str], int, bool] | None = None
            for name, ntoks, acronym in names:
                if acronym:
                    if len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                        best = best or (frozenset({name.lower()}), 0, True)
                    continue
                plain = frozenset(t for t in ntoks if not t.isdigit())
                numbers = ntoks - plain
                if numbers and any(t.isdigit() for t in tokens) and not numbers <= tokens:
                    continue
                extra = len(ntoks - tokens)
                core = plain - KIND_WORDS
                if len(plain) >= 2 and plain <= tokens and _phrase(name) in _phrase(text):
                    hit = (plain, extra, len(plain) >= 3)  # the name itself, its words in their order
                elif len(words) >= 2 and words <= plain:
                    hit = (words, extra, False)  # "PRIORITY FAMILIES UPDATE": "Priority Families programme"
                elif len(core) >= 2 and core != plain and core <= tokens and core not in self.body_tokens():
                    hit = (core, extra, False)  # "EARLY INTERVENTION" for "Early Intervention Programme"
                else:
                    continue
                if best is None or len(hit[0]) > len(best[0]) or \
                        (len(hit[0]) == len(best[0]) and hit[1] < best[1]):
                    best = hit
            if best:
                found[ent.key] = best
        if "Priority" in classes:
            m = PRIORITY_OF.search(text)
            if m and not any(self.facts.entities[k].cls == "Priority" for k in found):
                part = frozenset(t for t in content_tokens(m.group(1)) if not t.isdigit()) - GENERIC_ITEM
                fits = [(len(toks - part), ent.key) for ent, names in self.candidates()
                        if ent.cls == "Priority" for _, toks, ac in names if not ac and part and part <= toks]
                if fits:
                    fits.sort()
                    if len(fits) == 1 or fits[0][0] < fits[1][0] or fits[0][1] == fits[1][1]:
                        found[fits[0][1]] = (part, fits[0][0], False)
        keys = list(found)
        out = []
        for key in keys:
            toks, extra, named = found[key]
            if not named and any(k != key and toks < found[k][0] for k in keys):
                continue  # "Action Plan" inside "... Workforce Strategy Refreshed Action Plan"
            if any(k != key and toks == found[k][0] and extra > found[k][1] for k in keys):
                continue  # the same words: the name with the fewest extra words
            out.append(key)
        return out[:4]

    # -- people -------------------------------------------------------------------------------------
    def person(self, text: str, span: Span, confidence: float = 0.9) -> str | None:
        text = " ".join(text.split()).strip(" ,.;:-–")
        if text.isupper():
            text = text.title()
        name, honorific = strip_honorific(text)
        name = name.strip(" ,;:()")
        if not name or not is_person_name(text if honorific else name):  # "Cllr E. Example" is one
            return None
        return self.facts.entity("Person", name, span, confidence=confidence, honorific=honorific)

    def initials(self, person: str | None, text: str) -> None:
        """'Ann Other (AO)': the minutes will call her AO, so AO is another label of hers."""
        found = INITIALS_PAREN.search(text)
        if person and found:
            self.facts.entities[person].alt_labels.add(found.group(1))

    def organisation(self, text: str, span: Span, trusted: bool = True) -> str | None:
        """An organisation or board named in an attendance column or after a title's comma."""
        text = _balance(clean_label(text))
        text = re.sub(r"^(?:on behalf of|representing)\s+(?:the\s+)?", "", text, flags=re.I)
        acronym = None
        m = ACRONYM_FULL.match(text)
        if m:
            acronym, text = m.group(1), m.group(2).strip()
        else:
            m = TRAILING_ACRONYM.search(text)
            if m and m.group(1).isupper():
                acronym, text = m.group(1), text[:m.start()].strip()
            else:
                text = PARENS.sub("", text).strip()
        if not (trusted and re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", text)):  # "ESS" beside a name stays ESS
            text = recase(text, self.acronyms)
        if not text or SECTOR.search(text) or NOT_ORG.search(text) or is_person_name(text, strict=True) or \
                (POST_WORDS.search(text) and not ENDS_AS_BODY.search(text)) or len(text.split()) > 12:
            return None
        if acronym:  # a body the document already named with this acronym is that body
            for ent in self.facts.entities.values():
                if ent.cls in {"Board", "Organisation"} and acronym in ent.alt_labels and \
                        not POST_WORDS.match(ent.label):
                    return ent.key
        if not trusted and not (_bodyish(text) or acronym):
            return None
        brand = trusted and re.fullmatch(r"[A-Z][A-Za-z0-9&-]*[A-Z0-9][A-Za-z0-9&-]*|[A-Z][a-z]{2,}", text) \
            and text.lower() not in SMALL_WORDS  # "ACME", "DfID", "Jisc": one word, trusted beside a name
        if not _bodyish(text) and not brand and (len(text.split()) < 2 or not all(
                w[:1].isupper() or w in SMALL_WORDS or w == "&" for w in text.split())):
            return None
        tidy = tidy_body(text) or (text if not _bodyish(text) else None)
        if tidy is None:
            return None
        cls = "Board" if GROUP_WORDS.search(tidy) and body_class(tidy) == "Board" else "Organisation"
        for c in ("Board", "Organisation"):  # the class another extractor already gave it wins
            known = f"{c.lower()}:{core_name(tidy, self.facts.area)}"
            if known in self.facts.entities:
                cls = c
        key = self.facts.entity(cls, tidy, span, confidence=0.7)
        if acronym:
            self.facts.entities[key].add_prop("acronym", acronym)
            self.facts.entities[key].alt_labels.add(acronym)
        return key

    def title_org(self, title: str, span: Span, board_only: bool = False) -> str | None:
        """The organisation a title names: 'Principal, Central Kestrel College',
        'Chair, KGA (Kestrel Governors' Association)', 'Independent Chair of X Board'
        (only the last kind when the row gives the organisation itself)."""
        if ", " in title and not board_only:
            tail = title.split(", ", 1)[1]
            key = self.organisation(tail, span, trusted=False)
            if key:
                return key
        m = OF_BOARD.search(title)
        if m and GROUP_WORDS.search(m.group(1)) and not CHAIR_OF_BOARD.match(title):
            name = TRAILING_ACRONYM.sub("", m.group(1)).strip()
            if ENDS_AS_BODY.search(name):
                return self.organisation(m.group(1), span, trusted=False)
        return None

    def holders(self) -> dict[str, set[str]]:
        """Who holds each post so far (read once from the facts, then kept up to date)."""
        if self._holders is None:
            self._holders = {}
            for r in self.facts.relations:
                if r.predicate == "holds":
                    self._holders.setdefault(r.object, set()).add(r.subject)
        return self._holders

    def post(self, person: str, title: str, span: Span, org: str | None,
             confidence: float = 0.8) -> str | None:
        """A post the person holds, in `org` (or in the meeting's board for its chair)."""
        label = _balance(clean_label(title)).rstrip(" ,")
        label = TRAILING_ACRONYM.sub("", label).strip() if TRAILING_ACRONYM.search(label) and \
            TRAILING_ACRONYM.search(label).group(1).isupper() else label
        if not label or not POST_WORDS.search(label) or len(label.split()) > 16 or \
                is_person_name(label, strict=True):
            return None
        if CHAIR_OF_BOARD.match(label) and self.board:
            org = self.board
        name = normalise(label)
        key = f"post:{name}@{org or ''}"
        if key not in self.facts.entities:
            holders = self.holders()
            held = sorted(k for k, people in holders.items()
                          if person in people and k.startswith(f"post:{name}@"))
            bare = f"post:{name}@"
            if org is None and held:
                key = held[0]
            elif org and bare in held and holders[bare] == {person}:
                key = bare  # the same title another extractor read without its organisation
        post = self.facts.entity("Post", label, span, key=key, confidence=confidence)
        self.facts.relate(person, "holds", post, span, confidence=confidence)
        self.holders().setdefault(post, set()).add(person)
        if org:
            self.facts.relate(post, "postIn", org, span, confidence=confidence)
        return post

    def posts(self, person: str, title: str, span: Span, org: str | None, confidence: float = 0.8) -> None:
        """'Chair of the Board and Portfolio Holder for X' is two posts."""
        title = _balance(title)
        chair = re.search(r"\(([^()]*)\)\s*$", title)
        role_match = CHAIR_ROLE.search(chair.group(1)) if chair else None
        if chair and role_match:  # "Portfolio Holder for X, Y Council (Joint Chair)"
            role = role_match.group(1)
            self.post(person, role[:1].upper() + role[1:], span, self.board, confidence)
            title = title[:chair.start()].strip()
        for part in TITLE_SPLIT.split(title):
            part = part.strip(" ,;")
            own = self.title_org(part, span, board_only=org is not None)
            self.post(person, part, span, own or org, confidence)

    # -- attendance ---------------------------------------------------------------------------------
    def parse_name(self, text: str) -> tuple[str, str | None, str]:
        """'Gail Trent (Substituting for Rosa Hale)' -> ('Gail Trent', 'Rosa Hale', role)."""
        text = " ".join(text.split())
        absent = None
        m = SUB_FOR.search(text)
        if m:
            absent, text = m.group(1).strip(" )"), text[:m.start()]
        role = ""
        for inside in re.findall(r"\(([^()]*)\)", text):  # "Ann Other (AO) (Chair)"
            if CHAIR_ROLE.search(inside):
                role = CHAIR_ROLE.search(inside).group(1)
                break
        text = PARENS.sub("", text).split("(")[0]
        return text.strip(" ,.;:-"), absent, role

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

    def _row_posts(self, person: str, e: _Entry, spans: list[Span], span: Span, combined: bool,
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

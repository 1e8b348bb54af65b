"""The words of board papers: the patterns that find meeting headers, attendance sections,
presenters and resolutions, and the dates, names and casing helpers the meeting extractor uses."""

from __future__ import annotations

import re
from datetime import date

from plangraph.ingest.document import Document
from plangraph.ingest.extractors.body_names import BOARD_NOUN, ORG_NOUN
from plangraph.ingest.extractors.dates import parse_date
from plangraph.ingest.extractors.matching import comparable, content_tokens
from plangraph.ingest.extractors.names import BODY_WORDS

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

"""Is this cell a person, a body, or neither? And how many people does it name?

Lead tables put "Tom Ashby and Ruth Okafor", "Nadia Petrova & Carol Hines", "?" or a
group's name in one cell. These helpers split such cells and tell people from bodies by their
shape: two or three capitalised words with no organisational noun are a person; a phrase with
"Board", "Group", "Partnership"... is a body.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HONORIFIC = re.compile(
    r"^(?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Mx|Prof(?:essor)?|Sir|Dame|Lord|Lady|Rev(?:erend)?|"
    r"Baroness|Baron|Senator|Mayor|Alderman|Minister|Judge|Justice|(?:Rt\.?\s+)?Hon\.?|"
    r"Chief Supt|Chief Superintendent|Superintendent|Supt|Chief Inspector|Inspector|DCI|DI|"
    r"Det(?:ective)?\.?\s+\w+)\.?\s+)+"
)
BODY_WORDS = re.compile(
    r"\b(?:Board|Group|Partnership|Trust|Forum|Hub|Committee|Executive|Network|Taskforce|"
    r"Task Force|Panel|Council|Alliance|Team|Service|Services|Unit|Authority|Agency|Department|"
    r"Directorate|Office|Commission|Sub[- ]?Group|Sub[- ]?[Cc]ommittee|Cabinet|Assembly|Steering|Consortium|"
    r"Collaborative|Association|Federation|Foundation|Centre|Center|School|College|University|"
    r"Hospital|Police|NHS|CCG|Ltd|Limited|plc|Plus|Project|Programme|Government|Ministry|Institute|"
    r"Institution|Company|Corporation|Inc|LLP|LLC|Society|Bureau|Administration|Church|Diocese|Parish|"
    r"Mosque|Temple|Synagogue)\b", re.I)
GROUP_WORDS = re.compile(
    r"\b(?:Board|Group|Partnership|Forum|Hub|Committee|Executive|Network|Taskforce|Task Force|"
    r"Panel|Alliance|Sub[- ]?Group|Cabinet|Steering|Consortium|Collaborative)\b", re.I)
# Capitals and small letters of the Latin alphabets (é, ø, ł, ž...): names are not only English.
UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOW = "a-zß-öø-ÿā-ž"
NAME_WORD = (rf"(?:[{UP}][{LOW}]+(?:[-'’][{UP}]?[{LOW}]+)*|[{UP}]['’][{UP}][{LOW}]+|Mc[{UP}][{LOW}]+|"
             rf"Mac[{UP}][{LOW}]+)")
# Words inside surnames in many languages: "Uí Bhriain", "van der Berg", "de la Cruz", "bin Said"
PARTICLE = r"(?:Uí|Ní|Ó|Nic|Mac|van|von|der|den|de|del|della|da|di|du|le|la|dos|bin|binti|al|el|ter)"
PERSON = re.compile(rf"^{NAME_WORD}(?:\s+[{UP}]\.?)?(?:(?:\s+{PARTICLE}){{0,2}}\s+{NAME_WORD}){{1,2}}$")
INITIALS_NAME = re.compile(rf"^(?:[{UP}]\.\s*){{1,3}}{NAME_WORD}$")  # "E. O’Example" after "Councillor"
NOT_FIRST_NAMES = {"The", "This", "All", "Each", "Every", "Head", "Director", "Chair", "Chief",
                   "Lead", "Manager", "Officer", "Strategic", "Operational", "Senior", "Deputy",
                   "Assistant", "Interim", "Acting", "Joint", "Corporate", "Principal", "Executive",
                   "Locality", "Programme", "Project", "Integrated", "Children", "Young", "Public",
                   "Health", "Early", "Family", "Families", "Education", "Youth", "Community",
                   "Local", "National", "County", "City", "District", "Borough", "New", "Key",
                   "Partnership", "Support", "Service", "Team", "Not", "None", "Vacant", "Tbc",
                   "Tba", "Various", "Schools", "Primary", "Secondary", "Special", "Voluntary"}
# A cell that holds no name yet: "?", "TBC", "vacant", "to be appointed", "n/a", "-".
PLACEHOLDER = re.compile(r"^\s*(?:\?+|[-–—]+|tb[acd]|n/?a|none|vacant|vacancy|to be (?:confirmed|appointed|"
                         r"agreed|decided|determined))\s*\.?\s*$", re.I)
SPLIT = re.compile(r"\s*(?:&|\band\b|/|;|,|\+|\n)\s*")


def strip_honorific(text: str) -> tuple[str, str | None]:
    """'Councillor Peter Langley' -> ('Peter Langley', 'Councillor')."""
    m = HONORIFIC.match(text.strip())
    if not m:
        return text.strip(), None
    return text.strip()[m.end():].strip(), " ".join(m.group(0).split())


@cache
def first_names() -> frozenset[str]:
    path = Path(__file__).with_name("first_names.txt")
    words = (w for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split())
    return frozenset(words)


def is_person_name(text: str, strict: bool = False) -> bool:
    """Two or three capitalised words (an initial allowed), no organisational noun.

    `strict` (for names met outside a column of names) also wants a known given name or an
    honorific, so a two-word heading such as 'Next Steps' is not taken for a person.
    """
    name, honorific = strip_honorific(" ".join(text.split()))
    name = name.strip(" .,;:()")
    if honorific and INITIALS_NAME.match(name):
        return True
    if not PERSON.match(name) or BODY_WORDS.search(name) or name.split()[0] in NOT_FIRST_NAMES:
        return False
    return not strict or bool(honorific) or name.split()[0].lower() in first_names()


def starts_with_name(line: str) -> bool:
    """'✓ Councillor Mark Dunmore - on other business', 'Susan Keal': a line that names a person
    first (a known given name or an honorific), as in lists of attendees and apologies."""
    head = re.split(r"\s+[-–(]|,", line.lstrip("✓✔√*•- "), maxsplit=1)[0].strip()
    return bool(head) and is_person_name(head, strict=True)


AFFILIATION_WORD = re.compile(rf"^(?:\(?[{UP}][\w&.'’-]*\)?|of|and|for|the|&|\(\w+\))$")


def name_then_affiliation(line: str) -> tuple[str, str] | None:
    """'Chris Example ACME', 'Dana Sample Northvale Trust (phone)' -> the name and what follows.

    Attendance lists put a person's organisation after the name with one space. The name is the
    first two words, or three when the middle one is a given name or an initial ('Mary Ann
    Example'), so 'Matt Example Kestrel' is Matt Example of Kestrel."""
    words = line.split()
    if len(words) < 3 or not all(AFFILIATION_WORD.match(w) for w in words[2:]) or \
            re.fullmatch(PARTICLE, words[2]):
        return None
    middle = words[1].strip(".")
    size = 3 if len(words) > 3 and (middle.lower() in first_names() or len(middle) == 1) else 2
    name = " ".join(words[:size])
    if not is_person_name(name) or not words[size][:1].isupper():
        return None
    return name, " ".join(words[size:])


NOT_SURNAME = re.compile(r"^(?:Street|Road|Lane|Avenue|Square|Place|Park|House|Hall|Way|Close|Drive|Court|"
                        r"Direct|Tel|Telephone|Phone|Email|Mobile|Director|Head|Manager|Officer|Chair|"
                        r"Lead|Leader|Management|Minister|Secretary|Team|Centre|Center)$")
NAME_MAY_FOLLOW = {"Minister", "Director", "Chair", "Secretary", "Officer", "Manager", "Head", "Leader",
                   "Councillor", "Cllr", "Dr", "Professor", "Sir", "Dame", "Lord", "Lady", "Mr", "Mrs", "Ms",
                   "Office", "Chief", "Executive", "President", "Commissioner", "Member"}
GIVEN_THEN_VERB = re.compile(r"(?:^|(?<=[:;,]\s))([A-Z][a-z]{2,})\s+(?:is|was|will|said|has|suggested|asked|"
                             r"noted|reported|explained|agreed|joined|left|leaves)\b")
INITIAL_SURNAME = re.compile(r"(?<![\w.])([A-Z])\.\s+([A-Z][a-z]{2,}(?:[-'’][A-Z][a-z]+)?)"
                             r"(?![\w.'’-]|\s+[A-Z])")
SENTENCE_WORDS = {"this", "the", "that", "these", "there", "they", "and", "but", "for", "all", "each", "our",
                  "their", "its", "his", "her", "what", "when", "where", "which", "who", "how", "why", "also",
                  "however", "then", "thus", "with", "from", "some", "any", "one", "two", "three", "see"}
TITLED = re.compile(r"^(?:Sir|Dame|Lord|Lady|Baroness|Baron)$")
PROSE_PERSON = re.compile(
    rf"(?<![\w'’-])((?:(?:Sir|Dame|Lord|Lady|Baroness|Dr|Professor|Prof|Councillor|Cllr|Mr|Mrs|Ms|Minister)\.?\s+)?"
    rf"{NAME_WORD}(?:\s+[{UP}]\.)?(?:\s+{NAME_WORD}){{0,2}})(?![\w'’-])")


AROUND = 200  # characters either side of a name that say whose it is


def people_in_prose(text: str) -> list[str]:
    """Names running text gives a person: a known given name then a surname ('contact Ann
    Example of the firm'), or a title then a name ('Sir Bob Example', 'Lord Example'). A name
    that runs on into more capitalised words ('Ann Example Foundation') is a body's, not hers."""
    out = []
    for m in PROSE_PERSON.finditer(text):
        name = m.group(1)
        # what is around the name, not the whole text: a window keeps a long line linear
        rest, before = text[m.end():m.end() + AROUND], text[max(m.start() - AROUND, 0):m.start()]
        if re.match(r"\s+[A-Z][a-z]", rest) or re.match(r"\s*['’]s\s+[A-Z]", rest) or \
                NOT_SURNAME.match(name.split()[-1]):
            continue  # "Ann Example Trust", "Ann Example's Foundation", "Nicholas Street"
        previous = re.search(r"([A-Z][\w'’-]*)\s+$", before)
        if previous and not re.search(r"[.:;!?]\s+\S+\s+$", before[-60:] + " ") and \
                len(before.split()) > 1 and previous.group(1) not in NAME_MAY_FOLLOW:
            continue  # "Quality Mark Charter": inside a longer capitalised name
        bare, honorific = strip_honorific(name)
        words = bare.split()
        if honorific and len(words) == 1 and TITLED.match(honorific):
            out.append(name)  # "Lord Example": the title is part of how he is named
        elif len(words) >= 2 and is_person_name(name, strict=True):
            out.append(name)
    for m in GIVEN_THEN_VERB.finditer(text):  # "Ann is leaving", "Raj will chair": a known given name
        if m.group(1).lower() in first_names() and m.group(1) not in NOT_FIRST_NAMES:
            out.append(m.group(1))
    for m in INITIAL_SURNAME.finditer(text):  # "A. Example leaving" (not the end of "Ann B. Example")
        inside = re.search(r"[A-Z][a-z]+\s+$", text[max(m.start() - AROUND, 0):m.start()])
        if not NOT_SURNAME.match(m.group(2)) and not BODY_WORDS.search(m.group(2)) and \
                m.group(2).lower() not in SENTENCE_WORDS and not inside:
            out.append(m.group(0))
    return out


SURNAME_FIRST = re.compile(rf"^(?P<honorific>(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
                           rf"(?P<surname>[{UP}][{UP}'’-]+|{NAME_WORD}),\s+(?P<given>{NAME_WORD}(?:\s+[{UP}]\.?)?)$")


def surname_first(text: str) -> str | None:
    """'ALDER, Ruth', 'Cllr ALDER, Ruth', 'Alder, Ruth' (a known given name after the comma) ->
    'Ruth Alder': how councils and registers list people."""
    text = " ".join(text.split())
    tail = re.search(r"(?:\s*\([^()]*\))+$", text)  # "ALDER, Ruth (Chair)": the bracket stays after
    m = SURNAME_FIRST.match(text[:tail.start()] if tail else text)
    if not m:
        return None
    surname, given = m.group("surname"), m.group("given")
    if not (surname.isupper() or given.split()[0].lower() in first_names()):
        return None
    name = f"{m.group('honorific') or ''}{given} {surname.title() if surname.isupper() else surname}"
    return name + (tail.group(0) if tail else "")


CONTACT_EMAIL = re.compile(r"\s*[<(\[]?\s*(?:mailto:)?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*[>)\]]?")
CONTACT_HANDLE = re.compile(r"\s*\(?\s*@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\s*\)?(?![\w@.])")


def contact_parts(text: str) -> tuple[str, str | None, str | None]:
    """'Jane Example (@jexample) <jane@example.org>' -> ('Jane Example', the e-mail, the handle):
    GitHub handles and e-mail addresses beside a name are how repositories list people."""
    email = CONTACT_EMAIL.search(text)
    if email:
        text = text[:email.start()] + text[email.end():]
    handle = CONTACT_HANDLE.search(text)
    if handle:
        text = text[:handle.start()] + text[handle.end():]
    text = " ".join(text.split())
    if text.startswith("(") and text.endswith(")"):  # "@jexample (Jane Example)"
        text = text[1:-1].strip()
    return text, email.group(1) if email else None, handle.group(1) if handle else None


def split_people(cell: str) -> list[str]:
    """'A & B', 'A and B', 'A, B and C', 'A/B' -> names; '?' and blanks give none."""
    text = " ".join(cell.replace("\n", " ; ").split())
    if not text or text.strip(" ?-–.") == "":
        return []
    parts = [p.strip(" ?.()") for p in SPLIT.split(text)]
    out = []
    for part in parts:
        words = part.split()
        # "Joan Ferris Amy Carden": two names run together; split before a known given name
        cut = next((i for i in range(2, len(words) - 1) if words[i].lower() in first_names()
                    and is_person_name(" ".join(words[:i])) and is_person_name(" ".join(words[i:]))),
                   None) if len(words) >= 4 else None
        out += [" ".join(words[:cut]), " ".join(words[cut:])] if cut else [part]
    return [p for p in out if p]


def split_bodies(cell: str) -> list[str]:
    """'X Board and Y Strategic Group' -> both; 'Board & ?' -> the board only."""
    text = " ".join(cell.replace("\n", " ; ").split())
    out: list[str] = []
    for chunk in re.split(r"\s*(?:;|\n)\s*", text):
        pieces = re.split(r"\s+(?:and|&)\s+|\s*,\s*", chunk)
        current = ""
        for piece in pieces:
            current = f"{current} and {piece}" if current else piece
            if GROUP_WORDS.search(piece) or not piece.strip(" ?"):
                if current.strip(" ?"):
                    out.append(current.strip(" ?"))
                current = ""
        if current.strip(" ?") and GROUP_WORDS.search(current):
            out.append(current.strip(" ?"))
    return [o for o in out if o and o != "?"]


def looks_like_body(text: str) -> bool:
    return bool(BODY_WORDS.search(text)) and not is_person_name(text)


def email_fits(email: str, name: str) -> bool:
    """Does the address look like this person's ('tom.alder@...' for 'Thomas Alder')?"""
    local = re.sub(r"[^a-z]", "", email.split("@")[0].lower())
    parts = [re.sub(r"[^a-z]", "", p) for p in name.lower().split()]
    return bool(parts) and len(parts[-1]) >= 2 and parts[-1] in local

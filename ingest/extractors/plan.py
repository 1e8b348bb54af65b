"""Plan metadata: the document's own plan (title, period) and the area it belongs to.

The area matters for identity: "Kestrel City" and "Kestrelshire" have different boards
with the same names. It is read from how the document names its authority ("X City Council",
"X County Council") and can always be overridden by the user.
"""

from __future__ import annotations

import re
from collections import Counter

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.extractors.dates import parse_period
from plangraph.ingest.facts import Facts

PLAN_NOUN = r"(?:Plan|Strategy|Programme|Framework|Agreement|Compact|Charter)"
# A title: capitalised words ending in a plan noun, with an optional period.
TITLE = re.compile(
    rf"((?:(?:19|20)\d{{2}}(?:\s*[-–/]\s*\d{{2,4}})?\s+)?"  # "2020 Action Plan", "2017–18 Corporate Plan"
    rf"(?:[A-Z][\w'’&,\-]*\s+|(?:and|of|for|the|to|in|&)\s+){{0,12}}{PLAN_NOUN}"
    rf"(?:\s+(?:Refresh|Update|Review))?)\s*(\(?\s*(?:19|20)\d{{2}}\s*[-–/]\s*(?:19|20)?\d{{2}}\s*\)?)?"
)
WEAK_TITLE = 1.5  # a candidate scoring less that is not a heading names another plan
ANY_CASE_PLAN_NOUN = re.compile(r"\b(?:plan|strategy|programme|program|framework|roadmap|road map|"
                                r"action plan|compact|charter)s?\b", re.I)
MEETING_PAPER = re.compile(r"\bminutes\b|\bmeeting\b|\bagenda\b|terms of reference|\bconstitution\b|"
                           r"\bcharter\b|\bgovernance\b|\bmembers(?:hip)?\b", re.I)
# A council's name is at most six capitalised words ('Bath and North East Somerset'): bounded, so
# a long line of capitalised words with no 'Council' costs linear time, not quadratic.
COUNCIL = re.compile(
    r"\b((?:(?!(?:City|County|Borough|District|Metropolitan)\b)[A-Z][a-z]+"
    r"(?:[ -](?:upon|on|under|and)?[ -]?(?!(?:City|County|Borough|District|Metropolitan)\b)"
    r"[A-Z][a-z]+){0,5}))\s+"
    r"(City|County|Borough|District|Metropolitan Borough)?\s*Council\b"
)
AREA_BODY = re.compile(
    r"\b((?:[A-Z][a-z]+ ){1,2})(?:Children'?s? Partnership|Health and Wellbeing Board|"
    r"Safeguarding Children|Children'?s Trust)\b"
)
NOT_PLACE_ENDINGS = {"Youth", "Parish", "Town", "Schools", "School", "Governors", "Student",
                     "Students", "Arts", "Sports", "Research", "Advisory", "Care", "Children",
                     "Executive", "Safeguarding", "Partnership"}
GENERIC_PLACE_WORDS = {"The", "This", "Our", "City", "County", "Borough", "District", "Town",
                       "Parish", "Full", "Local", "National", "Each", "Every", "Children",
                       "Young", "People", "Health", "Council", "Government"}


def detect_area(doc: Document) -> str | None:
    """The authority the document belongs to, e.g. 'Kestrel City' or 'Kestrelshire'."""
    votes: Counter[str] = Counter()
    for m in COUNCIL.finditer(doc.text):
        place = m.group(1).strip()
        first = place.split()[0]
        if first in GENERIC_PLACE_WORDS or place.split()[-1] in NOT_PLACE_ENDINGS:
            continue
        kind = (m.group(2) or "").strip()
        votes[f"{place} City" if kind == "City" else place] += 2
    if not votes:
        for m in AREA_BODY.finditer(doc.text):
            place = m.group(1).strip()
            if place.split()[0] not in GENERIC_PLACE_WORDS and \
                    place.split()[-1] not in NOT_PLACE_ENDINGS:
                votes[place] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _title_candidates(doc: Document) -> list[tuple[float, str, int]]:
    """(score, title, block index) for plan-like titles near the top of the document."""
    out = []
    for idx, block in enumerate(doc.blocks[:80]):
        if block.kind is BlockKind.TABLE:
            continue
        lines = block.text.splitlines()
        if block.kind is BlockKind.HEADING or block.bold:
            lines = [" ".join(block.text.split())]  # a title wrapped over two lines
            after = doc.blocks[idx + 1].text.strip() if idx + 1 < len(doc.blocks) else ""
            if re.fullmatch(r"\(?(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\)?", after):
                lines = [f"{lines[0]} {after}"]  # ... or its period on the next line
        for line in lines:
            if len(line) > 160:
                continue
            for m in TITLE.finditer(line):
                title = " ".join(m.group(0).split()).strip(" ,")
                words = title.split()
                while words and words[0].lower() in {"and", "of", "for", "the", "to", "in", "&",
                                                     "draft", "our", "this", "a", "new"}:
                    words = words[1:]
                title = " ".join(words)
                if len(words) < 2:
                    continue
                score = 1.0
                if m.group(2):
                    score += 2.0
                if block.kind is BlockKind.HEADING or block.bold:
                    score += 1.5
                if len(line) - len(m.group(0)) < 12:  # the line is (nearly) just the title
                    score += 1.0
                if title.split()[-1].startswith("Plan") or "Plan" in title:
                    score += 0.5
                score -= idx * 0.02
                out.append((score, title, idx))
    return sorted(out, key=lambda c: -c[0])


def document_title(doc: Document) -> tuple[str, int] | None:
    """The document's own title and its block: the top heading among its first blocks (the
    front matter's title is one), numbering left off ('09 Principles and actions')."""
    headings = [(i, b) for i, b in enumerate(doc.blocks[:12]) if b.kind is BlockKind.HEADING]
    if not headings:
        return None
    top = min(b.level for _, b in headings)
    idx, block = next((i, b) for i, b in headings if b.level == top)
    title = re.sub(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s+", "", " ".join(block.text.split())).strip()
    return (title, idx) if 1 <= len(title.split()) <= 20 else None


def is_meeting_paper(title: str) -> bool:
    """Minutes, agendas and terms of reference are papers about a body, not plans."""
    return bool(MEETING_PAPER.search(title))


def extract_plan_metadata(doc: Document, facts: Facts) -> None:
    """Add the document's own plan, with its period, and set the document's area."""
    if facts.area is None:
        facts.area = detect_area(doc)
    # a plan named in passing deep in the body is another plan, not this document's own
    candidates = [c for c in _title_candidates(doc) if c[0] >= WEAK_TITLE or
                  doc.blocks[c[2]].kind is BlockKind.HEADING or doc.blocks[c[2]].bold]
    if not candidates:
        own = document_title(doc)
        if own and ANY_CASE_PLAN_NOUN.search(own[0]) and not is_meeting_paper(own[0]):
            candidates = [(0.0, own[0], own[1])]  # "Corporate plan variation 2017-21"
    if not candidates:
        return
    _, title, idx = candidates[0]
    period = parse_period(title)
    block = doc.blocks[idx]
    clean = re.sub(r"[()]", "", title).strip()
    clean = re.sub(r"\s+", " ", clean)
    props = {}
    if period:
        props = {"period": period[0], "startYear": str(period[1]), "endYear": str(period[2])}
    key = facts.entity("Plan", clean, block.span, **props)
    if title != clean:
        facts.entities[key].alt_labels.add(title)
    if facts.area:
        facts.entities[key].add_prop("area", facts.area)
    facts.plan = key

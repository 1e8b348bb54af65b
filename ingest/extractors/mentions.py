"""What a recommendation is about: the bodies, people, posts, plans and other recommendations
its text names.

An inquiry's recommendation is addressed to someone and is about something: "The Records Office
and the Finance Board shall publish ... under the Grants Scheme", "as explained in response to
Recommendation 10". Every entity the document already knows and the recommendation's words name
(by its label, an alternative label or its acronym, as whole words) is what it concerns.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Document
from plangraph.ingest.extractors.acronyms import defined_acronyms, implied_acronyms
from plangraph.ingest.facts import Facts, normalise

NAMED = ("Board", "Organisation", "Post", "Person", "Plan")
RECOMMENDATION_NUMBER = re.compile(r"\bRecommendations?\s+(\d{1,3})\b")


def _names(facts: Facts) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for ent in facts.entities.values():
        if ent.cls not in NAMED:
            continue
        for label in {ent.label, *ent.alt_labels}:
            label = re.sub(r"^the\s+", "", label.strip(), flags=re.I)
            if len(label) >= 3 or (len(label) >= 2 and label.isupper()):
                out.append((re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])"), ent.key))
    return out


def alias_acronyms(doc: Document, facts: Facts) -> None:
    """An entity whose name the document shortens ('DRS' for the Data Review Scheme, defined or
    not) has the short form as another label, so mentions by acronym find it."""
    by_name = {normalise(e.label): e for e in facts.entities.values() if e.cls in NAMED}
    for short, long in {**implied_acronyms(doc), **defined_acronyms(doc)}.items():
        ent = by_name.get(normalise(long)) or by_name.get(normalise(re.sub(r"s$", "", long)))
        if ent is not None and short not in ent.alt_labels:
            ent.alt_labels.add(short)


def extract_mentions(doc: Document, facts: Facts) -> None:
    """Short forms as labels; `concerns` from each recommendation to what its text names."""
    alias_acronyms(doc, facts)
    recommendations = [e for e in facts.entities.values() if e.cls == "Recommendation"]
    if not recommendations:
        return
    names = _names(facts)
    numbered = {}
    for ent in recommendations:
        for label in ent.alt_labels:
            m = re.fullmatch(r"Recommendation\s+(\d{1,3})", label)
            if m:
                numbered[m.group(1)] = ent.key
    for ent in recommendations:
        text = " ".join(" ".join(doc.lines[ent.span.line_start - 1: ent.span.line_end]).split())
        for pattern, key in names:
            if pattern.search(text):
                facts.relate(ent.key, "concerns", key, ent.span, confidence=0.6)
        for number in RECOMMENDATION_NUMBER.findall(text):
            other = numbered.get(number)
            if other and other != ent.key:
                facts.relate(ent.key, "concerns", other, ent.span, confidence=0.7)

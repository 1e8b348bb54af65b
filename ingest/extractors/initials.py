"""Initials in minutes: who "AB said" or "(AB)" is.

Minutes name people once in the attendance list and then by initials ("AB suggested...", "Action:
CD to circulate", "(EF / GH)"). Initials that fit exactly one person the document names (first and
last name, or a surname listed alone) are another label of that person, and so are a given
name with an initial ("Jack H.") and a surname alone ("Holloway to report") that fit one person;
initials that fit two people, or none, stay a person of their own, labelled by the initials,
because the document does not say who they are.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.extractors.acronyms import defined_acronyms, implied_acronyms
from plangraph.ingest.facts import Facts

VERBS = (r"said|says|suggested|will|would|mentioned|asked|noted|reported|agreed|presented|explained|"
         r"outlined|confirmed|stated|talked|thanked|demonstrated|proposed|raised|updated|welcomed|"
         r"highlighted|advised|informed|queried|commented|felt|has|had|is|was")
WORDS = {"WE", "US", "IT", "IS", "TO", "OF", "IN", "ON", "AT", "BY", "OR", "AN", "AS", "IF", "NO", "SO", "UP",
         "DO", "GO", "BE", "ME", "MY", "HE", "OK", "AM", "PM", "UK", "EU", "UN", "TV", "ID", "HR", "PA"}
USED = re.compile(rf"(?<![\w/-])([A-Z]{{2}})(?=\s+(?:{VERBS})\b|\s*/\s*[A-Z]{{2}}\b|\s*\??\))|"
                  rf"(?<=[(/])\s*([A-Z]{{2}})(?=\s*[?)/])|\bactions?\s*:\s*([A-Z]{{2}})\s+to\b", re.I)


# "Jack H. to circulate", "Holloway said": a given name and an initial, or a surname alone
GIVEN_AND_INITIAL = re.compile(rf"\b([A-Z][a-z]+)\s([A-Z])\.(?=\s+(?:to|{VERBS})\b)")
WORD_THEN_VERB = re.compile(rf"\b([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)(?=\s+(?:to|{VERBS})\b)")


def _short_forms(doc: Document, facts: Facts) -> None:
    """'Jack H.' and a surname alone, used with a verb, are another label of the one person
    they fit; 'Jack H.' that fits two people or none is a person of their own."""
    people = facts.of_class("Person")
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE:
            continue
        for m in GIVEN_AND_INITIAL.finditer(block.text):
            short = f"{m.group(1)} {m.group(2)}."
            fits = [e for e in people if len(e.label.split()) >= 2 and e.label.split()[0] == m.group(1)
                    and e.label.split()[-1].startswith(m.group(2))]
            if len(fits) == 1:
                fits[0].alt_labels.add(short)
            elif not any(short in e.alt_labels for e in people):
                facts.entity("Person", short, block.span, confidence=0.5)
        for m in WORD_THEN_VERB.finditer(block.text):
            fits = [e for e in people if len(e.label.split()) >= 2 and e.label.split()[-1] == m.group(1)]
            if len(fits) == 1 and not any(e.label.split()[0] == m.group(1) for e in people):
                fits[0].alt_labels.add(m.group(1))


def _initials(label: str) -> set[str]:
    words = [w for w in re.split(r"[\s-]+", label) if w[:1].isupper()]
    if len(words) < 2:
        return set()
    return {words[0][0] + words[-1][0], "".join(w[0] for w in words)}


def _surnames_alone(facts: Facts) -> None:
    """'Example' in the attendance list and 'Ann Example' in the text are one person, when only
    one full name ends so."""
    people = facts.of_class("Person")
    for alone in [e for e in people if " " not in e.label]:
        full = [e for e in people if " " in e.label and e.label.split()[-1] == alone.label]
        if len(full) == 1:
            facts.merge(full[0].key, alone.key)


def extract_initials(doc: Document, facts: Facts) -> None:
    """Initials used in minutes: the one person they fit, or a person of their own."""
    if not facts.of_class("Meeting"):
        return
    _surnames_alone(facts)
    _short_forms(doc, facts)
    people = facts.of_class("Person")
    taken = {label for e in facts.entities.values() if e.cls != "Person"
             for label in {e.label, *e.alt_labels}}
    taken |= set(defined_acronyms(doc)) | set(implied_acronyms(doc))
    known = {label: e.key for e in people for label in e.alt_labels}
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE:
            continue
        for m in USED.finditer(block.text):
            token = m.group(1) or m.group(2) or m.group(3)
            if not token.isupper() or token in WORDS:
                continue
            if token in known or token in taken:
                continue
            fits = [e for e in people if token in _initials(e.label)]
            if not fits:  # "Example" listed alone: AE may be them, by the surname's initial
                fits = [e for e in people if " " not in e.label and e.label[:1] == token[-1]]
            if len(fits) == 1:
                fits[0].alt_labels.add(token)
                known[token] = fits[0].key
            else:
                known[token] = facts.entity("Person", token, block.span, confidence=0.5)

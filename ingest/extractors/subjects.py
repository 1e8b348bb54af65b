"""Who does it: the body or person an element's own words name as its subject, or as its owners.

Plans and minutes often say who leads a commitment in the commitment itself — "Action 4: the
Records Office will publish its catalogue", "KDS will contact the suppliers" — or in the sentence
that introduces a list of them — "The Digital Service will:" followed by the items — or in
brackets at its end, by initials the minutes use ("Draft the survey (AB/CD)"). The subject
is a body, organisation, post or person the document names (or a body the subject's words make
one); pronouns, "we", "all partners" and bare initials that name no one are left alone.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import BlockKind, Document, Span
from plangraph.ingest.extractors.body_names import BodyFinder
from plangraph.ingest.extractors.context import contexts
from plangraph.ingest.extractors.names import is_person_name, strip_honorific
from plangraph.ingest.facts import Facts, normalise

ELEMENTS = {"Action", "Priority", "Outcome", "Recommendation"}
LEADERS = ("Board", "Organisation", "Post", "Person")
LABEL_PREFIX = re.compile(r"^\s*(?:(?:action|recommendation|commitment|milestone)\s*[\w.]*\s*[:.–-]\s*|"
                          r"\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+|[a-z][.)]\s+)", re.I)
WILL = r"(?:will|shall|is to|are to|should|must|agreed to)"
SUBJECT = re.compile(r"^(?:the\s+)?(?P<who>[A-Z][\w&'’./-]*(?:\s+(?:[A-Z][\w&'’./-]*|of|for|and|&|the|in|on))"
                     rf"{{0,8}}?)\s+(?:{WILL}|to)\s+(?!be\b|have\b|need\b)", re.S)
LEAD_IN_SUBJECT = re.compile(rf"^(?:the\s+)?(.+?)\s+{WILL}\s*:\s*$")
NOBODY = re.compile(r"^(?:we|they|it|this|these|all|each|every|partners?|members?|everyone|agencies|"
                    r"departments?|organisations?|services?|schools?|councils?|government|local|"
                    r"there|action|actions|priority|the plan|plans?)$", re.I)
OWNERS_AT_END = re.compile(r"\(\s*([A-Z][A-Za-z]{1,3}(?:\s*[/,&]\s*[A-Z][A-Za-z]{1,3})*)\s*\??\s*\)"
                           r"\s*\.?\s*$")
INITIALS = re.compile(r"^[A-Z]{2}$")  # "JT": a person's initials, more often than a body


class _Subjects:
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.finder = BodyFinder(facts)
        self.names: dict[str, str] = {}
        for ent in facts.entities.values():
            if ent.cls in LEADERS:
                for label in (ent.label, *ent.alt_labels):
                    self.names.setdefault(normalise(label), ent.key)

    def leader(self, who: str, span: Span) -> str | None:
        """The key of the body, post or person `who` names, if it names one."""
        who = re.sub(r"^the\s+", "", who.strip(), flags=re.I)
        if not who or NOBODY.match(who) or len(who.split()) > 9:
            return None
        known = self.names.get(normalise(who))
        if known:
            return known
        if INITIALS.match(who):
            return None  # "JT will send": initials that name no one the document lists
        found = self.finder.find(who, span)
        if found and found[0][0] == 0 and len(found) == 1:
            return found[0][1]
        if is_person_name(who, strict=True):
            name, honorific = strip_honorific(who)
            return self.facts.entity("Person", name, span, confidence=0.7, honorific=honorific)
        if re.fullmatch(r"[A-Z][A-Za-z&]{1,5}[A-Z]", who):  # "ORNL", "DfT": an organisation's short name
            return self.facts.entity("Organisation", who, span, confidence=0.6)
        return None

    def run(self) -> None:
        by_line: dict[int, list[str]] = {}
        for ent in self.facts.entities.values():
            if ent.cls in ELEMENTS:
                by_line.setdefault(ent.span.line_start, []).append(ent.key)
        ctxs = contexts(self.doc)
        lead_ins: dict[int, str | None] = {}
        for index, block in enumerate(self.doc.blocks):
            keys = by_line.get(block.span.line_start)
            if not keys or block.kind is BlockKind.TABLE:
                continue
            text = LABEL_PREFIX.sub("", " ".join(block.text.split()), count=1)
            owners = OWNERS_AT_END.search(block.text.split("\n")[0])
            if owners:  # "Draft the survey (AB/CD)": the people in brackets own it
                named = [self.names.get(normalise(t)) for t in re.split(r"\s*[/,&]\s*", owners.group(1))]
                for key in keys:
                    for who in filter(None, named):
                        self.facts.relate(key, "ledBy", who, block.span, confidence=0.7, role="owner")
            m = SUBJECT.match(text)
            who = self.leader(m.group("who"), block.span) if m else None
            ctx = ctxs[index]
            if who is None and ctx.lead_in and block.kind is BlockKind.LIST_ITEM:
                if ctx.lead_in_index not in lead_ins:
                    lead = self.doc.blocks[ctx.lead_in_index]
                    sentence = re.split(r"(?<=[.!?])\s+", " ".join(ctx.lead_in.split()))[-1]
                    m = LEAD_IN_SUBJECT.match(sentence)
                    lead_ins[ctx.lead_in_index] = self.leader(m.group(1), lead.span) if m else None
                who = lead_ins[ctx.lead_in_index]
            if who is None:
                continue
            for key in keys:
                if key != who:
                    self.facts.relate(key, "ledBy", who, block.span, confidence=0.7, role="subject")


def extract_subject_leads(doc: Document, facts: Facts) -> None:
    """ledBy from the subject of an element's sentence or of the lead-in above its list."""
    _Subjects(doc, facts).run()

"""Reporting lines between bodies, from the sentences that state them.

"A reports to B", "A, which in turn reports to B", "A is accountable to B through C" (A to C,
C to B), "A is a sub-group / sub-committee of B", "A nests within B", "A provides updates to B",
"A is appointed / governed by B", "A falls under B", "A advises B", and the
reverse forms "B oversees A" and "B receives reports from A" all give `org:reportsTo` from
the lower body to the higher, each with its sentence as evidence. A subject written as "this
group" or "the Hub" means the last body of that kind named before.
"""

from __future__ import annotations

import itertools
import re

from plangraph.ingest.document import BlockKind, Document, Span
from plangraph.ingest.extractors.body_names import BodyFinder, shared_noun_mentions
from plangraph.ingest.facts import Facts

UPWARD = re.compile(
    r"\b(?:report(?:s|ing|ed)?(?:\s+(?!to\b)[a-z]+){0,3}?\s+(?:in)?to|for submission to|"
    r"is accountable to|are accountable to|"
    r"accountable to|answerable to|(?:is |are |as )?(?:a )?sub[- ]?(?:groups?|committees?|boards?|panels?|"
    r"forums?) of|nests? within|provides? updates to|(?:is |are )?responsible to|feeds? into|"
    r"(?:is |are )?appointed by|(?:is |are )?governed by|falls? under|advises?|advising|"
    r"(?:is |are )?advisory to)\b", re.I)
DOWNWARD = re.compile(r"\b(?:oversees?|(?:is |are |will be )?advised by|"
                      r"receives?(?: and act upon)?(?: \w+){0,2} reports\b[^.]{0,60}?\bfrom|"
                      r"is supported by)\b", re.I)
THROUGH = re.compile(r"\bthrough\b", re.I)
ANAPHOR = re.compile(r"\b(?:this|the|that|its|these)\s+((?:[a-z-]+\s+){0,3}(group|board|partnership|"
                     r"trust|hub|committee|executive|forum|body|panel))\b", re.I)


class _Lines:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.finder = BodyFinder(facts)
        self.recent: list[str] = []  # body keys in order of mention, most recent last

    def _anaphor(self, text: str) -> tuple[int, str] | None:
        """'this integrated commissioning group' -> the last body whose name has that noun."""
        best = None
        for m in ANAPHOR.finditer(text):
            noun = m.group(2).lower()[:5]
            for key in reversed(self.recent):
                if any(w.startswith(noun) for w in self.facts.entities[key].label.lower().split()):
                    best = (m.start(), key)
                    break
        return best

    def _named_back(self, text: str) -> str | None:
        """'to the Partnership Board' (right after the verb) -> the last body whose name has all
        those words; a generic reference to a body named in full earlier in the document."""
        m = ANAPHOR.match(text.lstrip())
        if not m:
            return None
        wanted = [w.lower()[:5] for w in m.group(1).split()]
        main = self.facts.main_body
        if len(wanted) == 1 and main and wanted[0] in self.facts.entities[main].label.lower():
            return main  # "the Board" in a board's own papers is that board
        for key in reversed(self.recent):
            label = self.facts.entities[key].label.lower().split()
            if all(any(w.startswith(x) for w in label) for x in wanted):
                return key
        return None

    def subject_of(self, lead_in: str, span: Span) -> str | None:
        """The body a 'X will:' lead-in speaks for (named, or 'The Board' meaning the last one)."""
        named = [k for _, k in self.finder.find(lead_in, span)]
        if named:
            return named[-1]
        anaphor = self._anaphor(lead_in)
        return anaphor[1] if anaphor else None

    def sentence(self, text: str, span: Span, default_subject: str | None = None) -> None:
        verbs = sorted([*UPWARD.finditer(text), *DOWNWARD.finditer(text)], key=lambda v: v.start())
        # A sentence with no reporting verb only keeps track of the bodies already known (for "this
        # group" later); lines joined into one text must not invent bodies across line ends.
        mentions = [(p, k) for p, k in self.finder.find(text, span, known_only=not verbs)
                    if k.startswith("board:") or k.startswith("organisation:")]
        if verbs:  # "map, photo and film review groups will advise the Board": three
            boards = {e.label: e.key for e in self.facts.of_class("Board")}
            mentions = sorted(mentions + [(p, boards[name]) for p, name in shared_noun_mentions(text)
                                          if name in boards])
        previous: tuple[re.Match, list[str]] | None = None  # the sentence's last verb and its subjects
        for verb in verbs:
            subjects = []
            before = [(p, k) for p, k in mentions if p < verb.start()]
            after = [(p, k) for p, k in mentions if p > verb.start()]
            head = text[:verb.start()]
            anaphor = self._anaphor(head[-80:])
            clause = head[before[-1][0]:] if before else head
            shared = [k for p, k in before if p == before[-1][0]] if before else []
            if len(shared) > 1:  # bodies sharing one plural noun, right before the verb
                subject, confidence, subjects = shared[0], 0.8, shared
            elif previous and before and before[-1][0] > previous[0].end() and \
                    re.search(r"\band\s+[a-z]", text[before[-1][0]:verb.start()]) and "which" not in clause:
                # "A reports to B and sends a report to C": A is the subject of both
                subject, confidence, subjects = previous[1][0], 0.6, previous[1]
            elif before and "," in clause and not re.search(r"\bwhich\b", clause):
                # "The Hub will be a team hosted in X, accountable to Y": the sentence's subject
                first = self._anaphor(head[:40]) or (before[0] if before[0][0] < 40 else None)
                subject, confidence = (first[1], 0.6) if first else (before[-1][1], 0.6)
            elif anaphor and (not before or before[-1][0] < len(head) - 80 + anaphor[0]):
                subject, confidence = anaphor[1], 0.6
            elif before:
                subject, confidence = before[-1][1], 0.8
                subjects = _listed_with(before[::-1], text, backwards=True)
            elif default_subject:
                subject, confidence = default_subject, 0.6
            else:
                continue
            subjects = subjects or [subject]
            previous = (verb, subjects)
            if not after:
                target = self._named_back(text[verb.end():verb.end() + 60])
                if target and verb.re is UPWARD:
                    for lower in subjects:
                        self.link(lower, target, span, 0.6)
                continue
            if verb.re is DOWNWARD and after[0][0] - verb.end() > 40:
                continue
            target = after[0][1]
            through = THROUGH.search(text, after[0][0])
            if through and verb.re is UPWARD and len(subjects) == 1:
                via = [(p, k) for p, k in after if p > through.start()]
                if via and via[0][1] not in (subject, target):
                    self.link(subject, via[0][1], span, confidence)
                    self.link(via[0][1], target, span, confidence)
                    continue
            # "accountable to A, B and C"; "A, B and C report to D"; "D oversees A and B"
            targets = _listed_with(after, text) if len(verbs) == 1 else [target]
            lowers, highers = (targets, subjects) if verb.re is DOWNWARD else (subjects, targets)
            for lower in lowers:
                for higher in highers:
                    self.link(lower, higher, span, confidence)
        self.recent += [k for _, k in mentions]

    def link(self, lower: str, higher: str, span: Span, confidence: float) -> None:
        if lower != higher:
            self.facts.relate(lower, "reportsTo", higher, span, confidence=confidence)


LIST_GAP = re.compile(r"^(?:[A-Z(][\w'’()&/-]*|and|of|for|in|on|the|with|&|,|\s)*?"
                      r"(?:,|\band\b|&)\s*(?:the\s+)?$")


def _listed_with(mentions: list[tuple[int, str]], text: str, backwards: bool = False) -> list[str]:
    """The first mention and those listed with it ('A, B and C'): the text between two of them
    is a name and a separator, nothing else."""
    out = [mentions[0][1]]
    for (p1, _), (p2, key) in itertools.pairwise(mentions):
        gap = text[p2:p1] if backwards else text[p1:p2]
        if p1 != p2 and not LIST_GAP.match(gap):  # one position: bodies sharing a plural noun
            break
        out.append(key)
    return out


def extract_reporting_lines(doc: Document, facts: Facts) -> None:
    """`org:reportsTo` from every sentence that states a reporting line."""
    from plangraph.ingest.extractors.context import contexts

    lines = _Lines(facts)
    speakers: dict[int, str | None] = {}  # lead-in block -> the body its list speaks for
    for block, ctx in zip(doc.blocks, contexts(doc), strict=True):
        subject = None
        if ctx.lead_in and block.kind is BlockKind.LIST_ITEM:
            if ctx.lead_in_index not in speakers:
                speakers[ctx.lead_in_index] = lines.subject_of(ctx.lead_in, block.span)
            subject = speakers[ctx.lead_in_index]
        if block.kind is BlockKind.TABLE:
            texts = [(cell, span) for row, span in zip(block.rows, block.row_spans or
                                                        [block.span] * len(block.rows), strict=False)
                     for cell in row]
        else:
            texts = [(" ".join(block.text.split()), block.span)]
        for text, span in texts:
            for sentence in re.split(r"(?<=[.!?;])\s+(?=[A-Z])", text):
                lines.sentence(sentence, span, subject)
            _sub_group_names(facts, lines.finder, text, span)


def _sub_group_names(facts: Facts, finder: BodyFinder, text: str, span: Span) -> None:
    """'CAMHS Board NI50 Emotional Well Being Sub Group': a sub-group named under its board."""
    m = re.search(r"\b((?:[A-Z][\w'’&-]*\s+){0,5}Board)\s+((?:[\w'’&-]+\s+){1,6}Sub[- ]?Group)\b", text)
    if not m:
        return
    parent = finder.add(m.group(1), span)
    child = finder.add(m.group(2), span)
    if parent and child and parent != child:
        facts.relate(child, "reportsTo", parent, span, confidence=0.6)

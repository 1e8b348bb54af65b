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
        """The reporting lines one sentence states, linked; its bodies remembered for "this group" later."""
        verbs = sorted([*UPWARD.finditer(text), *DOWNWARD.finditer(text)], key=lambda v: v.start())
        mentions = self._mentions(text, span, verbs)
        previous: tuple[re.Match, list[str]] | None = None  # the sentence's last verb and its subjects
        for verb in verbs:
            before = [(p, k) for p, k in mentions if p < verb.start()]
            after = [(p, k) for p, k in mentions if p > verb.start()]
            found = self._subject(text, verb, before, previous, default_subject)
            if found is None:
                continue
            subject, confidence, subjects = found
            subjects = subjects or [subject]
            previous = (verb, subjects)
            self._link_verb(text, span, verb, after, (subject, confidence, subjects), len(verbs) == 1)
        self.recent += [k for _, k in mentions]

    def _mentions(self, text: str, span: Span, verbs: list[re.Match]) -> list[tuple[int, str]]:
        """The boards and organisations a sentence names, by position.

        A sentence with no reporting verb only keeps track of the bodies already known (for "this
        group" later); lines joined into one text must not invent bodies across line ends.
        """
        mentions = [(p, k) for p, k in self.finder.find(text, span, known_only=not verbs)
                    if k.startswith("board:") or k.startswith("organisation:")]
        if verbs:  # "map, photo and film review groups will advise the Board": three
            boards = {e.label: e.key for e in self.facts.of_class("Board")}
            mentions = sorted(mentions + [(p, boards[name]) for p, name in shared_noun_mentions(text)
                                          if name in boards])
        return mentions

    def _subject(self, text: str, verb: re.Match, before: list[tuple[int, str]],
                 previous: tuple[re.Match, list[str]] | None,
                 default_subject: str | None) -> tuple[str, float, list[str]] | None:
        """Who a verb speaks of: (body, confidence, the bodies listed with it); None when no one.

        Tried in order: bodies sharing one plural noun right before the verb, the subject of the
        sentence's previous verb ("A reports to B and ..."), the sentence's own subject before a
        comma, "this group", the body right before the verb, the list's lead-in body.
        """
        head = text[:verb.start()]
        anaphor = self._anaphor(head[-80:])
        clause = head[before[-1][0]:] if before else head
        shared = [k for p, k in before if p == before[-1][0]] if before else []
        if len(shared) > 1:  # bodies sharing one plural noun, right before the verb
            return shared[0], 0.8, shared
        if previous and _continues_previous(text, verb, before, previous, clause):
            return previous[1][0], 0.6, previous[1]
        if before and "," in clause and not re.search(r"\bwhich\b", clause):
            # "The Hub will be a team hosted in X, accountable to Y": the sentence's subject
            first = self._anaphor(head[:40]) or (before[0] if before[0][0] < 40 else None)
            return (first[1], 0.6, []) if first else (before[-1][1], 0.6, [])
        if anaphor and (not before or before[-1][0] < len(head) - 80 + anaphor[0]):
            return anaphor[1], 0.6, []
        if before:
            return before[-1][1], 0.8, _listed_with(before[::-1], text, backwards=True)
        if default_subject:
            return default_subject, 0.6, []
        return None

    def _link_verb(self, text: str, span: Span, verb: re.Match, after: list[tuple[int, str]],
                   subject: tuple[str, float, list[str]], only_verb: bool) -> None:
        """Links from a verb's subjects to the bodies after it (the other way round for a downward verb)."""
        key, confidence, subjects = subject
        if not after:
            target = self._named_back(text[verb.end():verb.end() + 60])
            if target and verb.re is UPWARD:
                for lower in subjects:
                    self.link(lower, target, span, 0.6)
            return
        if verb.re is DOWNWARD and after[0][0] - verb.end() > 40:
            return
        target = after[0][1]
        if verb.re is UPWARD and len(subjects) == 1 and \
                self._linked_through(text, span, after, key, target, confidence):
            return
        # "accountable to A, B and C"; "A, B and C report to D"; "D oversees A and B"
        targets = _listed_with(after, text) if only_verb else [target]
        lowers, highers = (targets, subjects) if verb.re is DOWNWARD else (subjects, targets)
        for lower in lowers:
            for higher in highers:
                self.link(lower, higher, span, confidence)

    def _linked_through(self, text: str, span: Span, after: list[tuple[int, str]], subject: str, target: str,
                        confidence: float) -> bool:
        """"A is accountable to B through C": A to C and C to B, if a third body follows "through"."""
        through = THROUGH.search(text, after[0][0])
        if not through:
            return False
        via = [(p, k) for p, k in after if p > through.start()]
        if not via or via[0][1] in (subject, target):
            return False
        self.link(subject, via[0][1], span, confidence)
        self.link(via[0][1], target, span, confidence)
        return True

    def link(self, lower: str, higher: str, span: Span, confidence: float) -> None:
        if lower != higher:
            self.facts.relate(lower, "reportsTo", higher, span, confidence=confidence)


def _continues_previous(text: str, verb: re.Match, before: list[tuple[int, str]],
                        previous: tuple[re.Match, list[str]], clause: str) -> bool:
    """"A reports to B and sends a report to C": A is the subject of both verbs."""
    return bool(before) and before[-1][0] > previous[0].end() and \
        bool(re.search(r"\band\s+[a-z]", text[before[-1][0]:verb.start()])) and "which" not in clause


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

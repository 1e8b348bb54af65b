"""The words plans use for the kinds of element they hold, and how they identify one.

One lexicon, as data: a plan says what its elements are with a kind word, in a heading
("Our priorities"), a lead-in ("The actions are:"), a column header ("Milestone") or an
identifier ("Action 12:", "Goal 2 –", "REC 7", "KPI 5"). The words were gathered by reading
strategies, action plans, outcomes frameworks, inquiry reports and terms of reference from
councils, health bodies, government departments and open-source foundations in several
countries (see docs/shapes.md), not from one document's headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# class -> kind words (singular, lower case). Order matters only for reading: longer phrases
# are tried first by the patterns below.
KINDS: dict[str, tuple[str, ...]] = {
    "Outcome": ("outcome", "goal", "aim", "ambition", "strategic aim", "strategic goal",
                "long-term outcome", "key theme", "strategic theme"),  # the top themes: end states
    "Priority": ("priority", "objective", "theme", "workstream", "work stream", "initiative",
                 "strategic initiative", "pillar", "strand", "work area", "focus area",
                 "key activity", "strategic priority", "strategic objective", "programme area"),
    "Action": ("action", "deliverable", "milestone", "commitment", "step", "task", "activity",
               "pledge", "key action", "action point"),
    "Indicator": ("indicator", "measure", "metric", "kpi", "key performance indicator",
                  "performance indicator", "performance measure", "success measure",
                  "measure of success", "measurement", "target"),
    "Recommendation": ("recommendation", "rec"),
    "Principle": ("principle", "value", "guiding principle", "core value", "cross-cutting theme"),
}
# Words that name elements only as a table's column: a "Challenges" column of an action plan
# holds what will be done, a "Challenges" heading of a strategy describes problems.
COLUMN_KINDS: dict[str, str] = {"challenge": "Action", "work area": "Priority"}
# Kind words that name a section of elements only in the plural: "Target" over a column is a
# value, "Value" a number, "Measurement" the way progress is judged.
PLURAL_ONLY = {"target", "value", "step", "task", "activity", "theme", "aim"}
# Kind words that identify an element only with a number ("Target 3:", "Step 2 -").
NUMBERED_ONLY = {"target", "step", "task", "value", "rec", "theme"}

_WORDS = sorted({(word, cls) for cls, words in KINDS.items() for word in words},
                key=lambda pair: -len(pair[0]))
CLASS_OF_WORD = {re.sub(r"[\s-]+", " ", word): cls for word, cls in _WORDS}


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def _alternation(words: list[str], plurals: bool) -> str:
    forms = []
    for word in words:
        forms.append(_phrase(word))
        if plurals:
            forms.append(_phrase(_plural(word)))
    return "|".join(sorted(forms, key=len, reverse=True))


def _phrase(words: str) -> str:
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", words))


# "Action 12: Title", "Goal 2 – Title", "KPI 5 Title", "REC 7.", "R7:", "Theme A - Title",
# "Principle: Title" (a kind word and a colon, no number).
IDENTIFIED = re.compile(
    r"^\s*(?:\*\*)?(?P<kind>" + _alternation([w for w, _ in _WORDS], plurals=False) + r"|R(?=\d))(?![a-z])"
    r"(?:\s*(?:no\.?|number|#)?\s*(?P<id>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?|[A-Z](?![\w'’])|"
    r"[ivxlc]{1,6}(?![\w'’])))?"
    r"\s*(?:\*\*)?\s*(?P<sep>[:.)|\t]|\s[-–—]|[-–—](?=\s))?\s*(?:\*\*)?\s*(?P<rest>.*)$",
    re.I | re.S)
KIND_WORDS = _alternation([w for w, _ in _WORDS], plurals=True)  # every kind word, either number
SECTION_WORD = re.compile(
    r"(?<![\w-])(?P<kind>" + KIND_WORDS + r")(?![\w-])"
    r"(?![\s-]+(?:plans?|framework|programme|strategy)\b)", re.I)  # "Action plan" is a plan


@dataclass(frozen=True)
class Identified:
    """An element introduced by its kind and identifier: 'Action 12: Publish the data'."""

    cls: str
    kind: str  # the kind word as written ("Action")
    ident: str | None  # "12", "2.1", "A"; None for "Principle: Title"
    name: str  # what follows the identifier, possibly empty (the name is in the next block)

    @property
    def label_id(self) -> str | None:
        """The identifier as a reader cites it: 'Action 12', 'REC 7'."""
        return f"{self.kind} {self.ident}" if self.ident else None


@lru_cache(maxsize=4096)  # headers and lead-ins repeat across a document's blocks
def identified(text: str) -> Identified | None:
    """Read 'Kind N: Name' (or 'Kind: Name') at the start of a heading, item or cell."""
    m = IDENTIFIED.match(text)
    if not m:
        return None
    kind = " ".join(m.group("kind").split())
    word = "rec" if kind.lower() == "r" else re.sub(r"[\s-]+", " ", kind.lower())
    cls = CLASS_OF_WORD.get(word)
    if cls is None:
        return None
    ident, sep, rest = m.group("id"), m.group("sep"), m.group("rest").strip()
    if ident is None:
        # "Principle: Title" names its kind with a colon; a bare kind word begins a sentence
        if sep != ":" or word in NUMBERED_ONLY or not rest[:1].isupper():
            return None
    else:
        if ident.isdigit() and int(ident) >= 1900:  # "Goal 2030" is a year, not an identifier
            return None
        if ident.isalpha() and ident.islower() and ident not in ("i", "v", "x") and len(ident) == 1:
            return None
        if not sep and rest and not (rest[:1].isupper() or rest[:1] in "'‘\"“"):
            return None  # "Priority 1 is to ..." is a sentence about it
        if kind.isupper() and len(kind) > 3 and not sep and not rest:
            return None
    rest = re.sub(r"^\*\*\s*|\s*\*\*$", "", rest).strip()
    return Identified(cls, kind, ident, rest)


@lru_cache(maxsize=4096)
def classes_named(text: str, column: bool = False) -> tuple[str, ...]:
    """The element classes a heading, lead-in or (`column`) column header names, in order of
    mention. A kind word that names a section only in the plural counts only in the plural."""
    hits: list[tuple[int, str]] = []
    for m in SECTION_WORD.finditer(text):
        written = re.sub(r"[\s-]+", " ", m.group("kind").lower())
        word = written if written in CLASS_OF_WORD else _singular(written)
        if word is None or (word in PLURAL_ONLY and written == word and not column):
            continue
        hits.append((m.start(), CLASS_OF_WORD[word]))
    if column:
        hits += [(m.start(), cls) for word, cls in COLUMN_KINDS.items()
                 for m in re.finditer(rf"\b{_phrase(word)}(?:e?s)?\b", text, re.I)]
    found: list[str] = []
    for _, cls in sorted(hits):
        if cls not in found:
            found.append(cls)
    return tuple(found)


def _singular(word: str) -> str | None:
    for candidate in (word[:-3] + "y" if word.endswith("ies") else None, word[:-2], word[:-1]):
        if candidate and candidate in CLASS_OF_WORD:
            return candidate
    return None


# A lead-in whose subject is a kind of element: "Deliverables:", "Our key indicators are:",
# "The following goals were agreed:", "...a set of indicators. These will include:" (not "For
# each priority, we identify:", which only mentions one).
LIST_OF_KIND = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}(?:" + KIND_WORDS + r")\b(?:[^:]{0,80}\b(?:are|include|includes|were|"
    r"will be|as follows|have been \w+(?: by [^:]{1,40})?))?\s*:-?\s*$"
    r"|\bthe following\s+(?:[\w'’-]+\s+){0,2}(?:" + KIND_WORDS + r")\b[^:]{0,100}:-?\s*$"
    r"|\b(?:" + KIND_WORDS + r")\.\s+(?:these|they)\s+(?:will\s+)?(?:include|are)\s*:-?\s*$",
    re.I)
NEXT_STEPS = re.compile(r"\bsteps\b", re.I)  # minutes' "next steps were identified as follows:"


@lru_cache(maxsize=4096)
def lead_in_kind(lead: str) -> str | None:
    """The class of the items a lead-in introduces, when a kind of element is its subject."""
    named = classes_named(lead)
    if len(named) == 1 and LIST_OF_KIND.search(lead) and not NEXT_STEPS.search(lead):
        return named[0]
    return None

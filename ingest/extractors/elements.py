"""Plan elements wherever a plan identifies them, and the outline they hang in.

Three shapes, found in plans of every publisher read for docs/shapes.md:

* **Identified items**: a heading, list item or paragraph that starts with a kind word and an
  identifier, "Action 12: Publish the data", "Goal 2 – Safer streets", "REC 7.", "Principle:
  Lead from the top". The kind word gives the class (`kinds.py`); the identifier is kept as an
  alternative label; what follows is the name.
* **Sections of one kind**: under a heading that names one kind of element in the plural
  ("Our priorities", "Key performance indicators"), the sub-headings and the list items are
  elements of that kind.
* **An element's own items**: the list right under an identified action (before any prose) is
  its steps, actions too; lists and table rows anywhere under an element hang from it.

The heading an element sits under is its parent (`pg:parent`); a priority or outcome above an
action is also what the action contributes to, and above an indicator what it measures. This
extractor runs after the others and reads again nothing they already read: a block that holds
an element of theirs is only linked into the outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plangraph.ingest.document import Block, BlockKind, Document, wrapped_lines
from plangraph.ingest.extractors.context import Context, contexts, heading_level, is_heading
from plangraph.ingest.extractors.hierarchy import NOT_AN_ELEMENT, not_an_element
from plangraph.ingest.extractors.kinds import KIND_WORDS, Identified, classes_named, identified
from plangraph.ingest.extractors.labels import clean_label, split_title_description
from plangraph.ingest.extractors.plan import document_title, is_meeting_paper
from plangraph.ingest.facts import INFERRED, STRUCTURE, Facts

ELEMENT_CLASSES = {"Outcome", "Priority", "Action", "Indicator", "Recommendation", "Principle"}
LEADING_NUMBER = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[a-z]?(?:[.):]|\s+[-–])|\(?[a-z][.)]|"
                            r"\(?[ivx]{1,5}[.)])\s+")
NAME_AND_DESCRIPTION = re.compile(r"^(?P<name>[A-Z‘'\"“][^:.;]{1,90}?)\s*:\s+(?P<rest>\S.{10,})$", re.S)
ITEM_NUMBER = re.compile(r"^\s*\(?(\d{1,3}(?:\.\d{1,3})*[a-z]?)(?:[.):]\s|\s+[-–]\s)")  # "3.", "8.8 -"
# An item or line that only names actions or recommendations opens a numbered log of them:
# "New and ongoing actions", "2. Completed actions" in minutes.
KIND_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]\s+)?(?:[\w-]+\s+){0,3}(?:actions?|action points?|"
                       r"recommendations?)\s*:?\s*$", re.I)
OWNERS = re.compile(r"\s*\((?:[A-Z]{2,5}(?:\s*[/,&]\s*|\s+and\s+)?)+\)\s*$")  # "(GG/TP)": who does it
SENTENCE_END = re.compile(r"(?<=[a-z0-9)'’\]])[.!?]\s+(?=[A-Z‘'\"“])")
# A heading that is nothing but a kind of element: its sub-headings are elements of that kind.
KIND_HEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:our|the|key|main|core|strategic|"
                          r"corporate|agreed|current|shared|headline)\s+)*(?:" + KIND_WORDS + r")\s*:?\s*$",
                          re.I)
# A lead-in committing someone to the items below: "Departments will:", "we will also:".
COMMITS = re.compile(r"^(?!(?:these|this|such|they|those|it)\b)[^.;:]{0,80}\bwill(?:\s+also)?\s*:\s*$", re.I)
# The class of a heading that groups elements of a kind a lead-in named before it.
GROUP_OF = {"Outcome": "Priority", "Priority": "Outcome", "Action": "Priority", "Indicator": "Outcome"}
# A heading ending in a plural noun names a category ("Projects", "Affiliated projects"), not a group
CATEGORY = re.compile(r"\b[a-z]{3,}(?<![su])s\s*$", re.I)
ITEM_LEVEL = 8  # below every heading: a heading of any level closes what a line opened
MAX_HEADING_WORDS = 24
MAX_LABEL_WORDS = 80
MIN_PAGE_ELEMENTS = 3


@dataclass
class _Open:
    """An element opened by a heading, or a section naming one kind, at a heading level."""

    level: int
    cls: str
    key: str | None = None  # None: a section of that kind, not an element
    titled: bool = False  # a section whose heading is just its kind ("Our priorities")
    block: Block | None = None  # the heading that opened it


def element_label(cls: str, text: str) -> tuple[str, str | None]:
    """The name of an element and, when the text goes on, its description.

    'Warm homes: cutting fuel poverty by 2030' -> ('Warm homes', 'cutting ...'); otherwise the
    first sentence (a recommendation's or action's text), or for outcomes and priorities the
    title before a dash ('Title – longer words').
    """
    text = " ".join(LEADING_NUMBER.sub("", text, count=1).split())
    named = NAME_AND_DESCRIPTION.match(text)
    if named and len(named.group("name").split()) <= 10:
        return clean_label(named.group("name")), named.group("rest").strip()
    first = SENTENCE_END.split(text, maxsplit=1)
    label = clean_label(OWNERS.sub("", clean_label(first[0])))
    rest = first[1].strip() if len(first) > 1 else None
    if cls in {"Outcome", "Priority"}:
        label, description = split_title_description(label)
        return label, description or rest
    return label, rest


def _title_like(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and not text.rstrip().endswith(("?", ":"))
            and not NOT_AN_ELEMENT.match(text))


class _Outline:
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.open: list[_Open] = []
        self.intro = False  # still in the list right under an element's heading
        self.by_line: dict[int, list[str]] = {}
        for ent in facts.entities.values():
            if ent.cls in ELEMENT_CLASSES:
                for span in [ent.span, *ent.spans]:
                    self.by_line.setdefault(span.line_start, []).append(ent.key)

    # -- the outline ---------------------------------------------------------------------------
    def close_to(self, level: int) -> None:
        self.open = [o for o in self.open if o.level < level]

    def parent(self) -> _Open | None:
        return next((o for o in reversed(self.open) if o.key), None)

    def section(self) -> _Open | None:
        """The innermost section of one kind, if nothing opened since is an element."""
        for o in reversed(self.open):
            return o if o.key is None else None
        return None

    # -- reading blocks --------------------------------------------------------------------------
    def heading(self, block: Block, ctx: Context) -> None:
        """A heading closes what it outranks and may open an element or a section of a kind."""
        level = heading_level(block)
        self.close_to(level)
        self.intro = False
        if ctx.ignored:
            return
        known = self.by_line.get(block.span.line_start)
        ident = identified(block.text)
        key, cls = None, None
        if known:  # another extractor read it: it still frames what follows
            key, cls = known[0], self.facts.entities[known[0]].cls
        elif ident and ident.name and ident.cls in ELEMENT_CLASSES:
            self.group(ident.cls)
            key, cls = self.add(ident.cls, ident.name, block, ident, heading=True), ident.cls
        elif ctx.carried and _title_like(block.text) and not CATEGORY.search(block.text):
            # "the following goals:" then "## Starting Well" over its goals: a group of them
            cls = GROUP_OF.get(ctx.carried)
            key = self.add(cls, block.text, block, heading=True) if cls else None
        elif (section := self.section()) and section.titled and _title_like(block.text) and \
                not classes_named(block.text):
            key, cls = self.add(section.cls, block.text, block, heading=True), section.cls
        else:
            named = classes_named(block.text)
            if len(named) == 1:
                self.open.append(_Open(level, named[0], titled=bool(KIND_HEADING.match(block.text)),
                                       block=block))
            return
        if key and cls:
            self.open.append(_Open(level, cls, key))
            self.intro = not ctx.carried

    def item(self, block: Block, ctx: Context) -> None:
        """A paragraph, list item or table under the headings read so far."""
        known = self.by_line.get(block.span.line_start) or []
        if block.is_table:
            for span in block.row_spans:
                for key in self.by_line.get(span.line_start, []):
                    self.link(key, block)
            return
        if known:
            for key in known:
                self.link(key, block)
                self.cite(key, block)
            return
        first = block.text.splitlines()[0] if block.text else ""
        ident = identified(first) if len(first.split()) <= MAX_LABEL_WORDS else None
        if ident and ident.name and ident.cls in ELEMENT_CLASSES:
            text = ident.name if block.kind is BlockKind.LIST_ITEM else \
                " ".join([ident.name, *block.text.splitlines()[1:]])
            self.add(ident.cls, text, block, ident)
            return
        if block.kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH) and KIND_LINE.match(block.text):
            self.close_to(ITEM_LEVEL)  # "Completed actions": a log of numbered actions follows
            self.open.append(_Open(ITEM_LEVEL, classes_named(block.text)[0], titled=True))
            return
        logged = self.section()
        if logged is not None and logged.level == ITEM_LEVEL and not ITEM_NUMBER.match(block.text):
            self.close_to(ITEM_LEVEL)  # a log holds numbered entries only: anything else ends it
        numbered = block.kind is BlockKind.PARAGRAPH and bool(ITEM_NUMBER.match(block.text)) and \
            len(block.text.split()) <= MAX_LABEL_WORDS  # a PDF's list has no list markup
        if block.kind is BlockKind.LIST_ITEM or numbered:
            self.list_item(block, ctx)
        elif block.kind is BlockKind.PARAGRAPH:
            self.intro = False  # prose: what follows is no longer the element's own list

    def list_item(self, block: Block, ctx: Context) -> None:
        section, parent = self.section(), self.parent()
        if ctx.lead_in:
            # "Central teams will:" under an action: what they will do are its steps
            if parent is not None and parent.cls == "Action" and COMMITS.search(ctx.lead_sentence):
                self.add("Action", block.text, block)
            # "## Culture and values" / "### Our people:" / "- are open and curious": a heading
            # that introduces a list inside a section of one kind lists that kind
            elif section is not None and ctx.lead_in_index == ctx.heading_index >= 0 and \
                    not classes_named(ctx.lead_in):
                self.add(section.cls, block.text, block)
        elif section is not None and section.titled:
            lines = block.text.splitlines()
            self.add(section.cls, " ".join(lines[:wrapped_lines(lines)]), block)
        elif parent is not None and parent.cls == "Action" and self.intro:
            self.add("Action", block.text, block)

    # -- writing -------------------------------------------------------------------------------
    def add(self, cls: str, text: str, block: Block, ident: Identified | None = None,
            heading: bool = False) -> str | None:
        label, description = element_label(cls, text)
        words = label.split()
        if not words or len(words) > MAX_LABEL_WORDS or not_an_element(cls, label):
            return None
        if len(words) < 2 and not (heading or ident) and not label[:1].isupper():
            return None
        key = self.facts.entity(cls, label, block.span, confidence=STRUCTURE,
                                number=ident.ident if ident else None, description=description)
        ent = self.facts.entities[key]
        if ident and ident.label_id:
            ent.alt_labels.add(ident.label_id)
            if ident.name:
                ent.alt_labels.add(f"{ident.label_id}: {ident.name}")
        if self.facts.plan:
            self.facts.relate(key, "partOf", self.facts.plan, block.span)
        self.link(key, block)
        self.cite(key, block)
        return key

    def group(self, cls: str) -> None:
        """'## Agency actions' over '### Action 1: …': a heading that qualifies a kind groups
        the identified elements under it, and is a broader element, their parent."""
        section = self.section()
        if section is None or section.titled or section.block is None or section.cls != cls \
                or cls not in GROUP_OF:
            return
        section.key = self.add(GROUP_OF[cls], section.block.text, section.block, heading=True)
        if section.key:
            section.cls = GROUP_OF[cls]

    def cite(self, key: str, block: Block) -> None:
        """A numbered item in a section of its kind is cited as 'Recommendation 3'."""
        section = next((o for o in reversed(self.open) if o.key is None), None)
        number = ITEM_NUMBER.match(block.text)
        ent = self.facts.entities[key]
        if section is not None and section.cls == ent.cls and number:
            ent.alt_labels.add(f"{ent.cls} {number.group(1)}")

    def link(self, key: str, block: Block) -> None:
        """Hang an element from the element it sits under."""
        parent = self.parent()
        if parent is None or parent.key == key:
            return
        cls = self.facts.entities[key].cls
        self.facts.relate(key, "parent", parent.key, block.span, confidence=STRUCTURE)  # the outline
        if cls == "Indicator" and parent.cls in {"Outcome", "Priority"}:
            self.facts.relate(key, "measures", parent.key, block.span, confidence=STRUCTURE)
        elif cls in {"Action", "Priority"} and parent.cls in {"Outcome", "Priority"} and cls != parent.cls:
            self.facts.relate(key, "contributesTo", parent.key, block.span, confidence=STRUCTURE)


def extract_elements(doc: Document, facts: Facts) -> None:
    """Identified items, sections of one kind and an element's own items (see the module)."""
    outline = _Outline(doc, facts)
    for block, ctx in zip(doc.blocks, contexts(doc), strict=True):
        if is_heading(block):
            outline.heading(block, ctx)
        elif not ctx.ignored:
            outline.item(block, ctx)
    _page_plan(doc, facts)


def _page_plan(doc: Document, facts: Facts) -> None:
    """A page of elements is a plan even without a plan noun in its title ('Principles and
    actions'): its title names the plan its elements belong to. Minutes and terms of reference
    are not plans."""
    if facts.plan is not None:
        return
    elements = [e for e in facts.entities.values() if e.cls in ELEMENT_CLASSES - {"Recommendation"}]
    own = document_title(doc)
    if len(elements) < MIN_PAGE_ELEMENTS or own is None or is_meeting_paper(own[0]):
        return
    block = doc.blocks[own[1]]
    facts.plan = facts.entity("Plan", own[0], block.span, confidence=INFERRED)
    for ent in elements:
        if not facts.has(ent.key, "partOf"):
            facts.relate(ent.key, "partOf", facts.plan, ent.span, confidence=INFERRED)

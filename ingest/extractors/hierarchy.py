"""Numbered hierarchies: outcomes, sub-outcomes, priorities and the indicators listed under them.

Shapes, not names: "1. Title" / "Outcome 1: Title" is a top-level element, "1a." or "1.2" its
child, and "i)" / "(ii)" / "a)" items below a child are indicators when the section is about
outcomes or indicators. "3.1 Title" headings under a "3. Our priorities" heading, and
"Priority 3 – Title – description" lines, are priorities. What a numbered line is comes from
the heading it sits under, so report paragraphs numbered "1.", "2." are left alone.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Block, BlockKind, Document
from plangraph.ingest.extractors.context import Context, contexts, is_heading, topics_of
from plangraph.ingest.extractors.dates import parse_due
from plangraph.ingest.extractors.labels import clean_label, plan_tag, split_title_description, untagged
from plangraph.ingest.facts import Facts

TOP = re.compile(r"^\s*(?:(?:outcome|ambition|aim)\s+)?(\d{1,2})[.):]\s+(\S.*)$", re.I)
SUB = re.compile(r"^\s*(\d{1,2})(?:([a-z])[.):]|\.(\d{1,2})\.?)\s+(\S.*)$")
ITEM = re.compile(r"^\s*\(?([ivx]{1,6}|[a-h])[.)]\s+(\S.*)$")
PRIORITY_LINE = re.compile(
    r"^\s*(?:priority|objective)\s+(\d{1,2}[a-z]?)\s*[-–—:.)]\s*(.+)$", re.I)
NOT_AN_ELEMENT = re.compile(
    r"^(?:summary|overview|introduction|contents|appendix|background|references?|glossary|"
    r"foreword|why\b|what\b|how\b|when\b|who\b|where\b|more about|other work|"
    r"for more information|"
    r"(?:our |the |key |strategic |improvement |partnership )*(?:priorities|outcomes|indicators|"
    r"principles|actions|objectives|recommendations|themes)\b(?! (?:to|of|in|and|by|with)\b))",
    re.I)
MAX_WORDS = 40
# A document-control or cover-sheet field is not an element: "Date | 12 March 2026".
FIELD_NAME = re.compile(r"^(?:date|time|version|status|author|owner|meeting|agenda item(?: number)?|"
                        r"report (?:of|to|title)|review date|classification|governed by|approved by|"
                        r"document (?:owner|title|control)|contact|venue|place)\W*$", re.I)


def not_an_element(cls: str, label: str) -> bool:
    """A heading word ("Our priorities"), a cover-sheet field ("Date") or, for an outcome or
    priority, a person ("Priority 1: Dr Ann Other, Director of ..." names its sponsor)."""
    return bool(NOT_AN_ELEMENT.match(label) or FIELD_NAME.match(label.strip()) or
                (cls in {"Outcome", "Priority", "Principle"} and _names_a_person(label)))


def _is_title(text: str) -> bool:
    """Short enough and shaped like a title, not a paragraph of prose."""
    words = text.split()
    if not words or len(words) > MAX_WORDS:
        return False
    return not (len(words) > 20 and text.rstrip().endswith("."))


class _Outline:
    """The numbered elements seen so far in this document, by number."""

    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.keys: dict[str, str] = {}  # number -> fact key
        self.headings: dict[str, str] = {}  # number -> heading text

    def element(self, cls: str, number: str, label: str, block: Block, parent: str | None) -> str:
        label, description = split_title_description(label)
        key = f"{cls.lower()}:#{number}"
        if key in self.facts.entities and self.facts.entities[key].cls != cls:
            key += ":" + cls.lower()
        key = self.facts.entity(cls, clean_label(label), block.span, key=key, number=number,
                                description=description)
        self.keys[number] = key
        if self.facts.plan:
            self.facts.relate(key, "partOf", self.facts.plan, block.span)
        if parent and parent in self.keys:
            self.facts.relate(key, "parent", self.keys[parent], block.span)
        return key


def _section_topics(ctx: Context, outline: _Outline, number: str | None = None) -> set[str]:
    topics = ctx.heading_topics()
    if number and "." in number:  # "3.1" lives in section "3"
        parent_heading = outline.headings.get(number.split(".")[0], "")
        topics |= topics_of(parent_heading)
    return topics


def extract_hierarchies(doc: Document, facts: Facts) -> None:
    """Outcomes, sub-outcomes, numbered priorities and listed indicators."""
    outline = _Outline(doc, facts)
    current: str | None = None  # key of the element indicators attach to
    parent_ctx = Context()
    for block, own_ctx in zip(doc.blocks, contexts(doc), strict=True):
        # A numbered heading is typed by the section it opens under, not by its own words.
        if is_heading(block):
            ctx = parent_ctx
            if not re.match(r"^\s*\d", block.text):
                parent_ctx = own_ctx
        else:
            ctx = own_ctx
        if block.kind is BlockKind.TABLE or own_ctx.ignored:
            continue
        first = block.text.splitlines()[0] if block.text else ""
        if is_heading(block):
            heading = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.+)$", first)
            if heading:
                outline.headings[heading.group(1)] = heading.group(2)
        current = _read_line(outline, block, ctx, first, current)


def _read_line(outline: _Outline, block: Block, ctx: Context, first: str, current: str | None) -> str | None:
    """The element a block's first line numbers ('Priority 3 – ...', '1.2 ...', '1. ...', 'ii) ...'),
    if any; returns the element later indicators attach to."""
    priority = PRIORITY_LINE.match(first)
    if priority and _is_title(priority.group(2)) and not _names_a_person(priority.group(2)):
        return outline.element("Priority", priority.group(1), priority.group(2), block, None)
    topics = _section_topics(ctx, outline)
    sub = SUB.match(first)
    top = TOP.match(first)
    item = ITEM.match(first)
    if sub:
        return _sub_element(outline, sub, block, ctx, current)
    if top and not item:
        cls = _numbered_class(topics, sub=False)
        if cls and _is_title(top.group(2)) and not NOT_AN_ELEMENT.match(top.group(2)):
            return outline.element(cls, top.group(1), top.group(2), block, None)
        return None if is_heading(block) else current
    if item and current and ("outcome" in topics or "indicator" in topics):
        owner = outline.facts.entities[current]
        if owner.cls in {"Outcome", "Priority"} and _is_title(item.group(2)):
            _indicator(outline.facts, item.group(2), block, current)
        return current
    if is_heading(block) and not topics & {"outcome", "indicator"}:
        return None
    return current


def _sub_element(outline: _Outline, sub: re.Match[str], block: Block, ctx: Context,
                 current: str | None) -> str | None:
    """A child element ('1a.', '1.2'), typed by its own section or its parent's; returns the
    element later indicators attach to."""
    number = sub.group(1) + (sub.group(2) or "." + (sub.group(3) or ""))
    label = sub.group(4)
    topics = _section_topics(ctx, outline, number)
    cls = _numbered_class(topics, sub=True)
    if cls and _is_title(label) and not NOT_AN_ELEMENT.match(label):
        parent = sub.group(1) if sub.group(1) in outline.keys else None
        return outline.element(cls, number, label, block, parent)
    return current


def _names_a_person(text: str) -> bool:
    """'Priority 1: Dr Priya Nair, Director of Public Health' names a sponsor, not a priority."""
    from plangraph.ingest.extractors.names import is_person_name

    return is_person_name(re.split(r"[,(–-]", text)[0].strip(), strict=True)


def _numbered_class(topics: set[str], sub: bool) -> str | None:
    if "priority" in topics and "outcome" not in topics:
        return "Priority"
    if "outcome" in topics or (sub and "indicator" in topics):
        return "Outcome"
    if "indicator" in topics:
        return "Outcome"
    return None


def _indicator(facts: Facts, text: str, block: Block, measured: str) -> str:
    """An indicator listed under an outcome or priority; '(X Plan target)' links plan X."""
    label = clean_label(text)
    key = facts.entity("Indicator", label, block.span)
    short = untagged(label)
    if short:
        facts.entities[key].alt_labels.add(short)
    facts.relate(key, "measures", measured, block.span)
    if facts.plan:
        facts.relate(key, "partOf", facts.plan, block.span)
    tagged = plan_tag(label)
    if tagged:
        plan = facts.entity("Plan", tagged, block.span)
        facts.relate(key, "partOf", plan, block.span)
        if facts.plan:
            facts.relate(facts.plan, "references", plan, block.span)
    due = parse_due(label)
    if due and "target" in label.lower():
        facts.entities[key].add_prop("dueDate", due[0])
    return key

"""Lists whose lead-in or heading says what their items are.

"The principles are as follows:" -> principles; "the Partnership will:" -> actions led by the
Partnership; "Our priorities for action are to:" -> priorities; "It is recommended that:" ->
recommendations; "the outcomes ... of:" -> outcomes. Dated "will" sentences under a heading
such as "When we will do this" are actions too. Actions inside a numbered priority section
contribute to that priority.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Block, BlockKind, Document
from plangraph.ingest.extractors.context import Context, contexts
from plangraph.ingest.extractors.dates import parse_due
from plangraph.ingest.extractors.hierarchy import NOT_AN_ELEMENT, PRIORITY_LINE
from plangraph.ingest.extractors.kinds import lead_in_kind
from plangraph.ingest.extractors.labels import clean_label, split_title_description
from plangraph.ingest.extractors.matching import best_match, find_same
from plangraph.ingest.extractors.references import NAME as PLAN_NAME
from plangraph.ingest.facts import Facts

ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[a-z]?[.)]|\(?[ivx]{1,5}[.)]|\(?[a-z][.)]|"
                         r"(?:REC|Recommendation)\s*\d+\s*[:.)-])\s*", re.I)
REC_LINE = re.compile(r"^\s*(?:REC|Recommendation)\s*(\d{1,2})\s*[:.)-]\s*(\S.+)$", re.I)
WILL_LEAD = re.compile(r"([^,.;:]*?)\s+will(?:\s+also)?(?:\s+continue(?:\s+to)?)?\s*:\s*$")
BODY = re.compile(r"\b(?:Board|Partnership|Trust|Group|Forum|Hub|Committee|Executive|Network|"
                  r"Taskforce|Task Force|Panel|Council|Alliance)\b")
DATED_WILL = re.compile(r"\bwill\b.*\b(?:by|in|from|during|before|until)\b", re.I)
VAGUE_SUBJECT = re.compile(r"^(?:a number of|some|several|many|various|all|these|this|it)\b", re.I)
AMBITION = re.compile(r"\bour (?:shared |overall )?ambition\b[^.]{0,80}?\bis (?:that|for|to)\s+(.+?)\.?$",
                      re.I)
AMBITION_HEADING = re.compile(r"^\s*(?:our |the )?(?:shared |overall )?ambitions?\s*$", re.I)
# Elaboration after a list item's name: "Youth Matters, including providing ...".
TRAILING_CLAUSE = re.compile(r",\s+(?:including|supporting|which|where|so that|in order to)\b")
WE_WILL = re.compile(r"^\s*(?:we|the (?:partnership|board|council)) will\b", re.I)
CHANGE = re.compile(r"^\s*(?:[A-Za-z]+ing|more|fewer|less|better|increased|reduced|improved)\b", re.I)
ACTION_SECTION = re.compile(r"\bwhen we will\b|\bmilestones?\b|\btimescales?\b|\bnext steps\b", re.I)


def first_sentence(text: str) -> str:
    """An item's first sentence: what follows ('This will...') is detail, not the element."""
    return re.split(r"(?<=[a-z0-9)'’])\.\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]


def _item_text(block: Block) -> str:
    text = " ".join(block.text.split())
    return ITEM_NUMBER.sub("", text, count=1)


def _kind_of_lead(lead: str) -> str | None:
    if re.search(r"recommend", lead, re.I):
        return "Recommendation"
    if re.search(r"\bprinciples?\b", lead, re.I):
        return "Principle"
    if WILL_LEAD.search(lead):
        return "Action" if _will_subject(lead) else "none"
    if re.search(r"\b(?:priority |key |planned )?actions\b(?! plans?\b)", lead, re.I):
        return "Action"
    if re.search(r"\bpriorit(?:y|ies)\b|\bobjectives\b|\bwork (?:areas|strands)\b", lead, re.I) and \
            re.search(r"(?:are|to|priorities|objectives|include|areas|strands)\s*:\s*$", lead, re.I):
        return "Priority"
    if re.search(r"\b(?:pledges?|commitments?|actions?)\b", lead, re.I):
        return "Action"
    if re.search(r"\boutcomes\b", lead, re.I) and re.search(r"(?:of|are|include)\s*:\s*$", lead, re.I):
        return "Outcome"
    return lead_in_kind(lead)  # "Deliverables:", "the following goals:", "Our values are:"


def _kind(ctx: Context) -> str | None:
    """What the items of a list are, from its lead-in (first) or its heading."""
    if ctx.lead_in:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", ctx.lead_in.strip())
        for lead in (sentences[-1], ctx.lead_sentence):
            lead = re.sub(r"\bpriorities for action\b", "priorities", lead, flags=re.I)
            kind = _kind_of_lead(lead)
            if kind:
                return None if kind == "none" else kind
    lead = ctx.lead_in
    topics = ctx.heading_topics()
    if "outcome" in topics and lead and "indicator" not in topics:
        return "Outcome"
    if "recommendation" in topics:
        return "Recommendation"
    if "principle" in topics:
        return "Principle"
    if "action" in topics and (not lead or _will_subject(lead)) and \
            (lead or ACTION_SECTION.search(ctx.heading)):
        return "Action"
    return ctx.carried


def _section_priority(ctx: Context, facts: Facts) -> str | None:
    """The priority whose numbered section this block sits in, if any."""
    if ctx.numbered is None:
        return None
    for key in (f"priority:#{ctx.numbered[0]}",):
        if key in facts.entities:
            return key
    return None


def extract_lists(doc: Document, facts: Facts) -> None:
    """Principles, actions, priorities, outcomes and recommendations from introduced lists."""
    priority: str | None = None  # the last "Priority N – Title" line: its "We will" items serve it
    for index, (block, ctx) in enumerate(zip(doc.blocks, contexts(doc), strict=True)):
        if block.kind is BlockKind.TABLE or ctx.ignored:
            continue
        line = PRIORITY_LINE.match(block.text)
        if line and f"priority:#{line.group(1)}" in facts.entities:
            priority = f"priority:#{line.group(1)}"
        elif block.kind is BlockKind.HEADING:
            priority = None
        if block.kind is BlockKind.LIST_ITEM and WE_WILL.match(block.text) and not ctx.lead_in:
            _element(facts, "Action", block.text, block, ctx, serves=priority)
            continue
        if block.kind is BlockKind.PARAGRAPH:
            _ambitions(facts, block, ctx, first=ctx.heading_index == index - 1)
        rec = REC_LINE.match(block.text)
        if rec:
            _element(facts, "Recommendation", rec.group(2), block, ctx, number=rec.group(1))
            continue
        if block.link:
            continue  # a list of links is a list of documents, not of elements
        is_item = block.kind is BlockKind.LIST_ITEM or (
            bool(ITEM_NUMBER.match(block.text)) and len(block.text.split()) <= 30)
        kind = _kind(ctx)
        if is_item and kind and (ctx.lead_in or block.kind is BlockKind.LIST_ITEM):
            _element(facts, kind, _item_text(block), block, ctx)
        elif block.kind is BlockKind.PARAGRAPH and ACTION_SECTION.search(ctx.heading):
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(block.text.split())):
                if DATED_WILL.search(sentence) and parse_due(sentence) and \
                        not VAGUE_SUBJECT.match(sentence) and not sentence.endswith(":"):
                    _element(facts, "Action", sentence, block, ctx)


def _element(facts: Facts, cls: str, text: str, block: Block, ctx: Context,
             number: str | None = None, serves: str | None = None) -> None:
    """One item as an element of class cls, with the plan, broader element, priority and leader
    its context gives it."""
    named = _label_and_description(cls, text)
    if named is None:
        return
    label, description = named
    if cls in {"Priority", "Outcome"} and _section_priority(ctx, facts) and \
            _names_other_plan(ctx.lead_in, facts):
        return  # another strategy's priorities, described inside one of ours
    key = _same_or_new(facts, cls, label, block, number, description)
    owner = _owning_plan(facts, ctx)
    if owner:
        facts.relate(key, "partOf", owner, block.span)
    if cls in {"Priority", "Outcome"} and ctx.numbered:
        broader = best_match(ctx.numbered[1], [e for e in facts.entities.values()
                                               if e.cls == cls and e.key != key])
        if broader is not None:
            facts.relate(key, "parent", broader.key, block.span, confidence=0.7)
    if cls == "Action":
        _action_links(facts, key, label, block, ctx, serves)
    if cls == "Recommendation" and facts.plan:
        facts.relate(key, "concerns", facts.plan, block.span, confidence=0.6)


def _label_and_description(cls: str, text: str) -> tuple[str, str | None] | None:
    """The label (and, for a priority or outcome, the description) an item gives an element of
    class cls; None when the item names no such element."""
    label = clean_label(first_sentence(text))
    if cls == "Indicator" and CHANGE.match(label):
        return None  # "reducing teenage conceptions" is a change sought; a measure names what is counted
    if cls in {"Priority", "Outcome"}:
        label, description = split_title_description(label)
        label = TRAILING_CLAUSE.split(label)[0]
    else:
        description = None
    label = re.sub(r"^(?:We|They|It) will\s+", "", label)
    named = len(label.split()) == 1 and any(c.isupper() for c in label)  # "myGov", "Participation"
    if not any(c.isupper() for c in label[1:]):  # "myGov" keeps its own capitals
        label = label[:1].upper() + label[1:] if label else label
    words = label.split()
    if not (2 <= len(words) <= 60 or named) or NOT_AN_ELEMENT.match(label) or label.endswith("?"):
        return None
    return label, description


def _same_or_new(facts: Facts, cls: str, label: str, block: Block, number: str | None,
                 description: str | None) -> str:
    """The key of the element of class cls the label names: one met before (this label kept as
    another name for it) or a new one."""
    existing = find_same(facts, {cls}, label)
    if existing is None:
        return facts.entity(cls, label, block.span, number=number, description=description)
    if label != existing.label:
        existing.alt_labels.add(label)
        existing.spans.append(block.span)
    return existing.key


def _action_links(facts: Facts, key: str, label: str, block: Block, ctx: Context,
                  serves: str | None) -> None:
    """An action's due date, the priority it serves and the body the lead-in says leads it."""
    due = parse_due(label)
    if due:
        facts.entities[key].add_prop("dueDate", due[0])
        facts.entities[key].add_prop("dueText", due[1])
    priority = serves or _section_priority(ctx, facts)
    if priority:
        facts.relate(key, "contributesTo", priority, block.span, confidence=0.8)
    leader = _lead_in_body(ctx.lead_in)
    if leader:
        body = facts.entity("Board", leader, block.span, confidence=0.7)
        facts.relate(key, "ledBy", body, block.span, confidence=0.8, role="lead")


def _ambitions(facts: Facts, block: Block, ctx: Context, first: bool) -> None:
    """A plan's stated ambition is a desired end state: an outcome its section's priority feeds."""
    text = " ".join(block.text.split())
    found = []
    if first and AMBITION_HEADING.match(ctx.heading) and len(text.split()) <= 60:
        found.append(text)
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        m = AMBITION.search(sentence)
        if m:
            found.append(m.group(1))
    for label in found:
        key = facts.entity("Outcome", clean_label(label), block.span, confidence=0.7)
        if facts.plan:
            facts.relate(key, "partOf", facts.plan, block.span)
        priority = _section_priority(ctx, facts)
        if priority:
            facts.relate(priority, "contributesTo", key, block.span, confidence=0.7)


def _names_other_plan(text: str, facts: Facts) -> bool:
    for m in PLAN_NAME.finditer(text or ""):
        named = find_same(facts, {"Plan"}, m.group(1).split(" the ")[-1])
        if named is not None and named.key != facts.plan:
            return True
    return False


def _owning_plan(facts: Facts, ctx: Context) -> str | None:
    """Items of a list introduced as another plan's pledges belong to that plan."""
    if ctx.lead_in and re.search(r"\bpledges?\b", ctx.lead_in, re.I):
        for m in PLAN_NAME.finditer(ctx.lead_in):
            named = find_same(facts, {"Plan"}, m.group(1).split(" the ")[-1])
            if named is not None and named.key != facts.plan:
                return named.key
    return facts.plan


def _will_subject(lead_in: str) -> str | None:
    """Who a 'X will:' lead-in commits: 'we', 'work' or a body; None for 'This will:'."""
    m = WILL_LEAD.search(lead_in or "")
    if not m:
        return None
    subject = m.group(1).strip()
    named = list(re.finditer(r"\bthe\s+(?=[A-Z])", subject))
    if named:  # "Over the coming year the Safer Elmsworth Partnership" -> the body
        subject = subject[named[-1].end():]
    elif re.search(r"\bwe$", subject, re.I):
        subject = "we"
    subject = re.sub(r"^the\s+", "", subject.strip(), flags=re.I)
    if subject.lower() in {"we", "work", "we also", "partners"}:
        return subject
    if BODY.search(subject) and subject[:1].isupper() and len(subject.split()) <= 8:
        return subject
    return None


def _lead_in_body(lead_in: str) -> str | None:
    """'Over the next year, the Children's Partnership will:' -> "Children's Partnership"."""
    subject = _will_subject(lead_in)
    return subject if subject and BODY.search(subject) else None

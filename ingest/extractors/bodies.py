"""Boards and organisations: named in prose, listed as partners and members, publishing plans.

A body is a run of capitalised words ending in a body noun. Governance nouns (Board, Group,
Forum, Committee, Executive, Taskforce, Partnership...) make a `pg:Board`; agency nouns
(Council, Police, Trust, Service, Team, Agency, Ltd, College, School...) make a
`pg:Organisation`, with the exceptions plans really use ("Children's Trust" and "Youth
Council" govern; a "Clinical Commissioning Group" or a "Care Partnership" provides). A name
followed by "(ACRONYM)" teaches the acronym. Lists introduced as partners or members
("relevant partners are:", "the Board, which includes:") give memberships, and their lines in
the "Post; Organisation" shape give posts in organisations. "It is published by X" and a body
named on a plan's title page give `pg:publishedBy`; "X oversees / manages / leads this plan"
and "X is accountable for this work" give `pg:ledBy`.
"""

from __future__ import annotations

import itertools
import re

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.body_names import (
    ACCOUNTABLE_WORK,
    BOARD_NOUN,
    LEADS_PLAN,
    MEMBERSHIP_HEADING,
    PAPER_KIND,
    PARTNER_LEAD,
    POST_WORDS,
    PROSE_LINE,
    PUBLISHED_BY,
    SEP_POST_ORG,
    BodyFinder,
    lower_case_bodies,
    named_after_cue,
    named_class,
    shared_noun_bodies,
    tidy_body,
    title_case,
)
from plangraph.ingest.extractors.context import contexts, is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.names import contact_parts, is_person_name
from plangraph.ingest.facts import Facts, normalise


def _texts(block: Block) -> list[tuple[str, Span]]:
    if block.kind is BlockKind.TABLE:
        spans = block.row_spans or [block.span] * len(block.rows)
        return [(cell, span) for row, span in zip(block.rows, spans, strict=False) for cell in row]
    text = block.text
    if block.kind is BlockKind.HEADING:
        text = PAPER_KIND.sub("", text) or text
    lines = text.split("\n")
    if len(lines) > 1:  # prose wrapped mid-name ("the Data Access / Governance Committee"): rejoin
        joined = [lines[0]]
        for line in lines[1:]:
            if len(joined[-1]) >= PROSE_LINE and not joined[-1].isupper():
                joined[-1] += " " + line
            else:
                joined.append(line)
        lines = joined
        text = "\n".join(lines)
    if 1 < len(lines) <= 4 and (block.bold or all(line.isupper() for line in lines)) and \
            len(text.split()) <= 12:
        text = " ".join(lines)  # a name set over several lines on a title page
    if text.isupper():
        text = title_case(text)
    return [(line if not line.isupper() else title_case(line), block.span)
            for line in text.split("\n")] if "\n" in text else [(text, block.span)]


HEADER_BLOCKS = 6  # a cover or a paper's header names its board in its first few short blocks


def extract_bodies(doc: Document, facts: Facts) -> None:
    """Boards and organisations, memberships, posts in organisations, publishers and leads."""
    finder = BodyFinder(facts)
    found_in: list[list[tuple[int, str]]] = []
    for block in doc.blocks:
        found = []
        for text, span in _texts(block):
            found += finder.find(text, span)
            for name in shared_noun_bodies(text, doc.text):
                key = finder.add(name, span, cls="Board")
                if key:
                    found.append((0, key))
            for name in lower_case_bodies(text):
                found.append((text.find(name), facts.entity("Board", name, span, confidence=0.55)))
            for name in named_after_cue(text):
                tidy = tidy_body(name) or name
                key = facts.entity(named_class(tidy), tidy, span, confidence=0.6)
                found.append((text.find(name), key))
        found_in.append(found)
    ctxs = contexts(doc)
    titled = _metadata_title(doc, finder)
    cover = itertools.takewhile(lambda i: len(doc.blocks[i].text.split()) <= 12,
                                range(min(HEADER_BLOCKS, len(doc.blocks))))
    header = [k for i in cover for _, k in found_in[i] if k.startswith("board:")]
    header = titled + header
    main = header[0] if header else finder.main_body()  # the board on the cover, else the most named
    facts.main_body = main
    _publisher(doc, facts, finder, found_in)
    _owned_plans(facts)
    for index, block in enumerate(doc.blocks):
        ctx = ctxs[index]
        heading_lead = not ctx.lead_in and MEMBERSHIP_HEADING.search(ctx.heading) and \
            block.kind is BlockKind.LIST_ITEM
        if heading_lead or (block.kind is not BlockKind.TABLE and ctx.lead_in and
                            PARTNER_LEAD.search(ctx.lead_in)):
            source = ctx.heading_index if heading_lead else ctx.lead_in_index
            lead_bodies = [k for _, k in found_in[source] if k.startswith("board:")]
            board = lead_bodies[-1] if lead_bodies else main
            if board:
                _membership(block, facts, finder, board)
        if block.kind is BlockKind.PARAGRAPH:
            _plan_leads(block, facts, found_in[index], ctx.heading)
            _made_up_of(block, facts, finder, main)
        kind = BODY_KINDS_HEADING.match(ctx.heading or "")
        if kind and main and block.kind in (BlockKind.TABLE, BlockKind.LIST_ITEM):
            _sub_bodies(block, facts, main, kind.group(1))


# A heading that names a kind of body in the plural: the list or table below names such bodies.
BODY_KINDS_HEADING = re.compile(
    r"^\W*(?:(?:our|the|current|active|standing)\s+)?((?:working|steering|special interest|technical|"
    r"advisory|project|task and finish|sub-?)?\s*(?:groups|committees|sub-?committees|task ?forces|"
    r"panels|forums|boards|councils|sigs|networks))\s*:?$", re.I)
SUB_BODY_NAME = re.compile(r"^[A-Z0-9][\w/&,'’()-]*(?:\s+[\w/&,'’()-]+){0,7}$")


def _sub_bodies(block: Block, facts: Facts, main: str, kind: str) -> None:
    """The bodies a governance page lists under "Working Groups" (and the like): each is a
    body of that kind under the page's own body."""
    if block.kind is BlockKind.TABLE:
        spans = block.row_spans or [block.span] * len(block.rows)
        rows = list(zip(block.rows, spans, strict=False))[1:]  # below the header row
        names = [(row[0].strip(), span) for row, span in rows if row]
    else:
        names = [(re.split(r"\s+[-–—:]\s+|:\s", block.text.split("\n")[0])[0].strip(" *"), block.span)]
    singular = re.sub(r"s$", "", kind.strip()).title()
    for name, span in names:
        name = re.sub(r"^\d+[.)]\s*", "", name)
        if not SUB_BODY_NAME.match(name) or is_person_name(name, strict=True) or name.endswith("."):
            continue
        key = facts.entity("Board", name, span, confidence=0.7)
        if not re.search(rf"\b{BOARD_NOUN}\b", name):
            facts.entities[key].alt_labels.add(f"{name} {singular}")
        if key != main:
            facts.relate(key, "reportsTo", main, span, confidence=0.6)


def _metadata_title(doc: Document, finder: BodyFinder) -> list[str]:
    """Boards the title in the file's front matter names: a page of a site names its body there."""
    title = doc.metadata.get("title")
    if not isinstance(title, str):
        return []
    line = next((n for n, raw in enumerate(doc.lines, 1) if re.match(r"\s*title\s*[:=]", raw)), 1)
    span = Span(line, line)
    return [k for _, k in finder.find(PAPER_KIND.sub("", title) or title, span) if k.startswith("board:")]


def _publisher(doc: Document, facts: Facts, finder: BodyFinder,
               found_in: list[list[tuple[int, str]]]) -> None:
    if not facts.plan:
        return
    for index, block in enumerate(doc.blocks):
        m = PUBLISHED_BY.search(block.text)
        if m:
            named = finder.find(m.group(1), block.span)
            key = named[0][1] if named and named[0][0] == 0 else None
            if key:
                facts.relate(facts.plan, "publishedBy", key, block.span, confidence=0.9)
                return
        if index > 12:
            continue
        # a body standing alone on the title page publishes the plan; its name may be set one
        # word per line ("NOTTINGHAM / CHILDREN'S / PARTNERSHIP")
        run = [block]
        while len(run) < 4 and index + len(run) < len(doc.blocks) and \
                len(run[-1].text.split()) <= 3 and is_heading(doc.blocks[index + len(run)]):
            run.append(doc.blocks[index + len(run)])
        for size in range(len(run), 0, -1):
            line = " ".join(" ".join(b.text.split()) for b in run[:size])
            if not (is_heading(block) or block.bold or len(line.split()) <= 6):
                continue
            named = finder.find(title_case(line) if line.isupper() else line, block.span)
            if len(named) == 1:
                key = named[0][1]
                if len(line) <= len(facts.entities[key].label) + 12:
                    facts.relate(facts.plan, "publishedBy", key, block.span, confidence=0.6)
                    return


def _owned_plans(facts: Facts) -> None:
    """A plan named after a body ("County Council's Strategic Plan") is published by it."""
    bodies = [e for e in facts.entities.values() if e.cls in {"Board", "Organisation"}]
    for plan in [e for e in facts.entities.values() if e.cls == "Plan"]:
        for name in (plan.label, *plan.alt_labels):
            plain = normalise(name)
            for body in bodies:
                for body_name in (body.label, *body.alt_labels):
                    prefix = normalise(body_name)
                    if len(prefix.split()) >= 2 and plain.startswith(prefix + " ") and \
                            len(plain) > len(prefix) + 6:
                        facts.relate(plan.key, "publishedBy", body.key, plan.span, confidence=0.6)


def _membership(block: Block, facts: Facts, finder: BodyFinder, board: str) -> None:
    """Each line of a members' list: an organisation, a post, or 'Post; Organisation'."""
    for line in block.text.split("\n"):
        line = clean_label(re.sub(r"^\s*(?:\(?[a-z0-9]{1,2}[.)]|[-•*])\s*", "", line))
        if not line or len(line.split()) > 25:
            continue
        first = re.split(r"\s*(?:[,;(\[<\t]|\s[-–—|]\s)", contact_parts(line)[0])[0]
        if is_person_name(first) and not POST_WORDS.search(first):
            continue  # a member named: the rosters extractor reads the line
        parts = [p.strip() for p in SEP_POST_ORG.split(line, maxsplit=1)]
        post_text, org_text = (parts[0], parts[1]) if len(parts) == 2 else (line, "")
        if not org_text and ", " in line:  # "Director of Public Health, Kestrel Council"
            head, tail = line.split(", ", 1)
            named = finder.find(tail, block.span)
            if POST_WORDS.search(head) and named and named[0][0] == 0 and "," not in tail:
                post_text, org_text = head, tail
        if not org_text:
            m = re.match(r"(.+?)\s+(?:from|of)\s+(?:the\s+)?(.+)$", line)
            if m and POST_WORDS.search(m.group(1)) and finder.find(m.group(2), block.span):
                post_text, org_text = (line if " of " in line else m.group(1)), m.group(2)
        if POST_WORDS.search(post_text) or re.search(r"representatives?\b", post_text, re.I):
            org_keys = [k for _, k in finder.find(org_text, block.span)] if org_text else []
            org = org_keys[-1] if org_keys else None
            post = facts.entity("Post", post_text, block.span,
                                key=f"post:{normalise(post_text)}@{org or board}", confidence=0.8)
            facts.relate(post, "postIn", org or board, block.span, confidence=0.8)
            if org and org != board:
                facts.relate(org, "memberOf", board, block.span, confidence=0.8)
        else:
            for _, key in finder.find(line, block.span):
                if key != board:
                    facts.relate(key, "memberOf", board, block.span, confidence=0.8)


MADE_UP_OF = re.compile(
    r"\b(?:comprises|is comprised of|is made up of|consists of|membership (?:includes|comprises)|"
    r"(?:has|includes) (?:one |a )?(?:representatives?|delegates?|members?|nominees?) (?:from|of))\b"
    r"(?:\s+(?:one |a |senior )?(?:representatives?|delegates?|members?|nominees?|officers?)\s+"
    r"(?:from|of)\s+(?:each of\s+)?)?", re.I)


def _made_up_of(block: Block, facts: Facts, finder: BodyFinder, main: str | None) -> None:
    """'The Board is made up of representatives from A, B and C': A, B and C are its members
    (the body named before the verb, or the document's own)."""
    text = " ".join(block.text.split())
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        m = MADE_UP_OF.search(sentence)
        if not m:
            continue
        found = finder.find(sentence, block.span, known_only=False)
        before = [k for p, k in found if p < m.start() and k.startswith("board:")]
        board = before[-1] if before else (main if re.match(r"^\s*(?:the|this|our)\s+\w+", sentence, re.I)
                                           else None)
        if board is None:
            continue
        for position, key in found:
            if position >= m.end() - 1 and key != board:
                facts.relate(key, "memberOf", board, block.span, confidence=0.7)


def _plan_leads(block: Block, facts: Facts, found: list[tuple[int, str]], heading: str) -> None:
    """'X oversees this plan' -> plan ledBy X; 'X is accountable for this work' in a section
    about a named plan -> that plan ledBy X."""
    if not found:
        return
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(block.text.split())):
        target = None
        if facts.plan and LEADS_PLAN.search(sentence):
            target = facts.plan
        elif ACCOUNTABLE_WORK.search(sentence):
            heading_plan = [e for e in facts.entities.values() if e.cls == "Plan" and
                            normalise(e.label) in normalise(heading)]
            target = heading_plan[0].key if heading_plan else None
        if target is None:
            continue
        for _, key in found:
            label = facts.entities[key].label
            if label in sentence or any(alt in sentence for alt in facts.entities[key].alt_labels):
                facts.relate(target, "ledBy", key, block.span, confidence=0.6)

"""Where a block sits: the heading it falls under and the sentence that introduces its list.

Plans signal what a list is by its heading ("PRINCIPLES", "Our Priorities for Action",
"INDICATORS OF SUCCESS") or by the sentence before it ("the Partnership will:", "It is
recommended that:"). Extractors ask this module rather than re-reading the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.ingest.document import Block, BlockKind, Document
from plangraph.ingest.extractors.kinds import classes_named, lead_in_kind

# What a heading or a lead-in says the items below it are: the kind lexicon (`kinds.py`), plus
# the phrases plans use for a section of actions without a kind word in it.
ACTION_PHRASES = re.compile(r"\bwhat we will do\b|\bwhen we will do this\b|\bnext steps\b|"
                            r"\bdeliver(?:y)? plan\b|\bit is recommended\b", re.I)


@lru_cache(maxsize=4096)
def topics_of(text: str) -> frozenset[str]:
    """The kinds of element a heading or lead-in names ('outcome', 'priority', ...)."""
    found = {cls.lower() for cls in classes_named(text)}
    phrase = ACTION_PHRASES.search(text)
    if phrase:
        found.add("recommendation" if "recommend" in phrase.group(0).lower() else "action")
    if re.search(r"\bfor actions?\b", text, re.I) and "priority" in found:
        found.discard("action")  # "Priorities for action" are priorities
    return frozenset(found)


# Sections whose lists are never plan elements (tables of contents, glossaries...).
IGNORED_SECTION = re.compile(
    r"^\s*(?:contents|table of contents|glossary|references|appendix\b.*consultation|"
    r"achievements|recent achievements|key successes|what we did\b|responsibilities|"
    r"terms of reference|role\b|functions|duties|membership|constitution|governance structure|"
    r"quorum|standing orders)", re.I)
# Sub-headings naming bodies: what a lead-in names does not reach the groups listed under them.
BODIES = re.compile(r"\b(?:groups|committees|boards|sigs|teams|panels|forums|councils|members|partners)\b",
                    re.I)
NUMBERED_HEADING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=[A-Z'‘\"])(.+)$")


@dataclass
class Context:
    """The headings above a block and the lead-in sentence of the list it belongs to."""

    heading: str = ""
    heading_index: int = -1
    numbered: tuple[str, str, int] | None = None  # (number, title, block index) of the section
    lead_in: str = ""
    lead_in_index: int = -1
    carried: str | None = None  # the kind a lead-in names over the sub-headings that follow it

    @property
    def lead_sentence(self) -> str:
        """The last sentence of the lead-in: the one that introduces the list."""
        if not self.lead_in:
            return ""
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", self.lead_in.strip())
        last = sentences[-1]
        if len(last.split()) <= 5 and len(sentences) > 1:  # "These include:" leans on the one before
            last = f"{sentences[-2]} {last}"
        return last

    def topics(self) -> frozenset[str]:
        """Topics named by the lead-in sentence, or else by the heading."""
        lead = self.lead_sentence
        found = topics_of(lead) if lead else frozenset()
        return found or self.heading_topics()

    def heading_topics(self) -> frozenset[str]:
        return topics_of(self.heading)

    @property
    def ignored(self) -> bool:
        return bool(IGNORED_SECTION.search(self.heading))


def is_heading(block: Block) -> bool:
    """A heading block, or a short bold paragraph standing in for one."""
    if block.kind is BlockKind.HEADING:
        return True
    return (block.kind is BlockKind.PARAGRAPH and block.bold and len(block.text) <= 140
            and "\n" not in block.text)


def heading_level(block: Block) -> int:
    """A heading's level; a bold line standing in for a heading is the lowest (7)."""
    return block.level if block.kind is BlockKind.HEADING else 7


def is_lead_in(block: Block) -> bool:
    """A paragraph that introduces a list: it ends with a colon."""
    return block.kind is BlockKind.PARAGRAPH and block.text.rstrip().endswith((":", ":-"))


def contexts(doc: Document) -> list[Context]:
    """The context of every block of `doc`, in order (computed once per document)."""
    cached = doc.cache.get("contexts")
    if cached is None or len(cached) != len(doc.blocks):
        cached = doc.cache["contexts"] = _contexts(doc)
    return cached


def _contexts(doc: Document) -> list[Context]:
    out: list[Context] = []
    ctx = Context()
    carry: tuple[int, str] | None = None  # (level of the lead-in's section, kind it names)
    for idx, block in enumerate(doc.blocks):
        if is_heading(block):
            level = heading_level(block)
            if ctx.lead_in and ctx.lead_in_index == idx - 1 and (kind := lead_in_kind(ctx.lead_in)):
                above = doc.blocks[ctx.heading_index] if ctx.heading_index >= 0 else None
                section = above.level if above is not None and above.kind is BlockKind.HEADING else 0
                carry = (section, kind) if level > section else None
            elif carry is not None and level <= carry[0]:
                carry = None
            number = NUMBERED_HEADING.match(block.text)
            ctx = Context(heading=block.text, heading_index=idx,
                          numbered=(number.group(1), number.group(2).strip(), idx) if number
                          else ctx.numbered if _is_subheading(block, ctx) else None,
                          carried=carry[1] if carry and not BODIES.search(block.text) and
                          _opens_a_list(doc, idx) else None)
            out.append(ctx)
            if block.text.rstrip().endswith(":"):  # a bold "The partners are:" introduces a list
                ctx = Context(ctx.heading, ctx.heading_index, ctx.numbered, block.text, idx, ctx.carried)
            continue
        out.append(ctx)
        if is_lead_in(block):
            ctx = Context(ctx.heading, ctx.heading_index, ctx.numbered, block.text, idx, ctx.carried)
        elif block.kind is BlockKind.PARAGRAPH and ctx.lead_in and idx - ctx.lead_in_index > 1 \
                and not _is_list_like(block):
            # prose after the list ends the lead-in's reach
            ctx = Context(ctx.heading, ctx.heading_index, ctx.numbered, carried=ctx.carried)
    return out


def _opens_a_list(doc: Document, idx: int) -> bool:
    """The heading is followed straight away by a list or a table (a group of elements)."""
    after = doc.blocks[idx + 1] if idx + 1 < len(doc.blocks) else None
    return after is not None and after.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE)


def _is_subheading(block: Block, ctx: Context) -> bool:
    """Headings such as 'Why this matters' inside a numbered section keep its number."""
    if ctx.numbered is None:
        return False
    if block.kind is BlockKind.HEADING and block.level <= 2 and NUMBERED_HEADING.match(block.text) is None:
        text = block.text.lower()
        return len(text.split()) <= 10 and not re.match(r"^\d", text)
    return True


def _is_list_like(block: Block) -> bool:
    return bool(re.match(r"^\s*(?:\(?[ivx]{1,5}\)|\(?[a-z]\)|\(\d{1,2}\))\s", block.text))

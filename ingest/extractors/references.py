"""Plans a document names: strategies, programmes, frameworks, action plans, manifestos.

A referenced plan is a run of capitalised words ending in a plan noun ("Kestrelshire
Sustainable Community Strategy 2009-2026", "Family Nurse Partnership programme"), or a quoted
title after one ("10 year strategic plan 'A brighter future ...'"). Mentions of the document's
own plan become its alternative labels. Verbs around a mention qualify the link: "brings
together / incorporates" -> pg:incorporates, "replace" -> pg:replaces, "build on" ->
pg:buildsOn; the web address on the line after a plan's name becomes its foaf:page.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.dates import parse_period
from plangraph.ingest.extractors.matching import content_tokens, find_same
from plangraph.ingest.facts import Entity, Facts

NOUN = (r"(?:Plan|Strategy|Programme|Program|Framework|Agreement|Manifesto|Charter|Compact|Roadmap|Scheme|"
        r"Workplan|Addendum|Report)")  # a report a plan names counts as a plan (gold conventions)
LOWER_NOUN = r"(?:plan|strategy|programme|framework)"
WORD = (r"(?:[A-Z0-9][\w'’\-/]*|\([A-Z][A-Za-z]{1,8}\)|"
        r"(?:refresh|refreshed|updated?|draft|action|delivery|implementation|development|"
        r"improvement|year)(?=\s))")
JOIN = r"(?:\s+(?:and|of|for|to|in|with|on|&)\s+|,\s+(?=[A-Z])|\s+)"
PERIOD = r"(?:\s+(?:for\s+|to\s+)?\(?(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\)?)?"
TAIL = r"(?:\s+(?:for|to)\s+(?:[A-Z][\w'’]*)(?:\s+[A-Z][\w'’]*){0,3})?"
# A plan noun followed by one of these names a kind of meeting or team, not a plan.
FOLLOWER = r"(?:meetings?|groups?|boards?|teams?|managers?|leads?|officers?|co-?ordinators?|steering)\b"
NAME = re.compile(
    rf"(?<![\w'’])((?:{WORD}{JOIN}){{0,9}}(?:{WORD}\s+)?(?:{NOUN}|(?<=[A-Za-z]\s){LOWER_NOUN})"
    rf"(?:\s+(?:Refresh|Update)(?=\W))?{TAIL}{PERIOD})(?![\w'’])(?!\s+{FOLLOWER})"
)
# A quoted title followed by a plan noun: "'Closing the Gaps' strategy".
QUOTED_FIRST = re.compile(
    rf"['‘]([A-Z][^'’]{{3,80}})['’]\s+({NOUN}|{LOWER_NOUN})\b")
QUOTED = re.compile(
    rf"((?:[\w'’]+\s+){{0,6}}(?:{NOUN}|{LOWER_NOUN}))\s+['‘\"“]([A-Za-z][^'’\"”]{{3,90}})['’\"”]")
# Every pattern above needs a plan noun; a sentence without one is skipped before they run.
PLAN_NOUN = re.compile(rf"{NOUN}|{LOWER_NOUN}")
STARTERS = {
    "implement", "implementing", "publish", "published", "develop", "developing", "deliver",
    "delivering", "support", "supporting", "establish", "continue", "complete", "review",
    "launch", "respond", "trial", "work", "create", "promote", "improve", "reduce", "raise",
    "increase", "prevent", "protect", "sustain", "through", "during", "with", "from", "in",
    "under", "as", "see", "since", "when", "following", "key", "new", "current", "draft",
    "revised", "refreshed", "our", "the", "this", "that", "these", "its", "their", "a", "an",
    "each", "every", "your", "his", "her", "and", "of", "for", "to", "on", "by", "both", "all",
    "other", "previous", "last", "next", "first", "wider", "overarching", "joint", "agreed",
    "approve", "approved", "agree", "note", "noted", "consider", "endorse", "updated", "update",
    "accompanying", "emerging", "existing", "former", "timeline", "production", "detailed", "shared", "whole",
    "it", "we", "they", "members", "board", "will", "is", "are", "was",
}
POST_WORDS = {"officer", "director", "manager", "head", "chair", "lead", "leader", "coordinator",
              "adviser", "advisor", "executive", "councillor", "member"}
GENERIC = {"strategic", "business", "delivery", "improvement", "development", "implementation",
           "partnership", "service", "services", "commissioning", "local", "annual", "three",
           "year", "operational", "work", "the", "plan", "strategy", "programme", "framework",
           "action"}
VERBS = [
    ("incorporates", re.compile(r"\b(?:brings? together|incorporat\w*|draws? together|"
                                r"includes? the)\b", re.I)),
    ("replaces", re.compile(r"\b(?:to replace|replac(?:es|ing)|supersed\w*|succeeds?)\b", re.I)),
    ("buildsOn", re.compile(r"\bbuil(?:d|ds|t|ding) on\b", re.I)),
]
URL = re.compile(r"\b(https?://[^\s)\]>]+|www\.[^\s)\]>]+)")
PERIOD_TEXT = re.compile(r"\s*\(?\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\)?\s*$")


def _tidy(name: str) -> str | None:
    """Strip leading verbs and determiners; None if what is left is too generic to be a name."""
    words = name.replace("’", "'").split()
    while words and (words[0].lower() in STARTERS or words[0] in {",", "&"}):
        words = words[1:]
    while words and words[0].lower() in {"and", "of", "for", "to", "in", "with", "on", "&"}:
        words = words[1:]
    if not words:
        return None
    text = " ".join(words).strip(" ,")
    if "," in text and " and " not in text[text.rfind(","):]:
        text = text[text.rfind(",") + 1 :].strip()  # "A Scheme, B Programme": the last name
    if any(w.lower().strip(",") in POST_WORDS for w in text.split()[:-1]):
        return None
    core = PERIOD_TEXT.sub("", text)
    core_words = [w.lower().strip("(),") for w in core.split()]
    if len(core_words) < 2:
        return None
    if all(w in GENERIC for w in core_words) and core.lower() != "action plan":
        return None
    if not any(w[:1].isupper() or w[:1].isdigit() for w in core.split()[:-1]):
        return None
    return text


def initials(name: str) -> str:
    """'Children and Young People's Plan' -> 'CYPP'; 'CYP Plan' -> 'CYPP'."""
    out = ""
    for word in PERIOD_TEXT.sub("", name).replace("'s", "").replace("’s", "").split():
        if word.lower() in {"and", "of", "for", "the", "&", "to", "in"}:
            continue
        out += word if word.isupper() and len(word) > 1 else word[:1].upper()
    return out


def _is_own(name: str, own_label: str, own_alts: set[str]) -> bool:
    """Does `name` mention the document's own plan (same words or initials, compatible period)?"""
    period, own_period = parse_period(name), parse_period(own_label)
    if period and own_period and period[1:] != own_period[1:]:
        return False
    tail = re.split(r"\s+(?:of|for)\s+(?=[A-Z])", name)[-1]
    if tail != name and _is_own(tail, own_label, own_alts):
        return True
    short = initials(name)
    if len(short) >= 3 and any(w.isupper() and len(w) > 1 for w in name.split()):
        for label in (own_label, *own_alts):
            full = initials(label)
            if full == short or (len(full) > len(short) and full.endswith(short)):
                return True
    core = content_tokens(PERIOD_TEXT.sub("", name))
    for label in (own_label, *own_alts):
        own = content_tokens(PERIOD_TEXT.sub("", label))
        if core and own and (core == own or (core < own and len(core) >= 3)):
            return True
    return False


def _sentences(block: Block) -> list[str]:
    text = " ".join(block.text.split())
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)


def extract_references(doc: Document, facts: Facts) -> None:
    """Every named plan, linked from the document's own plan with the verb that names it."""
    own = facts.entities.get(facts.plan) if facts.plan else None
    last_plan: tuple[str, int] | None = None  # (key, block index) of a plan named on its own line
    for idx, block in enumerate(doc.blocks):
        if block.kind is BlockKind.TABLE:
            for row, span in zip(block.rows, block.row_spans or [block.span] * len(block.rows),
                                 strict=False):
                for cell in row:
                    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])|\n", cell):
                        found = _plans_in(sentence, facts, own, span)
                        if found and own is not None:
                            _link(facts, own.key, sentence, found, span)
            continue
        url = URL.search(block.text)
        if url and last_plan and idx - last_plan[1] <= 2:
            facts.entities[last_plan[0]].add_prop("url", url.group(1).rstrip(".,"))
            last_plan = None
        for sentence in _sentences(block):
            found = _plans_in(sentence, facts, own, block.span)
            if not found or own is None:
                continue
            _link(facts, own.key, sentence, found, block.span)
        standalone = _standalone_name(block)
        if standalone:
            key = _plan_key(facts, standalone, own, block.span)
            last_plan = (key, idx) if key else None


def _standalone_name(block: Block) -> str | None:
    """A line that is just a plan's name (often followed by its web address)."""
    text = block.text.strip().rstrip(":")
    if "\n" in text or len(text.split()) > 16:
        return None
    m = NAME.fullmatch(text)
    return _tidy(m.group(1)) if m else None


def _plan_as_verb(name: str, after: str) -> bool:
    """'Partners plan and govern', 'Schools plan their lessons': the verb, not a plan."""
    words = name.split()
    return len(words) == 2 and words[1] in {"plan", "plans"} and \
        re.fullmatch(r"[A-Z][a-z]+s", words[0]) is not None and \
        re.match(r"\s+(?:and|to|how|what|when|their|our|its|for|with)\s+[a-z]", after) is not None


ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,9})\)")


def _plan_key(facts: Facts, name: str, own: Entity | None, span: Span) -> str | None:
    if not _names_a_report(name, ""):
        return None
    if own is not None and _is_own(name, own.label, own.alt_labels):
        if name != own.label:
            own.alt_labels.add(name)
        return own.key
    same = find_same(facts, {"Plan"}, name)
    if same is not None:
        if name != same.label:
            same.alt_labels.add(name)
        return same.key
    period = parse_period(name)
    props = {}
    if period:
        props = {"period": period[0], "startYear": str(period[1]), "endYear": str(period[2])}
    return facts.entity("Plan", name, span, confidence=0.8, **props)


def _names_a_report(name: str, after: str) -> bool:
    """A name ending in 'Report' is a named report ('ICT Procurement Taskforce Report'), not a
    paper to a body ('Report to the Board'), a year's report or a word that starts a sentence."""
    if re.search(r"\bReport\s+to\b", name) or (name.endswith("Report") and re.match(r"\s*to\b", after)):
        return False
    if not name.endswith("Report"):
        return True
    words = name.split()
    return len(words) >= 3 and not words[0][:1].isdigit()


def _plans_in(sentence: str, facts: Facts, own: Entity | None, span: Span,
              ) -> list[tuple[int, str]]:
    """(position, key) of each plan named in a sentence."""
    found: list[tuple[int, str]] = []
    if not PLAN_NOUN.search(sentence):
        return found
    quoted = list(QUOTED.finditer(sentence))
    quoted_first = list(QUOTED_FIRST.finditer(sentence))
    for m in quoted:
        lead, title = _tidy(m.group(1)), m.group(2).strip()
        if lead and lead[0].isupper() and not lead.split()[-1].islower():
            key = _plan_key(facts, lead, own, span)
            if key:
                facts.entities[key].alt_labels.add(title)
                facts.entities[key].alt_labels.add(f"{lead} '{title}'")
        else:
            key = _plan_key(facts, title, own, span)
            if key and lead:
                facts.entities[key].alt_labels.add(f"{m.group(1).strip()} '{title}'")
        if key:
            found.append((m.start(), key))
    for m in quoted_first:
        key = _plan_key(facts, f"{m.group(1).strip()} {m.group(2)}", own, span)
        if key:
            found.append((m.start(), key))
    quoted_spans = [(m.start(), m.end()) for m in quoted + quoted_first]
    for m in NAME.finditer(sentence):
        if any(a <= m.start() < b for a, b in quoted_spans):
            continue
        name = _tidy(m.group(1))
        after = sentence[m.end():]
        if not name or not _names_a_report(name, after) or _plan_as_verb(m.group(1), after):
            continue
        acronym = ACRONYM_AFTER.match(sentence[m.end():])
        key = _by_acronym(facts, name, acronym.group(1)) if acronym else None
        key = key or _plan_key(facts, name, own, span)
        if key:
            found.append((m.start(), key))
            if acronym:
                facts.entities[key].add_prop("acronym", acronym.group(1))
    return found


def _by_acronym(facts: Facts, name: str, acronym: str) -> str | None:
    """A plan already known by this acronym whose name agrees with `name` (one is the fuller)."""
    for ent in facts.entities.values():
        if ent.cls == "Plan" and acronym in ent.props.get("acronym", []):
            short, long = sorted((PERIOD_TEXT.sub("", name), PERIOD_TEXT.sub("", ent.label)), key=len)
            if content_tokens(short) <= content_tokens(long):
                if name != ent.label:
                    ent.alt_labels.add(name)
                if len(name) > len(ent.label):  # prefer the fuller name as the label
                    ent.alt_labels.add(ent.label)
                    ent.alt_labels.discard(name)
                    ent.label = name
                return ent.key
    return None


def plan_for_acronym(facts: Facts, text: str) -> str | None:
    """The plan whose acronym (recorded as 'Name (ACR)') appears as a word in `text`."""
    for ent in facts.entities.values():
        for acronym in ent.props.get("acronym", []) if ent.cls == "Plan" else []:
            if re.search(rf"\b{re.escape(acronym)}\b", text):
                return ent.key
    return None


def _link(facts: Facts, own_key: str, sentence: str, found: list[tuple[int, str]], span: Span) -> None:
    """pg:references from the own plan, refined by the verb of the sentence."""
    relation = "references"
    verb_at = -1
    for name, pattern in VERBS:
        m = pattern.search(sentence)
        if m:
            relation, verb_at = name, m.start()
            break
    before = [key for pos, key in found if pos < verb_at and key != own_key]
    for pos, key in found:
        if key == own_key:
            continue
        facts.relate(own_key, "references", key, span, confidence=0.8)
        if relation != "references" and pos > verb_at:
            subject = before[-1] if before else own_key
            if subject != key:
                facts.relate(subject, relation, key, span, confidence=0.7)


def extract_section_links(doc: Document, facts: Facts) -> None:
    """A plan named inside a priority's own section is one of the ways that priority is delivered.

    Runs after the priorities are known; the link is weaker (confidence 0.5) than a stated one.
    """
    from plangraph.ingest.extractors.context import contexts

    own = facts.entities.get(facts.plan) if facts.plan else None
    for block, ctx in zip(doc.blocks, contexts(doc), strict=True):
        if ctx.numbered is None or block.kind is BlockKind.TABLE:
            continue
        priority = f"priority:#{ctx.numbered[0]}"
        if priority not in facts.entities:
            continue
        for sentence in _sentences(block):
            for _, key in _plans_in(sentence, facts, own, block.span):
                if key != facts.plan:
                    facts.relate(key, "contributesTo", priority, block.span, confidence=0.5)

"""The answer card at the top of an entity page: its questions answered in the first screen.

Each kind of page answers the questions people bring to it (who leads this outcome, what
feeds it, who does this board report to, who owns this indicator and where is it against
its target) in a few short lines; the tables, the picture and every source follow below.
Built from what the page already read (the entity's links and the named queries' rows): no
SPARQL here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plangraph.web import data
from plangraph.web.charts import is_target

SHOWN = 5  # names on one line of the card before "and N more"


@dataclass
class Item:
    label: str
    url: str | None = None
    note: str = ""


@dataclass
class Answer:
    """One line of the card: a question, the first few answers, and where the rest are."""

    question: str
    items: list[Item] = field(default_factory=list)
    total: int = 0
    more: str = ""  # the anchor of the section with all of them
    empty: str = "none recorded"
    gap: bool = False  # nobody or nothing: worth a reader's attention

    @property
    def hidden(self) -> int:
        return max(self.total - len(self.items), 0)


def answer(question: str, items: list[Item], more: str = "", empty: str = "none recorded",
           gap_if_empty: bool = False) -> Answer:
    unique: dict[tuple[str, str | None], Item] = {}
    for item in items:
        unique.setdefault((item.label, item.url), item)
    found = list(unique.values())
    return Answer(question, found[:SHOWN], len(found), more, empty, gap_if_empty and not found)


def linked(entity: data.Entity, predicate: str, direction: str) -> list[Item]:
    return [Item(link.label, link.url, data.KIND_NAMES.get(link.kind, link.kind.lower()))
            for link in entity.links if link.predicate == predicate and link.direction == direction]


def from_rows(rows: list[dict[str, Any]], column: str, note: str | None = None) -> list[Item]:
    items = []
    for row in rows:
        iri = row.get(column)
        if not iri:
            continue
        label = row.get(f"{column}Label") or data.shorten_iri(str(iri))
        items.append(Item(str(label), data.entity_url(str(iri)), str(row.get(note) or "") if note else ""))
    return items


def card(entity: data.Entity, sections: dict[str, list[dict[str, Any]]], **extra: Any) -> list[Answer]:
    """The card's lines for this kind of entity (none for kinds without a card)."""
    kind = entity.kind
    leads = answer("Who leads it", from_rows(sections.get("leads", []), "leader", "kind")
                   or linked(entity, "pg:ledBy", "out"), "#leads-heading", "nobody is named",
                   gap_if_empty=kind in ("Outcome", "Priority", "Action"))
    part_of = answer("Part of", linked(entity, "pg:partOf", "out") + linked(entity, "pg:parent", "out"))
    if kind in ("Outcome", "Priority"):
        return [leads,
                answer("What feeds it",
                       from_rows(sections.get("strategies-for-outcome", []), "feeder", "kind"),
                       "#feeds-heading", "nothing feeds it", gap_if_empty=True),
                answer("Measured by", linked(entity, "pg:measures", "in"), "#relations-heading"),
                part_of]
    if kind in ("Action", "Principle", "Recommendation"):
        return [leads, answer("What it feeds", linked(entity, "pg:contributesTo", "out")), part_of]
    if kind == "Indicator":
        return [answer("What it measures", linked(entity, "pg:measures", "out"), "#measures-heading"),
                answer("Who owns it", from_rows(sections.get("indicator-owners", []), "owner", "kind"),
                       "#owners-heading", "nobody is named", gap_if_empty=True),
                latest(extra.get("observations") or []),
                answer("Plans that use it", from_rows(sections.get("related-plans", []), "plan"),
                       "#related-heading")]
    if kind in ("Board", "Organisation"):
        members = from_rows(sections.get("board-members", []), "member", "post")
        chairs = [Item(p["holderLabel"], data.entity_url(p["holder"]), p["postLabel"])
                  for p in extra.get("posts") or []
                  if p.get("holder") and "chair" in p["postLabel"].casefold()]
        meetings = extra.get("meetings") or []
        lines = [answer("Reports to", linked(entity, "org:reportsTo", "out"), "#lines-heading",
                        "no reporting line recorded", gap_if_empty=kind == "Board"),
                 answer("Receives reports from", linked(entity, "org:reportsTo", "in"), "#lines-heading")]
        if kind == "Organisation":
            return [*lines, answer("Posts in it", [Item(p["postLabel"], data.entity_url(p["post"]),
                                                        p.get("holderLabel") or "")
                                                   for p in extra.get("posts") or []])]
        return [*lines, answer("Chaired by", chairs, "#members-heading", "no chair recorded"),
                answer("Members", members, "#members-heading"),
                answer("Last met", [Item(m["label"], m["url"]) for m in meetings[:1]], "#meetings-heading",
                       "no meeting recorded")]
    if kind == "Person":
        return [answer("Posts held", linked(entity, "org:holds", "out")),
                answer("Member of", linked(entity, "org:memberOf", "out"), "#portfolio-heading"),
                answer("Leads", linked(entity, "pg:ledBy", "in"), "#portfolio-heading"),
                answer("Attended", linked(entity, "pg:attendee", "in"), "#portfolio-heading")]
    if kind == "Plan":
        counts: dict[str, int] = {}
        for row in sections.get("outcome-thread", []):
            counts[row["level"]] = counts.get(row["level"], 0) + 1
        contents = [Item(f"{n} {(level if n == 1 else data.PLURALS.get(level, level + 's')).lower()}")
                    for level, n in counts.items()]
        gaps: dict[str, int] = {}
        for row in extra.get("plan_gaps") or []:
            gaps[row["gap"]] = gaps.get(row["gap"], 0) + 1
        return [answer("What it holds", contents, "#thread-heading", "none of its elements are in the store"),
                answer("Who leads it",
                       linked(entity, "pg:ledBy", "out") + linked(entity, "pg:publishedBy", "out"),
                       "#leads-heading", "nobody is named"),
                answer("Gaps", [Item(f"{n} × {gap}") for gap, n in gaps.items()], "#plangaps-heading",
                       "none found"),
                answer("Builds on or replaces", linked(entity, "pg:buildsOn", "out")
                       + linked(entity, "pg:replaces", "out"), "#relations-heading")]
    return []


def latest(observations: list[dict[str, Any]]) -> Answer:
    """The latest value, and the target where one is recorded as a period or unit."""
    targets = [o for o in observations if is_target(o)]
    values = [o for o in observations if o not in targets and o.get("value") is not None]
    items = []
    if values:
        last = values[-1]
        unit = last.get("unit") or ""
        shown = str(last["value"]) if unit in str(last["value"]) else f"{last['value']} {unit}"
        items.append(Item(shown, last.get("url"),
                          str(last.get("period") or "")))
    if targets:
        goal = targets[-1]
        items.append(Item(f"target {goal['value']}", goal.get("url"), str(goal.get("period") or "")))
    return answer("Latest value", items, "#values-heading", "no value recorded")

"""Extractors: rules about the shapes plans take, reading only the `Document` model.

Each extractor is a function `(Document, Facts) -> None` that adds what it recognises, declared
here with its name, what it finds (`provides`) and what it reads of what earlier ones found
(`needs`: the document's own plan, its bodies, its elements...). They run in the order of
`EXTRACTORS`; the order is checked when this module is imported, so a new extractor that needs
something must come after one that provides it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plangraph.ingest.document import Document
from plangraph.ingest.extractors.bodies import extract_bodies
from plangraph.ingest.extractors.elements import extract_elements
from plangraph.ingest.extractors.governance import extract_reporting_lines
from plangraph.ingest.extractors.hierarchy import extract_hierarchies
from plangraph.ingest.extractors.initials import extract_initials
from plangraph.ingest.extractors.lists import extract_lists
from plangraph.ingest.extractors.meetings import extract_meetings
from plangraph.ingest.extractors.mentions import extract_mentions
from plangraph.ingest.extractors.people import extract_appointments, extract_people
from plangraph.ingest.extractors.plan import extract_plan_metadata
from plangraph.ingest.extractors.references import extract_references, extract_section_links
from plangraph.ingest.extractors.rosters import extract_rosters
from plangraph.ingest.extractors.subjects import extract_subject_leads
from plangraph.ingest.extractors.tables import extract_tables
from plangraph.ingest.facts import Facts


@dataclass(frozen=True)
class Extractor:
    """One rule set: its name, what it finds, what it needs found before it runs."""

    name: str
    run: Callable[[Document, Facts], None]
    provides: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


EXTRACTORS: list[Extractor] = [
    Extractor("plan", extract_plan_metadata, provides=("plan", "area")),
    Extractor("references", extract_references, provides=("plans",), needs=("plan",)),
    Extractor("bodies", extract_bodies, provides=("bodies",), needs=("area", "plan")),
    Extractor("people", extract_people, provides=("people", "posts"), needs=("bodies",)),
    Extractor("rosters", extract_rosters, provides=("people", "posts", "memberships"), needs=("bodies",)),
    Extractor("reporting lines", extract_reporting_lines, provides=("reporting",), needs=("bodies",)),
    Extractor("hierarchies", extract_hierarchies, provides=("elements",), needs=("plan",)),
    Extractor("tables", extract_tables, provides=("elements", "leads", "observations"),
              needs=("plan", "plans", "bodies", "people", "elements")),
    Extractor("lists", extract_lists, provides=("elements",), needs=("plan", "plans", "elements")),
    Extractor("section links", extract_section_links, provides=("links",), needs=("plans", "elements")),
    Extractor("meetings", extract_meetings, provides=("meetings", "people", "elements"),
              needs=("bodies", "people", "plans")),
    Extractor("appointments", extract_appointments, provides=("posts",), needs=("meetings", "bodies")),
    Extractor("initials", extract_initials, provides=("people",), needs=("meetings", "people", "bodies")),
    # it reads what the others found and links it into the outline of headings
    Extractor("elements", extract_elements, provides=("elements", "outline"), needs=("elements", "plan")),
    # after every element and every body is known: who each element's own words say leads it
    Extractor("subject leads", extract_subject_leads, provides=("leads",),
              needs=("elements", "bodies", "people")),
    Extractor("mentions", extract_mentions, provides=("concerns",), needs=("elements", "bodies", "plans")),
]


def check_order(extractors: list[Extractor]) -> None:
    """Every need is provided by an extractor that runs earlier (or by the same kind's earlier
    providers); a ValueError names the first that is not."""
    provided: set[str] = set()
    for extractor in extractors:
        missing = [need for need in extractor.needs if need not in provided]
        if missing:
            raise ValueError(f"extractor '{extractor.name}' needs {', '.join(missing)}, "
                             "which no earlier extractor provides")
        provided.update(extractor.provides)


check_order(EXTRACTORS)


def extract(doc: Document, area: str | None = None) -> Facts:
    """Run every extractor over `doc`; `area` overrides the detected authority."""
    facts = Facts(area=area)
    for extractor in EXTRACTORS:
        extractor.run(doc, facts)
    return facts

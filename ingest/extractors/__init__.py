"""Extractors: rules about the shapes plans take, reading only the `Document` model.

Each extractor is a function `(Document, Facts) -> None` that adds what it recognises.
They run in the order of `EXTRACTORS`; later ones may use what earlier ones found (the
document's own plan, its outcomes) through `Facts`.
"""

from __future__ import annotations

from collections.abc import Callable

from plangraph.ingest.document import Document
from plangraph.ingest.extractors.bodies import extract_bodies
from plangraph.ingest.extractors.elements import extract_elements
from plangraph.ingest.extractors.governance import extract_reporting_lines
from plangraph.ingest.extractors.hierarchy import extract_hierarchies
from plangraph.ingest.extractors.lists import extract_lists
from plangraph.ingest.extractors.meetings import extract_meetings
from plangraph.ingest.extractors.people import extract_people
from plangraph.ingest.extractors.plan import extract_plan_metadata
from plangraph.ingest.extractors.references import extract_references, extract_section_links
from plangraph.ingest.extractors.tables import extract_tables
from plangraph.ingest.facts import Facts

Extractor = Callable[[Document, Facts], None]

EXTRACTORS: list[Extractor] = [
    extract_plan_metadata,
    extract_references,
    extract_bodies,
    extract_people,
    extract_reporting_lines,
    extract_hierarchies,
    extract_tables,
    extract_lists,
    extract_section_links,
    extract_meetings,
    extract_elements,  # last: it links what the others found into the outline
]


def extract(doc: Document, area: str | None = None) -> Facts:
    """Run every extractor over `doc`; `area` overrides the detected authority."""
    facts = Facts(area=area)
    for extractor in EXTRACTORS:
        extractor(doc, facts)
    return facts

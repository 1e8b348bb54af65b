"""Invented papers of an invented area (Marshford) and its neighbour (Dunmere), and the helpers
that read their facts: shared by the people-and-bodies and identity tests."""

from __future__ import annotations

from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers.text import parse_text

REPORT = """Meeting\tMARSHFORD HEALTH AND WELLBEING BOARD
Date\t4 February 2025\tagenda item number\t6

## Marshford Healthy Weight Plan 2025-2028

It is published by Marshford Borough Council.

The Healthy Weight Steering Group reports to the Marshford Health and Wellbeing Board, which in
turn reports to the Full Council. The Active Travel Working Group is a sub-group of the Healthy
Weight Steering Group.

The relevant partners are:

- Marshford Borough Council
- Fenside Integrated Care Board
- Marshford Leisure Trust

| Workstream | Accountable officer | Delivery lead | E-mail |
| --- | --- | --- | --- |
| Healthy weight | Dr Nkechi Obi | Tom Alder and Priyanka Shah | tom.alder@marshford.gov.example |
| Active travel | ? | Tom Alder | tom.alder@marshford.gov.example |
| | | | |

Contact Officer(s):\tNkechi Obi, Director of Public Health, Marshford Borough Council

GWEN TALBOT
Head of Commissioning
Marshford Borough Council
"""

MINUTES = """MINUTES of the Marshford Health and Wellbeing Board held on 12 March 2025.

Thomas Alder, Lead for Active Travel, presented the report.

For further information contact Gwen Talbot: gwen.talbot@marshford.gov.example
"""

OTHER_AREA = """# Dunmere Healthy Weight Plan 2025-2028

Published by Dunmere City Council.

The Healthy Weight Steering Group reports to the Dunmere Health and Wellbeing Board.
"""


def facts_of(text: str, name: str = "doc.md") -> Facts:
    return extract(parse_text(text, name, "text/markdown"))


def labels(f: Facts, cls: str) -> set[str]:
    return {e.label for e in f.of_class(cls)}


def pairs(f: Facts, predicate: str) -> set[tuple[str, str]]:
    return {(f.entities[r.subject].label, f.entities[r.object].label) for r in f.relations
            if r.predicate == predicate}

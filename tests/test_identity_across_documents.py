"""Identity across documents: one node per person, board and element whatever documents name
them, with the reason; blocking; overrides. Documents written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from marshford import MINUTES, OTHER_AREA, REPORT

from plangraph import KnowledgeGraph
from plangraph.graph.explain import NotFound, explain
from plangraph.ingest.resolver import Resolver


@pytest.fixture
def two_areas(tmp_path: Path) -> KnowledgeGraph:
    (tmp_path / "report.md").write_text(REPORT)
    (tmp_path / "minutes.md").write_text(MINUTES)
    (tmp_path / "dunmere.md").write_text(OTHER_AREA)
    kg = KnowledgeGraph.memory()
    assert all(r.ok for r in kg.ingest([tmp_path / "report.md", tmp_path / "minutes.md",
                                        tmp_path / "dunmere.md"]))
    return kg


def test_one_node_per_person_across_documents_with_the_reason(two_areas):
    rows = two_areas.sparql("SELECT DISTINCT ?p WHERE { ?p a foaf:Person ; rdfs:label ?l "
                            "FILTER(CONTAINS(?l, 'Alder')) }")
    assert len(rows) == 1
    found = explain(two_areas, "Tom Alder")
    assert {m.document for m in found.mentions} == {"report.md", "minutes.md"}
    assert any("same name" in m.reason for m in found.mentions if m.document == "minutes.md")
    assert found.label == "Thomas Alder" and "Tom Alder" in found.alt_labels  # the fullest form names him


def test_same_board_name_in_two_areas_is_two_nodes(two_areas):
    rows = two_areas.sparql("SELECT DISTINCT ?b WHERE { ?b a pg:Board ; rdfs:label ?l "
                            "FILTER(CONTAINS(?l, 'Healthy Weight Steering Group')) }")
    assert len(rows) == 2


def test_an_ambiguous_label_lists_the_candidates(two_areas):
    with pytest.raises(NotFound, match="names 2 nodes"):
        explain(two_areas, "Healthy Weight Steering Group")


def test_overrides_file_forbids_and_forces_merges(tmp_path, monkeypatch):
    (tmp_path / "report.md").write_text(REPORT)
    (tmp_path / "minutes.md").write_text(MINUTES)
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("never:\n  - class: Person\n    names: [Tom Alder, Thomas Alder]\n")
    monkeypatch.setenv("PLANGRAPH_OVERRIDES", str(overrides))
    kg = KnowledgeGraph.memory()
    kg.ingest([tmp_path / "report.md", tmp_path / "minutes.md"])
    rows = kg.sparql("SELECT DISTINCT ?p WHERE { ?p a foaf:Person ; rdfs:label ?l "
                     "FILTER(CONTAINS(?l, 'Alder')) }")
    assert len(rows) == 2


def test_resolution_looks_only_at_blocked_candidates():
    """Comparisons grow with a document's mentions, not with the store (near-linear)."""

    def corpus(n: int) -> list[str]:
        return [f"# Plan {i}\n\n## Who leads\n\n| Priority | Strategic lead |\n| --- | --- |\n"
                f"| Priority {i} | Alex Surname{i % 50} |\n| Other {i} | Sam Person{i} |\n"
                for i in range(n)]

    def comparisons(n: int) -> int:
        kg = KnowledgeGraph.memory()
        total = 0
        for i, text in enumerate(corpus(n)):
            resolver = Resolver(kg)
            from plangraph.ingest.pipeline import prepare_bytes

            prepared = prepare_bytes(text.encode(), f"plan{i}.md", "Testshire", resolver)
            kg.replace_graph(prepared.source.graph_iri, prepared.quads)
            total += resolver.comparisons
        return total

    small, large = comparisons(20), comparisons(200)
    assert large <= 15 * max(small, 1)


def test_an_element_restated_by_every_plan_of_an_area_is_not_read_for_each():
    """An element is looked up among its own plan's elements: the hundredth plan of an area
    with a 'Healthy Weight' priority reads no more candidates than the fifth."""
    from plangraph.ingest.pipeline import prepare_bytes

    def last_comparisons(plans: int) -> int:
        kg = KnowledgeGraph.memory()
        for i in range(plans + 1):
            resolver = Resolver(kg)
            text = (f"# Westbridge Early Help Strategy {1950 + i}-{1953 + i}\n\n## Our priorities\n\n"
                    "Priority 1 – Healthy Weight – fewer children are overweight.\n")
            prepared = prepare_bytes(text.encode(), f"plan{i}.md", "Westbridge", resolver)
            kg.replace_graph(prepared.source.graph_iri, prepared.quads)
        return resolver.comparisons

    assert last_comparisons(60) == last_comparisons(5)  # the old area-wide lookup read 60 and 5


STRATEGY = """# Westbridge Children and Young People's Plan 2025-2028

## Our priorities

Priority 1 – Healthy Weight – fewer children and young people are overweight or obese.

Priority 2 – Best Start – every baby and every family gets the best start in life.
"""

ACTION_PLAN = """# Westbridge CYPP Action Plan 2026-27

This action plan delivers the second year of the Westbridge Children and Young People's Plan 2025-2028.

| CYPP priority | Action | Timescale | Responsibility lead |
| --- | --- | --- | --- |
| Healthy Weight | Extend the Active Mile to all primary schools | July 2027 | Ruth Okonkwo |
"""

NEXT_PLAN = """# Westbridge Children and Young People's Plan 2028-2031

This plan builds on the Westbridge Children and Young People's Plan 2025-2028.

## Our priorities

Priority 1 – Healthy Weight – fewer children and young people are overweight or obese.
"""


def test_an_action_plan_s_priorities_are_those_of_the_plan_it_delivers(tmp_path):
    kg = KnowledgeGraph.memory()
    for name, text in (("cypp.md", STRATEGY), ("action-plan.md", ACTION_PLAN), ("next.md", NEXT_PLAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg.ingest([tmp_path / "cypp.md", tmp_path / "action-plan.md", tmp_path / "next.md"])
    rows = kg.sparql("""SELECT ?p ?plan WHERE { ?p a pg:Priority ; rdfs:label ?l ; pg:partOf ?plan .
                        FILTER(LCASE(STR(?l)) = "healthy weight") }""")
    nodes = {r["p"] for r in rows}
    assert len(nodes) == 2  # the 2025 plan's (the action plan's row is it) and the next plan's own
    in_2025 = {r["p"] for r in rows if r["plan"].endswith("2025-2028")}
    led = kg.sparql("SELECT ?p WHERE { ?a pg:contributesTo ?p ; pg:ledBy ?who }")
    assert in_2025 & {r["p"] for r in led}  # the action of the action plan feeds the 2025 priority

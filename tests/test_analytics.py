"""Network analyses: reporting cycles, relied-upon bodies, overload, plan clusters."""

from __future__ import annotations

from plangraph import KnowledgeGraph

LOOP = """# Wexcombe Youth Strategy 2024-2027

The Youth Forum reports to the Wexcombe Youth Board. The Wexcombe Youth Board reports to the
Wexcombe Health and Wellbeing Board. The Wexcombe Health and Wellbeing Board reports to the
Youth Forum.
"""


def test_a_reporting_cycle_is_found(tmp_path):
    path = tmp_path / "loop.md"
    path.write_text(LOOP)
    kg = KnowledgeGraph.memory()
    kg.ingest([path])
    cycles = kg.analyse("reporting-cycles")
    assert len(cycles) == 1 and cycles.iloc[0]["length"] == 3
    assert "Youth Forum" in cycles.iloc[0]["bodies"]


def test_demo_analyses(demo_kg):
    relied = demo_kg.analyse("relied-upon")
    assert not relied.empty and relied.iloc[0]["betweenness"] >= relied.iloc[-1]["betweenness"]
    assert "Catherine Ashdown" in set(demo_kg.analyse("overload", leads=3).label)
    clusters = demo_kg.analyse("plan-clusters")
    assert clusters["size"].max() >= 2

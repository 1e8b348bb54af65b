"""The quote behind a fact read from a table is its row under the header, never the markup."""

from __future__ import annotations

from pathlib import Path

from plangraph import KnowledgeGraph
from plangraph.graph.passages import pipe_row, readable, table_of
from plangraph.ingest.document import Span
from plangraph.ingest.quotes import quote
from plangraph.ingest.readers import read_bytes

LEADS = b"""# Brookfield Action Plan 2026

| Priority | Action | Lead |
| --- | --- | --- |
| Warm homes | Insulate 200 council homes | Head of Housing |
| Safe streets | Light every underpass | Community Safety Manager |
"""

# a converted PDF: the whole table on one line, as HTML
ONE_LINE = (b"BROOKFIELD ACTION PLAN 2026\n\n<table><tr><td><b>Action</b></td><td><b>Lead</b></td></tr>"
            b"<tr><td>Insulate 200 council homes</td><td>Head of Housing</td></tr>"
            b"<tr><td>Light every underpass</td><td>Community Safety Manager</td></tr></table>\n")


def test_a_table_row_is_quoted_under_its_header() -> None:
    doc = read_bytes(LEADS, "brookfield.md")
    row = Span(6, 6)
    assert table_of(quote(doc, row)) == [
        ["Priority", "Action", "Lead"], ["Safe streets", "Light every underpass", "Community Safety Manager"]]
    assert readable(quote(doc, row)) == ("Priority: Safe streets · Action: Light every underpass · "
                                         "Lead: Community Safety Manager")
    assert quote(doc, Span(1, 1)) == "Brookfield Action Plan 2026"  # a sentence stays a sentence


def test_rows_on_one_line_are_told_apart_by_the_facts_names() -> None:
    doc = read_bytes(ONE_LINE, "brookfield.txt")
    line = next(b.span for b in doc.blocks if b.rows)
    text = quote(doc, line, hints=("Light every underpass",))
    assert "<" not in text
    assert table_of(text) == [["Action", "Lead"], ["Light every underpass", "Community Safety Manager"]]


def test_pipes_in_cells_survive_the_round_trip() -> None:
    assert table_of(pipe_row(["a | b", "c"])) == [["a | b", "c"]]
    assert table_of("no table here") is None


def test_the_stored_quotes_of_a_tables_facts_are_rows(tmp_path: Path) -> None:
    (tmp_path / "brookfield.md").write_bytes(LEADS)
    kg = KnowledgeGraph.memory()
    try:
        assert all(r.ok for r in kg.ingest([tmp_path / "brookfield.md"]))
        quotes = {r["q"] for r in kg.sparql(
            "SELECT ?q WHERE { GRAPH ?g { ?p pg:quote ?q ; pg:lineStart 6 } }")}
        assert quotes, "no fact was read from the second row"
        assert all(table_of(q) and table_of(q)[0] == ["Priority", "Action", "Lead"] for q in quotes)
    finally:
        kg.close()

"""The markdown reader: CommonMark structure with source lines, and the habits of real files."""

from __future__ import annotations

from plangraph.ingest.document import BlockKind
from plangraph.ingest.readers.markdown import parse_markdown

PAGE = """---
title: "Kestrel Valley Active Travel Plan 2026&ndash;2030"
date: 2026-01-15
layout: page
---

{% include heading.html level=2 text="Our aims" %}

1. Safer streets for walking
1. More people cycling to school
1. Cleaner air near schools
{: .aims-list}

##Measures

| Measure | Baseline<br>(2025) | Target |
| --- | --- | --- |
| Children walking to school | 41% | 55% |

<table>
<tr><th>Theme</th><th>Action</th></tr>
<tr><td rowspan="2">Streets</td><td>Widen footways on Mill Lane</td></tr>
<tr><td>Add crossings near schools</td></tr>
</table>

The <abbr title="Kestrel Valley Transport Board">KVTB</abbr> oversees the plan.
"""


def blocks(text: str):
    return parse_markdown(text, "page.md").blocks


def test_front_matter_is_metadata_and_its_title_a_heading() -> None:
    doc = parse_markdown(PAGE, "page.md")
    assert doc.metadata["layout"] == "page" and str(doc.metadata["date"]) == "2026-01-15"
    first = doc.blocks[0]
    assert first.kind is BlockKind.HEADING and first.level == 1
    assert first.text == "Kestrel Valley Active Travel Plan 2026–2030" and first.span.line_start == 2


def test_template_noise_is_dropped_and_a_heading_include_kept() -> None:
    doc = parse_markdown(PAGE, "page.md")
    texts = [b.text for b in doc.blocks]
    assert not any("{" in t or "%}" in t for t in texts)
    heading = next(b for b in doc.blocks if b.text == "Our aims")
    assert heading.kind is BlockKind.HEADING and heading.level == 2 and heading.span.line_start == 7


def test_ordered_lists_keep_their_implicit_numbers_and_lines() -> None:
    items = [b for b in blocks(PAGE) if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items[:3]] == ["1. Safer streets for walking", "2. More people cycling to school",
                                           "3. Cleaner air near schools"]
    assert [b.span.line_start for b in items[:3]] == [9, 10, 11]


def test_heading_without_a_space_and_pipe_table_with_breaks() -> None:
    doc = parse_markdown(PAGE, "page.md")
    assert any(b.kind is BlockKind.HEADING and b.text == "Measures" for b in doc.blocks)
    table = next(b for b in doc.blocks if b.is_table)
    assert table.rows[0] == ["Measure", "Baseline\n(2025)", "Target"]
    assert table.rows[1] == ["Children walking to school", "41%", "55%"]
    assert table.row_spans[1].line_start == 18


def test_raw_html_table_with_rowspan_and_abbreviations() -> None:
    doc = parse_markdown(PAGE, "page.md")
    html_table = [b for b in doc.blocks if b.is_table][1]
    assert html_table.rows == [["Theme", "Action"], ["Streets", "Widen footways on Mill Lane"],
                               ["Streets", "Add crossings near schools"]]
    assert html_table.span.line_start == 20
    assert doc.metadata["abbreviations"] == {"KVTB": "Kestrel Valley Transport Board"}


def test_wrapped_list_items_are_one_line_and_a_note_after_an_item_is_its_own_block() -> None:
    text = ("- departments will publish plans that set out\n  how they will reach the target\n\n"
            "3. MINUTES Attached\n   Last meeting held on 2 May 2026\n")
    found = [(b.kind, b.text) for b in blocks(text)]
    assert found == [(BlockKind.LIST_ITEM, "departments will publish plans that set out how they will "
                                           "reach the target"),
                     (BlockKind.LIST_ITEM, "3. MINUTES Attached"),
                     (BlockKind.PARAGRAPH, "Last meeting held on 2 May 2026")]


def test_converted_pdf_habits_inside_paragraphs() -> None:
    """A paragraph of lines from a PDF: a line in capitals is a heading, tab rows a table."""
    text = ("KESTREL VALLEY PARTNERSHIP\nAnnual report to the Board\n\n"
            "Indicator\tPeriod\tValue\nFirst\t2025\t12\n")
    found = blocks(text)
    assert found[0].kind is BlockKind.HEADING and found[0].text == "KESTREL VALLEY PARTNERSHIP"
    assert found[1].kind is BlockKind.PARAGRAPH
    assert found[2].is_table and found[2].rows[1] == ["First", "2025", "12"]
    assert found[2].row_spans[1].line_start == 5


def test_indented_prose_is_not_lost_as_code() -> None:
    found = blocks("Intro.\n\n    The Board will review the plan every year.\n")
    assert found[-1].kind is BlockKind.PARAGRAPH and found[-1].text.startswith("The Board will review")


def test_text_reader_underlined_titles_and_counted_items() -> None:
    """reStructuredText and plain text: an underlined title is a heading, '#.' items count."""
    from plangraph.ingest.readers.text import parse_text

    text = ("3. Findings\n===========\n\n#. The Trust shall publish its audit.\n"
            "#. The Trust shall train staff.\n\nNext section\n------------\n\nPlain prose.\n")
    found = [(b.kind, b.text, b.level) for b in parse_text(text, "findings.rst").blocks]
    assert found == [(BlockKind.HEADING, "3. Findings", 1),
                     (BlockKind.LIST_ITEM, "1. The Trust shall publish its audit.", 0),
                     (BlockKind.LIST_ITEM, "2. The Trust shall train staff.", 0),
                     (BlockKind.HEADING, "Next section", 2),
                     (BlockKind.PARAGRAPH, "Plain prose.", 0)]


PANDOC = """# Annex: members

  ------------------------------------------------------
  **Role**        **Member**          **Organisation**
  --------------- ------------------- ------------------
  Chair           Dr Ann Other        Northvale
                                      University

  Data Lead       Bob Example,        Harrowby Council
                  Deputy: Cy Sample

  **Observers**

  Finance         Dee Placeholder     Kestrel Trust
  ------------------------------------------------------

Then some prose.

Theme     Lead           Due
--------  -------------  ------
Housing   Eve Invented   2027
Travel    Fay Madeup     2028

+-----------+-------------+
| Body      | Reports to  |
+===========+=============+
| Safety    | Partnership |
| Group     | Board       |
+-----------+-------------+
| Data Hub  | Safety      |
|           | Group       |
+-----------+-------------+
"""


def test_pandoc_multiline_simple_and_grid_tables_are_tables() -> None:
    doc = parse_markdown(PANDOC, "annex.md")
    multi, simple, grid = [b for b in doc.blocks if b.is_table]
    assert multi.rows[0] == ["Role", "Member", "Organisation"]
    assert multi.rows[1] == ["Chair", "Dr Ann Other", "Northvale University"]
    assert multi.rows[2] == ["Data Lead", "Bob Example, Deputy: Cy Sample", "Harrowby Council"]
    assert multi.rows[3] == ["Observers", "", ""]
    assert (multi.row_spans[1].line_start, multi.row_spans[1].line_end) == (6, 7)
    assert simple.rows == [["Theme", "Lead", "Due"], ["Housing", "Eve Invented", "2027"],
                           ["Travel", "Fay Madeup", "2028"]]
    assert grid.rows == [["Body", "Reports to"], ["Safety Group", "Partnership Board"],
                         ["Data Hub", "Safety Group"]]
    assert any(b.text == "Then some prose." for b in doc.blocks)
    assert not any(b.kind is BlockKind.HEADING and "Member" in b.text for b in doc.blocks)


def test_dashes_that_are_not_a_pandoc_table_stay_markdown() -> None:
    doc = parse_markdown("Intro line\n\n---\n\nA paragraph\n-- not a rule --\n", "rules.md")
    assert not any(b.is_table for b in doc.blocks)
    assert [b.text for b in doc.blocks][:1] == ["Intro line"]


def test_a_double_spaced_conversion_joins_lines_that_run_on() -> None:
    printed = ["The committee met in the civic hall and heard from the housing officers about the",
               "register, which has grown by a tenth since the spring of last year.",
               "Members asked whether the new allocations policy would be ready before the end of",
               "the year.", "Short line.", "Another line that is long enough to reach the right margin here",
               "- a list item", "The meeting closed at 4pm after a brief discussion of the next agenda.",
               "Date of next meeting: 9 June 2026.",
               "Signed as a correct record by the Chair of the committee."]
    doc = parse_markdown("\n\n".join(printed) + "\n", "minutes.md")
    texts = [b.text for b in doc.blocks]
    assert texts[0].endswith("since the spring of last year.") and texts[0].startswith("The committee")
    assert texts[1] == printed[2] + " " + printed[3]
    assert "Short line." in texts and "- a list item" not in texts[3]
    assert doc.blocks[0].span.line_start == 1 and doc.blocks[0].span.line_end == 3

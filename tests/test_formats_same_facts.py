"""One plan written as Markdown, HTML, Word and PDF gives the same facts; a lead table as CSV
and as a spreadsheet gives the same leads. Files are generated with the real libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers import read_document

TITLE = "Fernvale Children and Young People's Plan 2024-2027"
OUTCOMES = [
    ("1.", "Children grow up healthy", [
        ("1a.", "Babies get the best start", ["% of mothers smoking at the time of delivery",
                                              "% of babies breastfed at 6-8 weeks"]),
        ("1b.", "Young people have good mental health", ["Rate of hospital admissions for self harm"]),
    ]),
    ("2.", "Children are safe from harm", [
        ("2a.", "Fewer children need protection plans", ["Number of children on a child protection plan"]),
    ]),
]
ROMAN = ["i)", "ii)", "iii)"]
LEADS = [["Priority", "Strategic lead", "Operational lead"],
         ["Healthy weight", "Ruth Penhaligon", "Owen Treloar & Mia Kessell"],
         ["Safer families", "Dev Raman", "?"]]


def markdown() -> str:
    lines = [f"# {TITLE}", "", "## Our outcomes", ""]
    for number, label, subs in OUTCOMES:
        lines += [f"{number} {label}", ""]
        for sub_number, sub_label, indicators in subs:
            lines += [f"{sub_number} {sub_label}", ""]
            lines += [f"- {ROMAN[i]} {ind}" for i, ind in enumerate(indicators)] + [""]
    return "\n".join(lines)


def html() -> str:
    parts = [f"<html><body><h1>{TITLE}</h1><h2>Our outcomes</h2>"]
    for number, label, subs in OUTCOMES:
        parts.append(f"<p>{number} {label}</p>")
        for sub_number, sub_label, indicators in subs:
            parts.append(f"<p>{sub_number} {sub_label}</p><ul>")
            parts += [f"<li>{ROMAN[i]} {ind}</li>" for i, ind in enumerate(indicators)]
            parts.append("</ul>")
    return "".join(parts) + "</body></html>"


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_heading("Our outcomes", level=2)
    for number, label, subs in OUTCOMES:
        document.add_paragraph(f"{number} {label}")
        for sub_number, sub_label, indicators in subs:
            document.add_paragraph(f"{sub_number} {sub_label}")
            for i, ind in enumerate(indicators):
                document.add_paragraph(f"{ROMAN[i]} {ind}", style="List Bullet")
    document.save(path)


def write_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(TITLE, styles["Title"]), Paragraph("Our outcomes", styles["Heading2"])]
    for number, label, subs in OUTCOMES:
        story.append(Paragraph(f"{number} {label}", styles["BodyText"]))
        for sub_number, sub_label, indicators in subs:
            story.append(Paragraph(f"{sub_number} {sub_label}", styles["BodyText"]))
            for i, ind in enumerate(indicators):
                story.append(Paragraph(f"• {ROMAN[i]} {ind}", styles["BodyText"]))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def summary(facts: Facts) -> set[tuple]:
    """Classes, labels and the links between them, independent of keys and spans."""
    out: set[tuple] = {(e.cls, e.label) for e in facts.entities.values()
                       if e.cls in {"Plan", "Outcome", "Indicator", "Priority", "Person"}}
    for r in facts.relations:
        if r.predicate in {"parent", "measures", "partOf", "ledBy"}:
            out.add((facts.entities[r.subject].label, r.predicate, facts.entities[r.object].label,
                     r.qualifiers.get("role", "")))
    return out


def facts_from(path: Path) -> Facts:
    doc, _ = read_document(path)
    return extract(doc)


@pytest.fixture
def reference(tmp_path: Path) -> set[tuple]:
    path = tmp_path / "plan.md"
    path.write_text(markdown(), encoding="utf-8")
    facts = summary(facts_from(path))
    assert ("Indicator", "% of babies breastfed at 6-8 weeks") in facts
    assert ("Rate of hospital admissions for self harm", "measures",
            "Young people have good mental health", "") in facts
    assert ("Babies get the best start", "parent", "Children grow up healthy", "") in facts
    return facts


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_each_format_gives_the_facts_of_the_text_version(tmp_path, reference, suffix):
    path = tmp_path / f"plan{suffix}"
    if suffix == ".html":
        path.write_text(html(), encoding="utf-8")
    elif suffix == ".docx":
        write_docx(path)
    else:
        write_pdf(path)
    assert summary(facts_from(path)) == reference


def test_lead_table_as_csv_and_as_xlsx(tmp_path):
    import csv

    from openpyxl import Workbook

    csv_path = tmp_path / "leads.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(LEADS)
    xlsx_path = tmp_path / "leads.xlsx"
    book = Workbook()
    for row in LEADS:
        book.active.append(row)
    book.save(xlsx_path)
    from_csv, from_xlsx = summary(facts_from(csv_path)), summary(facts_from(xlsx_path))
    assert from_csv == from_xlsx
    assert ("Healthy weight", "ledBy", "Mia Kessell", "operational lead") in from_csv
    assert ("Healthy weight", "ledBy", "Owen Treloar", "operational lead") in from_csv
    assert not any(t[0] == "Safer families" and t[3] == "operational lead" for t in from_csv
                   if len(t) == 4)


# -- one invented plan with numbered lists in five formats ---------------------------------------
SAFETY_TITLE = "Brackenford Community Safety Plan 2026-2029"
SAFETY_PRIORITIES = ["Safer town centre at night", "Fewer young people drawn into crime",
                     "Less harm from drugs and alcohol"]
SAFETY_RECS = ["The Board should publish a quarterly crime dashboard.",
               "The Council should fund two more youth workers."]


def safety_markdown() -> str:
    return "\n".join([f"# {SAFETY_TITLE}", "", "## Our priorities", "",
                      *[f"1. {p}" for p in SAFETY_PRIORITIES], "", "## Recommendations", "",
                      *[f"1. {r}" for r in SAFETY_RECS], ""])  # implicit numbers: 1. 1. 1.


def safety_rst() -> str:
    underline = "=" * len(SAFETY_TITLE)
    return "\n".join([SAFETY_TITLE, underline, "", "Our priorities", "--------------", "",
                      *[f"#. {p}" for p in SAFETY_PRIORITIES], "", "Recommendations", "---------------", "",
                      *[f"#. {r}" for r in SAFETY_RECS], ""])


def safety_html() -> str:
    items = "".join(f"<li>{p}</li>" for p in SAFETY_PRIORITIES)
    recs = "".join(f"<li>{r}</li>" for r in SAFETY_RECS)
    return (f"<html><body><h1>{SAFETY_TITLE}</h1><h2>Our priorities</h2><ol>{items}</ol>"
            f"<h2>Recommendations</h2><ol>{recs}</ol></body></html>")


def write_safety_docx(path: Path) -> None:
    """Word's automatic numbering: the items' text carries no number of its own."""
    import docx

    document = docx.Document()
    document.add_heading(SAFETY_TITLE, level=1)
    document.add_heading("Our priorities", level=2)
    for priority in SAFETY_PRIORITIES:
        document.add_paragraph(priority, style="List Number")
    document.add_heading("Recommendations", level=2)
    for rec in SAFETY_RECS:
        document.add_paragraph(rec, style="List Number 2")
    document.save(path)


def write_safety_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(SAFETY_TITLE, styles["Title"]), Paragraph("Our priorities", styles["Heading2"])]
    story += [Paragraph(f"{n}. {p}", styles["BodyText"]) for n, p in enumerate(SAFETY_PRIORITIES, 1)]
    story.append(Paragraph("Recommendations", styles["Heading2"]))
    story += [Paragraph(f"{n}. {r}", styles["BodyText"]) for n, r in enumerate(SAFETY_RECS, 1)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.mark.parametrize("suffix", [".md", ".rst", ".html", ".docx", ".pdf"])
def test_numbered_elements_are_the_same_in_every_format(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"brackenford-safety{suffix}"
    if suffix == ".docx":
        write_safety_docx(path)
    elif suffix == ".pdf":
        write_safety_pdf(path)
    else:
        text = {".md": safety_markdown, ".rst": safety_rst, ".html": safety_html}[suffix]()
        path.write_text(text, encoding="utf-8")
    facts = facts_from(path)
    labels = {cls: {e.label for e in facts.of_class(cls)} for cls in ("Plan", "Priority", "Recommendation")}
    assert labels["Plan"] >= {SAFETY_TITLE}
    assert labels["Priority"] == set(SAFETY_PRIORITIES)
    assert labels["Recommendation"] == {r.rstrip(".") for r in SAFETY_RECS}
    second = next(e for e in facts.of_class("Recommendation") if e.label.startswith("The Council"))
    assert "Recommendation 2" in second.alt_labels  # the number a reader sees, in every format

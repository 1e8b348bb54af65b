"""The format readers on real files generated here (docx, pdf, html, csv, xlsx) and broken ones.

Every test goes through `read_bytes`, the registry's entry point, and checks both the blocks
and that each block's span quotes its own text from the rendered `Document.text`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from builders import TABLE, make_docx, make_docx_bomb, make_image_only_pdf, make_pdf, raw_pdf, zip_bytes

from plangraph.ingest.document import Block, BlockKind, Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers import read_bytes

H, P, LI, T = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE



def flat(text: str) -> str:
    return " ".join(text.split())


def assert_spans(doc: Document) -> None:
    """Every span quotes its block's text; every table row span quotes that row."""
    lines = doc.text.split("\n")
    assert lines == doc.lines or doc.text.endswith("\n")
    for block in doc.blocks:
        assert doc.quote(block.span, limit=10_000) == flat(block.text), block
        start, end = block.span.char_start, block.span.char_end
        assert flat(doc.text[start:end]) == flat(block.text), block
        if block.kind is T:
            assert len(block.row_spans) == len(block.rows)
            for row, span in zip(block.rows, block.row_spans, strict=True):
                assert span.line_start == span.line_end
                assert doc.lines[span.line_start - 1] == "\t".join(row)


def find(doc: Document, kind: BlockKind, text: str) -> Block:
    for block in doc.blocks:
        if block.kind is kind and block.text == text:
            return block
    raise AssertionError(f"no {kind} block {text!r} in {[(b.kind, b.text) for b in doc.blocks]}")


def error_for(data: bytes, name: str) -> str:
    with pytest.raises(IngestError) as info:
        read_bytes(data, name)
    assert info.value.file == name
    return info.value.reason


# --- docx --------------------------------------------------------------------------------


@pytest.fixture
def docx_bytes(tmp_path: Path) -> bytes:
    return make_docx(tmp_path / "plan.docx")


def test_docx_blocks_in_order(docx_bytes: bytes) -> None:
    doc = read_bytes(docx_bytes, "plan.docx")
    assert doc.media_type.endswith("wordprocessingml.document")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds == [
        (H, "Children and Young People's Plan"),
        (P, "This plan sets out how the partnership will improve outcomes."),
        (H, "Our outcomes"),
        (P, "1. Be healthy"),
        (P, "1a. Reduce childhood obesity"),
        (LI, "Improve school meals"),
        (LI, "Promote active travel"),
        (LI, "Every school has a travel plan"),
        (P, "Lead indicators"),
        (T, "\t".join(TABLE[0]) + "\n" + "\n".join("\t".join(r) for r in TABLE[1:])),
        (P, "After the table, a closing paragraph with a mixed run."),
    ]
    assert find(doc, H, "Children and Young People's Plan").level == 1
    assert find(doc, H, "Our outcomes").level == 2
    assert find(doc, LI, "Improve school meals").level == 0
    assert find(doc, LI, "Every school has a travel plan").level == 1
    assert find(doc, P, "Lead indicators").bold
    assert not find(doc, P, "After the table, a closing paragraph with a mixed run.").bold
    table = next(b for b in doc.blocks if b.kind is T)
    assert table.rows == TABLE
    assert_spans(doc)


def test_docx_merged_cells_repeat_text(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    table = word.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Outcome"
    table.cell(0, 2).text = "Lead"
    for c, value in enumerate(["Be healthy", "Stay safe", "Jo Bloggs"]):
        table.cell(1, c).text = value
    word.save(tmp_path / "m.docx")
    doc = read_bytes((tmp_path / "m.docx").read_bytes(), "m.docx")
    assert doc.blocks[0].rows == [["Outcome", "Outcome", "Lead"],
                                  ["Be healthy", "Stay safe", "Jo Bloggs"]]
    assert_spans(doc)


def test_docx_truncated(docx_bytes: bytes) -> None:
    reason = error_for(docx_bytes[:500], "plan.docx")
    assert "not a valid .docx" in reason and "damaged or truncated" in reason


def test_docx_not_a_zip() -> None:
    assert error_for(b"this is plain text, not a zip", "plan.docx") == \
        "not a valid .docx (not a zip archive)"


def test_docx_without_document_part() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "word/document.xml" in error_for(buf.getvalue(), "plan.docx")


def test_docx_zip_bomb(tmp_path: Path) -> None:
    path = make_docx_bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 1_000_000  # 300 MB of zeros, under 1 MB on disk
    reason = error_for(path.read_bytes(), "bomb.docx")
    assert reason.startswith("looks like a zip bomb") and "refusing to expand" in reason


def test_docx_with_entity_declaration(docx_bytes: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            archive.writestr(info.filename, body)
    assert "DOCTYPE" in error_for(buf.getvalue(), "plan.docx")


# --- pdf ---------------------------------------------------------------------------------


@pytest.fixture
def pdf_bytes(tmp_path: Path) -> bytes:
    return make_pdf(tmp_path / "plan.pdf")


def test_pdf_blocks(pdf_bytes: bytes) -> None:
    doc = read_bytes(pdf_bytes, "plan.pdf")
    assert doc.media_type == "application/pdf"
    title = doc.blocks[0]
    assert (title.kind, title.text, title.level, title.bold) == \
        (H, "Children and Young People's Plan", 1, True)
    intro = doc.blocks[1]
    assert intro.kind is P and intro.text.startswith("This plan sets out how")
    assert intro.text.count("\n") >= 1  # wrapped lines of one paragraph stay one block
    assert flat(intro.text).endswith("and the voluntary sector.")
    find(doc, P, "1. Be healthy")
    find(doc, P, "1a. Reduce childhood obesity")
    find(doc, LI, "Improve school meals")
    table = next(b for b in doc.blocks if b.kind is T)
    assert table.rows == TABLE
    # the table's text is not repeated as lines of text
    assert sum("Director of Public Health" in b.text for b in doc.blocks) == 1
    assert doc.blocks[-1].text == "After the table comes a closing paragraph."
    assert [b.kind for b in doc.blocks].index(T) < len(doc.blocks) - 1
    assert_spans(doc)


def test_pdf_two_pages_keep_order(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "First page text.")
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Second page text.")
    c.showPage()
    c.save()
    doc = read_bytes(path.read_bytes(), "two.pdf")
    assert [b.text for b in doc.blocks] == ["First page text.", "Second page text."]
    assert doc.blocks[1].span.line_start > doc.blocks[0].span.line_end + 1  # a blank line
    assert_spans(doc)


def test_pdf_truncated(pdf_bytes: bytes) -> None:
    reason = error_for(pdf_bytes[: len(pdf_bytes) // 2], "plan.pdf")
    assert reason.startswith("is damaged or truncated and cannot be read")


def test_pdf_without_header() -> None:
    assert error_for(b"<html>not a pdf</html>", "plan.pdf") == "not a PDF file (no %PDF header)"


@pytest.mark.parametrize("objects", [
    # a page whose content streams are an array holding itself
    (b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", b"[4 0 R]"),
    # a page tree whose only kid is the tree itself
    (b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",),
])
def test_pdf_that_points_to_itself_ends(objects: tuple[bytes, ...]) -> None:
    """Issue 19's 386-byte PDF looped for ever in pdfminer; such a file is its own error at once."""
    import time

    started = time.monotonic()
    reason = error_for(raw_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", *objects), "loop.pdf")
    assert time.monotonic() - started < 5 and "no text layer" in reason


def test_pdf_password_protected(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "secret.pdf", encrypt="secret")
    assert error_for(data, "secret.pdf") == \
        "is password-protected; remove the password and try again"


def test_pdf_encrypted_with_empty_user_password_is_read(pdf_bytes: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    doc = read_bytes(buf.getvalue(), "open.pdf")
    assert doc.blocks[0].text == "Children and Young People's Plan"


def test_pdf_image_only(tmp_path: Path) -> None:
    path = make_image_only_pdf(tmp_path / "scan.pdf")
    assert error_for(path.read_bytes(), "scan.pdf") == \
        "has no text layer (a scanned image?); run OCR first"


# --- html --------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Ignored title</title>
<style>p { color: red }</style><script>document.write("nope")</script></head>
<body>
<h1>Health and Wellbeing Strategy</h1>
<p>The board agreed this strategy in <a href="http://example.invalid/">March</a>.</p>
<div>Loose text in a div<br>on two lines</div>
<p><strong>Priority 1: Start well</strong></p>
<ul>
  <li>Give every child the best start
    <ul><li>Breastfeeding support</li></ul>
  </li>
  <li>Improve school readiness</li>
</ul>
<table>
  <tr><th>Indicator</th><th colspan="2">Lead and target</th></tr>
  <tr><td rowspan="2">NI 56</td><td>Director of Public Health</td><td>20%</td></tr>
  <tr><td>Youth Service</td><td>75%</td></tr>
</table>
<h3>Caf\xe9 culture</h3>
</body></html>
"""


def test_html_blocks() -> None:
    doc = read_bytes(HTML.encode("cp1252"), "strategy.html")
    assert doc.media_type == "text/html"
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        (H, "Health and Wellbeing Strategy", 1),
        (P, "The board agreed this strategy in March.", 0),
        (P, "Loose text in a div\non two lines", 0),
        (P, "Priority 1: Start well", 0),
        (LI, "Give every child the best start", 0),
        (LI, "Breastfeeding support", 1),
        (LI, "Improve school readiness", 0),
        (T, "Indicator\tLead and target\tLead and target\n"
            "NI 56\tDirector of Public Health\t20%\nNI 56\tYouth Service\t75%", 0),
        (H, "Café culture", 3),
    ]
    assert doc.blocks[3].bold and not doc.blocks[1].bold
    assert "nope" not in doc.text and "color" not in doc.text and "Ignored" not in doc.text
    assert_spans(doc)


def test_html_spans_spread_within_a_bound() -> None:
    """9 KB of cells each spanning 100 columns and 1,000 rows would spread into millions of
    cells; past a bound a cell is read as stored, so the file reads at once and keeps its text."""
    import time

    rows = '<tr><td colspan="2000000000" rowspan="65534">Dana Whitlow</td></tr>' * 200
    started = time.monotonic()
    doc = read_bytes(f"<table>{rows}</table>".encode(), "spans.html")
    assert time.monotonic() - started < 5
    table = next(b for b in doc.blocks if b.kind is T)
    assert 200 <= sum(len(row) for row in table.rows) <= 20_200
    assert {cell for row in table.rows for cell in row} <= {"Dana Whitlow", ""}


def test_html_utf8_without_meta() -> None:
    doc = read_bytes("<p>Café — “quoted”</p>".encode(), "x.htm")
    assert doc.blocks[0].text == "Café — “quoted”"
    assert doc.warnings == []


# --- csv ---------------------------------------------------------------------------------


def test_csv_semicolons(tmp_path: Path) -> None:
    text = "Priority;Lead;Group\nBest Start;Imran Siddiqui;Best Start Partnership\n;;\n" \
           "Healthy Weight;Dr Priya Nair;\"Healthy Weight; Strategic Group\"\n"
    doc = read_bytes(text.encode(), "leads.csv")
    assert doc.media_type == "text/csv"
    assert len(doc.blocks) == 1
    assert doc.blocks[0].rows == [
        ["Priority", "Lead", "Group"],
        ["Best Start", "Imran Siddiqui", "Best Start Partnership"],
        ["Healthy Weight", "Dr Priya Nair", "Healthy Weight; Strategic Group"],
    ]
    assert doc.blocks[0].row_spans[2].line_start == 3
    assert_spans(doc)


def test_csv_cp1252_fallback_warns() -> None:
    data = "Name,Role\nRené Dupont,Director – Children\n".encode("cp1252")
    doc = read_bytes(data, "leads.csv")
    assert doc.blocks[0].rows[1] == ["René Dupont", "Director – Children"]
    assert len(doc.warnings) == 1 and "not valid UTF-8" in doc.warnings[0]
    assert "Windows-1252" in doc.warnings[0]


def test_csv_binary_rejected() -> None:
    reason = error_for(b"PK\x03\x04\x00\x00binary\x00\x01\x02" * 20, "leads.csv")
    assert "binary" in reason


def test_empty_file_rejected() -> None:
    assert error_for(b"", "leads.csv") == "file is empty (0 bytes)"
    assert error_for(b"", "plan.docx") == "file is empty (0 bytes)"


# --- xlsx --------------------------------------------------------------------------------


def test_xlsx_sheets(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    leads = book.active
    leads.title = "Leads"
    leads.append(["Priority", "Lead", "Due"])
    leads.append(["Best Start", "Imran Siddiqui", dt.datetime(2026, 3, 31)])
    leads.append([None, None, None])
    leads.append(["Healthy Weight", None, 2027.0])
    book.create_sheet("Empty")
    targets = book.create_sheet("Targets")
    targets["B2"] = "NI 56"
    targets["C2"] = 0.2
    book.save(tmp_path / "leads.xlsx")
    doc = read_bytes((tmp_path / "leads.xlsx").read_bytes(), "leads.xlsx")
    assert doc.media_type.endswith("spreadsheetml.sheet")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind is H] == [(H, "Leads"), (H, "Targets")]
    tables = [b for b in doc.blocks if b.kind is T]
    assert tables[0].rows == [
        ["Priority", "Lead", "Due"],
        ["Best Start", "Imran Siddiqui", "2026-03-31"],
        ["Healthy Weight", "", "2027"],
    ]
    assert tables[1].rows == [["NI 56", "0.2"]]
    assert [b.kind for b in doc.blocks] == [H, T, H, T]
    assert_spans(doc)


def test_xlsx_zip_bomb() -> None:
    bomb = zip_bytes({"xl/workbook.xml": b"<workbook/>"}, "xl/worksheets/sheet1.xml", 60)
    reason = error_for(bomb, "bomb.xlsx")
    assert reason.startswith("looks like a zip bomb") and "sheet1.xml" in reason


def test_xlsx_is_really_a_docx(docx_bytes: bytes) -> None:
    assert "xl/workbook.xml" in error_for(docx_bytes, "leads.xlsx")

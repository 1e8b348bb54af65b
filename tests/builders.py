"""Real files for tests, made with the libraries that write them (python-docx, reportlab)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from plangraph import KnowledgeGraph
from plangraph.graph.resources import demo_files
from plangraph.ingest.pipeline import prepare_bytes

# A plan whose outcome labels are markup: pages must show them as text and run nothing.
EVIL = """# Evilton Children and Young People's Plan 2025-2028

## STRATEGIC OUTCOMES

The Board has agreed two strategic outcomes.

1. &lt;script&gt;alert(1)&lt;/script&gt;

Children are safe.

2. &lt;img src=x onerror=alert(1)&gt;

Children are healthy.
"""

TABLE = [
    ["Indicator", "Lead", "Target"],
    ["NI 56 Obesity", "Director of Public Health", "20%"],
    ["NI 110 Participation", "Youth Service", "75%"],
]


def demo_graph(evil: bool = True) -> KnowledgeGraph:
    """The demo partnership in memory, with (by default) a plan whose text attacks the pages."""
    kg = KnowledgeGraph.memory()
    results = kg.ingest(demo_files())
    assert all(r.ok for r in results)
    if evil:
        prepared = prepare_bytes(EVIL.encode(), "evil-plan-2025-2028.md", None, kg.resolver())
        kg.replace_graph(prepared.source.graph_iri, prepared.quads)
    return kg


def make_docx(path: Path) -> bytes:
    import docx

    word = docx.Document()
    word.add_heading("Children and Young People's Plan", level=1)
    word.add_paragraph("This plan sets out how the partnership will improve outcomes.")
    word.add_heading("Our outcomes", level=2)
    word.add_paragraph("1. Be healthy")
    word.add_paragraph("1a. Reduce childhood obesity")
    word.add_paragraph("Improve school meals", style="List Bullet")
    word.add_paragraph("Promote active travel", style="List Bullet")
    word.add_paragraph("Every school has a travel plan", style="List Bullet 2")
    bold = word.add_paragraph()
    bold.add_run("Lead indicators").bold = True
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    para = word.add_paragraph("After the table, a closing paragraph with a ")
    para.add_run("mixed").bold = True
    para.add_run(" run.")
    word.save(path)
    return path.read_bytes()


def make_pdf(path: Path, encrypt: str | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story = [
        Paragraph("Children and Young People's Plan", styles["Title"]),
        Paragraph("This plan sets out how the partnership will improve outcomes for children "
                  "and young people across the borough over the next three years, working "
                  "with schools, health services and the voluntary sector.", body),
        Paragraph("1. Be healthy", body),
        Paragraph("1a. Reduce childhood obesity", body),
        Paragraph("• Improve school meals", body),
        Spacer(1, 12),
        Table(TABLE, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])),
        Paragraph("After the table comes a closing paragraph.", body),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt).build(story)
    return path.read_bytes()


def make_image_only_pdf(path: Path) -> Path:
    """A PDF page with a drawing and no text layer, like a scan."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return path


def zip_bytes(members: dict[str, bytes], huge: str = "", megabytes: int = 0) -> bytes:
    """A zip of `members`, plus a member `huge` of `megabytes` of zeros that deflate to almost
    nothing: Office files made by hand, zip bombs among them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        if huge:
            with archive.open(huge, "w", force_zip64=True) as member:
                for _ in range(megabytes):
                    member.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


def make_docx_bomb(path: Path, megabytes: int = 300) -> Path:
    """A .docx whose document part expands to `megabytes` of zeros (under 1 MB on disk)."""
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>"}, "word/document.xml", megabytes))
    return path


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand, object by object (the first is the catalog), its cross-reference
    table right whatever the objects say: for files no PDF library would write."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + (b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\n"
                  b"startxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table, len(objects) + 1, len(out)))


def slow_in_workers(monkeypatch, prefix: str, seconds: float) -> None:
    """Files whose names start with `prefix` take `seconds` to read, in a worker process only
    (as a parser stuck on a hostile file would); this process reads them at once."""
    import os
    import time

    from plangraph.ingest import pipeline

    parent, extract = os.getpid(), pipeline.extract_bytes

    def slow(data: bytes, name: str, area: str | None = None) -> pipeline.Extracted:
        if os.getpid() != parent and name.startswith(prefix):
            time.sleep(seconds)
        return extract(data, name, area)

    monkeypatch.setattr(pipeline, "extract_bytes", slow)

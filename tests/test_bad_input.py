"""Bad files: one clear message each, nothing of them written, the other files still ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_docx, make_docx_bomb, make_image_only_pdf, make_pdf, slow_in_workers

from plangraph import KnowledgeGraph

GOOD = "# Ashcombe Early Help Strategy 2024-2026\n\n## Outcomes\n\n1. Families get help early\n"


def bad_files(folder: Path) -> dict[str, str]:
    """File name -> words its error message must contain."""
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    full_docx = make_docx(folder / "whole.docx")
    (folder / "whole.docx").unlink()
    (folder / "truncated.docx").write_bytes(full_docx[:500])
    full_pdf = make_pdf(folder / "whole.pdf")
    (folder / "whole.pdf").unlink()
    (folder / "corrupt.pdf").write_bytes(full_pdf[: len(full_pdf) // 2])
    make_pdf(folder / "locked.pdf", encrypt="secret")
    make_image_only_pdf(folder / "scan.pdf")
    make_docx_bomb(folder / "bomb.docx")
    (folder / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d not text in any code page")
    return {
        "empty.md": "empty",
        "binary.txt": "binary",
        "truncated.docx": "damaged or truncated",
        "corrupt.pdf": "damaged or truncated",
        "locked.pdf": "password-protected",
        "scan.pdf": "no text layer",
        "bomb.docx": "zip bomb",
        "latin.txt": "not valid UTF-8",
    }


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANGRAPH_MAX_BYTES", "4000")
    (tmp_path / "huge.md").write_text(GOOD + "x" * 5000)
    (tmp_path / "good.md").write_text(GOOD)
    results = {r.file: r for r in KnowledgeGraph.memory().ingest([tmp_path])}
    assert results["good.md"].ok
    assert results["huge.md"].message == "file is 5.1 KB, over the 4.0 KB limit (set PLANGRAPH_MAX_BYTES)"


@pytest.mark.parametrize("workers", ["0", "1"])  # extracted here, or in a worker process
def test_each_bad_file_fails_alone_and_writes_nothing(tmp_path, monkeypatch, workers):
    monkeypatch.setenv("PLANGRAPH_INGEST_WORKERS", workers)
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_files(folder)
    (folder / "good.md").write_text(GOOD)
    kg = KnowledgeGraph.memory()
    results = {r.file: r for r in kg.ingest([folder])}
    assert results["good.md"].status == "ingested"
    for name, words in expected.items():
        assert results[name].status == "failed", name
        assert words in results[name].message, (name, results[name].message)
        assert "\n" not in results[name].message
    assert [d["fileName"] for d in kg.documents()] == ["good.md"]


def test_a_worker_process_that_dies_fails_only_its_file(tmp_path, monkeypatch):
    """A parser that kills its process (as a crash in a native parser does) in a worker: that
    file is failed with a reason, a fresh worker reads the rest and every other file is
    ingested. It is not read again in the ingesting process, which it could take down too."""
    import os

    from plangraph.ingest import pipeline

    parent, extract = os.getpid(), pipeline.extract_bytes

    def dies_in_a_worker(data: bytes, name: str, area: str | None = None) -> pipeline.Extracted:
        if os.getpid() != parent and name == "plan3.md":
            os._exit(70)
        return extract(data, name, area)

    monkeypatch.setattr(pipeline, "extract_bytes", dies_in_a_worker)
    monkeypatch.setenv("PLANGRAPH_INGEST_WORKERS", "1")
    for i in range(10):
        (tmp_path / f"plan{i}.md").write_text(GOOD.replace("Ashcombe", f"Ashcombe {i}"))
    results = {r.file: r for r in KnowledgeGraph.memory().ingest([tmp_path])}
    assert [name for name, r in results.items() if r.status == "ingested"] == \
        [f"plan{i}.md" for i in range(10) if i != 3]
    assert results["plan3.md"].status == "failed"
    assert "stopped" in results["plan3.md"].message and "\n" not in results["plan3.md"].message


def test_a_file_over_its_time_budget_fails_alone(tmp_path, monkeypatch):
    """A file that would read for ever (a PDF whose page points to itself, a quadratic line):
    its worker is killed at the budget, the file fails saying so, the others are ingested."""
    import time

    slow_in_workers(monkeypatch, "endless", 60)
    monkeypatch.setenv("PLANGRAPH_FILE_TIMEOUT", "1.5")
    (tmp_path / "endless.md").write_text(GOOD)
    (tmp_path / "fine.md").write_text(GOOD.replace("Ashcombe", "Oakwick"))
    started = time.monotonic()
    results = {r.file: r for r in KnowledgeGraph.memory().ingest([tmp_path])}
    assert time.monotonic() - started < 30
    assert results["fine.md"].status == "ingested"
    assert results["endless.md"].message == ("reading it took longer than 1.5 s, the limit for one "
                                            "file (PLANGRAPH_FILE_TIMEOUT)")


def test_a_file_over_its_memory_budget_fails_alone(tmp_path, monkeypatch):
    from plangraph.ingest import pipeline

    extract = pipeline.extract_bytes

    def greedy(data: bytes, name: str, area: str | None = None) -> pipeline.Extracted:
        if name.startswith("greedy"):
            hog = bytearray(400 * 1024 * 1024)
            hog[-1] = 1
        return extract(data, name, area)

    monkeypatch.setattr(pipeline, "extract_bytes", greedy)
    monkeypatch.setenv("PLANGRAPH_FILE_MEMORY_MB", "100")
    (tmp_path / "greedy.md").write_text(GOOD)
    (tmp_path / "fine.md").write_text(GOOD.replace("Ashcombe", "Oakwick"))
    results = {r.file: r for r in KnowledgeGraph.memory().ingest([tmp_path])}
    assert results["fine.md"].status == "ingested"
    assert results["greedy.md"].message == ("reading it needed more than 100 MB of memory, the limit "
                                           "for one file (PLANGRAPH_FILE_MEMORY_MB)")


def test_running_out_of_memory_in_process_names_no_limit_that_was_not_set(tmp_path, monkeypatch):
    """Read in this process (PLANGRAPH_INGEST_WORKERS=0) no per-file limit applies, so running
    out of memory says so instead of naming one."""
    from plangraph.ingest import pipeline

    def exhausted(data: bytes, name: str, area: str | None = None) -> pipeline.Extracted:
        raise MemoryError

    monkeypatch.setattr(pipeline, "extract_bytes", exhausted)
    monkeypatch.setenv("PLANGRAPH_INGEST_WORKERS", "0")
    (tmp_path / "big.md").write_text(GOOD)
    [result] = KnowledgeGraph.memory().ingest([tmp_path / "big.md"])
    assert result.status == "failed" and result.message == pipeline.OUT_OF_MEMORY
    assert "MB of memory" not in result.message


def test_a_failed_reingest_keeps_the_previous_version(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(GOOD)
    kg = KnowledgeGraph.memory()
    kg.ingest([path])
    before = kg.export("nquads")
    path.write_bytes(b"\x00\x01\x02 broken")
    (result,) = kg.ingest([path])
    assert result.status == "failed"
    assert kg.export("nquads") == before


@pytest.mark.parametrize("payload", [
    "# &lt;script&gt;alert(1)&lt;/script&gt; Plan 2024-2027\n\n## Outcomes\n\n"
    "1. &lt;img src=x onerror=alert(1)&gt; outcome\n",
    '# Plan 2024-2027 "quoted" \\ back } { . ;\n\n## Outcomes\n\n1. Ends with "} ; DROP ALL\n',
])
def test_hostile_text_is_stored_as_literal_text(tmp_path, payload):
    path = tmp_path / "hostile.md"
    path.write_text(payload)
    kg = KnowledgeGraph.memory()
    (result,) = kg.ingest([path])
    assert result.ok
    labels = {r["l"] for r in kg.sparql("SELECT ?l WHERE { ?s a pg:Outcome ; rdfs:label ?l }")}
    assert labels
    assert all(label.replace("<", "&lt;").replace(">", "&gt;") in payload or label in payload
               for label in labels)


def test_a_fault_in_an_extractor_fails_that_file_only(tmp_path, monkeypatch):
    """Whatever goes wrong inside plangraph while reading one file is that file's error, in
    the user's words; the other files of the run are ingested (the CLI, the API and uploads
    share this policy)."""
    from plangraph import KnowledgeGraph
    from plangraph.ingest import pipeline

    real = pipeline.extract

    def faulty(doc, *args, **kwargs):
        if doc.name.startswith("broken"):
            raise KeyError("an extractor's bug [/draft]")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", faulty)
    monkeypatch.setenv("PLANGRAPH_INGEST_WORKERS", "0")
    (tmp_path / "broken.md").write_text("# Ashby Plan 2026\n\n1. Warm homes\n")
    (tmp_path / "fine.md").write_text("# Oakwick Plan 2026\n\n1. Safer streets\n")
    kg = KnowledgeGraph.memory()
    try:
        results = {r.file: r for r in kg.ingest([tmp_path / "broken.md", tmp_path / "fine.md"])}
    finally:
        kg.close()
    assert results["fine.md"].status == "ingested"
    broken = results["broken.md"]
    assert broken.status == "failed" and "fault in plangraph" in broken.message
    assert "KeyError" not in broken.message and "[/draft]" not in broken.message


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_text_with_its_byte_order_mark_reads_as_utf8_does(tmp_path, suffix, codec):
    """What Notepad saves as 'Unicode': every ASCII character has a NUL beside it, which is not a
    binary file; the facts are those of the same text in UTF-8."""
    from plangraph.ingest.extractors import extract
    from plangraph.ingest.readers import read_bytes

    text = GOOD.replace("Ashcombe", "Åshcombe")
    wide = text.encode(codec) if codec == "utf-16" else b"\xfe\xff" + text.encode(codec)
    plain = extract(read_bytes(text.encode("utf-8"), "plan" + suffix))
    read = extract(read_bytes(wide, "plan" + suffix))
    assert sorted(e.label for e in read.entities.values()) == sorted(e.label for e in plain.entities.values())
    assert read.entities and "Åshcombe" in read_bytes(wide, "plan" + suffix).blocks[0].text


def test_a_docx_cell_that_claims_two_billion_columns_is_read_as_stored(tmp_path):
    """A 36 KB .docx whose cell spans 2,000,000,000 grid columns used to be spread column by
    column (5.5 GB); now the row is read as its cells are stored, at once."""
    import time

    from docx import Document as WordDocument
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from plangraph.ingest.readers import read_bytes

    word = WordDocument()
    word.add_heading("Ashcombe Early Help Strategy 2024-2026", level=1)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Priority", "Lead"
    table.cell(1, 0).text, table.cell(1, 1).text = "Families get help early", "Dana Whitlow"
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "2000000000")
    table.cell(1, 1)._tc.get_or_add_tcPr().append(span)
    path = tmp_path / "wide.docx"
    word.save(str(path))
    started = time.monotonic()
    doc = read_bytes(path.read_bytes(), "wide.docx")
    assert time.monotonic() - started < 10
    assert "Dana Whitlow" in "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("phrase", ["Plan Strategy Board ", "Health and Wellbeing Strategy 2021 to 2024, ",
                                    "the plan and the strategy for "])
def test_one_100_kb_line_is_read_in_linear_time(phrase):
    """One paragraph of 100 KB with no line break (a PDF conversion's habit): the council and
    person patterns look at a bounded window, so it takes a second, not the minutes a pattern
    that backtracks over the whole line took (2.1 s at 20 KB, growing with the square)."""
    import time

    from plangraph.ingest.extractors import extract
    from plangraph.ingest.readers import read_bytes

    line = phrase * (100_000 // len(phrase))
    doc = read_bytes(f"# Ashcombe Plan 2024-2026\n\n{line}\n".encode(), "long.md")
    started = time.monotonic()
    extract(doc)
    assert time.monotonic() - started < 20


def test_a_library_warning_goes_to_the_debug_log_not_to_the_user(caplog):
    """An XML file named .html makes the HTML parser warn in a dozen lines of advice to
    programmers; the user sees the document, and the warning is in the debug log."""
    import logging
    import warnings

    from plangraph.ingest import pipeline

    page = (b'<?xml version="1.0" encoding="utf-8"?><plan><title>Ashcombe Early Help Strategy'
            b"</title><p>Families get help early.</p></plan>")
    with warnings.catch_warnings(), caplog.at_level(logging.DEBUG, logger="plangraph.ingest"):
        warnings.simplefilter("error")  # a warning that escaped would raise here, and fail the file
        result = pipeline.attempt(page, "strategy.html", None)
    assert isinstance(result, pipeline.Extracted), result
    assert "XML" in caplog.text


@pytest.mark.parametrize("name, text", [
    ("leads.csv", "Priority,Lead\nFamilies get help early,Dana Whitlow\n"
                  "Åshcombe homes are warm,Omar Reyes\n"),
    ("plan.html", "<html><body><h1>Åshcombe Early Help Strategy 2024-2026</h1><h2>Outcomes</h2>"
                  "<ol><li>Families get help early</li></ol></body></html>"),
])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_tables_and_pages_read_as_utf8_does(name, text, codec):
    """A spreadsheet exported as 'Unicode text' and a page saved as UTF-16: as their UTF-8 twins."""
    from plangraph.ingest.extractors import extract
    from plangraph.ingest.readers import read_bytes

    wide = text.encode(codec) if codec == "utf-16" else b"\xfe\xff" + text.encode(codec)
    plain, read = read_bytes(text.encode("utf-8"), name), read_bytes(wide, name)
    assert [b.text for b in read.blocks] == [b.text for b in plain.blocks] and "Åshcombe" in read.text
    assert sorted(e.label for e in extract(read).entities.values()) == \
        sorted(e.label for e in extract(plain).entities.values())

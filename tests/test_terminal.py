"""The terminal: the README's commands at 80 columns, every table fitting, labels not IRIs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from plangraph.graph.namespaces import ID
from plangraph.terminal import fit

pytestmark = pytest.mark.slow  # real processes and servers: not in `make test-fast`

OUTCOME = ID + "brookfield/outcome/warm-homes"


def test_labels_replace_iris_and_a_source_column_replaces_document_and_lines() -> None:
    frame = pd.DataFrame([{"feeder": OUTCOME, "feederLabel": "Warm homes", "document": "plan.md",
                           "lines": "12", "quote": "| Priority | Lead |\n| Warm homes | Head of Housing |"}])
    shown = fit(frame, width=200)
    assert shown.columns == ["feeder", "source", "quote"]
    assert shown.rows == [["Warm homes", "plan.md:12", "Priority: Warm homes · Lead: Head of Housing"]]
    assert fit(frame, width=200, wide=True).columns == list(frame.columns)


def test_columns_that_do_not_fit_are_named_not_squeezed() -> None:
    frame = pd.DataFrame([{f"column{i}": "a value of some length" for i in range(10)}])
    shown = fit(frame, width=80)
    assert 1 <= len(shown.columns) < 10 and len(shown.columns) + len(shown.hidden) == 10
    assert shown.hidden == [f"column{i}" for i in range(len(shown.columns), 10)]


def test_empty_columns_go_and_repeated_rows_are_one() -> None:
    frame = pd.DataFrame([{"thing": "A", "note": None, "document": "x.md", "lines": "1"},
                          {"thing": "A", "note": None, "document": "x.md", "lines": "1"}])
    shown = fit(frame, width=80)
    assert shown.columns == ["thing", "source"] and len(shown.rows) == 1


def plangraph(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80", "LINES": "40", "PLANGRAPH_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "plangraph", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("terminal") / "store"
    assert plangraph("demo", store=store).returncode == 0
    return store


# the README's commands, as a person types them after `make demo`
COMMANDS = [
    ["stats"],
    ["sparql", "SELECT ?o ?label WHERE { ?o a pg:Outcome ; rdfs:label ?label }"],
    ["query", "strategies-for-outcome", "-p",
     "outcome=Giving babies, children and young people a healthy start"],
    ["query", "reporting-lines", "-p", "board=Harrowby Health and Wellbeing Board"],
    ["query", "board-members", "-p", "board=Harrowby Children's Partnership Board"],
    ["documents"],
    ["queries"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_readme_commands_fit_80_columns(demo_store: Path, command: list[str]) -> None:
    proc = plangraph(*command, store=demo_store)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines, "nothing printed"
    too_wide = [line for line in lines if len(line) > 80]
    assert not too_wide, too_wide[:3]
    if command[0] == "query":
        assert "https://w3id.org" not in proc.stdout  # labels, not IRIs
        rows = int(next(line for line in reversed(lines) if "row(s)" in line).split()[0])
        table_lines = [line for line in lines if line.startswith("│")]
        assert len(table_lines) <= 6 * rows, "rows wrapped to uselessness"


def test_wide_shows_every_column(demo_store: Path) -> None:
    ask = ("query", "reporting-lines", "-p", "board=Harrowby Health and Wellbeing Board")
    narrow = plangraph(*ask, store=demo_store)
    wide = plangraph(*ask, "--wide", store=demo_store)
    assert "--wide" in narrow.stdout or "columns" not in narrow.stdout
    assert "reportsToLabel" in wide.stdout

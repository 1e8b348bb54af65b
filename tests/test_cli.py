"""The command line: one line per file, non-zero exit on failure, good files still ingest.

Commands run in this process through typer's `CliRunner` (the same app, arguments and exit
codes as the installed `plangraph`); what only a real process shows - text piped to stdin,
output written by a separate interpreter, a server holding the store - runs as one.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plangraph.cli import app

GOOD = "# Fernleigh Early Help Strategy 2023-2026\n\n1. Families get help early\n"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, cwd: Path | None = None) -> Ran:
    """`plangraph ARGS` in this process; an exception the CLI did not turn into a message fails
    the test with its traceback."""
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "store")


def test_bad_inputs_each_get_one_line_and_good_files_still_ingest(tmp_path, store):
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    unsupported = tmp_path / "slides.pptx"
    unsupported.write_bytes(b"PK\x03\x04 not really")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("text")
    unreadable.chmod(0)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.md"
    marked = tmp_path / "notes [bold] [red].md"  # rich markup in a failing file's name: printed as it is
    marked.write_bytes(b"")
    proc = run("ingest", str(marked), str(good), str(unsupported), str(unreadable), str(binary),
               str(missing), "--store", store)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("✗")]
    assert any("slides.pptx" in e and "unsupported file type" in e for e in errors)
    assert any("missing.md" in e and "no such file" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("notes [bold] [red].md" in e and "empty" in e for e in errors)
    if os.geteuid() != 0:  # root reads anything; the permission check needs a normal user
        assert any("secret.txt" in e and "permission denied" in e for e in errors)
    assert "good.md: ingested" in proc.stdout
    listed = run("sparql", "SELECT ?f WHERE { ?d pg:fileName ?f }", "--store", store,
                 "--format", "json")
    assert {"f": "good.md"} in json.loads(listed.stdout)


def test_ingest_a_folder_and_export_nquads(tmp_path, store):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.md").write_text(GOOD)
    (folder / "two.txt").write_text(GOOD.replace("Fernleigh", "Oakwick"))
    assert run("ingest", str(folder), "--store", store).returncode == 0
    out = tmp_path / "all.nq"
    assert run("export", "--store", store, "--format", "nquads", "-o", str(out)).returncode == 0
    text = out.read_text()
    assert "one.md" in text and "two.txt" in text


def test_sparql_formats_and_syntax_error(tmp_path, store):
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    run("ingest", str(good), "--store", store)
    query = "SELECT ?label WHERE { ?p a pg:Plan ; rdfs:label ?label }"
    csv = run("sparql", query, "--store", store, "--format", "csv")
    assert csv.stdout.splitlines() == ["label", "Fernleigh Early Help Strategy 2023-2026"]
    bad = run("sparql", "SELECT WHERE {", "--store", store)
    assert bad.returncode == 2 and "not valid SPARQL" in bad.stderr


def test_remove_and_stats(tmp_path, store):
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    run("ingest", str(good), "--store", store)
    stats = json.loads(run("stats", "--store", store, "--format", "json").stdout)
    assert stats["documents"][0]["fileName"] == "good.md"
    assert stats["classes"]["pg:Plan"] == 1
    assert run("remove", "good.md", "--store", store).returncode == 0
    gone = run("remove", "good.md", "--store", store)
    assert gone.returncode == 1 and "no ingested document" in gone.stderr


@pytest.mark.slow
def test_demo_builds_a_store_that_validates(tmp_path, store):
    proc = run("demo", "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "Demo store ready" in proc.stdout
    check = run("validate", "--store", store)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "conforms" in check.stdout


@pytest.mark.slow
def test_text_from_the_data_is_printed_as_it_is_not_as_markup(tmp_path):
    """'plan [draft].md' keeps its brackets; '[/draft]' in a quote is not a closing tag."""
    import subprocess
    import sys

    doc = tmp_path / "plan [draft].md"
    doc.write_text("# Ostery Plan 2025-2028 [/draft]\n\n| Priority | Lead |\n| --- | --- |\n"
                   "| Healthy Weight [/b] | Ruth Alder |\n", encoding="utf-8")
    store = str(tmp_path / "store")
    run = [sys.executable, "-m", "plangraph"]
    ingested = subprocess.run([*run, "ingest", str(doc), "--store", store], capture_output=True, text=True)
    assert ingested.returncode == 0, ingested.stderr
    assert "plan [draft].md" in ingested.stdout
    explained = subprocess.run([*run, "explain", "Ruth Alder", "--store", store],
                               capture_output=True, text=True)
    assert explained.returncode == 0, explained.stderr
    assert "plan [draft].md" in explained.stdout and "MarkupError" not in explained.stderr


def test_a_folder_skips_what_is_not_a_document_and_succeeds(tmp_path, store):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.md").write_text(GOOD)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "~$plan.docx").write_bytes(b"lock")
    proc = run("ingest", str(folder), "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "logo.png: skipped" in proc.stdout and "~$plan.docx: skipped" in proc.stdout
    assert "plan.md: ingested" in proc.stdout


@pytest.mark.slow
def test_a_quoted_pattern_stdin_and_an_address(tmp_path, store):
    (tmp_path / "one.md").write_text(GOOD)
    (tmp_path / "two.md").write_text(GOOD.replace("Fernleigh", "Oakwick"))
    pattern = run("ingest", str(tmp_path / "*.md"), "--store", store)
    assert pattern.returncode == 0 and "one.md" in pattern.stdout and "two.md" in pattern.stdout
    nothing = run("ingest", str(tmp_path / "*.docx"), "--store", store)
    assert nothing.returncode == 1 and "no files match" in nothing.stderr
    piped = subprocess.run([sys.executable, "-m", "plangraph", "ingest", "-", "--name", "piped.md",
                            "--store", store], input=GOOD.replace("Fernleigh", "Ashby"), capture_output=True,
                           text=True, timeout=120)
    assert piped.returncode == 0 and "piped.md: ingested" in piped.stdout
    address = run("ingest", "https://example.org/plan.pdf", "--store", store)
    assert address.returncode == 1 and "fetching from the network is off" in address.stderr


def test_reading_commands_on_a_missing_store_fail_in_one_line(tmp_path):
    missing = tmp_path / "no-such-store"
    reading = (["stats"], ["documents"], ["sparql", "ASK { ?s ?p ?o }"], ["query", "accountability-gaps"])
    for command in reading:
        proc = run(*command, "--store", str(missing))
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no store at" in proc.stderr, command
    assert not missing.exists()


def test_listing_commands_speak_json(tmp_path, store):
    (tmp_path / "plan.md").write_text(GOOD)
    lines = run("ingest", str(tmp_path / "plan.md"), "--store", store, "--json").stdout.splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["ingested"]
    assert json.loads(run("documents", "--store", store, "--json").stdout)[0]["fileName"] == "plan.md"
    assert "strategies-for-outcome" in {q["name"] for q in json.loads(run("queries", "--json").stdout)}
    assert run("--version").stdout.startswith("plangraph ")


def test_the_python_api_takes_one_path_as_a_string(tmp_path):
    from plangraph import KnowledgeGraph

    (tmp_path / "plan.md").write_text(GOOD)
    kg = KnowledgeGraph.memory()
    try:
        results = kg.ingest(str(tmp_path / "plan.md"))
        assert [(r.file, r.status) for r in results] == [("plan.md", "ingested")]
    finally:
        kg.close()


def test_export_for_other_tools(tmp_path, store):
    (tmp_path / "plan.md").write_text(GOOD)
    assert run("ingest", str(tmp_path / "plan.md"), "--store", store).returncode == 0
    graphml = tmp_path / "net.graphml"
    assert run("export", "--store", store, "-f", "graphml", "-o", str(graphml)).returncode == 0
    assert graphml.read_text().startswith("<?xml") and "graphml" in graphml.read_text()
    popolo = run("export", "--store", store, "-f", "popolo")
    assert popolo.returncode == 0 and set(json.loads(popolo.stdout)) == {"persons", "organizations", "posts",
                                                                          "memberships"}
    no_file = run("export", "--store", store, "-f", "xlsx")
    assert no_file.returncode == 2 and "-o" in no_file.stderr
    assert run("export", "--store", store, "-f", "pdf").returncode == 2


@pytest.mark.slow
def test_reading_commands_share_a_store_the_server_holds(tmp_path, store):
    from plangraph.web.testing import serve

    (tmp_path / "plan.md").write_text(GOOD)
    assert run("ingest", str(tmp_path / "plan.md"), "--store", store).returncode == 0
    with serve(store, env={"PLANGRAPH_TOKEN": ""}):
        stats = run("stats", "--store", store)
        assert stats.returncode == 0 and "document graph" in stats.stdout
        writing = run("remove", "plan.md", "--store", store)
        assert writing.returncode == 2 and "in use" in writing.stderr

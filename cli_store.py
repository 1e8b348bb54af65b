"""The commands that write the store: ingest (files, folders, patterns, stdin), import, remove,
correct and demo. They register on the one `app` of `plangraph.cli`, which imports this module."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from plangraph.cli import StoreOpt, _open, _print_result, app, err, out, safe
from plangraph.graph.store import StoreError
from plangraph.ingest.results import IngestResult
from plangraph.knowledge import KnowledgeGraph


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files and folders to ingest; a quoted pattern ('plans/*.md') is expanded; - reads stdin.")],
    store: StoreOpt = None,
    area: Annotated[str | None, typer.Option(
        help="The authority the documents belong to (overrides detection).")] = None,
    name: Annotated[str, typer.Option(help="The file name for a document read from stdin (-).")
                    ] = "stdin.md",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line per file, nothing else.")
                       ] = False,
) -> None:
    """Ingest documents (.txt .md .html .docx .pdf .csv .xlsx); one line per file."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        given = _given_paths(paths, Path(scratch), name)
        kg = _open(store, create=True)
        try:
            results = _ingest_with_progress(kg, given, area, quiet=as_json)
        except StoreError as e:  # the store itself refused (a remote engine's rule, a full disk)
            err.print(f"[red]error:[/red] the store refused the write: {safe(e)}")
            raise typer.Exit(2) from None
    if as_json:
        for r in results:
            sys.stdout.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
    failed = sum(not r.ok for r in results)
    tried = [r for r in results if r.status != "skipped"]
    if not tried:
        err.print("[red]error:[/red] no documents found in the given paths")
        raise typer.Exit(1)
    if failed:
        rest = "nothing was ingested" if failed == len(tried) else "the others were ingested"
        err.print(f"{failed} of {len(tried)} file(s) failed; {rest}.")
        raise typer.Exit(1)


def _given_paths(paths: list[str], scratch: Path, stdin_name: str) -> list[str]:
    """What the user named: a pattern their shell left quoted is expanded here, `-` is the
    document on stdin (kept under `stdin_name`), an address stays as it is (ingest refuses it)."""
    import glob

    given: list[str] = []
    for raw in paths:
        if raw == "-":
            target = scratch / Path(stdin_name).name
            target.write_bytes(sys.stdin.buffer.read())
            given.append(str(target))
        elif not Path(raw).exists() and glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                err.print(f"[red]error:[/red] no files match {safe(raw)}")
                raise typer.Exit(1)
            given += matches
        else:
            given.append(raw)
    return given


def _ingest_with_progress(kg: KnowledgeGraph, paths: list[str], area: str | None,
                          quiet: bool = False) -> list[IngestResult]:
    """kg.ingest with one line per file and, at a terminal, a progress line with the count and the
    time left (rich.progress) under them."""
    stages = {"reading": "reading and extracting", "settling": "settling identity for every document",
              "deriving": "aligning plans"}
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=out, transient=True, disable=quiet or not out.is_terminal) as progress:
        task = progress.add_task("reading and extracting", total=None)

        def show(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stages.get(stage, stage), completed=done, total=total or None)

        def written(result: IngestResult) -> None:
            if not quiet:
                _print_result(result)
            if result.status != "unchanged":
                progress.advance(task)

        return kg.ingest(paths, area=area, on_result=written, on_progress=show)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="An export to load.")],
    store: StoreOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f",
                                               help="Format (default: from the extension).")] = None,
    graph: Annotated[str | None, typer.Option(help="Named graph for Turtle/N-Triples.")] = None,
) -> None:
    """Load an export (N-Quads, TriG, Turtle, JSON-LD) into the store in one transaction."""
    suffixes = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".jsonld": "jsonld",
                ".json": "jsonld", ".nt": "ntriples"}
    fmt = format or suffixes.get(source.suffix.lower())
    if fmt is None:
        err.print(f"[red]error:[/red] {safe(source.name)}: cannot tell the format; pass --format")
        raise typer.Exit(2)
    with _open(store, create=True) as kg:
        try:
            added = kg.import_(source, fmt, graph)
        except (StoreError, OSError) as e:
            err.print(f"[red]error:[/red] {safe(source.name)}: {safe(e)}")
            raise typer.Exit(1) from None
    out.print(f"imported {safe(source.name)}: {added:,} new quads")


@app.command()
def remove(doc: Annotated[str, typer.Argument(help="File name (or IRI) of an ingested document.")],
           store: StoreOpt = None) -> None:
    """Remove one document and exactly the facts it contributed."""
    with _open(store, write=True) as kg:
        removed = kg.remove(doc)
    if not removed:
        err.print(f"[red]error:[/red] no ingested document called '{safe(doc)}' "
                  "(see `plangraph documents`)")
        raise typer.Exit(1)
    out.print(f"removed {safe(doc)}")


@app.command()
def correct(
    kind: Annotated[str, typer.Argument(help="merge (one entity; the first name is its label), "
                                             "never (keep these apart) or reject (not an entity).")],
    cls: Annotated[str, typer.Argument(metavar="CLASS", help="Person, Board, Organisation, Post, Plan...")],
    names: Annotated[list[str], typer.Argument(help="The names the rule is about.")],
    area: Annotated[str | None, typer.Option(help="Only within this area.")] = None,
    by: Annotated[str | None, typer.Option(help="Who makes the correction (recorded with the date).")] = None,
    store: StoreOpt = None,
) -> None:
    """Correct identity: the rule goes in the overrides file, with who and when, and the store is
    settled again at once (and on every later ingest)."""
    from datetime import date

    from plangraph.ingest.overrides import Overrides, OverridesError, Rule, default_path

    if kind in {"merge", "never"} and len(names) < 2:
        err.print(f"[red]error:[/red] '{safe(kind)}' needs two names or more")
        raise typer.Exit(2)
    path = default_path()
    try:
        Overrides.load_default().add(kind, Rule(cls, names, area, by, date.today().isoformat()), path)
    except OverridesError as e:
        err.print(f"[red]error:[/red] {safe(e)}")
        raise typer.Exit(2) from None
    with _open(store, write=True) as kg:
        kg.settle()
        kg.refresh_derived()
    out.print(f"{safe(kind)} {safe(cls)}: {safe(', '.join(names))} — written to {safe(path)}; "
              "the store is settled again")


@app.command()
def doctor(
    check: Annotated[bool, typer.Option("--check", help="Only say what is wrong; change nothing.")] = False,
    store: StoreOpt = None,
) -> None:
    """Check a store and repair it: the union default graph against the documents' statements,
    identity and cross-plan alignment settled for the documents held, every document graph with
    its source. Exit 1 when something is wrong (and, with --check, left as it is)."""
    with _open(store, write=not check) as kg:
        findings = kg.doctor(repair=not check)
    for finding in findings:
        out.print(safe(finding.message))
    if not findings:
        out.print("the store is sound")
    if not all(finding.repaired for finding in findings):
        raise typer.Exit(1)


@app.command()
def demo(store: StoreOpt = None) -> None:
    """Build the demo store from the bundled fictional partnership and say what to try next."""
    from plangraph.graph.resources import demo_files

    with _open(store, create=True) as kg:
        results = kg.ingest(demo_files(), on_result=_print_result)
        location = kg.location
    where = "" if store is None else f" --store {location}"
    out.print(f"\n[bold]Demo store ready[/bold] at {location}. Try:")
    out.print(f"  plangraph stats{where}")
    out.print(f"  plangraph sparql{where} \"SELECT ?o ?label WHERE {{ ?o a pg:Outcome ; "
              f"rdfs:label ?label }} LIMIT 10\"")
    out.print(f"  plangraph validate{where}")
    if any(not r.ok for r in results):
        raise typer.Exit(1)

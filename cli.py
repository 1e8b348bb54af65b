"""The `plangraph` command line.

Command names and the `--store`, `--format` and `-o` options are a contract: scripts (and
`../shared/eval/score.py`) rely on them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from plangraph.graph.passages import readable
from plangraph.graph.spreadsheets import to_csv, write_xlsx
from plangraph.graph.store import FORMATS, IngestResult, KnowledgeGraph, StoreError, default_location
from plangraph.queries.columns import column_name
from plangraph.terminal import fit

app = typer.Typer(
    help="plangraph: partnership plans as a knowledge graph you can question and look at.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="As JSON (for programs).")]
WideOpt = Annotated[bool, typer.Option("--wide", help="Every column, IRIs in full (tables only).")]
StoreOpt = Annotated[
    str | None,
    typer.Option("--store", envvar="PLANGRAPH_STORE",
                 help="Store directory (default ./plangraph-store).", show_envvar=True),
]


def _show_version(asked: bool) -> None:
    if asked:
        from plangraph import __version__

        out.print(f"plangraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Print the version and stop.")] = False) -> None:
    """plangraph: partnership plans as a knowledge graph you can question and look at."""
    level = os.environ.get("PLANGRAPH_LOG", "").upper()
    if level:  # e.g. PLANGRAPH_LOG=debug: what a library raised, for a bug report
        logging.basicConfig(level=getattr(logging, level, logging.DEBUG), stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")


def safe(value: object) -> str:
    """Text from data (file names, labels, quotes, errors) printed as it is, never read as rich
    markup: 'plan [draft].md' keeps its brackets and '[/draft]' in a quote is not a tag."""
    return escape(str(value))


def _open(store: str | None, create: bool = False, write: bool = False) -> KnowledgeGraph:
    """The store; only commands that write make one where there is none (a mistyped --store
    given to a reading command is an error, not an empty answer). A reading command may share a
    store that `plangraph serve` holds, read-only; a writing one may not."""
    try:
        return KnowledgeGraph.open(store, create=create)
    except StoreError as e:
        if not (create or write) and "in use" in str(e):  # `plangraph serve` holds it: reading may share it
            with contextlib.suppress(StoreError):
                return KnowledgeGraph.open_read_only(store or default_location())
        err.print(f"[red]error:[/red] {safe(e)}")
        raise typer.Exit(2) from None


def _print_result(result: IngestResult) -> None:
    if result.status == "skipped":
        out.print(f"[dim]– {safe(result.file)}: skipped, {safe(result.message)}[/dim]")
    elif result.ok:
        mark = {"unchanged": "[dim]=[/dim]", "replaced": "[yellow]↻[/yellow]"}.get(
            result.status, "[green]✓[/green]")
        out.print(f"{mark} {safe(result.file)}: {result.status}, {result.triples:,} triples")
        for warning in result.warnings:
            err.print(f"  [yellow]warning:[/yellow] {safe(warning)}")
    else:
        err.print(f"[red]✗[/red] {safe(result.file)}: {safe(result.message)}")


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


EXPORT_FORMATS = [*FORMATS, "graphml", "gexf", "kumu", "popolo", "xlsx"]


@app.command()
def export(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f",
                                        help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "nquads",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="File to write (default stdout; xlsx and kumu need one).")] = None,
    entity: Annotated[str | None, typer.Option(
        help="xlsx: a workbook about one plan, board, outcome, indicator or person (label or IRI).")] = None,
) -> None:
    """Export the store: RDF (N-Quads, TriG and JSON-LD keep the graphs; Turtle is their union),
    the network for graph tools (GraphML, GEXF, Kumu), people and bodies as Popolo JSON, or a
    workbook of sheets (xlsx)."""
    from plangraph.graph.exports import NETWORK_FORMATS, network_file
    from plangraph.queries import QueryError, resolve_entity
    from plangraph.queries.views import workbook

    fmt = format.lower()
    if fmt not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        err.print(f"[red]error:[/red] unknown format '{safe(format)}' (use one of {known})")
        raise typer.Exit(2)
    if fmt in ("xlsx", "kumu") and output is None:
        err.print(f"[red]error:[/red] {fmt} is a workbook: give a file with -o")
        raise typer.Exit(2)
    with _open(store) as kg:
        try:
            if fmt == "xlsx":
                data = workbook(kg, resolve_entity(kg, entity) if entity else None)
            elif fmt in NETWORK_FORMATS:
                data = network_file(kg, fmt)
            else:
                data = kg.export(fmt, output)
        except (StoreError, QueryError) as e:
            err.print(f"[red]error:[/red] {safe(e)}")
            raise typer.Exit(2) from None
    if data is None:
        return
    if output is not None:
        output.write_bytes(data)
        out.print(f"wrote {len(data):,} bytes to {safe(output)}")
    else:
        sys.stdout.buffer.write(data)


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
def sparql(
    query: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    wide: WideOpt = False,
) -> None:
    """Run a SPARQL query over the union of all documents (prefixes pg:, org:, foaf:... known)."""
    if (query is None) == (file is None):
        err.print("[red]error:[/red] give a QUERY or --file, not both or neither")
        raise typer.Exit(2)
    text = query if query is not None else file.read_text()  # type: ignore[union-attr]
    with _open(store) as kg:
        try:
            frame = kg.dataframe(text)
        except SyntaxError as e:
            err.print(f"[red]error:[/red] the query is not valid SPARQL: {safe(e)}")
            raise typer.Exit(2) from None
    print_frame(frame, format, wide)


def print_frame(frame, fmt: str, wide: bool = False) -> None:
    """Print a result table as a rich table fitted to the terminal (see `terminal.fit`), CSV or
    JSON rows."""
    if fmt == "csv":
        sys.stdout.write(to_csv(frame))
    elif fmt == "json":
        rows = json.loads(frame.to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "table":
        fitted = fit(frame, out.width, wide)
        headers = fitted.columns if wide else [column_name(c) for c in fitted.columns]
        table = Table(*[safe(c) for c in headers], show_lines=False, expand=False)
        for row in fitted.rows:
            table.add_row(*[safe(cell) for cell in row])
        # --wide: every column at its natural width, however wide the lines get (for a pager or a file)
        (Console(width=100_000, highlight=False) if wide else out).print(table, soft_wrap=False)
        note = f"{len(frame)} row(s)"
        if fitted.hidden:
            hidden = ", ".join(column_name(c) for c in fitted.hidden)
            note += f"; not shown to fit {out.width} columns: {hidden} (--wide shows all)"
        out.print(f"[dim]{safe(note)}[/dim]", soft_wrap=False)
    else:
        err.print(f"[red]error:[/red] unknown format '{safe(fmt)}' (table, csv or json)")
        raise typer.Exit(2)


@app.command()
def stats(store: StoreOpt = None,
          format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
          ) -> None:
    """Counts: triples, entities by class, triples by document."""
    with _open(store) as kg:
        figures = kg.stats()
    if format == "json":
        out.print_json(data=figures)
        return
    out.print(f"[bold]{figures['triples']:,}[/bold] quads in "
              f"{len(figures['documents'])} document graph(s)")
    classes = Table("class", "entities")
    for cls, n in figures["classes"].items():
        classes.add_row(cls, f"{n:,}")
    out.print(classes)
    docs = Table("document", "area", "triples")
    for d in figures["documents"]:
        docs.add_row(safe(d["fileName"]), safe(d.get("area") or ""), f"{d['triples']:,}")
    out.print(docs)


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    from plangraph.graph.validate import validate as run_validation

    # pyshacl takes a while on a large store: say what is happening (at a terminal)
    with _open(store) as kg, err.status(f"checking {len(kg):,} quads against the shapes (pyshacl)…"):
        report = run_validation(kg)
    (out if report.conforms else err).print(safe(report.summary()))
    if not report.conforms:
        raise typer.Exit(1)


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
def documents(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """List ingested documents."""
    with _open(store) as kg:
        docs = kg.documents()
    if as_json:
        sys.stdout.write(json.dumps(docs, default=str, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("file", "type", "area", "bytes", "triples", "ingested", "sha256")
    for d in docs:
        table.add_row(safe(d["fileName"]), d["mediaType"], safe(d.get("area") or ""), f"{d['byteSize']:,}",
                      f"{d['triples']:,}", str(d["ingestedAt"])[:19], d["sha256"][:12])
    out.print(table)


@app.command("queries")
def list_queries(as_json: JsonOpt = False) -> None:
    """List the named queries and their parameters."""
    from plangraph.queries import load_queries

    if as_json:
        listed = [{"name": q.name, "title": q.title, "description": q.description,
                   "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                                   "description": p.description} for p in q.params]}
                  for q in load_queries().values()]
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("name", "what it answers", "parameters")
    for q in load_queries().values():
        params = ", ".join(f"{p.name}{'' if p.required else '?'} ({p.type})" for p in q.params)
        table.add_row(q.name, f"[bold]{q.title}[/bold]\n{q.description}", params)
    out.print(table)


@app.command("query")
def run_query(
    name: Annotated[str, typer.Argument(help="A named query (see `plangraph queries`).")],
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="key=value; an entity is an IRI or a label.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or xlsx.")] = "table",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (xlsx needs one).")
                      ] = None,
    wide: WideOpt = False,
) -> None:
    """Run a named query with parameters, e.g. `plangraph query leads -p element=Obesity`."""
    from plangraph.queries import AmbiguousParameter, QueryError

    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            err.print(f"[red]error:[/red] --param wants key=value, not '{safe(item)}'")
            raise typer.Exit(2)
        params[key.strip()] = value.strip()
    with _open(store) as kg:
        try:
            frame = kg.query(name, **params)
        except AmbiguousParameter as e:
            err.print(f"[red]error:[/red] parameter {e.param} is ambiguous; did you mean one of:")
            for hit in e.candidates[:10]:
                err.print(f"  - {safe(hit.label)} ({hit.type})  <{safe(hit.iri)}>")
            raise typer.Exit(2) from None
        except QueryError as e:
            err.print(f"[red]error:[/red] {safe(e)}")
            raise typer.Exit(2) from None
    if format == "xlsx":
        target = output or Path(f"{name}.xlsx")
        write_xlsx(frame, target)
        out.print(f"wrote {len(frame)} row(s) to {safe(target)}")
        return
    if output is not None:
        text = to_csv(frame) if format == "csv" else frame.to_json(orient="records",
                                                                                  force_ascii=False)
        output.write_text(text, encoding="utf-8")
        return
    print_frame(frame, format, wide)


@app.command()
def analyse(
    name: Annotated[str | None, typer.Argument(help="reporting-cycles, relied-upon, overload, "
                                                     "plan-clusters; none lists them.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    save: Annotated[bool, typer.Option(help="Also write centrality and clusters to the derived graph.")
                    ] = False,
    wide: WideOpt = False,
) -> None:
    """Network analyses of the accountability graph (networkx)."""
    from plangraph.graph.analytics import ANALYSES, save_analyses
    from plangraph.graph.analytics import analyse as run_analysis

    if name is None:
        for key, (title, _) in ANALYSES.items():
            out.print(f"{key:18} {title}")
        return
    with _open(store) as kg:
        try:
            frame = run_analysis(kg, name)
            if save:
                out.print(f"saved {save_analyses(kg):,} derived quads")
        except KeyError as e:
            err.print(f"[red]error:[/red] {safe(e.args[0])}")
            raise typer.Exit(2) from None
    print_frame(frame, format, wide)


@app.command()
def explain(entity: Annotated[str, typer.Argument(help="An IRI or a label.")],
            store: StoreOpt = None,
            quotes: Annotated[bool, typer.Option(help="Show the quoted source lines.")] = True) -> None:
    """Why the graph says what it does about one node: its mentions, merges and statements."""
    from plangraph.graph.explain import NotFound
    from plangraph.graph.explain import explain as explain_node

    with _open(store) as kg:
        try:
            found = explain_node(kg, entity)
        except NotFound as e:
            err.print(f"[red]error:[/red] {safe(e)}")
            raise typer.Exit(1) from None
    out.print(f"[bold]{safe(found.label)}[/bold]  <{safe(found.iri)}>")
    out.print(f"  a {', '.join(found.types)}")
    if found.alt_labels:
        out.print(f"  also called: {safe('; '.join(found.alt_labels))}")
    out.print(f"\n[bold]{len(found.mentions)} mention(s)[/bold]")
    for m in found.mentions:
        why = f" — merged: {safe(m.reason)}" if m.reason else ""
        out.print(f"  {safe(m.document)}:{m.lines}  as '{safe(m.words)}'{why}")
        if quotes:
            out.print(f"    [dim]“{safe(readable(m.quote)[:200])}”[/dim]")
    out.print(f"\n[bold]{len(found.statements)} statement(s)[/bold]")
    for s_ in found.statements:
        arrow = "→" if s_.direction == "out" else "←"
        extra = f" ({safe(s_.qualifiers)})" if s_.qualifiers else ""
        out.print(f"  {arrow} {s_.predicate} {safe(s_.other_label or s_.other)}{extra}  "
                  f"[dim]{safe(s_.document)}:{s_.lines}[/dim]")
        if quotes:
            out.print(f"    [dim]“{safe(readable(s_.quote)[:200])}”[/dim]")


SHUTDOWN_GRACE = 5  # seconds


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the pages, the JSON API (/docs) and the SPARQL endpoint (/sparql) over the store.

    The server holds the store open for writing (uploads need PLANGRAPH_TOKEN), so stop it
    before running `plangraph ingest` on the same store. Limits: PLANGRAPH_QUERY_TIMEOUT
    (seconds, default 10), PLANGRAPH_MAX_ROWS (default 10000), PLANGRAPH_QUERY_WORKERS (2),
    PLANGRAPH_UPLOAD_MAX_BYTES (20 MB).
    """
    import uvicorn

    from plangraph.web.app import create_app

    with _open(store, write=True) as kg:
        if kg.remote:
            err.print("[yellow]note:[/yellow] a remote store: SPARQL queries run in threads and are "
                      "abandoned, not killed, after the timeout")
        elif kg.is_empty():
            err.print(f"[yellow]note:[/yellow] the store at {kg.location} is empty; "
                      "try `plangraph demo` (with the server stopped)")
        out.print(f"plangraph serving {kg.location} at http://{host}:{port}/  (Ctrl+C stops it)")
        # on Ctrl-C or SIGTERM, requests still running get a few seconds, then the server stops
        uvicorn.run(create_app(kg), host=host, port=port, log_level="info",
                    timeout_graceful_shutdown=SHUTDOWN_GRACE)


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


if __name__ == "__main__":
    app()

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
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plangraph.graph.passages import readable
from plangraph.graph.sparqltext import NO_SERVICE, uses_service
from plangraph.graph.spreadsheets import to_csv, write_xlsx
from plangraph.graph.store import FORMATS, StoreError, default_location
from plangraph.ingest.results import IngestResult
from plangraph.knowledge import KnowledgeGraph
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








EXPORT_FORMATS = [*FORMATS, "graphml", "gexf", "kumu", "popolo", "xlsx"]


# the commands that write the store (ingest first in the help), then those that read it
from plangraph import cli_store  # noqa: E402, F401


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
    if uses_service(text):  # the web's rule: pyoxigraph would fetch from any address it names
        err.print(f"[red]error:[/red] {NO_SERVICE}")
        raise typer.Exit(2)
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




if __name__ == "__main__":
    app()

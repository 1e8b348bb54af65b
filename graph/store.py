"""`KnowledgeGraph`: the public API over an embedded Oxigraph store.

One named graph per source document. Ingesting a file replaces exactly its graph in one
transaction (one SPARQL Update on a remote store), so a reader never sees half a document and
a failure leaves the previous version in place. An unchanged file (same SHA-256) is a no-op.
Queries see the union of all graphs, kept in the default graph.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyoxigraph as ox

from plangraph.graph.backends import (
    Backend,
    BackendError,
    OxigraphBackend,
    RemoteBackend,
    insert_data,
    insert_private,
)
from plangraph.graph.namespaces import (
    DOC,
    GRAPH,
    OWL,
    PREDICATES,
    PREFIXES,
    PRIVATE,
    REDIRECTS_GRAPH,
    SETTLED_GRAPH,
    SPARQL_PREFIXES,
    STATEMENT_KEY,
    extraction_graph_iri,
    graph_iri,
    statement_key,
)
from plangraph.graph.sparqltext import bind
from plangraph.graph.terms import line_range, term_to_python
from plangraph.ingest.errors import IngestError

if TYPE_CHECKING:
    from plangraph.ingest.pipeline import Extracted, Loaded
    from plangraph.ingest.resolver import Resolver

DEFAULT_STORE = "plangraph-store"
VERSION_TTL = 1.0  # seconds: how stale another process's ingest may look to `version()`
# Where imported triples that name no graph go: the default graph is the store's own union.
IMPORT_GRAPH = GRAPH + "imported-triples"

FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


class StoreError(Exception):
    """The store cannot be opened or used (locked by another process, not a store...)."""


@dataclass
class IngestResult:
    """What happened to one file: ingested, replaced, unchanged, skipped (a folder's file that is
    not a document) or failed (with the reason)."""

    file: str
    status: str
    triples: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def default_location() -> str:
    return os.environ.get("PLANGRAPH_STORE") or DEFAULT_STORE


NOT_FETCHED = "fetching from the network is off: download the file and ingest it from disk"


def _collect_files(paths: Iterable[Path | str]) -> Iterator[Path | IngestResult]:
    """Files given directly, and the documents found (sorted, recursively) under folders.

    A file named directly is read whatever it is (so its error says why it cannot be). In a
    folder, what is plainly not a document - a picture, an editor's lock file (`~$plan.docx`),
    a hidden file - is skipped with a note rather than failed: a folder of plans with a logo in
    it is a folder of plans. An address (http://...) is refused: nothing is fetched.
    """
    from plangraph.ingest.readers import supported_suffixes

    suffixes = set(supported_suffixes())
    for given in paths:
        if isinstance(given, str) and given.startswith(("http://", "https://", "ftp://")):
            yield IngestResult(given, "failed", message=NOT_FETCHED)
            continue
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if child.name.startswith("~$"):
                yield IngestResult(child.name, "skipped", message="an editor's lock file, not a document")
            elif child.suffix.lower() not in suffixes:
                kind = child.suffix or "no suffix"
                yield IngestResult(child.name, "skipped", message=f"not a document plangraph reads ({kind})")
            else:
                yield child


class KnowledgeGraph:
    """A plangraph store: ingest documents, query, export, validate."""

    def __init__(self, backend: Backend | ox.Store, location: str | None = None) -> None:
        if isinstance(backend, ox.Store):
            backend = OxigraphBackend(backend, on_disk=location is not None)
        self.backend: Backend = backend
        self.location = location
        self._writes = 0  # bumped on every change made through this object
        self._version: tuple[float, int, tuple] | None = None  # (when, writes, version)

    @property
    def store(self) -> ox.Store | None:
        """The embedded pyoxigraph Store (None when the backend is a remote service)."""
        return getattr(self.backend, "store", None)

    @property
    def remote(self) -> bool:
        return isinstance(self.backend, RemoteBackend)

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | os.PathLike[str] | None = None, create: bool = True) -> KnowledgeGraph:
        """Open (or create) the store at `location`: a directory (default `./plangraph-store`)
        or a SPARQL 1.1 service, `sparql+http://host:port/path`. With `create=False` a directory
        that holds no store is an error, not a new empty store (a mistyped --store should say
        so, not answer nothing)."""
        path = str(location or default_location())
        if path.startswith(("sparql+http://", "sparql+https://")):
            backend = RemoteBackend(path)
            return cls(backend, backend.location)._upgrade()  # the address without its password
        if not create and not (Path(path).is_dir() and any(Path(path).iterdir())):
            raise StoreError(f"no store at {path} (check --store, or make one with `plangraph ingest` "
                             "or `plangraph demo`)")
        try:
            Path(path).mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(path), path)._upgrade()
        except OSError as err:
            text = str(err)
            if "lock" in text.lower():
                raise StoreError(
                    f"the store at {path} is in use by another plangraph process "
                    "(stop `plangraph serve` or use another --store)"
                ) from None
            raise StoreError(f"cannot open the store at {path}: {text}") from None

    def _upgrade(self) -> KnowledgeGraph:
        """Bring a store written by an earlier version up to date: the union in the default
        graph, the statement keys of assertions."""
        if not self.raw_query("ASK { ?s ?p ?o }") and self.raw_query("ASK { GRAPH ?g { ?s ?p ?o } }") \
                and not self._native_union():
            self.rebuild_union()
        if self.raw_query("ASK { ?a a pg:Assertion }") and not self.raw_query("ASK { ?a pg:statement ?k }"):
            self.add_statement_keys()
        return self

    def _native_union(self) -> bool:
        """Whether the engine forms the union default graph itself (see RemoteBackend)."""
        try:
            return self.backend.native_union
        except BackendError as err:
            raise StoreError(str(err)) from None

    def add_statement_keys(self) -> None:
        """Give every assertion its `pg:statement` key, in its graph and in the union."""
        union = "" if self._native_union() else "?a pg:statement ?key"
        self._update(SPARQL_PREFIXES + f"""
            INSERT {{ GRAPH ?g {{ ?a pg:statement ?key }} {union} }}
            WHERE {{ GRAPH ?g {{ ?a a pg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
                    BIND({STATEMENT_KEY} AS ?key) }}""")

    @classmethod
    def open_read_only(cls, location: str | os.PathLike[str]) -> KnowledgeGraph:
        """Open an existing store for reading only (several processes may do this at once)."""
        path = str(location)
        if not Path(path).is_dir():
            raise StoreError(f"no store at {path} (run `plangraph ingest` or `plangraph demo`)")
        try:
            return cls(ox.Store.read_only(path), path)
        except OSError as err:
            raise StoreError(f"cannot open the store at {path}: {err}") from None

    @classmethod
    def memory(cls) -> KnowledgeGraph:
        """An in-memory store, for tests and one-off work."""
        return cls(ox.Store(), None)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        area: str | None = None,
        on_result: Callable[[IngestResult], None] | None = None,
        refresh: bool = True,
        on_progress: Callable[[str, int, int], None] | None = None,
    ) -> list[IngestResult]:
        """Ingest files and folders; one result per file, failures do not stop the others.
        `on_progress(stage, done, total)` hears of each file read ("reading") and then of the
        settling and writing ("settling", "deriving"), for a progress display.

        Files are read and extracted in worker processes when there are many (see
        `extraction_workers`). Identity is then settled for the whole set of documents (see
        `settle`), so the graph does not depend on the order files arrive in, and each file's
        graph is written in one transaction. When anything changed, the derived graphs
        (cross-plan alignment) are recomputed once for the whole batch; `refresh=False` leaves
        that to a later `refresh_derived()`.
        """
        from plangraph.ingest.pipeline import extract_all, extraction_workers

        if isinstance(paths, str | os.PathLike):  # one file or folder, not the characters of its name
            paths = [paths]
        found = list(_collect_files(p if isinstance(p, str) else Path(p) for p in paths))
        files = [f for f in found if isinstance(f, Path)]
        results = [f for f in found if isinstance(f, IngestResult)]
        for note in results:
            if on_result:
                on_result(note)
        batch: list[Extracted] = []
        loaded = (self._load(path, area) for path in files)
        for done, item in enumerate(extract_all(loaded, area, extraction_workers(len(files))), 1):
            if on_progress:
                on_progress("reading", done, len(files))
            if isinstance(item, IngestError):
                item = IngestResult(item.file, "failed", message=item.reason)
            if isinstance(item, IngestResult):
                results.append(item)
                if on_result:
                    on_result(item)
            else:
                batch.append(item)
        return results + self.ingest_extracted(batch, on_result, refresh, on_progress)

    def ingest_extracted(self, batch: list[Extracted],
                         on_result: Callable[[IngestResult], None] | None = None,
                         refresh: bool = True,
                         on_progress: Callable[[str, int, int], None] | None = None,
                         ) -> list[IngestResult]:
        """Write files already read and extracted (the web's upload comes in here too): identity
        settled for the whole set, then the derived graphs, when anything changed."""
        if on_progress:
            on_progress("settling", 0, len(batch))
        results = self.settle(batch, on_result) if batch or not self.is_settled() else []
        if refresh and (results or not self.is_settled()):
            if on_progress:
                on_progress("deriving", len(batch), len(batch))
            self.refresh_derived()
        return results

    def _load(self, path: Path, area: str | None) -> Loaded | IngestResult:
        """The file's bytes to extract, or its result when there is nothing to extract."""
        from plangraph.ingest.pipeline import Loaded, sha256
        from plangraph.ingest.readers import load_bytes

        try:
            data = load_bytes(path)
        except IngestError as err:
            return IngestResult(err.file, "failed", message=err.reason)
        if area is None and self.document_hash(path.name) == sha256(data):
            return IngestResult(path.name, "unchanged", self.graph_size(graph_iri(path.name)),
                                "unchanged since last ingest")
        return Loaded(path.name, data)

    def settle(self, batch: list[Extracted] = (), on_result: Callable[[IngestResult], None] | None = None,
               ) -> list[IngestResult]:
        """Decide identity for every document in the store and the `batch` together (see
        `ingest.replay`), then write the batch's graphs and those of stored documents whose
        identity changed, each in one transaction. One result per file of the batch."""
        from plangraph.ingest.settle import settle

        return settle(self, batch, on_result)

    def is_settled(self) -> bool:
        """Whether identity and the derived graphs were settled for exactly the documents held
        now (not so when a run stopped between its writes and the end of its batch)."""
        rows = self.sparql(f"SELECT ?d WHERE {{ GRAPH <{SETTLED_GRAPH}> {{ ?s pg:settledSet ?d }} }}")
        return bool(rows) and rows[0]["d"] == self._set_digest()

    def _set_digest(self) -> str:
        rows = self.sparql("""SELECT ?f ?h WHERE { GRAPH ?g { ?d a pg:SourceDocument ; pg:fileName ?f ;
                              pg:sha256 ?h } } ORDER BY ?f ?h""")
        from plangraph.ingest.overrides import Overrides

        state = [f"{r['f']} {r['h']}" for r in rows] + [f"overrides {Overrides.load_default().digest()}"]
        return hashlib.sha256("\n".join(state).encode()).hexdigest()

    def redirect_retired(self, retired: dict[str, str]) -> None:
        """Remember where nodes went when identity changed (a merge, a fuller name), so a link
        to an old IRI still finds its node (`redirect`); only IRIs no document uses any more."""
        live = {row["s"] for row in self.sparql(f"""SELECT DISTINCT ?s WHERE {{
            VALUES ?s {{ {" ".join(f"<{iri}>" for iri in sorted(retired))} }} ?s a ?type }}""")}
        gone = {old: new for old, new in sorted(retired.items()) if old not in live}
        if not gone:
            return
        graph, same = ox.NamedNode(REDIRECTS_GRAPH), ox.NamedNode(OWL + "sameAs")
        values = " ".join(f"<{old}>" for old in gone)
        quads = [ox.Quad(ox.NamedNode(old), same, ox.NamedNode(new), graph) for old, new in gone.items()]
        self._update(f"DELETE {{ GRAPH <{REDIRECTS_GRAPH}> {{ ?old ?p ?o }} }} WHERE {{ "
                     f"VALUES ?old {{ {values} }} GRAPH <{REDIRECTS_GRAPH}> {{ ?old ?p ?o }} }} ;\n"
                     f"{insert_private(quads)}")

    def redirect(self, iri: str) -> str | None:
        """Where a retired IRI's node is now (following merges made later), or None."""
        current, seen = iri, {iri}
        while rows := self.sparql(f"SELECT ?n WHERE {{ GRAPH <{REDIRECTS_GRAPH}> {{ ?o owl:sameAs ?n }} }}",
                                  {"o": ox.NamedNode(current)}):
            if rows[0]["n"] in seen:
                break
            current = rows[0]["n"]
            seen.add(current)
        return current if current != iri else None

    def _mark_settled(self) -> None:
        state = ox.Quad(ox.NamedNode(SETTLED_GRAPH), ox.NamedNode(PREFIXES["pg"] + "settledSet"),
                        ox.Literal(self._set_digest()), ox.NamedNode(SETTLED_GRAPH))
        self._update(f"DROP SILENT GRAPH <{SETTLED_GRAPH}> ;\n{insert_private([state])}")

    def resolver(self) -> Resolver:
        """The identity resolver, which looks up nodes already in this store."""
        from plangraph.ingest.resolver import Resolver

        return Resolver(self)

    def replace_graph(self, graph: str, quads: list[ox.Quad], private: list[ox.Quad] = ()) -> None:
        """Replace the content of one named graph, and its share of the union, atomically (one
        transaction, or one SPARQL Update request); `private` quads replace those of their own
        graphs, outside the union (a file's kept extraction)."""
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted({q.graph_name.value for q in private}))
        if self.backend.has_graph(graph):
            extra = f" ;\n{drops}{insert_private(private)}" if private else ""
            union = not self._native_union()
            self._update(f"{_leave_union(graph, union)} ;\n{insert_data(graph, quads, union)}{extra}")
        else:
            self._change(lambda: self.backend.add_graph(graph, quads, private))

    def rebuild_union(self) -> None:
        """Recompute the default graph from the named graphs (after an import; for a store
        written before the default graph held the union). Nothing to do on an engine whose
        default graph is the union already."""
        if self._native_union():
            return
        self._update("DROP SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                     f'FILTER(!STRSTARTS(STR(?g), "{PRIVATE}")) }}')

    def remove(self, doc: str) -> bool:
        """Remove one document (by file name or document IRI) and exactly its graph."""
        graph = self._graph_for(doc)
        if graph is None:
            return False
        name = next(d["fileName"] for d in self.documents() if d["graph"] == graph)
        self._update(f"{_leave_union(graph, not self._native_union())} ;\n"
                     f"DROP SILENT GRAPH <{extraction_graph_iri(name)}>")
        self.settle()
        self.refresh_derived()
        return True

    def refresh_derived(self) -> None:
        """Recompute what is derived from all documents together: cross-plan alignment."""
        from plangraph.graph.alignment import refresh_alignments

        refresh_alignments(self)
        self._mark_settled()

    def _update(self, sparql: str) -> None:
        self._change(lambda: self.backend.update(sparql))

    def _change(self, write: Callable[[], None]) -> None:
        """One write to the backend: refused, a StoreError; done, a new version of the store."""
        try:
            write()
        except (BackendError, OSError) as err:
            raise StoreError(str(err)) from None
        self._writes += 1

    def _graph_for(self, doc: str) -> str | None:
        for info in self.documents():
            if doc in (info["fileName"], info["document"], info["graph"]):
                return info["graph"]
        return None

    # -- documents ---------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every ingested document with its graph, hash, size, area and triple count."""
        rows = self.sparql(
            """SELECT ?graph ?document ?fileName ?mediaType ?sha256 ?byteSize ?ingestedAt ?area
            WHERE { GRAPH ?graph { ?document a pg:SourceDocument ; pg:fileName ?fileName ;
              pg:mediaType ?mediaType ; pg:sha256 ?sha256 ; pg:byteSize ?byteSize ;
              pg:ingestedAt ?ingestedAt . OPTIONAL { ?document pg:area ?area } } }
            ORDER BY ?fileName"""
        )
        for row in rows:
            row["triples"] = self.graph_size(row["graph"])
        return rows

    def has_document(self, file_name: str) -> bool:
        return self.backend.has_graph(graph_iri(file_name))

    def document_hash(self, file_name: str) -> str | None:
        rows = self.sparql(f"SELECT ?h WHERE {{ GRAPH <{graph_iri(file_name)}> {{ ?d pg:sha256 ?h }} }}")
        return rows[0]["h"] if rows else None

    def graph_size(self, graph: str) -> int:
        return self.backend.graph_size(graph)

    def __len__(self) -> int:
        return self.backend.size()

    def is_empty(self) -> bool:
        """True when the store holds no triple at all (cheaper than len() on a large store)."""
        result = self.raw_query("ASK { ?s ?p ?o }")  # the default graph holds every document's triples
        return not bool(result)

    def version(self) -> tuple:
        """Changes when documents are ingested or removed: at once for changes made through this
        object, within `VERSION_TTL` seconds for changes made by another process (asking the
        store is a scan of every document, too much for each web request on a large store)."""
        now, known = time.monotonic(), self._version
        if known and known[1] == self._writes and now - known[0] < VERSION_TTL:
            return known[2]
        row = self.sparql("SELECT (COUNT(?d) AS ?n) (MAX(STR(?t)) AS ?m) WHERE { ?d pg:ingestedAt ?t }")
        version = (self._writes, row[0]["n"], row[0]["m"]) if row else (self._writes,)
        self._version = (now, self._writes, version)
        return version

    # -- queries -----------------------------------------------------------------------------
    def raw_query(self, query: str, bindings: dict[str, ox.Term] | None = None) -> Any:
        """Run SPARQL over the union of the documents (the default graph), with `bindings` bound
        safely as RDF terms."""
        try:
            return self.backend.query(bind(query, bindings))
        except BackendError as err:
            raise StoreError(str(err)) from None

    def sparql(self, query: str, bindings: dict[str, ox.Term] | None = None,
               ) -> list[dict[str, Any]]:
        """SELECT rows as dicts of plain Python values (IRIs as strings)."""
        result = self.raw_query(query, bindings)
        if isinstance(result, ox.QueryBoolean):
            return [{"result": bool(result)}]
        if isinstance(result, ox.QueryTriples):
            return [{"subject": term_to_python(t.subject), "predicate": term_to_python(t.predicate),
                     "object": term_to_python(t.object)} for t in result]
        names = [v.value for v in result.variables]
        return [{n: term_to_python(sol[n]) for n in names} for sol in result]

    def evidence(self, statements: Iterable[tuple[str, str]], predicate: str | None = None,
                 per_statement: int | None = None) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The assertions behind each `(subject, object)` statement (with `predicate`, or any
        relation's): document, lines, quote, role, period and status, by document and line; with
        `per_statement`, only that many of each (the first by document).

        Found through their statement keys, for all the statements at once: from the subject
        alone, a board named in a thousand documents has thousands of assertions to scan.
        """
        predicates = [predicate] if predicate else sorted(set(PREDICATES.values()))
        pairs = {statement_key(s, p, o): (s, o) for s, o in statements for p in predicates}
        if not pairs:
            return {}
        found: dict[tuple[str, str], list[str]] = {}
        for row in self.sparql(f"""SELECT ?key ?a WHERE {{
                VALUES ?key {{ {" ".join(str(ox.Literal(k)) for k in sorted(pairs))} }}
                ?a pg:statement ?key }}"""):
            found.setdefault(pairs[row["key"]], []).append(row["a"])
        chosen = {a: pair for pair, assertions in found.items() for a in sorted(assertions)[:per_statement]}
        if not chosen:
            return {}
        rows = self.sparql(f"""SELECT ?a ?file ?start ?end ?quote ?role ?during ?status WHERE {{
                VALUES ?a {{ {" ".join(str(ox.NamedNode(a)) for a in sorted(chosen))} }}
                ?a prov:wasDerivedFrom ?d ; pg:lineStart ?start ; pg:lineEnd ?end ; pg:quote ?quote .
                ?d pg:fileName ?file .
                OPTIONAL {{ ?a pg:role ?role }} OPTIONAL {{ ?a pg:during ?during }}
                OPTIONAL {{ ?a pg:status ?status }} }}
            ORDER BY ?file ?start ?end ?quote ?role""")
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(chosen[row["a"]], []).append(
                {"document": row["file"], "lines": line_range(row["start"], row["end"]),
                 "quote": row["quote"], "role": row["role"], "during": row["during"],
                 "status": row["status"]})
        return out

    def dataframe(self, query: str, bindings: dict[str, ox.Term] | None = None) -> pd.DataFrame:
        """SELECT results as a pandas DataFrame (one column per variable)."""
        result = self.raw_query(query, bindings)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return pd.DataFrame([[term_to_python(sol[n]) for n in names] for sol in result],
                                columns=names)
        return pd.DataFrame(self.sparql(query, bindings))

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query from `queries/` (see `plangraph queries`)."""
        from plangraph.queries import run_named

        return run_named(self, name, params)

    def analyse(self, name: str, **options: int) -> pd.DataFrame:
        """Run a network analysis (see `plangraph.graph.analytics.ANALYSES`)."""
        from plangraph.graph.analytics import analyse

        return analyse(self, name, **options)

    # -- statistics --------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        by_class = self.sparql(
            """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
            GROUP BY ?class ORDER BY DESC(?n)"""
        )
        return {
            "triples": len(self),
            "documents": [
                {"fileName": d["fileName"], "triples": d["triples"], "area": d.get("area")}
                for d in self.documents()
            ],
            "classes": {shorten(r["class"]): r["n"] for r in by_class},
        }

    # -- export / import ---------------------------------------------------------------------
    def export(self, fmt: str = "nquads", output: str | os.PathLike[str] | None = None,
               ) -> bytes | None:
        """Serialise the store. Dataset formats keep the graphs; Turtle holds their union."""
        rdf_format = _format(fmt)
        if rdf_format.supports_datasets:
            return self.backend.dump(output, rdf_format)
        triples = self.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                                 f'FILTER(!STRSTARTS(STR(?g), "{PRIVATE}")) }}')
        data = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
        if output is None:
            return data
        Path(output).write_bytes(data)
        return None

    def import_(self, source: str | os.PathLike[str] | bytes, fmt: str,
                graph: str | None = None) -> int:
        """Load an export back. Triple formats go into the named graph `graph` (by default
        IMPORT_GRAPH); the union default graph is then recomputed."""
        rdf_format = _format(fmt)
        before = len(self)
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        try:
            self.backend.load(data, rdf_format, graph or IMPORT_GRAPH)
            self.rebuild_union()
            self._upgrade()  # an export of an older store: its assertions get their keys
        except SyntaxError as err:
            raise StoreError(f"cannot import: not valid {fmt}: {err}") from None
        except BackendError as err:
            raise StoreError(str(err)) from None
        self._writes += 1
        return len(self) - before


def _leave_union(graph: str, union: bool = True) -> str:
    """SPARQL Update operations that take a named graph out of the union default graph: its
    triples that no other named graph states, then the graph itself (only the graph, where the
    engine keeps the union)."""
    if not union:
        return f"DROP SILENT GRAPH <{graph}>"
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph}>")


def _format(fmt: str) -> ox.RdfFormat:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise StoreError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})") from None


def shorten(iri: str) -> str:
    """Shorten an IRI with the known prefixes (pg:Plan, foaf:Person)."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


__all__ = [
    "DOC",
    "FORMATS",
    "GRAPH",
    "SPARQL_PREFIXES",
    "IngestResult",
    "KnowledgeGraph",
    "StoreError",
]

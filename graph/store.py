"""`Store`: documents held as named graphs in an embedded Oxigraph store (or a SPARQL service).

One named graph per source document. Ingesting a file replaces exactly its graph in one
transaction (one SPARQL Update on a remote store), so a reader never sees half a document and
a failure leaves the previous version in place. An unchanged file (same SHA-256) is a no-op.
Queries see the union of all graphs, kept in the default graph.

The store knows nothing of reading files or of named queries: `plangraph.knowledge.KnowledgeGraph`
adds those on top.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, Self

import pandas as pd
import pyoxigraph as ox

from plangraph.graph.backends import (
    Backend,
    BackendError,
    NewGraph,
    OxigraphBackend,
    RemoteBackend,
    difference_update,
    has_blank_node,
    insert_data,
    insert_private,
    leave_union,
)
from plangraph.graph.namespaces import (
    DERIVED,
    DOC,
    GRAPH,
    LOADING_GRAPH,
    OWL,
    PREDICATES,
    PREFIXES,
    PRIVATE,
    REDIRECTS_GRAPH,
    SETTLED_GRAPH,
    SPARQL_PREFIXES,
    UNION_FILTER,
    extraction_graph_iri,
    graph_iri,
    statement_key,
)
from plangraph.graph.sparqltext import bind, too_deep
from plangraph.graph.terms import line_range, named_node, term_to_python
from plangraph.graph.upgrades import upgrades

DEFAULT_STORE = "plangraph-store"
BULK_MIN = 50_000  # quads of new graphs worth a bulk load: below, one transaction a graph
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


def default_location() -> str:
    return os.environ.get("PLANGRAPH_STORE") or DEFAULT_STORE


class Store:
    """Documents as named graphs, their union, SPARQL over it, export and import."""

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
    def open(cls, location: str | os.PathLike[str] | None = None, create: bool = True) -> Self:
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

    def _upgrade(self) -> Self:
        """Bring a store left by a stopped bulk load, or written by an earlier version, up to
        date (see `graph.upgrades`)."""
        if self.raw_query(f"ASK {{ GRAPH <{LOADING_GRAPH}> {{ ?m ?p ?g }} }}"):
            self._finish_stopped_load()
        if not self.raw_query("ASK { ?s ?p ?o }") and self.raw_query("ASK { GRAPH ?g { ?s ?p ?o } }") \
                and not self._native_union():
            self.rebuild_union()
        for update in upgrades(self.raw_query, union=not self._native_union()):
            self._update(update)
        return self

    def _native_union(self) -> bool:
        """Whether the engine forms the union default graph itself (see RemoteBackend)."""
        try:
            return self.backend.native_union
        except BackendError as err:
            raise StoreError(str(err)) from None

    @classmethod
    def open_read_only(cls, location: str | os.PathLike[str]) -> Self:
        """Open an existing store for reading only (several processes may do this at once)."""
        path = str(location)
        if not Path(path).is_dir():
            raise StoreError(f"no store at {path} (run `plangraph ingest` or `plangraph demo`)")
        try:
            return cls(ox.Store.read_only(path), path)
        except OSError as err:
            raise StoreError(f"cannot open the store at {path}: {err}") from None

    @classmethod
    def memory(cls) -> Self:
        """An in-memory store, for tests and one-off work."""
        return cls(ox.Store(), None)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        """Where a retired IRI's node is now (following merges made later), or None (also for
        what is not an IRI at all, as a mistyped address may be)."""
        if named_node(iri) is None:
            return None
        current, seen = iri, {iri}
        while rows := self.sparql(f"SELECT ?n WHERE {{ GRAPH <{REDIRECTS_GRAPH}> {{ ?o owl:sameAs ?n }} }}",
                                  {"o": ox.NamedNode(current)}):
            if rows[0]["n"] in seen:
                break
            current = rows[0]["n"]
            seen.add(current)
        return current if current != iri else None

    def replace_graph(self, graph: str, quads: list[ox.Quad], private: list[ox.Quad] = ()) -> None:
        """Replace the content of one named graph, and its share of the union, atomically (one
        transaction, or one SPARQL Update request); `private` quads replace those of their own
        graphs, outside the union (a file's kept extraction)."""
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted({q.graph_name.value for q in private}))
        if not self.backend.has_graph(graph):
            self.add_graphs([(graph, quads, private)])
            return
        extra = [f"{drops}{insert_private(private)}"] if private else []
        union = not self._native_union()
        written = self.backend.graph_quads(graph)
        if written is None or any(has_blank_node(q) for q in written):
            self._update(" ;\n".join([leave_union(graph, union), insert_data(graph, quads, union), *extra]))
            return
        # Only the difference: re-ingesting a document or refreshing the alignment after a change
        # rewrites a small part of the graph, and a transaction's cost is in what it writes.
        wanted = {ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph)) for q in quads}
        removed, added = sorted(written - wanted, key=str), sorted(wanted - written, key=str)
        changes = difference_update(graph, removed, added, union)
        if changes or extra:
            self._update(" ;\n".join(changes + extra))

    def add_graphs(self, graphs: list[NewGraph]) -> None:
        """Write graphs that are not in the store yet (a first ingest, the first alignment),
        each with its share of the union and its private quads. A big batch goes to the
        embedded store's bulk loader, three times faster than a transaction but not atomic: the
        graphs are listed in a marker graph while they load, and a store opened with a marker
        left by a stopped load drops them (`_finish_stopped_load`), so every document is still
        wholly present or absent."""
        size = sum(len(quads) + len(private) for _, quads, private in graphs)
        backend = self.backend
        if isinstance(backend, OxigraphBackend) and backend.bulk_loads and size >= BULK_MIN:
            self._change(lambda: backend.bulk_add(graphs, LOADING_GRAPH))
            return
        for graph, quads, private in graphs:
            self._change(partial(backend.add_graph, graph, quads, private))

    def _finish_stopped_load(self) -> None:
        """Drop what a stopped bulk load wrote (the graphs its marker lists) and rebuild the
        union, in one update: the store is as it was before the load."""
        rows = self.raw_query(f"SELECT ?g WHERE {{ GRAPH <{LOADING_GRAPH}> {{ ?m pg:loads ?g }} }}")
        drops = "".join(f"DROP SILENT GRAPH <{row['g'].value}> ;\n" for row in rows)
        union = "" if self._native_union() else f"{_REBUILD_UNION} ;\n"
        self._update(f"{drops}{union}DROP SILENT GRAPH <{LOADING_GRAPH}>")

    def rebuild_union(self) -> None:
        """Recompute the default graph from the named graphs (after an import; for a store
        written before the default graph held the union). Nothing to do on an engine whose
        default graph is the union already."""
        if self._native_union():
            return
        self._update(_REBUILD_UNION)

    def union_matches(self) -> bool:
        """Whether the default graph holds exactly the documents' statements (always, on an
        engine that keeps the union itself)."""
        if self._native_union():
            return True
        named = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {_STATEMENTS} }} }}"
        union = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        return self.sparql(named)[0]["n"] == self.sparql(union)[0]["n"]

    def graphs_without_source(self) -> list[str]:
        """Document graphs (not derived or private ones) with no pg:SourceDocument: left by an
        import or a hand-made update, never by an ingest, whose writes are whole."""
        rows = self.sparql(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(STRSTARTS(STR(?g), "{GRAPH}") && !STRSTARTS(STR(?g), "{PRIVATE}"))
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?d a pg:SourceDocument }} }} }} ORDER BY ?g""")
        return [r["g"] for r in rows if r["g"] != IMPORT_GRAPH]

    def drop_document(self, doc: str) -> bool:
        """Take one document (by file name, document IRI or graph) out of the store: its graph,
        its share of the union and its kept extraction. False when no document is so named."""
        graph = self._graph_for(doc)
        if graph is None:
            return False
        name = next(d["fileName"] for d in self.documents() if d["graph"] == graph)
        self._update(f"{leave_union(graph, not self._native_union())} ;\n"
                     f"DROP SILENT GRAPH <{extraction_graph_iri(name)}>")
        return True

    def settled_state(self) -> str | None:
        """The digest recorded when identity and the derived graphs were last settled."""
        rows = self.sparql(f"SELECT ?d WHERE {{ GRAPH <{SETTLED_GRAPH}> {{ ?s pg:settledSet ?d }} }}")
        return rows[0]["d"] if rows else None

    def mark_settled(self, state: str, derived_quads: int) -> None:
        """Record the digest the documents were settled for, and how many quads the derived
        graphs then held (`doctor` compares it: a derived graph dropped or cut since is stale)."""
        marker, pg = ox.NamedNode(SETTLED_GRAPH), PREFIXES["pg"]
        self.replace_private(SETTLED_GRAPH, [
            ox.Quad(marker, ox.NamedNode(pg + "settledSet"), ox.Literal(state), marker),
            ox.Quad(marker, ox.NamedNode(pg + "derivedQuads"), ox.Literal(derived_quads), marker)])

    def settled_derived_quads(self) -> int | None:
        """The derived graphs' size when last settled (None in a store settled before it was kept)."""
        rows = self.sparql(f"SELECT ?n WHERE {{ GRAPH <{SETTLED_GRAPH}> {{ ?s pg:derivedQuads ?n }} }}")
        return int(rows[0]["n"]) if rows else None

    def derived_quads(self) -> int:
        """The quads in the derived graphs (cross-plan alignment) now."""
        rows = self.sparql(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                           f'FILTER(STRSTARTS(STR(?g), "{DERIVED}")) }}')
        return int(rows[0]["n"])

    def replace_private(self, graph: str, quads: list[ox.Quad]) -> None:
        """Replace a graph the store keeps for itself (outside the union) in one update."""
        self._update(f"DROP SILENT GRAPH <{graph}> ;\n{insert_private(quads)}")

    def document_hashes(self) -> list[str]:
        """"file name, SHA-256" of every document held, sorted: what the documents are."""
        rows = self.sparql("""SELECT ?f ?h WHERE { GRAPH ?g { ?d a pg:SourceDocument ; pg:fileName ?f ;
                              pg:sha256 ?h } } ORDER BY ?f ?h""")
        return [f"{r['f']} {r['h']}" for r in rows]

    def documents_digest(self) -> str:
        return hashlib.sha256("\n".join(self.document_hashes()).encode()).hexdigest()

    def subjects(self, predicate: str, obj: ox.NamedNode | ox.Literal) -> set[str]:
        """IRIs of the subjects with `predicate` `obj` (an index lookup, not a query)."""
        return self.backend.subjects(predicate, obj)

    def objects(self, subject: str, predicate: str) -> set[Any]:
        """The objects of `subject` `predicate` (an index lookup, not a query)."""
        return self.backend.objects(subject, predicate)

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
        safely as RDF terms. A query nested deeper than the parser can take is a SyntaxError,
        as an unparsable one is (see `sparqltext.too_deep`)."""
        if (why := too_deep(query)) is not None:
            raise SyntaxError(why)
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

    def _statement_keys(self, statements: list[tuple[str, str]], predicate: str | None,
                        ) -> dict[str, tuple[str, str]]:
        """The key of each statement that may be behind a pair, with the pair. Without a
        predicate, the relations that join two nodes are looked up first (one query for all the
        pairs) rather than every relation tried on each: a person who leads 300 things would
        otherwise be 50,000 keys to look for."""
        if predicate:
            return {statement_key(s, predicate, o): (s, o) for s, o in statements}
        known = set(PREDICATES.values())
        nodes = {(s, o) for s, o in statements if s.startswith(("http://", "https://"))
                 and o.startswith(("http://", "https://"))}
        keys = {statement_key(s, p, o): (s, o) for s, o in statements if (s, o) not in nodes
                for p in sorted(known)}  # a literal's text: every relation, as before
        if nodes:
            values = " ".join(f"({ox.NamedNode(s)} {ox.NamedNode(o)})" for s, o in sorted(nodes))
            for row in self.sparql(f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?o) {{ {values} }} ?s ?p ?o }}"):
                if row["p"] in known:
                    keys[statement_key(row["s"], row["p"], row["o"])] = (row["s"], row["o"])
        return keys

    def evidence(self, statements: Iterable[tuple[str, str]], predicate: str | None = None,
                 per_statement: int | None = None) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The assertions behind each `(subject, object)` statement (with `predicate`, or any
        relation's): document, lines, quote, role, period and status, by document and line; with
        `per_statement`, only that many of each (the first by document).

        Found through their statement keys, for all the statements at once: from the subject
        alone, a board named in a thousand documents has thousands of assertions to scan.
        """
        pairs = self._statement_keys(list(statements), predicate)
        if not pairs:
            return {}
        found: dict[tuple[str, str], list[str]] = {}
        for row in self.sparql(f"""SELECT ?key ?a WHERE {{
                GRAPH ?g {{ VALUES ?key {{ {" ".join(str(ox.Literal(k)) for k in sorted(pairs))} }}
                            ?a pg:statement ?key }} }}"""):
            found.setdefault(pairs[row["key"]], []).append(row["a"])
        chosen = {a: pair for pair, assertions in found.items() for a in sorted(assertions)[:per_statement]}
        if not chosen:
            return {}
        rows = self.sparql(f"""SELECT ?a ?file ?start ?end ?quote ?role ?during ?status WHERE {{
                GRAPH ?g {{ VALUES ?a {{ {" ".join(str(ox.NamedNode(a)) for a in sorted(chosen))} }}
                  ?a pg:passage ?q . ?q prov:wasDerivedFrom ?d ; pg:lineStart ?start ;
                              pg:lineEnd ?end ; pg:quote ?quote .
                  ?d pg:fileName ?file .
                  OPTIONAL {{ ?a pg:role ?role }} OPTIONAL {{ ?a pg:during ?during }}
                  OPTIONAL {{ ?a pg:status ?status }} }} }}
            ORDER BY ?file ?start ?end ?quote ?role""")
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(chosen[row["a"]], []).append(
                {"document": row["file"], "lines": line_range(row["start"], row["end"]),
                 "quote": row["quote"], "role": row["role"], "during": row["during"],
                 "status": row["status"]})
        return out

    def table(self, query: str, bindings: dict[str, ox.Term] | None = None,
              ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """SELECT results as (variable names, rows of plain Python values): what the named queries
        work on, a DataFrame built once at the edge that asks for one."""
        result = self.raw_query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            rows = self.sparql(query, bindings)
            names = list(rows[0]) if rows else []
            return names, [tuple(row.values()) for row in rows]
        names = [v.value for v in result.variables]
        return names, [tuple(term_to_python(sol[n]) for n in names) for sol in result]

    def dataframe(self, query: str, bindings: dict[str, ox.Term] | None = None) -> pd.DataFrame:
        """SELECT results as a pandas DataFrame (one column per variable)."""
        names, rows = self.table(query, bindings)
        return pd.DataFrame(rows, columns=names)

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


# What the union default graph holds: the statements of every graph but the private ones
_STATEMENTS = f'GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), "{PRIVATE}")) {UNION_FILTER}'
_REBUILD_UNION = f"DROP SILENT DEFAULT ;\nINSERT {{ ?s ?p ?o }} WHERE {{ {_STATEMENTS} }}"


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
    "Store",
    "StoreError",
]

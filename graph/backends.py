"""Where the triples live: the embedded Oxigraph store, or a SPARQL 1.1 endpoint.

`Store` speaks to a backend through a few operations (query, update, graph size,
dump, load). The embedded default is Oxigraph on disk. A deployment past one machine points
`--store` at a SPARQL 1.1 service (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso,
QLever): `sparql+http://host:port/path` uses `<path>/query` and `<path>/update` (override
with `PLANGRAPH_SPARQL_QUERY` / `PLANGRAPH_SPARQL_UPDATE`). Results come back parsed by
pyoxigraph, so everything above the backend is the same for both.

Each document has its own named graph; the default graph holds their union, each triple once,
kept up to date by `Store` in the same update that changes a document graph. Queries
read the default graph, so a node named in a hundred documents does not multiply the rows of
every join it is in (a union computed per query repeats a triple for each graph stating it).
A server must therefore keep its default graph a graph of its own: do not configure it as the
union of the named graphs (Fuseki's `unionDefaultGraph`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterable
from typing import Any, Protocol
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from plangraph.graph.namespaces import BASE, PREFIXES, SPARQL_PREFIXES, UNION_FILTER, in_union
from plangraph.graph.sparqltext import inline_lateral

FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*|#[^\n]*\n\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
                  re.I)


class BackendError(Exception):
    """The backend refused or failed an operation; the message says which and why."""


class Backend(Protocol):
    native_union: bool  # the engine's default graph is the union of its graphs (see RemoteBackend)

    def query(self, sparql: str) -> Any: ...
    def subjects(self, predicate: str, obj: ox.NamedNode | ox.Literal) -> set[str]: ...
    def objects(self, subject: str, predicate: str) -> set[Any]: ...
    def update(self, sparql: str) -> None: ...
    def add_graph(self, graph: str, quads: list[ox.Quad], private: list[ox.Quad] = ()) -> None: ...
    def graph_size(self, graph: str) -> int: ...
    def has_graph(self, graph: str) -> bool: ...
    def graph_quads(self, graph: str) -> set[ox.Quad] | None: ...
    def size(self) -> int: ...
    def quads(self) -> list[ox.Quad]: ...
    def load(self, data: bytes, fmt: ox.RdfFormat, to_graph: str) -> None: ...
    def close(self) -> None: ...


NewGraph = tuple[str, list[ox.Quad], list[ox.Quad]]  # a graph, its quads, its private quads


def in_named_graphs(data: bytes, fmt: ox.RdfFormat, default_to: str) -> list[ox.Quad]:
    """Parse RDF for loading: what names no graph goes to `default_to`, because the default
    graph is the store's own union of the named graphs."""
    target = ox.NamedNode(default_to)
    return [q if not isinstance(q.graph_name, ox.DefaultGraph) else
            ox.Quad(q.subject, q.predicate, q.object, target)
            for q in ox.parse(io.BytesIO(data), format=fmt)]


def _triples(quads: Iterable[ox.Quad]) -> str:
    """The quads' triples as SPARQL writes them in a data block, one a line."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def _with_union_copies(quads: list[ox.Quad]) -> list[ox.Quad]:
    """A graph's quads, then the copy in the default graph (the union) of its statements."""
    return [*quads, *(ox.Quad(q.subject, q.predicate, q.object) for q in quads if in_union(q))]


def insert_data(graph: str, quads: list[ox.Quad], union: bool = True) -> str:
    """INSERT DATA of the quads into `graph` and, with `union`, their statements (`in_union`)
    into the default graph (the union: a set, so what is there already stays once); cheaper
    than copying them with INSERT ... WHERE. An engine whose default graph already is the union
    (see `RemoteBackend`) gets the named graph only."""
    statements = []
    for start in range(0, max(len(quads), 1), INSERT_CHUNK):
        chunk = quads[start:start + INSERT_CHUNK]
        body = _triples(chunk)
        shared = _triples(q for q in chunk if in_union(q)) if union else ""
        statements.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}}\n{shared}}}")
    return " ;\n".join(statements)


# triples in one INSERT DATA: one request holds them all (one transaction), but Virtuoso's SPARQL
# parser runs out of stack on a single statement of a few thousand triples
INSERT_CHUNK = 1000
SPLIT_REQUESTS = 60_000  # characters of one update request to an engine that needs them split


def has_blank_node(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def difference_update(graph: str, removed: list[ox.Quad], added: list[ox.Quad], union: bool) -> list[str]:
    """SPARQL Update operations that turn a graph into another given what leaves it and what
    joins it: the removed quads out of the graph, then out of the union unless another graph
    still states them, then the added ones into both."""
    changes = []
    for start in range(0, len(removed), INSERT_CHUNK):
        chunk = removed[start:start + INSERT_CHUNK]
        body = _triples(chunk)
        changes.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{body}}} }}")
        rows = "".join(f"({q.subject} {q.predicate} {q.object})\n" for q in chunk if in_union(q))
        if union and rows:
            changes.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}}}\n"
                           "  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } } }")
    if added:
        changes.append(insert_data(graph, added, union))
    return changes


def leave_union(graph: str, union: bool = True) -> str:
    """SPARQL Update operations that take a named graph out of the union default graph: its
    triples that no other named graph states, then the graph itself (only the graph, where the
    engine keeps the union)."""
    if not union:
        return f"DROP SILENT GRAPH <{graph}>"
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} {UNION_FILTER}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph}>")


def insert_private(quads: list[ox.Quad]) -> str:
    """INSERT DATA of quads into their own graphs only (not the union), a graph's triples
    together in one GRAPH block."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(q)
    statements = []
    for graph, members in by_graph.items():
        for start in range(0, len(members), INSERT_CHUNK):
            chunk = members[start:start + INSERT_CHUNK]
            body = _triples(chunk)
            statements.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")
    return " ;\n".join(statements) or "INSERT DATA { }"


class OxigraphBackend:
    """The embedded store (pyoxigraph): on disk, read-only, or in memory."""

    native_union = False  # plangraph keeps the union in the default graph itself

    def __init__(self, store: ox.Store, on_disk: bool) -> None:
        self.store = store
        self.on_disk = on_disk
        # On disk, a transaction writes ~40,000 quads/s here and the bulk loader ~130,000; in
        # memory a transaction is faster than either.
        self.bulk_loads = on_disk

    def query(self, sparql: str) -> Any:
        return self.store.query(sparql, prefixes=PREFIXES)  # the default graph is the union

    def update(self, sparql: str) -> None:
        self.store.update(sparql)

    def add_graph(self, graph: str, quads: list[ox.Quad], private: list[ox.Quad] = ()) -> None:
        """A new document graph and its share of the union, with `private` quads kept in their
        own graphs (outside the union), in one transaction (the quads as they are, without
        printing and parsing them as SPARQL)."""
        self.store.extend([*_with_union_copies(quads), *private])

    def bulk_add(self, graphs: list[NewGraph], marker: str) -> None:
        """New graphs, their share of the union and their private quads through the bulk
        loader, which is not one transaction: every graph it writes is first listed in the
        `marker` graph (one transaction), which is dropped once the load is done. A store
        holding a marker was stopped mid-load; `Store` then drops the graphs it lists."""
        names = sorted({g for g, _, _ in graphs} | {q.graph_name.value for _, _, private in graphs
                                                    for q in private})
        loads, target = ox.NamedNode(PREFIXES["pg"] + "loads"), ox.NamedNode(marker)
        self.store.extend([ox.Quad(target, loads, ox.NamedNode(name), target) for name in names])
        self.store.bulk_extend(q for _, quads, private in graphs
                               for q in (*_with_union_copies(quads), *private))
        self.store.update(f"DROP SILENT GRAPH <{marker}>")

    # Direct index lookups in the union default graph, where each triple is stored once.
    def subjects(self, predicate: str, obj: ox.NamedNode | ox.Literal) -> set[str]:
        return {q.subject.value for q in
                self.store.quads_for_pattern(None, ox.NamedNode(predicate), obj, ox.DefaultGraph())}

    def objects(self, subject: str, predicate: str) -> set[Any]:
        return {q.object for q in self.store.quads_for_pattern(ox.NamedNode(subject),
                                                                ox.NamedNode(predicate), None,
                                                                ox.DefaultGraph())}

    def graph_size(self, graph: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def has_graph(self, graph: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(graph))

    def graph_quads(self, graph: str) -> set[ox.Quad]:
        """The quads of one named graph, as written (an index scan)."""
        return set(self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def size(self) -> int:
        """Quads in the document graphs (the union in the default graph is not counted)."""
        for row in self.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"):
            return int(row["n"].value)
        return 0

    def quads(self) -> list[ox.Quad]:
        return [q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph)]

    def dump(self, output: Any, fmt: ox.RdfFormat) -> bytes | None:
        return ox.serialize(self.quads(), output, format=fmt, prefixes=PREFIXES)

    def load(self, data: bytes, fmt: ox.RdfFormat, to_graph: str) -> None:
        self.store.extend(in_named_graphs(data, fmt, to_graph))  # one transaction

    def close(self) -> None:
        if self.on_disk and self.store is not None:
            with contextlib.suppress(OSError, RuntimeError):  # a read-only store cannot flush
                self.store.flush()
        self.store = None  # dropping the last reference releases the directory's lock


def redact(url: str) -> str:
    """The URL without a password (`http://user:secret@host/` -> `http://user:***@host/`): the
    only form of a store's address that is ever printed, logged or kept."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = quote(unquote(parts.username or ""), safe="")
    return urlunsplit(parts._replace(netloc=f"{user}:***@{_host(parts)}"))


def _host(parts: SplitResult) -> str:
    """'host:port' of a split URL, without any user part."""
    return (parts.hostname or "") + (f":{parts.port}" if parts.port is not None else "")


def credentials(url: str) -> tuple[str, httpx.Auth | None, str | None]:
    """The URL without its user part, the Basic auth it (or the environment) gives, and the
    secret to blank in every message.

    A password may be written in the store URL, or given as `PLANGRAPH_SPARQL_USER` and
    `PLANGRAPH_SPARQL_PASSWORD`; with neither, httpx reads `~/.netrc`. It is sent, never shown.
    """
    parts = urlsplit(url)
    bare = urlunsplit(parts._replace(netloc=_host(parts)))
    env_password = os.environ.get("PLANGRAPH_SPARQL_PASSWORD")
    secret = unquote(parts.password or "") or env_password or None
    user, password = os.environ.get("PLANGRAPH_SPARQL_USER"), env_password
    if parts.username is not None:
        user, password = unquote(parts.username), unquote(parts.password or "")
    if user is None:
        return bare, None, secret
    return bare, httpx.BasicAuth(user, password or ""), secret


class RemoteBackend:
    """A SPARQL 1.1 Query + Update service over HTTP.

    Engines differ in what a query's default graph is. Oxigraph's server (and Fuseki, GraphDB
    by default) keep a default graph of its own, so plangraph writes the union of the documents
    there, as it does in the embedded store. Virtuoso (and Fuseki or GraphDB set up that way)
    answer a query without FROM over every graph at once and refuse triples written outside a
    GRAPH: there the union is the engine's own, and plangraph writes named graphs only.
    Which kind a service is, is found out when it is opened, by writing one probe triple into a
    named graph and asking the default graph for it (`native_union`).
    """

    def __init__(self, location: str, timeout: float = 60.0) -> None:
        base, auth, self._secret = credentials(location.removeprefix("sparql+").rstrip("/"))
        self.location = redact(location)
        # Oxigraph's server answers at /query and /update under its root; an endpoint named
        # .../sparql (Virtuoso, many others) takes queries and updates at that one address
        one = base if base.endswith("/sparql") else None
        self.query_url = os.environ.get("PLANGRAPH_SPARQL_QUERY") or one or f"{base}/query"
        self.update_url = os.environ.get("PLANGRAPH_SPARQL_UPDATE") or one or f"{base}/update"
        self.client = httpx.Client(timeout=timeout, auth=auth)
        self.max_request = 0
        self._native_union: bool | None = None

    @property
    def native_union(self) -> bool:
        """Whether the engine's default graph is every graph (found out once, on first need)."""
        if self._native_union is None:
            self._native_union = self._probe_union()
            # Virtuoso compiles one request into one procedure of limited size: there, an update
            # is sent as several requests of whole statements (not one transaction any more)
            limit = os.environ.get("PLANGRAPH_SPARQL_MAX_REQUEST", "")
            split = SPLIT_REQUESTS if self._native_union else 0
            self.max_request = int(limit) if limit.isdigit() else split
        return self._native_union

    def _probe_union(self) -> bool:
        probe = "https://w3id.org/plangraph/graph/private/probe"
        triple = f"<{probe}> <{probe}> <{probe}>"
        self.update(f"INSERT DATA {{ GRAPH <{probe}> {{ {triple} }} }}")
        try:
            return bool(self.query(f"ASK {{ {triple} }}"))
        finally:
            self.update(f"DROP SILENT GRAPH <{probe}>")

    def _say(self, message: str) -> str:
        """A message with any URL's password, and the password itself, blanked."""
        message = re.sub(r"https?://[^\s'\"<>]+", lambda m: redact(m.group(0)), message)
        return message.replace(self._secret, "***") if self._secret else message

    def _post(self, url: str, data: dict[str, str], accept: str) -> httpx.Response:
        where = redact(url)
        try:
            response = self.client.post(url, data=data, headers={"Accept": accept})
        except httpx.HTTPError as err:
            raise BackendError(self._say(f"cannot reach the SPARQL service at {where}: {err}")) from None
        if response.status_code >= 400:
            raise BackendError(self._say(f"the SPARQL service at {where} answered {response.status_code}: "
                                         f"{response.text[:300]}"))
        return response

    def query(self, sparql: str) -> Any:
        text = SPARQL_PREFIXES + inline_lateral(sparql)  # LATERAL is not SPARQL 1.1
        form = FORM.match(text)
        kind = form.group(1).upper() if form else "SELECT"
        if kind in {"CONSTRUCT", "DESCRIBE"}:
            response = self._post(self.query_url, {"query": text}, "application/n-triples")
            return list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        response = self._post(self.query_url, {"query": text}, "application/sparql-results+json")
        return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)

    def update(self, sparql: str) -> None:
        if self._native_union is None and len(sparql) > SPLIT_REQUESTS:
            _ = self.native_union  # a large write: learn first whether it must be split
        for request in self._requests(sparql):
            self._post(self.update_url, {"update": request}, "*/*")

    def _requests(self, sparql: str) -> list[str]:
        """The update as one request, or as several of whole statements of at most
        `max_request` characters each. plangraph joins the statements it writes with ' ;' and
        a line end, which no literal holds (N-Triples escapes line ends)."""
        if not self.max_request or len(sparql) <= self.max_request:
            return [sparql]
        requests, current = [], ""
        for statement in sparql.split(" ;\n"):
            if current and len(current) + len(statement) > self.max_request:
                requests.append(current)
                current = ""
            current = f"{current} ;\n{statement}" if current else statement
        return [*requests, current] if current else requests

    def add_graph(self, graph: str, quads: list[ox.Quad], private: list[ox.Quad] = ()) -> None:
        insert = insert_data(graph, quads, union=not self.native_union)
        self.update(f"{insert} ;\n{insert_private(private)}" if private else insert)

    def subjects(self, predicate: str, obj: ox.NamedNode | ox.Literal) -> set[str]:
        return {r["s"].value for r in self.query(f"SELECT DISTINCT ?s WHERE {{ ?s <{predicate}> {obj} }}")}

    def objects(self, subject: str, predicate: str) -> set[Any]:
        return {r["o"] for r in self.query(f"SELECT DISTINCT ?o WHERE {{ <{subject}> <{predicate}> ?o }}")}

    def _count(self, pattern: str) -> int:
        for row in self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"):
            return int(row["n"].value)
        return 0

    def graph_size(self, graph: str) -> int:
        return self._count(f"GRAPH <{graph}> {{ ?s ?p ?o }}")

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def graph_quads(self, graph: str) -> None:
        """None: a server may give literals back in another form than they were written
        (Virtuoso's 1.00 comes back as 1), so a graph is replaced whole, never by difference."""
        return None

    # plangraph's graphs only: an engine may hold graphs of its own (Virtuoso's system graphs)
    OURS = f'FILTER(STRSTARTS(STR(?g), "{BASE}"))'

    def size(self) -> int:
        return self._count(f"GRAPH ?g {{ ?s ?p ?o }} {self.OURS}")

    def quads(self) -> list[ox.Quad]:
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in
                self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.OURS} }}")]

    def dump(self, output: Any, fmt: ox.RdfFormat) -> bytes | None:
        data = ox.serialize(self.quads(), format=fmt, prefixes=PREFIXES)
        if output is None:
            return data
        if hasattr(output, "write"):
            output.write(data)
        else:
            with open(output, "wb") as fh:
                fh.write(data)
        return None

    def load(self, data: bytes, fmt: ox.RdfFormat, to_graph: str) -> None:
        self.update(insert_private(in_named_graphs(data, fmt, to_graph)))

    def close(self) -> None:
        self.client.close()

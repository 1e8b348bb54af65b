"""The SPARQL 1.1 Protocol's moving parts that do not depend on the web framework.

* which result format a client asked for (`Accept`, or a `format=`/`output=` parameter as
  SPARQLWrapper sends one);
* which texts are refused before they run: updates (the endpoint is read-only) and federated
  `SERVICE` calls (pyoxigraph would fetch them over HTTP: the server makes no outside requests;
  found by parsing the query, see `uses_service`);
* running one query on a pyoxigraph store and serialising at most `max_rows` rows or triples
  with pyoxigraph's own serialisers.

The last part runs inside the query worker processes (see `plangraph.web.pool`), so this
module imports nothing heavier than pyoxigraph and the namespaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from plangraph.graph.namespaces import PREFIXES
from plangraph.graph.sparqltext import NO_SERVICE, too_deep, uses_service

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

# media type -> (results format, graph format); None where the type says nothing about it
MEDIA_TYPES: dict[str, tuple[str | None, str | None]] = {
    "application/sparql-results+json": ("json", None),
    "application/json": ("json", "jsonld"),
    "application/sparql-results+xml": ("xml", None),
    "application/xml": ("xml", "rdfxml"),
    "text/xml": ("xml", "rdfxml"),
    "text/csv": ("csv", None),
    "text/tab-separated-values": ("tsv", None),
    "text/turtle": (None, "turtle"),
    "application/x-turtle": (None, "turtle"),
    "text/n3": (None, "turtle"),
    "application/n-triples": (None, "ntriples"),
    "text/plain": (None, "ntriples"),
    "application/ld+json": (None, "jsonld"),
    "application/rdf+xml": (None, "rdfxml"),
}

# `format=` / `output=` values (SPARQLWrapper's names and the obvious ones)
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"), "srj": ("json", None),
    "xml": ("xml", "rdfxml"), "srx": ("xml", None),
    "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
    "nt": (None, "ntriples"), "ntriples": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "json-ld": (None, "jsonld"), "jsonld": (None, "jsonld"),
    "rdf+xml": (None, "rdfxml"), "rdf": (None, "rdfxml"), "rdfxml": (None, "rdfxml"),
}

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
READ_ONLY = ("this SPARQL endpoint is read-only: SPARQL Update is refused "
             "(add documents with `plangraph ingest` while the server is stopped, or upload them)")


@dataclass(frozen=True)
class Negotiated:
    """The format for each kind of answer; which one is used depends on the query's form.
    `results_ok` / `graph_ok` say whether the client accepts any format for solutions /
    triples at all: when the form it gets has none, the answer is 406, not a format it refused."""

    results: str = "json"
    graph: str = "turtle"
    results_ok: bool = True
    graph_ok: bool = True

    def acceptable(self, kind: str) -> bool:
        return self.graph_ok if kind == "triples" else self.results_ok


WILDCARDS = {"*/*": (True, True), "application/*": (True, True), "text/*": (True, True)}


def negotiate(accept: str | None, format_param: str | None = None) -> Negotiated:
    """Pick the result and graph formats from a `format` parameter, else the Accept header."""
    results = graph = None
    if format_param:
        name = format_param.strip().lower()
        picked = FORMAT_NAMES.get(name) or MEDIA_TYPES.get(name.split(";")[0].strip())
        if picked:
            results, graph = picked
        return Negotiated(results or "json", graph or "turtle")
    accepted = _accepted(accept or "")
    if not accepted:  # no Accept header (or an empty one): anything will do
        return Negotiated()
    any_results = any_graph = False
    for media in accepted:
        r, g = MEDIA_TYPES.get(media, (None, None))
        results = results or r
        graph = graph or g
        wild = WILDCARDS.get(media, (False, False))
        any_results = any_results or bool(r) or wild[0]
        any_graph = any_graph or bool(g) or wild[1]
    return Negotiated(results or "json", graph or "turtle", any_results, any_graph)


NOT_ACCEPTABLE = ("none of the accepted media types can carry this answer; solutions come as "
                  "application/sparql-results+json, application/sparql-results+xml, text/csv or "
                  "text/tab-separated-values, triples as text/turtle, application/n-triples, "
                  "application/ld+json or application/rdf+xml")


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, by quality (stable for equal qualities)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def wants_html(accept: str | None) -> bool:
    """A browser navigating to /sparql (HTML preferred over every SPARQL format)."""
    for media in _accepted(accept or ""):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media in MEDIA_TYPES or media == "*/*":
            return False
    return False


# -- looking at a query's text without running it ---------------------------------------------
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIs
    r"|#[^\n]*",  # comments
    re.S,
)


def _code(text: str) -> str:
    """The query with strings, IRIs and comments blanked, so keywords are found only as code."""
    return _TOKENS.sub(" ", text)


def looks_like_update(text: str) -> bool:
    """After its prologue, does the text start with an update operation?"""
    code = _code(text)
    code = re.sub(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*", "", code, flags=re.I)
    first = re.match(r"\s*([A-Za-z]+)", code)
    return bool(first and first.group(1).upper() in UPDATE_KEYWORDS)


# -- running and serialising -------------------------------------------------------------------
@dataclass
class Answer:
    """What a query produced, already serialised."""

    body: bytes
    media_type: str
    kind: str  # "solutions", "boolean" or "triples"
    rows: int = 0
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class QueryRefused(Exception):
    """The text is not a query this endpoint runs; `status` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def execute(store: ox.Store, text: str, negotiated: Negotiated, max_rows: int,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> Answer:
    """Parse and run one query with pyoxigraph; refuse what is not a query."""
    if (why := too_deep(text)) is not None:  # before any parser (ours or rdflib's) recurses into it
        raise QueryRefused(400, why)
    if uses_service(text):
        raise QueryRefused(403, NO_SERVICE)
    options: dict[str, Any] = {"prefixes": PREFIXES}
    try:
        if default_graphs:  # otherwise the store's default graph: the union of the documents
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        result = store.query(text, **options)
    except SyntaxError as err:
        if looks_like_update(text):
            raise QueryRefused(403, READ_ONLY) from None
        raise QueryRefused(400, f"the query is not valid SPARQL: {err}") from None
    except ValueError as err:  # a bad graph IRI in default-graph-uri / named-graph-uri
        raise QueryRefused(400, f"not a graph IRI in default-graph-uri or named-graph-uri: {err}") from None
    return serialise(result, negotiated, max_rows)


def serialise(result: Any, negotiated: Negotiated, max_rows: int) -> Answer:
    """Serialise a pyoxigraph result, keeping at most `max_rows` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        fmt = RESULT_FORMATS[negotiated.results]
        return Answer(result.serialize(format=fmt), fmt.media_type, "boolean", 1)
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, RESULT_FORMATS[negotiated.results], max_rows)
    triples, truncated = [], False
    for triple in result:
        if len(triples) == max_rows:
            truncated = True
            break
        triples.append(triple)
    fmt = GRAPH_FORMATS[negotiated.graph]
    body = ox.serialize(triples, format=fmt, prefixes=PREFIXES if fmt != ox.RdfFormat.N_TRIPLES else None)
    return Answer(body, fmt.media_type, "triples", len(triples), truncated)


def _solutions(result: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_rows: int) -> Answer:
    """Rows up to the cap, re-read as SPARQL TSV (terms in N-Triples syntax, so exact) and
    written in the asked format by pyoxigraph's serialiser."""
    variables = result.variables
    if not variables:  # SELECT * over a pattern without variables: at most one empty row
        return Answer(result.serialize(format=fmt), fmt.media_type, "solutions")
    lines = ["\t".join(str(v) for v in variables)]
    truncated = False
    for solution in result:
        if len(lines) > max_rows:
            truncated = True
            break
        lines.append("\t".join("" if solution[v] is None else str(solution[v]) for v in variables))
    capped = ox.parse_query_results(("\n".join(lines) + "\n").encode(), format=ox.QueryResultsFormat.TSV)
    return Answer(capped.serialize(format=fmt), fmt.media_type, "solutions", len(lines) - 1, truncated)

"""Named queries: one `.rq` file each, declared as data (the Datasette idea).

A file's comment header says what it is and what it takes:

    # title: Who leads an element
    # description: People, posts, boards and organisations leading a plan element.
    # param: element entity pg:Priority pg:Outcome pg:Action pg:Plan — the element
    # param: limit integer = 100 — at most this many rows
    # evidence: element leader pg:ledBy

An `evidence:` line names two result columns, a subject and an object (and optionally the
predicate; without one, any relation between the two, either way round, counts — a portfolio
mixes "thing led by person" with "person member of thing"): the engine then fills the result's
`document`, `lines`, `quote`, `role`, `during` and `status` columns (those the SELECT names)
from the assertions behind that statement, one row per assertion (at most `EVIDENCE_PER_ROW`).
It finds them through the statement keys of all the result's rows at once (see
`Store.evidence`); the same OPTIONAL in SPARQL would be joined against every
assertion in the store.

Writing a query: Oxigraph evaluates an OPTIONAL (or a nested group) on its own and joins the
result, so an OPTIONAL that does not mention a bound parameter reads every matching triple in
the store. Two ways out: mention the parameter (`?element pg:partOf ?plan ; ...`), whose value
is bound inside every group (see `graph.sparqltext.bind`); or put the decorations (labels,
kinds, posts, plans of the rows found) in a `LATERAL { ... }` group, which Oxigraph evaluates
row by row from what is already bound (strategies-for-outcome: 44 ms -> 1 ms on a 100-plan
store). A SPARQL 1.1 service gets the LATERAL groups written inline (`inline_lateral`).

Adding a file adds the query to `plangraph queries`, `plangraph query NAME`,
`KnowledgeGraph.query(name, **params)`, the JSON API and the web pages. Parameters are bound
as RDF terms (see `Store.raw_query`), never pasted into the query text; an entity
parameter takes an IRI or a label, resolved through the label index. An integer parameter
may also appear as `{{name}}` (for LIMIT), where it is written as a validated number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd
import pyoxigraph as ox

from plangraph.graph.labels import AmbiguousLabel, LabelIndex, UnknownLabel
from plangraph.graph.namespaces import PREFIXES
from plangraph.graph.store import Store
from plangraph.queries import reports
from plangraph.queries.ordering import sort_rows, split_order

TYPES = {"entity", "string", "integer", "number", "boolean", "search"}
PARAM = re.compile(r"^(\w+)\s+(\w+)((?:\s+[a-z]+:\w+)*)\s*(optional)?\s*(?:=\s*(\S+))?\s*"
                   r"(?:[—–-]+\s*(.*))?$")


class QueryError(ValueError):
    """A named query cannot run as asked (unknown name, bad or missing parameter)."""


class AmbiguousParameter(QueryError):
    """A label names several entities; `candidates` lists them for the user to choose."""

    def __init__(self, name: str, error: AmbiguousLabel) -> None:
        super().__init__(f"parameter {name}: {error}")
        self.param = name
        self.candidates = error.candidates


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    classes: tuple[str, ...] = ()
    default: str | None = None
    description: str = ""
    optional: bool = False

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str = field(repr=False)
    evidence: tuple[str, ...] = ()  # subject column, object column[, predicate]

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise QueryError(f"{self.name} takes no parameter '{name}' "
                         f"(it takes: {', '.join(p.name for p in self.params) or 'none'})")


def parse(name: str, text: str) -> NamedQuery:
    """Read a query file's header."""
    title, description, params, evidence = name, "", [], ()
    for line in text.splitlines():
        m = re.match(r"^#\s*(title|description|param|evidence):\s*(.*)$", line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key == "evidence":
            evidence = tuple(value.split())
            if len(evidence) not in {2, 3}:
                raise QueryError(f"{name}.rq: 'evidence:' takes a subject column, an object column "
                                 "and optionally a predicate")
        elif key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            p = PARAM.match(value.strip())
            if not p or p.group(2) not in TYPES:
                raise QueryError(f"{name}.rq: cannot read parameter line '{value}'")
            params.append(Param(p.group(1), p.group(2), tuple(p.group(3).split()), p.group(5),
                                (p.group(6) or "").strip(), optional=bool(p.group(4))))
    return NamedQuery(name, title, description, tuple(params), text, evidence)


@cache
def load_queries() -> dict[str, NamedQuery]:
    """Every `.rq` file shipped in this package, by name."""
    out = {}
    for entry in sorted(files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse(name, entry.read_text(encoding="utf-8"))
    return out


def get(name: str) -> NamedQuery:
    queries = load_queries()
    if name not in queries:
        raise QueryError(f"no query called '{name}' (see `plangraph queries`: "
                         f"{', '.join(sorted(queries))})")
    return queries[name]


def _expand(cls: str) -> str:
    prefix, local = cls.split(":", 1)
    return PREFIXES[prefix] + local


def bind_params(kg: Store, query: NamedQuery, given: dict[str, Any]
                ) -> tuple[str, dict[str, ox.Term]]:
    """The query text (with integer placeholders filled) and the terms to bind."""
    for key in given:
        query.param(key)  # unknown names are an error, not silently ignored
    text, terms = query.sparql, {}
    for p in query.params:
        if p.type == "search":
            continue  # answered by the label index, see _search
        value = given.get(p.name, p.default)
        if value in (None, ""):
            if p.required:
                raise QueryError(f"{query.name} needs parameter '{p.name}' ({p.description})")
            continue
        text, term = _term(kg, query, p, str(value) if not isinstance(value, bool | int | float)
                           else value, text)
        if term is not None:
            terms[p.name] = term
    return text, terms


def resolve_entity(kg: Store, value: str, classes: set[str] | None = None) -> str:
    """An IRI, or the one node a label names (ambiguity and no match are QueryErrors)."""
    try:
        return LabelIndex.of(kg).resolve(value, classes)
    except AmbiguousLabel as err:
        raise AmbiguousParameter("entity", err) from None
    except UnknownLabel as err:
        raise QueryError(str(err)) from None


def _term(kg: Store, query: NamedQuery, p: Param, value: Any, text: str
          ) -> tuple[str, ox.Term | None]:
    if p.type == "entity":
        try:
            iri = LabelIndex.of(kg).resolve(str(value), {c for c in p.classes} or None)
        except AmbiguousLabel as err:
            raise AmbiguousParameter(p.name, err) from None
        except UnknownLabel as err:
            raise QueryError(f"parameter {p.name}: {err}") from None
        return text, ox.NamedNode(iri)
    if p.type in {"integer", "number"}:
        try:
            number = int(value) if p.type == "integer" else float(value)
        except (TypeError, ValueError):
            kind = "an integer" if p.type == "integer" else "a number"
            raise QueryError(f"parameter {p.name} must be {kind}, not '{value}'") from None
        text = text.replace("{{" + p.name + "}}", str(number))
        datatype = "integer" if p.type == "integer" else "decimal"
        return text, ox.Literal(str(number), datatype=ox.NamedNode(f"{PREFIXES['xsd']}{datatype}"))
    if p.type == "boolean":
        flag = str(value).lower() in {"1", "true", "yes", "on"}
        return text, ox.Literal("true" if flag else "false",
                                datatype=ox.NamedNode(f"{PREFIXES['xsd']}boolean"))
    return text, ox.Literal(str(value))


def run_named(kg: Store, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query; rows as a DataFrame (labels, IRIs and numbers). A whole-store report
    asked with no parameters is read from the store when it was kept for these documents."""
    if name in reports.KEPT and not {k: v for k, v in params.items() if v not in (None, "")}:
        rows = reports.kept(kg, name)
        if rows is not None:
            return rows
    return _run(kg, name, params)


def _run(kg: Store, name: str, params: dict[str, Any]) -> pd.DataFrame:
    query = get(name)
    search = next((p for p in query.params if p.type == "search"), None)
    text, terms = bind_params(kg, query, {k: v for k, v in params.items()
                                          if not search or k != search.name})
    if search is not None:
        needle = params.get(search.name, search.default)
        if not needle:
            raise QueryError(f"{name} needs parameter '{search.name}'")
        return _search(kg, query, text, terms, str(needle))
    text, order = split_order(text)
    try:
        columns, rows = kg.table(text, terms)
    except SyntaxError as err:
        raise QueryError(f"{name}.rq is not valid SPARQL: {err}") from None
    rows = sort_rows(columns, rows, order)
    if query.evidence:
        bound = {k: t.value for k, t in terms.items() if isinstance(t, ox.NamedNode)}
        rows = _with_evidence(kg, columns, rows, query.evidence, bound)
    return pd.DataFrame(list(dict.fromkeys(rows)), columns=columns)  # each row once, in order


def keep_reports(kg: Store) -> None:
    """Run the whole-store reports (`reports.KEPT`) and keep their rows in the store."""
    reports.keep(kg, {name: _run(kg, name, {}) for name in reports.KEPT})


EVIDENCE_COLUMNS = ("document", "lines", "quote", "role", "during", "status")
# A reporting line restated in the minutes of sixty meetings is one fact, not sixty rows: a row
# carries its first few assertions (by document); the entity page lists them all.
EVIDENCE_PER_ROW = 3


def _with_evidence(kg: Store, columns: list[str], rows: list[tuple[Any, ...]], spec: tuple[str, ...],
                   bound: dict[str, str]) -> list[tuple[Any, ...]]:
    """One row per assertion behind each row's statement (the row as it is when there is none).
    The subject or object may be a bound parameter rather than a column."""
    subject, obj = spec[:2]
    predicate = _expand(spec[2]) if len(spec) == 3 else None
    at = {c: i for i, c in enumerate(columns)}
    wanted = [(at[c], c) for c in EVIDENCE_COLUMNS if c in at]

    def value(row: tuple[Any, ...], name: str) -> Any:
        return row[at[name]] if name in at else bound.get(name)

    statements = [(value(row, subject), value(row, obj)) for row in rows]
    known = [(s, o) for s, o in statements if isinstance(s, str) and isinstance(o, str)]
    if predicate is None:
        known += [(o, s) for s, o in known]
    found = kg.evidence(known, predicate, EVIDENCE_PER_ROW)
    out: list[tuple[Any, ...]] = []
    for row, (s, o) in zip(rows, statements, strict=True):
        behind = found.get((s, o)) or (found.get((o, s), []) if predicate is None else [])
        if not behind:
            out.append(row)
        for ev in behind:
            cells = list(row)
            for i, c in wanted:
                cells[i] = ev[c]
            out.append(tuple(cells))
    return out


def _search(kg: Store, query: NamedQuery, text: str, terms: dict[str, ox.Term],
            needle: str) -> pd.DataFrame:
    """Label-index hits, then the query enriches them (bound as ?hit with ?score)."""
    limit = int(terms["limit"].value) if "limit" in terms else 20
    hits = LabelIndex.of(kg).search(needle, limit=limit)
    if not hits:
        return pd.DataFrame(columns=["hit", "label", "type", "score"])
    decimal = ox.NamedNode(PREFIXES["xsd"] + "decimal")
    values = " ".join(f"({ox.NamedNode(h.iri)} {ox.Literal(str(h.score), datatype=decimal)})" for h in hits)
    enriched = text.replace("{{hits}}", f"VALUES (?hit ?score) {{ {values} }}")
    frame = kg.dataframe(enriched, {k: v for k, v in terms.items() if k != "limit"}).drop_duplicates()
    return frame.sort_values(["score", "label"], ascending=[False, True]).reset_index(drop=True) \
        if not frame.empty else frame

"""Which named queries answer the questions about one entity, and the board-pack workbook.

The entity pages and the workbook export ask the same questions of a plan, an outcome, an
indicator, a board or a person: this table says which, so they never disagree.
"""

from __future__ import annotations

import pandas as pd

from plangraph.graph.spreadsheets import to_workbook
from plangraph.graph.store import Store, shorten
from plangraph.graph.terms import named_node
from plangraph.queries import QueryError, run_named
from plangraph.queries.columns import column_name, readable_rows

# the kind of an entity -> the named queries about it, with the parameter that takes it
ENTITY_QUERIES: dict[str, list[tuple[str, str]]] = {
    "Outcome": [("strategies-for-outcome", "outcome"), ("leads", "element")],
    "Priority": [("strategies-for-outcome", "outcome"), ("leads", "element")],
    "Action": [("leads", "element")], "Principle": [("leads", "element")],
    "Indicator": [("indicator-owners", "indicator"), ("related-plans", "indicator"), ("leads", "element")],
    "Board": [("reporting-lines", "board"), ("board-members", "board")],
    "Organisation": [("reporting-lines", "board")],
    "Person": [("person-portfolio", "person")],
    "Plan": [("outcome-thread", "plan"), ("leads", "element"), ("accountability-gaps", "plan")],
}
# the order in which a node's types decide the one kind that shapes its page and its workbook
KINDS = ["Plan", "Outcome", "Priority", "Action", "Indicator", "Principle", "Recommendation", "Board",
         "Organisation", "Person", "Post", "Meeting", "Decision", "Observation", "SourceDocument"]
SHEET_TITLES = {"strategies-for-outcome": "What feeds it", "leads": "Who leads it",
                "indicator-owners": "Owners", "related-plans": "Related plans",
                "reporting-lines": "Reporting lines", "board-members": "Members",
                "person-portfolio": "Portfolio", "outcome-thread": "Golden thread",
                "accountability-gaps": "Gaps"}


def kind_of(types: list[str] | set[str]) -> str:
    """The one kind (Plan, Board, Person…) of a node with these types."""
    short = {shorten(t).split(":", 1)[-1] for t in types}
    for kind in KINDS:
        if kind in short:
            return kind
    return sorted(short)[0] if short else "Thing"


def kind_of_entity(kg: Store, iri: str) -> str | None:
    """Plan, Board, Person... for a node, or None when nothing has this IRI (bound as a term,
    so an address from a request can never change the query)."""
    if (node := named_node(iri)) is None:
        return None
    types = [r["t"] for r in kg.sparql("SELECT ?t WHERE { ?n a ?t }", {"n": node})]
    return kind_of(types) if types else None


def for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """A named query's answer as a sheet people read: labels, sources and quotes as text, human
    column names, repeated rows once."""
    records = frame.to_dict(orient="records")
    columns, rows = readable_rows([str(c) for c in frame.columns], records)
    table = pd.DataFrame(rows, columns=columns).drop_duplicates()
    return table.rename(columns={c: column_name(c) for c in columns})


def workbook(kg: Store, iri: str | None = None) -> bytes:
    """A board pack: for one plan, board, outcome, indicator or person, a sheet per question the
    entity page answers; for the whole store, its plans, boards, reporting lines and gaps."""
    sheets: dict[str, pd.DataFrame] = {}
    if iri is None:
        sheets["Plans"] = kg.dataframe("""SELECT ?plan ?planLabel (COUNT(DISTINCT ?e) AS ?elements) WHERE {
            ?plan a pg:Plan ; rdfs:label ?planLabel . OPTIONAL { ?e pg:partOf ?plan } }
            GROUP BY ?plan ?planLabel ORDER BY ?planLabel""")
        sheets["Boards"] = kg.dataframe("""SELECT ?board ?boardLabel ?reportsTo ?reportsToLabel WHERE {
            ?board a pg:Board ; rdfs:label ?boardLabel .
            OPTIONAL { ?board org:reportsTo ?reportsTo . ?reportsTo rdfs:label ?reportsToLabel } }
            ORDER BY ?boardLabel""")
        sheets["Gaps"] = run_named(kg, "accountability-gaps", {})
    else:
        kind = kind_of_entity(kg, iri)
        if kind is None:
            raise QueryError(f"nothing in the store has the IRI <{iri}>")
        if kind not in ENTITY_QUERIES:  # a workbook of no sheets cannot be written
            raise QueryError(f"no workbook is made for a {kind.lower()}, only for "
                             f"{', '.join(k.lower() for k in ENTITY_QUERIES)}")
        for name, param in ENTITY_QUERIES.get(kind, []):
            sheets[SHEET_TITLES.get(name, name)] = run_named(kg, name, {param: iri})
    return to_workbook({title: for_people(frame) for title, frame in sheets.items()})

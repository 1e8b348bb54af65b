"""Exports open in the tools their users use, and no cell becomes a live formula."""

from __future__ import annotations

import io
import json

import networkx as nx
import openpyxl
import pytest

from plangraph import KnowledgeGraph
from plangraph.graph.exports import network_file, popolo
from plangraph.graph.resources import demo_files
from plangraph.graph.spreadsheets import FORMULA_STARTS
from plangraph.queries.views import workbook

HOSTILE = """# Fernleigh Safety Plan 2026-2028

## Our outcomes

1. =HYPERLINK("http://evil.example","Safer streets")
2. @SUM(1+1) Warm homes
"""
CPB = "https://w3id.org/plangraph/id/harrowby/board/harrowby-children-s-partnership-board"

# the parts of the Popolo schemas (popoloproject.com) the export fills in
POPOLO = {
    "type": "object",
    "required": ["persons", "organizations", "posts", "memberships"],
    "properties": {
        "persons": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}},
        "organizations": {"type": "array", "items": {"type": "object", "required": ["id", "name"],
                                                     "properties": {"classification": {"type": "string"}}}},
        "posts": {"type": "array", "items": {"type": "object", "required": ["id", "label"],
                                             "properties": {"organization_id": {"type": "string"}}}},
        "memberships": {"type": "array", "items": {
            "type": "object", "required": ["id", "person_id"],
            "anyOf": [{"required": ["organization_id"]}, {"required": ["post_id"]}],
            "properties": {"role": {"type": "string"}, "note": {"type": "string"},
                           "start_date": {"type": "string", "pattern": r"^\d{4}(-\d{2}){0,2}$"},
                           "end_date": {"type": "string", "pattern": r"^\d{4}(-\d{2}){0,2}$"}}}},
    },
}


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    hostile = tmp_path_factory.mktemp("exports") / "fernleigh-safety-plan.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = KnowledgeGraph.memory()
    assert all(r.ok for r in store.ingest([*demo_files(), hostile]))
    yield store
    store.close()


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_open_in_networkx(kg: KnowledgeGraph, fmt: str, reader) -> None:
    g = reader(io.BytesIO(network_file(kg, fmt)))
    assert g.number_of_nodes() > 100 and g.number_of_edges() > 100
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    assert {"Plan", "Board", "Person", "Outcome"} <= kinds
    assert any(d.get("label") == "Harrowby Children's Partnership Board" for _, d in g.nodes(data=True))
    assert {d.get("relation") for *_, d in g.edges(data=True)} >= {"reportsTo", "memberOf", "ledBy"}


def test_kumu_has_elements_and_connections(kg: KnowledgeGraph) -> None:
    book = openpyxl.load_workbook(io.BytesIO(network_file(kg, "kumu")))
    assert book.sheetnames == ["Elements", "Connections"]
    elements = list(book["Elements"].iter_rows(values_only=True))
    connections = list(book["Connections"].iter_rows(values_only=True))
    assert elements[0] == ("ID", "Label", "Type") and connections[0] == ("From", "To", "Type")
    ids = {row[0] for row in elements[1:]}
    assert all(row[0] in ids and row[1] in ids for row in connections[1:])


def test_popolo_is_valid_and_consistent(kg: KnowledgeGraph) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = json.loads(network_file(kg, "popolo"))
    jsonschema.validate(document, POPOLO)
    people = {p["id"] for p in document["persons"]}
    bodies = {o["id"] for o in document["organizations"]}
    posts = {p["id"] for p in document["posts"]}
    assert people and bodies and posts and document["memberships"]
    for m in document["memberships"]:
        assert m["person_id"] in people
        assert m.get("organization_id", next(iter(bodies))) in bodies
        assert m.get("post_id", next(iter(posts))) in posts
    seats = [m for m in document["memberships"] if m.get("organization_id") == CPB]
    assert len(seats) >= 10  # the Children's Partnership Board's members
    assert popolo(kg) == document


def test_workbooks_for_a_board_and_for_the_store(kg: KnowledgeGraph) -> None:
    board = openpyxl.load_workbook(io.BytesIO(workbook(kg, CPB)))
    assert board.sheetnames == ["Reporting lines", "Members"]
    header = [c.value for c in board["Members"][1]]
    assert header[:3] == ["member", "kind", "post"] and "https://" not in str(list(board["Members"].values))
    store = openpyxl.load_workbook(io.BytesIO(workbook(kg)))
    assert store.sheetnames == ["Plans", "Boards", "Gaps"]


def test_no_exported_cell_is_a_live_formula(kg: KnowledgeGraph) -> None:
    books = [network_file(kg, "kumu"), workbook(kg)]
    found = kg.sparql("SELECT ?p WHERE { ?p a pg:Plan ; rdfs:label ?l FILTER(STRSTARTS(?l, 'Fernleigh')) }")
    plan = found[0]["p"]
    books.append(workbook(kg, plan))
    risky = 0
    for data in books:
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                        risky += 1
                        assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.value)
    assert risky >= 2, "the hostile labels did not reach the workbooks"
    text = network_file(kg, "graphml").decode()
    assert "=HYPERLINK" in text  # GraphML is data for programs: kept exactly, as XML text


def test_the_web_offers_the_same_exports(kg: KnowledgeGraph) -> None:
    from fastapi.testclient import TestClient

    from plangraph.web.app import create_app
    from plangraph.web.config import Settings

    with TestClient(create_app(kg, Settings(query_workers=1))) as client:
        graphml = client.get("/api/export/graphml")
        assert graphml.status_code == 200 and "attachment" in graphml.headers["content-disposition"]
        assert nx.read_graphml(io.BytesIO(graphml.content)).number_of_nodes() > 100
        pack = client.get("/api/export/xlsx", params={"iri": CPB})
        assert openpyxl.load_workbook(io.BytesIO(pack.content)).sheetnames == ["Reporting lines", "Members"]
        assert client.get("/api/export/pdf").status_code == 404
        for odd in ("https://example.org/x> } ASK { ?s ?p ?o", "https://example.org/nothing"):
            assert client.get("/api/export/xlsx", params={"iri": odd}).status_code == 404  # never a 500
        meeting = kg.sparql("SELECT ?m WHERE { ?m a pg:Meeting } LIMIT 1")[0]["m"]
        assert client.get("/api/export/xlsx", params={"iri": meeting}).status_code == 404  # no sheets


def test_tools_that_know_only_w3c_terms_find_the_data(kg: KnowledgeGraph) -> None:
    """ORG, FOAF, DCTERMS and SKOS terms beside plangraph's own, with no reasoner."""
    def count(pattern: str) -> int:
        return kg.sparql(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}")[0]["n"]

    assert count("?s a org:Organization") == count("{ ?s a pg:Board } UNION { ?s a pg:Organisation }")
    assert count("?s a org:OrganizationalUnit") == count("?s a pg:Board")
    assert count("?s a foaf:Person ; foaf:name ?n") == count("?s a foaf:Person")
    assert count("?s a pg:Plan ; dcterms:title ?t") == count("?s a pg:Plan ; prov:wasDerivedFrom ?d")
    assert count("?s skos:prefLabel ?l") >= count("?s rdfs:label ?l ; prov:wasDerivedFrom ?d")

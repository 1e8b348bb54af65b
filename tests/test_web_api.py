"""The JSON API and the pages, through FastAPI's TestClient over the demo partnership."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from builders import demo_graph
from fastapi.testclient import TestClient

from plangraph import KnowledgeGraph
from plangraph.graph.namespaces import ID, PG, XSD
from plangraph.web.app import create_app
from plangraph.web.config import Settings

HWB = ID + "harrowby/board/harrowby-health-and-wellbeing-board"
CPB = ID + "harrowby/board/harrowby-children-s-partnership-board"
PLAN = ID + "harrowby/plan/harrowby-children-and-young-people-s-plan-2025-2028"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return demo_graph()


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph):
    app = create_app(kg, Settings(query_timeout=10, max_rows=500, query_workers=1))
    with TestClient(app) as test_client:
        yield test_client


def iri_of(kg: KnowledgeGraph, label: str, cls: str) -> str:
    rows = kg.sparql(f"SELECT ?s WHERE {{ ?s a {cls} ; rdfs:label ?l FILTER(STR(?l) = ?want) }}",
                     {"want": ox.Literal(label)})
    assert rows, f"no {cls} labelled {label}"
    return rows[0]["s"]


# -- search and entities ------------------------------------------------------------------------
def test_search_ranks_the_exact_label_first(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Harrowby Health and Wellbeing Board"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits[0]["iri"] == HWB
    assert hits[0]["url"] == "/id/harrowby/board/harrowby-health-and-wellbeing-board"
    only_people = client.get("/api/search", params={"q": "Harrowby", "type": "Person"}).json()["hits"]
    assert all(h["kind"] == "Person" for h in only_people)


def test_entity_has_labels_types_and_every_relation_with_evidence(client: TestClient) -> None:
    r = client.get("/api/entity", params={"iri": HWB})
    assert r.status_code == 200
    e = r.json()
    assert e["label"] == "Harrowby Health and Wellbeing Board"
    assert e["kind"] == "Board" and "pg:Board" in e["types"]
    reports = [link for link in e["links"] if link["predicate"] == "org:reportsTo"]
    incoming = {link["iri"] for link in reports if link["direction"] == "in"}
    assert CPB in incoming  # the Children's Partnership Board reports to it
    with_evidence = [link for link in reports if link["evidence"]]
    assert with_evidence, "a reporting line without its quote"
    ev = with_evidence[0]["evidence"][0]
    assert ev["quote"] and ev["document"].endswith(".md")
    assert ev["url"].startswith("/documents/") and "lines=" in ev["url"]
    assert e["mentions"], "where the board is mentioned"


def test_unknown_entity_is_404(client: TestClient) -> None:
    r = client.get("/api/entity", params={"iri": "https://example.org/nothing"})
    assert r.status_code == 404
    assert "nothing in the store" in r.json()["detail"]


# -- named queries ------------------------------------------------------------------------------
def test_queries_are_listed_with_parameters(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/api/queries").json()}
    assert {"leads", "strategies-for-outcome", "accountability-gaps", "search"} <= queries.keys()
    assert queries["leads"]["params"][0]["name"] == "element"
    assert queries["leads"]["params"][0]["required"] is True


def test_named_query_runs_with_a_label(client: TestClient) -> None:
    r = client.get("/api/queries/reporting-lines", params={"board": "Harrowby Health and Wellbeing Board"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["rows"]) > 0
    assert {"direction", "body", "reportsTo"} <= set(body["columns"])
    assert any(row["body"] == CPB and row["reportsTo"] == HWB for row in body["rows"])


def test_ambiguous_label_is_409_with_candidates(client: TestClient) -> None:
    r = client.get("/api/queries/board-members", params={"board": "Children's Partnership Board"})
    assert r.status_code == 409
    body = r.json()
    assert body["parameter"] == "board"
    labels = {c["label"] for c in body["candidates"]}
    assert {"Harrowby Children's Partnership Board", "Northvale Children's Partnership Board"} <= labels
    assert all(c["iri"].startswith(ID) and c["url"].startswith("/id/") for c in body["candidates"])


def test_bad_parameters_are_400_and_unknown_query_404(client: TestClient) -> None:
    assert client.get("/api/queries/leads", params={"element": "zzz qqq nothing"}).status_code == 400
    assert client.get("/api/queries/leads").status_code == 400  # a required parameter is missing
    assert client.get("/api/queries/leads", params={"element": PLAN, "colour": "red"}).status_code == 400
    assert client.get("/api/queries/no-such-query").status_code == 404


def test_named_query_downloads_csv_and_xlsx(client: TestClient) -> None:
    import csv

    table = client.get("/api/queries/accountability-gaps", params={"format": "csv"})
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(table.text)))
    assert header == ["gap", "element", "elementLabel", "planLabel", "detail"]
    xlsx = client.get("/api/queries/accountability-gaps", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["gap", "element", "elementLabel", "planLabel", "detail"]
    assert sheet.max_row == len(client.get("/api/queries/accountability-gaps").json()["rows"]) + 1


# -- figures and pictures -----------------------------------------------------------------------
def test_stats_and_documents(client: TestClient, kg: KnowledgeGraph) -> None:
    stats = client.get("/api/stats").json()
    assert stats["triples"] == len(kg)
    assert stats["classes"]["pg:Board"] >= 10
    docs = client.get("/api/documents").json()
    assert {d["fileName"] for d in docs} >= {"harrowby-cypp-2025-2028.md", "leads.csv"}


def test_document_view_groups_quoted_lines_and_highlights_the_span(client: TestClient) -> None:
    view = client.get("/api/documents/harrowby-hwb-strategy-2024-2029.md", params={"lines": "7"}).json()
    starts = [p["start"] for p in view["passages"]]
    assert starts == sorted(starts)
    highlighted = [p for p in view["passages"] if p["highlight"]]
    assert highlighted and all(p["start"] <= 7 <= p["end"] for p in highlighted)
    assert any(f["phrase"] == "is published by" for p in highlighted for f in p["facts"])
    assert client.get("/api/documents/nope.md").status_code == 404


def test_gaps_include_unled_priorities_and_isolated_boards(client: TestClient) -> None:
    gaps = client.get("/api/gaps").json()
    kinds = {g["gap"] for g in gaps}
    assert {"nobody leads it", "board with no reporting line", "outcome nothing feeds"} <= kinds


def test_network_is_capped_and_says_so(client: TestClient) -> None:
    small = client.get("/api/graph/network", params={"iri": PLAN, "depth": 2, "limit": 10}).json()
    assert len(small["nodes"]) == 10 and small["truncated"] and small["total"] > 10
    assert small["nodes"][0]["id"] == PLAN and small["nodes"][0]["root"]
    ids = {n["id"] for n in small["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in small["edges"])
    assert set(small["style"]) >= {"Board", "Person", "Plan"}


def test_reporting_picture_is_a_tree_without_overlaps(client: TestClient) -> None:
    graph = client.get("/api/graph/reporting").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {HWB, CPB} <= ids
    assert any(e["from"] == CPB and e["to"] == HWB for e in graph["edges"])
    y = {n["id"]: n["y"] for n in graph["nodes"]}
    assert y[CPB] > y[HWB]  # what reports to a body hangs below it
    positions = [(n["x"], n["y"]) for n in graph["nodes"]]
    assert len(set(positions)) == len(positions)
    assert graph["isolated"], "boards with no reporting line are listed apart"


def test_alignment_picture_groups_plans_and_weights_edges() -> None:
    kg = demo_graph(evil=False)
    outcomes = kg.sparql("""SELECT ?o ?plan WHERE { VALUES ?t { pg:Outcome pg:Priority }
                            ?o a ?t ; pg:partOf ?plan . ?plan a pg:Plan } ORDER BY ?plan ?o""")
    by_plan: dict[str, str] = {}
    for row in outcomes:
        by_plan.setdefault(row["plan"], row["o"])
    a, b = list(by_plan.values())[:2]
    graph = ox.NamedNode("https://w3id.org/plangraph/derived/alignment")
    al = ox.NamedNode("https://w3id.org/plangraph/derived/alignment/evidence/1")
    quads = [ox.Quad(ox.NamedNode(a), ox.NamedNode(PG + "alignedWith"), ox.NamedNode(b), graph),
             ox.Quad(ox.NamedNode(b), ox.NamedNode(PG + "alignedWith"), ox.NamedNode(a), graph),
             ox.Quad(al, ox.NamedNode(PG + "alignedElement"), ox.NamedNode(a), graph),
             ox.Quad(al, ox.NamedNode(PG + "alignedElement"), ox.NamedNode(b), graph),
             ox.Quad(al, ox.NamedNode(PG + "score"),
                     ox.Literal("0.8", datatype=ox.NamedNode(XSD + "decimal")), graph)]
    kg.replace_graph(graph.value, quads)
    with TestClient(create_app(kg, Settings(query_workers=1))) as client:
        data = client.get("/api/graph/alignment").json()
        assert {n["id"] for n in data["nodes"]} >= {a, b}
        aligned = [e for e in data["edges"] if e["relation"] == "alignedWith"]
        assert len(aligned) == 1 and aligned[0]["score"] == 0.8 and aligned[0]["width"] > 4
        assert len(data["plans"]) == 2
        page = client.get("/graphs/alignment")
        assert page.status_code == 200 and 'data-layout="alignment"' in page.text
        entity = client.get("/api/entity", params={"iri": a}).json()
        assert any(link["predicate"] == "pg:alignedWith" and link["score"] == 0.8 for link in entity["links"])


def test_analyses(client: TestClient) -> None:
    r = client.get("/api/analyses/relied-upon")
    assert r.status_code == 200 and r.json()["rows"]
    assert client.get("/api/analyses/nope").status_code == 404


# -- pages --------------------------------------------------------------------------------------
PAGES = ["/", "/search?q=healthy+weight", "/gaps", "/queries", "/queries/accountability-gaps",
         "/graphs/reporting", "/graphs/network", "/graphs/alignment", "/documents",
         "/documents/leads.csv?lines=2", "/console", "/upload", "/docs", "/browse/Board"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_landmarks(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    html = r.text
    assert '<html lang="en-GB">' in html and '<main id="main"' in html and "<nav" in html
    assert re.search(r"<h1[ >]", html)
    assert "Content-Security-Policy" in r.headers or "content-security-policy" in r.headers
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not src.startswith(("http://", "https://", "//")), f"{path} loads {src}"


@pytest.mark.parametrize("kind", ["Plan", "Outcome", "Priority", "Action", "Indicator", "Board",
                                  "Organisation", "Person", "Post", "Principle", "Recommendation"])
def test_every_kind_of_entity_page_renders(client: TestClient, kg: KnowledgeGraph, kind: str) -> None:
    cls = {"Person": "foaf:Person", "Post": "org:Post"}.get(kind, f"pg:{kind}")
    iri = kg.sparql(f"SELECT ?s WHERE {{ ?s a {cls} }} ORDER BY ?s LIMIT 1")[0]["s"]
    r = client.get("/entity", params={"iri": iri}, follow_redirects=True)
    assert r.status_code == 200, r.text[:500]
    assert "Every relation, with its sources" in r.text


def test_outcome_page_lists_what_feeds_it(client: TestClient, kg: KnowledgeGraph) -> None:
    outcome = ID + "board-report-2026-03-md/outcome/be-healthy"
    html = client.get("/id/board-report-2026-03-md/outcome/be-healthy").text
    assert "What feeds this outcome" in html
    feeders = kg.query("strategies-for-outcome", outcome=outcome)
    assert len(feeders) > 0
    assert feeders.iloc[0]["feederLabel"].replace("'", "&#39;") in html


def test_indicator_page_shows_values_over_time(client: TestClient, kg: KnowledgeGraph) -> None:
    row = kg.sparql("""SELECT ?i ?period ?v WHERE { ?i pg:observation ?o . ?o pg:period ?period ;
                       pg:valueText ?v } LIMIT 1""")[0]
    html = client.get("/entity", params={"iri": row["i"]}, follow_redirects=True).text
    assert "Values over time" in html and row["period"] in html and row["v"] in html
    assert "Who owns this indicator" in html and "Other plans that use it" in html
    assert "What it measures" in html


def test_board_person_and_plan_pages(client: TestClient, kg: KnowledgeGraph) -> None:
    board = client.get("/id/harrowby/board/harrowby-health-and-wellbeing-board").text
    assert "Reporting lines" in board and "Members" in board and "Meetings" in board
    assert "Harrowby Children&#39;s Partnership Board" in board
    person = iri_of(kg, "Jennifer Larkin", "foaf:Person")
    page = client.get("/entity", params={"iri": person}, follow_redirects=True).text
    assert "Portfolio" in page and "Healthy Weight" in page
    plan = client.get("/id/harrowby/plan/harrowby-children-and-young-people-s-plan-2025-2028").text
    assert "The golden thread" in plan and "Giving babies, children and young people a healthy start" in plan


def test_entity_page_embeds_the_network_as_json(client: TestClient) -> None:
    html = client.get("/id/harrowby/board/harrowby-health-and-wellbeing-board?depth=1&limit=12").text
    assert 'data-graph="graph-data"' in html
    assert '<script type="application/json" id="graph-data">' in html
    assert "/static/vendor/vis-network/vis-network.min.js" in html and "/static/graph.js" in html


def test_every_fact_links_to_its_document_lines(client: TestClient) -> None:
    html = client.get("/id/harrowby/board/harrowby-health-and-wellbeing-board").text
    links = re.findall(r'href="(/documents/[^"]+lines=[^"]+)"', html)
    assert links
    target = links[0].replace("&amp;", "&")
    doc = client.get(target)
    assert doc.status_code == 200 and 'class="passage highlight"' in doc.text


def test_a_fact_from_a_table_shows_its_row_under_the_headers(client: TestClient) -> None:
    html = client.get("/id/harrowby/board/harrowby-children-s-partnership-board").text
    tables = re.findall(r'<table class="quote quote-table">(.*?)</table>', html, re.S)
    assert tables, "no table-fact quote shown as a table"
    assert all("<th" in t and "<td>" in t for t in tables)
    assert "| " not in re.sub(r"<[^>]+>", "", html), "a raw pipe row is shown as text"


def test_labels_from_documents_are_escaped(client: TestClient) -> None:
    for path in ("/search?q=alert", "/id/evil-plan-2025-2028-md/outcome/1",
                 "/id/evil-plan-2025-2028-md/outcome/2", "/gaps", "/documents/evil-plan-2025-2028.md",
                 "/graphs/network?iri=" + ID + "evil-plan-2025-2028-md/outcome/1"):
        html = client.get(path).text
        assert "<script>alert(1)" not in html, path
        assert "<img src=x" not in html, path
    html = client.get("/id/evil-plan-2025-2028-md/outcome/1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # in the embedded JSON, < and > are escaped too, so it cannot close the script element
    data = re.search(r'id="graph-data">(.*?)</script>', html, re.S)
    assert data and "\\u003cscript\\u003e" in data.group(1)


def test_query_page_runs_offers_downloads_and_resolves_ambiguity(client: TestClient) -> None:
    form = client.get("/queries/board-members")
    assert form.status_code == 200 and 'name="board"' in form.text and "<label" in form.text
    amb = client.get("/queries/board-members", params={"board": "Children's Partnership Board"})
    assert amb.status_code == 409 and "could mean several things" in amb.text
    choose = re.findall(r'href="(/queries/board-members\?board=[^"]+)"', amb.text)
    assert len(choose) >= 2
    chosen = client.get(choose[0].replace("&amp;", "&"))
    assert chosen.status_code == 200 and "Download" in chosen.text
    csv = client.get("/queries/board-members", params={"board": CPB, "format": "csv"})
    assert csv.status_code == 200 and csv.text.startswith("member,")
    xlsx = client.get("/queries/board-members", params={"board": CPB, "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_api_docs_load_nothing_from_the_internet(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/entity" in spec["paths"] and "/sparql" in spec["paths"]
    assert "/" not in spec["paths"]  # pages are not API operations
    docs = client.get("/docs").text
    assert "/api/queries/{name}" in docs and "cdn" not in docs.lower()
    assert client.get("/redoc").status_code == 404
    assert "`" not in re.sub(r"<[^>]+>", "", docs), "markdown shown raw"
    empty = [(path, p["name"]) for path, ops in spec["paths"].items() for op in ops.values()
             for p in op.get("parameters", []) if not p.get("description")]
    assert not empty, f"parameters without a description: {empty}"


def test_static_files_are_served_locally(client: TestClient) -> None:
    js = client.get("/static/vendor/vis-network/vis-network.min.js")
    assert js.status_code == 200 and b"vis-network" in js.content[:200]
    assert client.get("/static/graph.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200


def test_missing_pages_are_friendly_404s(client: TestClient) -> None:
    r = client.get("/id/nothing/here")
    assert r.status_code == 404 and "Not found" in r.text and '<main id="main"' in r.text
    assert client.get("/browse/Nonsense").status_code == 404
    assert client.get("/api/nothing").headers["content-type"].startswith("application/json")


# -- the SPARQL endpoint through TestClient (real clients: test_web_sparql.py) --------------------
def test_sparql_select_and_negotiation(client: TestClient) -> None:
    q = "SELECT ?b WHERE { ?b a pg:Board } ORDER BY ?b LIMIT 3"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0] == "b" and len(r.text.splitlines()) == 4
    r = client.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query",
                                                   "Accept": "application/sparql-results+json"})
    assert r.json()["head"]["vars"] == ["b"]
    r = client.post("/sparql", data={"query": q, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")


def test_sparql_row_cap(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 500
    assert r.headers["x-plangraph-truncated"] == "true" and r.headers["x-plangraph-max-rows"] == "500"


def test_sparql_refuses_updates_and_bad_queries(client: TestClient) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", content=update,
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    r = client.get("/sparql", params={"query": "PREFIX ex: <http://e/>\nDROP ALL"})
    assert r.status_code == 403 and "read-only" in r.text
    federated = "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }"
    r = client.get("/sparql", params={"query": federated})
    assert r.status_code == 403 and "SERVICE" in r.text
    r = client.get("/sparql", params={"query": "SELEKT nothing"})
    assert r.status_code == 400 and "not valid SPARQL" in r.text
    assert client.get("/sparql", params={"query": " "}).status_code == 400
    assert "sd:Service" in client.get("/sparql").text  # no query at all: the service describes itself
    assert client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415


def test_a_browser_on_the_endpoint_gets_the_console(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/html"},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/console?query=")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "yes (true)" in page.text


def test_console_shows_rows_and_errors(client: TestClient) -> None:
    ok = client.get("/console", params={"query": "SELECT ?l WHERE { ?b a pg:Board ; rdfs:label ?l } LIMIT 2"})
    assert ok.status_code == 200 and "2 rows" in ok.text and "format=csv" in ok.text
    bad = client.get("/console", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert bad.status_code == 403 and "read-only" in bad.text


# -- upload -------------------------------------------------------------------------------------
def test_serve_command_is_documented() -> None:
    from typer.testing import CliRunner

    from plangraph.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--store", "--host", "--port"):
        assert option in result.output


def test_remote_store_queries_run_in_threads(oxigraph_server: str, tmp_path: Path) -> None:
    kg = KnowledgeGraph.open("sparql+" + oxigraph_server)
    kg.import_(b"<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> \"remote\" .", "ntriples", "urn:g")
    with TestClient(create_app(kg, Settings(query_timeout=5))) as client:
        r = client.get("/sparql", params={"query": "SELECT ?l WHERE { ?s rdfs:label ?l }"},
                       headers={"Accept": "text/csv"})
        assert r.status_code == 200 and "remote" in r.text
        assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403


def test_a_source_document_iri_opens_its_document_view(client: TestClient) -> None:
    from plangraph.graph.namespaces import doc_iri

    r = client.get("/entity", params={"iri": doc_iri("leads.csv")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/documents/leads.csv"


def test_an_indicators_values_are_charted_against_its_target() -> None:
    from plangraph.web.charts import chart

    observations = [{"period": "2021/22", "value": "30%", "number": 30.0},
                    {"period": "2022/23", "value": "25%", "number": 25.0},
                    {"period": "target", "value": "20%", "number": 20.0}]
    drawn = chart(observations)
    assert drawn is not None and [p.period for p in drawn.points] == ["2021/22", "2022/23"]
    assert drawn.points[0].y < drawn.points[1].y < drawn.target  # higher values sit higher
    assert drawn.target_text == "target 20%"
    assert chart(observations[:1]) is None  # one value is not a trend


def test_the_indicator_page_draws_its_values(client: TestClient, kg: KnowledgeGraph) -> None:
    rows = kg.sparql("""SELECT ?i WHERE { ?i pg:observation ?o . ?o pg:value ?v . ?o pg:period ?p
                        FILTER(?p != "target") } GROUP BY ?i HAVING (COUNT(?o) > 2) LIMIT 1""")
    assert rows, "the demo has no indicator with values over time"
    html = client.get("/entity", params={"iri": rows[0]["i"]}, follow_redirects=True).text
    assert '<polyline class="values"' in html and 'class="target"' in html


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/id/harrowby/board/a b<c", {}, 404),
    ("/api/entity", {"iri": "http://example.org/a b"}, 404),
    ("/store", {"graph": "not an IRI <>"}, 400),
    ("/sparql", {"query": "ASK { ?s ?p ?o }", "default-graph-uri": "a b"}, 400),
    ("/sparql", {"query": "ASK { ?s ?p ?o }", "named-graph-uri": "<x>"}, 400),
])
def test_what_is_not_an_iri_is_the_clients_error(client: TestClient, path, params, status) -> None:
    assert client.get(path, params=params).status_code == status
    assert client.get(path, params=params, headers={"Accept": "text/turtle"}).status_code == status


@pytest.mark.parametrize("page", ["99999999999999999999999", "-99999999999999999999", "abc", "1e308", "nan"])
@pytest.mark.parametrize("path", ["/browse/Outcome", "/search?q=health", "/gaps", "/documents"])
def test_any_page_number_is_clamped_never_a_server_error(client: TestClient, path: str, page: str) -> None:
    sep = "&" if "?" in path else "?"
    assert client.get(f"{path}{sep}page={page}").status_code == 200

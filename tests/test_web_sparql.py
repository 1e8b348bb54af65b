"""The SPARQL endpoint against real clients (SPARQLWrapper, rdflib's SPARQLStore) and a real
server: `plangraph serve` in a subprocess over an on-disk demo store."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from plangraph import KnowledgeGraph
from plangraph.graph.resources import demo_files
from plangraph.web.testing import serve

pytestmark = pytest.mark.slow  # real processes and servers: not in `make test-fast`

PG = "https://w3id.org/plangraph/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREFIXES = f"PREFIX pg: <{PG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
BOARDS = PREFIXES + ("SELECT DISTINCT ?board ?label WHERE { ?board a pg:Board ; rdfs:label ?label } "
                     "ORDER BY ?label")
LABELS = PREFIXES + "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?b a pg:Board ; rdfs:label ?l }"
Rows = list[tuple[str, str]]
EXPLOSIVE = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    """The demo store on disk, and the boards a correct endpoint returns for BOARDS."""
    path = tmp_path_factory.mktemp("sparql") / "store"
    kg = KnowledgeGraph.open(path)
    assert all(r.ok for r in kg.ingest(demo_files()))
    rows = [(r["board"], r["label"]) for r in kg.sparql(BOARDS)]
    kg.close()
    return path, rows


@pytest.fixture(scope="module")
def store(built: tuple[Path, list[tuple[str, str]]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def expected(built: tuple[Path, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return built[1]


@pytest.fixture(scope="module")
def endpoint(store: Path, tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("logs") / "serve.log"
    env = {"PLANGRAPH_QUERY_TIMEOUT": str(TIMEOUT), "PLANGRAPH_MAX_ROWS": "1000",
           "PLANGRAPH_QUERY_WORKERS": "2"}
    with serve(store, env=env, log=log) as url:
        yield url + "/sparql"


def wrapper(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(endpoint: str, expected: Rows, method: str) -> None:
    result = wrapper(endpoint, BOARDS, JSON, method).query().convert()
    rows = [(b["board"]["value"], b["label"]["value"]) for b in result["results"]["bindings"]]
    assert rows == expected


def test_sparqlwrapper_xml(endpoint: str, expected: Rows) -> None:
    doc = wrapper(endpoint, BOARDS, XML).query().convert()
    uris = [node.firstChild.data for node in doc.getElementsByTagName("uri")]
    assert uris == [board for board, _ in expected]


@pytest.mark.parametrize("fmt, sep", [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv(endpoint: str, expected: Rows, fmt: str, sep: str) -> None:
    text = wrapper(endpoint, BOARDS, fmt).query().convert().decode()
    lines = text.splitlines()
    assert len(lines) == len(expected) + 1
    header = lines[0].split(sep)
    assert header == (["board", "label"] if fmt == CSV else ["?board", "?label"])
    first = lines[1].split(sep)[0].strip("<>")
    assert first == expected[0][0]


def test_sparqlwrapper_direct_post(endpoint: str, expected: Rows) -> None:
    client = wrapper(endpoint, BOARDS, JSON, POST)
    client.setRequestMethod("postdirectly")
    assert len(client.query().convert()["results"]["bindings"]) == len(expected)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
def test_sparqlwrapper_construct(endpoint: str, expected: Rows, fmt: str) -> None:
    result = wrapper(endpoint, LABELS, fmt).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert {(str(s), str(o)) for s, _, o in graph} == set(expected)


def test_ntriples_by_accept(endpoint: str, expected: Rows) -> None:
    query = PREFIXES + "CONSTRUCT { ?b a pg:Board } WHERE { ?b a pg:Board }"
    r = httpx.get(endpoint, params={"query": query}, headers={"Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    graph = Graph().parse(data=r.text, format="nt")
    assert {str(s) for s in graph.subjects()} == {board for board, _ in expected}


def test_ask(endpoint: str) -> None:
    assert wrapper(endpoint, PREFIXES + "ASK { ?b a pg:Board }", JSON).query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore_select(endpoint: str, expected: Rows, fmt: str) -> None:
    graph = Graph(store=SPARQLStore(endpoint, returnFormat=fmt))
    rows = [(str(r[0]), str(r[1])) for r in graph.query(BOARDS)]
    assert rows == expected


def test_rdflib_sparqlstore_construct_ask_and_triples(endpoint: str, expected: Rows) -> None:
    graph = Graph(store=SPARQLStore(endpoint, method="POST"))
    constructed = graph.query(LABELS)
    assert {(str(s), str(o)) for s, _, o in constructed.graph} == set(expected)
    assert bool(graph.query("ASK { ?s ?p ?o }"))
    board, label = expected[0]
    about = set(graph.triples((URIRef(board), None, None)))
    assert (URIRef(board), URIRef(RDFS_LABEL), Literal(label)) in about


def test_updates_are_refused(endpoint: str) -> None:
    client = wrapper(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, POST)
    with pytest.raises((SPARQLWrapperException, Exception)) as caught:
        client.query()
    assert "403" in str(caught.value) or "Forbidden" in str(caught.value)
    store = SPARQLStore(endpoint)
    with pytest.raises(TypeError):  # rdflib's SPARQLStore is read-only itself
        store.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    for body, ctype in (("update=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D", "application/x-www-form-urlencoded"),
                        ("CLEAR ALL", "application/sparql-update"),
                        ("query=DROP+ALL", "application/x-www-form-urlencoded")):
        r = httpx.post(endpoint, content=body, headers={"Content-Type": ctype})
        assert r.status_code == 403 and "read-only" in r.text
    count = httpx.get(endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                      headers={"Accept": "text/csv"})
    assert int(count.text.split()[1]) > 10_000  # nothing was deleted


class Listener:
    """A loopback socket that counts the connections made to it: the host a SERVICE call would reach."""

    def __init__(self) -> None:
        import socket

        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


def ssrf_queries(url: str) -> list[str]:
    """Every way of writing SERVICE we know of, each aimed at `url`."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        # an escaped '#' in a prefixed name is not a comment; a text scanner took it for one
        f"PREFIX ex: <http://ex/> SELECT * WHERE {{ BIND(ex:a\\#b AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\U00000053ervice <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c LATERAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f'SELECT * WHERE {{ BIND("#" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"SELECT * WHERE {{ ?s ?p ?o }} #\n SERVICE <{url}> {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_service_cannot_reach_another_host(endpoint: str) -> None:
    """SSRF: no form of SERVICE makes the server connect anywhere, by the endpoint or the console
    page (which any web page can make a browser load)."""
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/sparql"
        for query in ssrf_queries(url):
            r = httpx.get(endpoint, params={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
            assert r.status_code in (400, 403), (query, r.status_code, r.text)
            page = httpx.get(endpoint.replace("/sparql", "/console"), params={"query": query})
            assert page.status_code in (200, 400, 403)
            assert "federated" in page.text or "not valid SPARQL" in page.text, query
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()
    # a query that only mentions the word still runs
    harmless = 'SELECT ?x WHERE { BIND("public service board" AS ?x) } # service'
    r = httpx.get(endpoint, params={"query": harmless}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and "public service board" in r.text


def test_service_cannot_reach_another_host_from_the_cli(store: Path) -> None:
    """The same forms through `plangraph sparql`: refused in words, and nothing connects; a
    query that only mentions the word still runs."""
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/sparql"
        for query in ssrf_queries(url)[:4]:  # plain, silent, an escaped "#", a \\u escape
            cli = subprocess.run([sys.executable, "-m", "plangraph", "sparql", "--store", str(store), query],
                                 capture_output=True, text=True)
            assert cli.returncode == 2 and "federated queries (SERVICE) are refused" in cli.stderr, query
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()
    harmless = 'SELECT ?x WHERE { BIND("public service board" AS ?x) } # service'
    cli = subprocess.run([sys.executable, "-m", "plangraph", "sparql", "--store", str(store), "-f", "csv",
                          harmless], capture_output=True, text=True)
    assert cli.returncode == 0 and "public service board" in cli.stdout


def test_row_cap(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 1000
    assert r.headers["x-plangraph-truncated"] == "true"
    r = httpx.get(endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                  headers={"Accept": "text/turtle"})
    assert r.headers["x-plangraph-rows"] == "1000" and r.headers["x-plangraph-truncated"] == "true"


def another_client(address: str = "127.0.0.2") -> httpx.Client:
    """A client from another loopback address: to the server, another machine."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def boards(client: httpx.Client, endpoint: str) -> int:
    query = PREFIXES + "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b a pg:Board }"
    r = client.post(endpoint, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_one_client_cannot_hold_every_worker(endpoint: str) -> None:
    """Two runaway queries from one client: the second is refused at once (429), so the other
    worker stays free and another client is answered meanwhile."""
    first = threading.Thread(target=lambda: httpx.get(endpoint, params={"query": EXPLOSIVE}, timeout=60))
    first.start()
    time.sleep(0.3)
    started = time.monotonic()
    second = httpx.get(endpoint, params={"query": EXPLOSIVE}, timeout=60)
    assert second.status_code == 429 and "PLANGRAPH_QUERIES_PER_CLIENT" in second.text
    assert time.monotonic() - started < 1
    with another_client() as client:
        started = time.monotonic()
        assert boards(client, endpoint) > 10 and time.monotonic() - started < 1.5
    first.join()
    assert httpx.get(endpoint, params={"query": "ASK { ?s ?p ?o }"},  # its share is free again
                     headers={"Accept": "application/json"}).json()["boolean"] is True


def test_explosive_query_is_stopped_while_others_get_answers(endpoint: str) -> None:
    outcome: dict[str, object] = {}

    def explode() -> None:
        started = time.monotonic()
        r = httpx.get(endpoint, params={"query": EXPLOSIVE}, timeout=60)
        outcome.update(status=r.status_code, text=r.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=explode)
    thread.start()
    time.sleep(0.3)
    answered = 0
    with another_client() as client:
        while thread.is_alive():
            started = time.monotonic()
            assert boards(client, endpoint) > 10 and time.monotonic() - started < 1.5
            answered += 1
            time.sleep(0.2)
    thread.join()
    assert answered >= 3, "the second client was not answered while the first query ran"
    assert outcome["status"] == 503 and "stopped" in str(outcome["text"])
    assert TIMEOUT <= float(outcome["seconds"]) < TIMEOUT + 5  # type: ignore[arg-type]
    # the killed worker is replaced: the endpoint keeps answering
    r = httpx.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert json.loads(r.text)["boolean"] is True


def test_pages_answer_while_a_query_runs_away(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    thread = threading.Thread(target=lambda: httpx.get(endpoint, params={"query": EXPLOSIVE}, timeout=60))
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    assert httpx.get(base + "/", timeout=10).status_code == 200
    assert httpx.get(base + "/api/search", params={"q": "board"}, timeout=10).status_code == 200
    assert time.monotonic() - started < 2
    thread.join()


def test_the_server_holds_the_store(store: Path, endpoint: str) -> None:
    """`plangraph ingest` while the server runs gets a clear message instead of a corrupt store."""
    from plangraph.graph.store import StoreError

    with pytest.raises(StoreError, match="in use by another plangraph process"):
        KnowledgeGraph.open(store)


def test_sigterm_stops_the_server_while_a_query_runs(tmp_path: Path) -> None:
    """A request still running gets the grace period, then the server stops (and its query
    workers with it) instead of waiting for the query to end."""
    import subprocess
    import sys

    from plangraph.cli import SHUTDOWN_GRACE
    from plangraph.web.testing import free_port

    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.ingest(demo_files()[:2], refresh=False)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "plangraph", "serve", "--store", str(tmp_path / "store"),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**__import__("os").environ, "PLANGRAPH_QUERY_TIMEOUT": "300"})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/api/queries", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        thread = threading.Thread(target=lambda: httpx.get(url + "/sparql", params={"query": EXPLOSIVE},
                                                           timeout=60), daemon=True)
        thread.start()
        time.sleep(1.0)
        started = time.monotonic()
        proc.terminate()
        proc.wait(timeout=SHUTDOWN_GRACE + 10)
        assert time.monotonic() - started < SHUTDOWN_GRACE + 5
    finally:
        proc.kill()


# -- the protocol's corners and Linked Data ----------------------------------------------------
SD = "http://www.w3.org/ns/sparql-service-description#"
HWB = "https://w3id.org/plangraph/id/harrowby/board/harrowby-health-and-wellbeing-board"


def test_an_unsupported_accept_is_406(endpoint: str) -> None:
    select = httpx.get(endpoint, params={"query": BOARDS}, headers={"Accept": "image/png"})
    assert select.status_code == 406
    construct = httpx.get(endpoint, params={"query": LABELS},
                          headers={"Accept": "application/sparql-results+json"})
    assert construct.status_code == 406  # triples cannot be written as SPARQL results
    anything = httpx.get(endpoint, params={"query": BOARDS}, headers={"Accept": "*/*"})
    assert anything.status_code == 200


def test_the_endpoint_describes_itself(endpoint: str) -> None:
    answer = httpx.get(endpoint, headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    (service,) = graph.subjects(rdf_type, URIRef(SD + "Service"))
    assert graph.value(service, URIRef(SD + "endpoint")) == URIRef(endpoint)
    assert URIRef(SD + "UnionDefaultGraph") in set(graph.objects(service, URIRef(SD + "feature")))


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_every_entity_iri_is_linked_data(endpoint: str, accept: str, rdflib_format: str) -> None:
    base = endpoint.removesuffix("/sparql")
    page = base + HWB.removeprefix("https://w3id.org/plangraph")
    answer = httpx.get(page, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=answer.text, format=rdflib_format)
    assert (URIRef(HWB), URIRef(RDFS_LABEL), Literal("Harrowby Health and Wellbeing Board")) in graph
    assert len(graph) > 10
    html = httpx.get(page, headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
    assert httpx.get(base + "/id/no/such/thing", headers={"Accept": "text/turtle"}).status_code == 404


def test_the_graph_store_protocol_read_side(endpoint: str) -> None:
    store = endpoint.removesuffix("/sparql") + "/store"
    one = httpx.get(store, params={"graph": "https://w3id.org/plangraph/graph/leads-csv"},
                    headers={"Accept": "text/turtle"})
    assert one.status_code == 200 and len(Graph().parse(data=one.text, format="turtle")) > 100
    assert httpx.get(store, params={"graph": "https://example.org/none"}).status_code == 404
    union = httpx.get(store, params={"default": ""}, headers={"Accept": "application/n-triples"})
    assert union.status_code == 200 and union.headers["content-type"].startswith("application/n-triples")
    assert httpx.put(store, content=b"<a> <b> <c> .").status_code == 405


def test_cross_origin_reads_are_opt_in() -> None:
    from fastapi.testclient import TestClient

    from plangraph.web.app import create_app
    from plangraph.web.config import Settings

    kg = KnowledgeGraph.memory()
    ask = {"query": "ASK { ?s ?p ?o }"}
    try:
        for origins in ((), ("https://planners.example",)):
            app = create_app(kg, Settings(query_workers=1, cors_origins=origins))
            with TestClient(app) as client:
                allowed = client.get("/api/stats", headers={"Origin": "https://planners.example"})
                other = client.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
                preflight = client.options("/sparql", params=ask, headers={
                    "Origin": "https://planners.example", "Access-Control-Request-Method": "POST"})
            if origins:
                assert allowed.headers.get("access-control-allow-origin") == "https://planners.example"
                assert preflight.status_code == 200
            else:  # off unless asked for
                assert "access-control-allow-origin" not in allowed.headers
                assert preflight.status_code == 405
            assert "access-control-allow-origin" not in other.headers
    finally:
        kg.close()


def test_a_query_nested_thousands_deep_is_refused_before_it_is_parsed(endpoint: str, store: Path) -> None:
    """3,000 nested groups overflow the parser's stack and kill the process (a segfault, not an
    exception): the endpoint refuses it with a reason and keeps answering, and so does the CLI."""
    deep = "SELECT * WHERE {" + "{" * 3000 + "}" * 3001
    r = httpx.get(endpoint, params={"query": deep})
    assert r.status_code == 400 and "nests 3001 levels deep" in r.text
    brackets = "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"
    assert httpx.get(endpoint, params={"query": brackets}).status_code == 400
    ok = httpx.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert ok.status_code == 200
    cli = subprocess.run([sys.executable, "-m", "plangraph", "sparql", deep, "--store", str(store)],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 2 and "nests 3001 levels deep" in cli.stderr


def test_a_fair_client_is_answered_while_hostile_ones_attack(endpoint: str) -> None:
    """The hostile set at once, each from its own address: two clients repeating a query nested
    3,000 deep, one repeating SERVICE calls, and one runaway client firing cross products as
    fast as it is refused. A fair client at a fifth address is answered meanwhile (half its
    answers in under 0.3 s, all in under 3 s), and nothing reaches the listener."""
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/sparql"
    deep = "SELECT * WHERE {" + "{" * 3000 + "}" * 3001
    attacks = [("127.0.0.3", deep), ("127.0.0.4", deep), ("127.0.0.5", ssrf_queries(url)[2]),
               ("127.0.0.6", EXPLOSIVE)]
    stop = threading.Event()
    statuses: list[int] = []

    def attack(address: str, query: str) -> None:
        with another_client(address) as client:
            while not stop.is_set():
                statuses.append(client.get(endpoint, params={"query": query}).status_code)

    threads = [threading.Thread(target=attack, args=pair) for pair in attacks]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    waits = []
    try:
        with another_client("127.0.0.7") as client:
            for _ in range(10):
                started = time.monotonic()
                assert boards(client, endpoint) > 10
                waits.append(time.monotonic() - started)
                time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        listener.close()
    # a worker the runaway's timeout killed takes a moment to restart: one answer may wait for it
    assert sorted(waits)[len(waits) // 2] < 0.3 and max(waits) < 3, waits
    assert set(statuses) <= {400, 403, 429, 503} and {400, 403} <= set(statuses), set(statuses)
    assert listener.connections == 0

"""The SPARQL 1.1 Protocol endpoint (/sparql) and the console page that uses it.

GET with `query=`, POST form-encoded (`query=`), POST direct (`application/sparql-query`).
Updates are refused with 403 (`update=`, `application/sparql-update`, or a text that parses
as an update). Queries run in the worker pool (`plangraph.web.pool`) under the timeout and
the row cap; `X-Plangraph-Rows` and `X-Plangraph-Truncated` say how many rows came back and
whether the cap cut the answer.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from plangraph.web import data
from plangraph.web.linked import service_description
from plangraph.web.pool import Busy, Job, QueryFailed, QueryTimeout, TooMany
from plangraph.web.sparql import (
    NOT_ACCEPTABLE,
    READ_ONLY,
    Answer,
    Negotiated,
    QueryRefused,
    negotiate,
    wants_html,
)

router = APIRouter(tags=["sparql"])



class Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message


async def run_job(request: Request, job: Job) -> Answer:
    """Run a job in the pool; every failure becomes a `Refusal` with its HTTP status."""
    runner = request.app.state.runner
    try:
        with request.app.state.client_slots.hold(request.client.host if request.client else ""):
            return await run_in_threadpool(runner.run, job)
    except TooMany as err:
        raise Refusal(429, str(err)) from None
    except QueryRefused as err:
        raise Refusal(err.status, err.message) from None
    except QueryTimeout as err:
        raise Refusal(503, str(err)) from None
    except Busy as err:
        raise Refusal(503, str(err)) from None
    except QueryFailed as err:
        raise Refusal(500, str(err)) from None


async def _protocol_params(request: Request) -> dict[str, list[str]]:
    """The protocol's parameters from the query string and, for POST, the body."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        limit = request.app.state.settings.max_query_chars * 4
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise Refusal(413, "the request body is too long for a query")
        if ctype == "application/x-www-form-urlencoded":
            form = await request.form(max_files=0, max_fields=50, max_part_size=limit)
            for key, value in form.multi_items():
                params.setdefault(key, []).append(str(value))
        elif ctype == "application/sparql-query":
            body = await request.body()
            if len(body) > limit:
                raise Refusal(413, "the query is too long")
            params.setdefault("query", []).append(body.decode("utf-8", errors="replace"))
        elif ctype == "application/sparql-update":
            raise Refusal(403, READ_ONLY)
        else:
            raise Refusal(415, "POST a query as application/x-www-form-urlencoded (query=…) or as "
                               "application/sparql-query")
    return params


SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "results in the negotiated format",
          "content": {"application/sparql-results+json": {}, "application/sparql-results+xml": {},
                      "text/csv": {}, "text/tab-separated-values": {}, "text/turtle": {},
                      "application/n-triples": {}, "application/ld+json": {}, "application/rdf+xml": {}}},
    400: {"description": "not valid SPARQL"},
    403: {"description": "an update, or a federated (SERVICE) query"},
    406: {"description": "no accepted media type can carry the answer"},
    413: {"description": "the query is too long"},
    429: {"description": "this client already has its share of the query workers busy"},
    503: {"description": "the query ran past the timeout and was stopped, or every worker was busy"},
}


@router.get("/sparql", summary="SPARQL 1.1 Protocol query (GET)", operation_id="sparql_get",
            responses=SPARQL_RESPONSES)
@router.post("/sparql", summary="SPARQL 1.1 Protocol query (POST, form or direct)",
             operation_id="sparql_post", responses=SPARQL_RESPONSES)
async def sparql(request: Request) -> Response:
    """`query` (GET, form POST or `application/sparql-query` body), optional `default-graph-uri`
    and `named-graph-uri`. Results as JSON, XML, CSV or TSV by `Accept` (or `format=`);
    CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. Prefixes pg:, org:, foaf:,
    skos:, prov:, dcterms:, rdf:, rdfs:, xsd:, owl: are known; without a dataset the default
    graph is the union of every document's graph."""
    settings = request.app.state.settings
    accept = request.headers.get("accept")
    try:
        params = await _protocol_params(request)
        if params.get("update"):
            raise Refusal(403, READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            if request.method == "GET" and not queries:  # the service itself: its page or description
                if wants_html(accept):
                    return RedirectResponse("/console", status_code=303)
                return service_description(request)
            raise Refusal(400, "give exactly one SPARQL query in the 'query' parameter")
        text = queries[0]
        if len(text) > settings.max_query_chars:
            raise Refusal(413, f"the query is longer than {settings.max_query_chars:,} characters")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        if request.method == "GET" and fmt is None and wants_html(accept):
            return RedirectResponse("/console?" + urlencode({"query": text}), status_code=303)
        negotiated = negotiate(accept, fmt)
        if not (negotiated.results_ok or negotiated.graph_ok):
            raise Refusal(406, NOT_ACCEPTABLE)
        job = Job(text, negotiated, settings.max_rows,
                  tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))
        answer = await run_job(request, job)
        if not negotiated.acceptable(answer.kind):
            raise Refusal(406, NOT_ACCEPTABLE)
    except Refusal as err:
        return PlainTextResponse(err.message + "\n", status_code=err.status)
    headers = {"X-Plangraph-Rows": str(answer.rows), "X-Plangraph-Truncated": str(answer.truncated).lower(),
               "Cache-Control": "no-store"}
    if answer.truncated:
        headers["X-Plangraph-Max-Rows"] = str(settings.max_rows)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def console_result(request: Request, text: str) -> dict[str, Any]:
    """Run a console query: rows as a table, or the triples as N-Triples text."""
    settings = request.app.state.settings
    job = Job(text, Negotiated("json", "turtle"), settings.max_rows)
    try:
        answer = await run_job(request, job)
    except Refusal as err:
        return {"error": err.message, "status": err.status}
    out: dict[str, Any] = {"kind": answer.kind, "rows": answer.rows, "truncated": answer.truncated,
                           "max_rows": settings.max_rows}
    if answer.kind == "triples":
        out["text"] = answer.body.decode("utf-8", errors="replace")
        return out
    parsed = json.loads(answer.body)
    if answer.kind == "boolean":
        out["boolean"] = parsed.get("boolean")
        return out
    out["columns"] = parsed["head"].get("vars", [])
    out["table"] = [{v: b.get(v) for v in out["columns"]} for b in parsed["results"]["bindings"]]
    iris = {cell["value"] for row in out["table"] for cell in row.values()
            if cell and cell.get("type") == "uri"}
    out["labels"] = await run_in_threadpool(data.labels_of, request.app.state.kg, sorted(iris))
    return out

"""The JSON API (/api/…): what the pages show, as data, described in /openapi.json."""

from __future__ import annotations

import json
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from plangraph.graph.labels import LabelIndex
from plangraph.graph.spreadsheets import to_csv, to_xlsx
from plangraph.knowledge import KnowledgeGraph
from plangraph.queries import AmbiguousParameter, QueryError, load_queries
from plangraph.web import data, graphs
from plangraph.web.caches import recent
from plangraph.web.documents import NoSuchDocument, document_view
from plangraph.web.upload import UploadRefused, check_token, header_token, ingest_upload, read_upload

router = APIRouter(prefix="/api", tags=["api"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kg_of(request: Request) -> KnowledgeGraph:
    return request.app.state.kg


# -- search and entities -----------------------------------------------------------------------
def search_hits(kg: KnowledgeGraph, q: str, kind: str | None, limit: int) -> list[dict[str, Any]]:
    """Label-index hits, best first, with each hit's page."""
    types = None
    if kind:
        cls = {"Person": "foaf:Person", "Post": "org:Post"}.get(kind, f"pg:{kind}")
        types = {cls}
    hits = LabelIndex.of(kg).search(q, types, limit=limit) if q.strip() else []
    return [{"iri": h.iri, "label": h.label, "type": h.type, "kind": h.type.split(":", 1)[-1],
             "score": h.score, "url": data.entity_url(h.iri)} for h in hits]


@router.get("/search", summary="Find entities by label")
def search(request: Request, q: Annotated[str, Query(description="words of a label", max_length=500)],
           type: Annotated[str | None, Query(description="only this kind: Plan, Outcome, Board, Person…")
                           ] = None,
           limit: Annotated[int, Query(ge=1, le=200, description="at most this many hits")] = 20
           ) -> dict[str, Any]:
    """Entities whose label or alternative label matches, ranked (exact, all words, fuzzy)."""
    return {"query": q, "hits": search_hits(kg_of(request), q, type, limit)}


@router.get("/entity", summary="One entity with every relation and its evidence",
            response_class=Response, responses={200: {"content": {"application/json": {}}}})
def entity(request: Request, iri: Annotated[str, Query(description="the entity's IRI")]) -> Response:
    """Labels, types, properties, and every relation with the quoted sentence and its source."""
    kg = kg_of(request)
    try:  # the JSON text is kept with the entity: encoding a large one costs more than finding it
        body = recent(kg, "entity-json", iri,
                           lambda: json.dumps(data.entity(kg, iri).as_json()).encode())
    except data.NoSuchEntity as err:
        raise HTTPException(404, str(err)) from None
    return Response(body, media_type="application/json")


# -- named queries -----------------------------------------------------------------------------
def describe_queries() -> list[dict[str, Any]]:
    return [{"name": q.name, "title": q.title, "description": q.description,
             "url": f"/api/queries/{q.name}",
             "params": [{"name": p.name, "type": p.type, "classes": list(p.classes), "default": p.default,
                         "required": p.required, "description": p.description} for p in q.params]}
            for q in load_queries().values()]


@router.get("/queries", summary="List the named queries")
def queries() -> list[dict[str, Any]]:
    """Every `.rq` file of plangraph.queries with its parameters."""
    return describe_queries()


class Ambiguous(Exception):
    def __init__(self, error: AmbiguousParameter) -> None:
        self.error = error


def run_named(kg: KnowledgeGraph, name: str, params: dict[str, str]) -> pd.DataFrame:
    """Run a named query; unknown name 404, bad parameter 400, ambiguous label `Ambiguous`."""
    if name not in load_queries():
        raise HTTPException(404, f"no query called '{name}'")
    try:
        return data.named(kg, name, params)
    except AmbiguousParameter as err:
        raise Ambiguous(err) from None
    except QueryError as err:
        raise HTTPException(400, str(err)) from None


def candidates(error: AmbiguousParameter) -> list[dict[str, Any]]:
    return [{"iri": h.iri, "label": h.label, "type": h.type, "score": h.score,
             "url": data.entity_url(h.iri)} for h in error.candidates[:20]]


def download(frame: pd.DataFrame, name: str, fmt: str) -> Response:
    """A result table as a CSV or XLSX file, formula-safe (`graph.spreadsheets`)."""
    if fmt == "csv":
        return Response(to_csv(frame), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(to_xlsx(frame), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


@router.get("/queries/{name}", summary="Run a named query",
            responses={409: {"description": "a label parameter names several entities; the answer "
                                            "lists the candidates"}})
def run_query(request: Request, name: Annotated[str, Path(description="the query's name (see /api/queries)")],
              format: Annotated[str, Query(pattern="^(json|csv|xlsx)$",
                                           description="json rows, or a csv or xlsx download")] = "json"
              ) -> Response:
    """Parameters are query-string fields (an entity is an IRI or a label), e.g.
    `/api/queries/leads?element=Healthy%20Weight`. `format=csv|xlsx` downloads the table."""
    params = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
    kg = kg_of(request)

    def answer() -> bytes:
        frame = run_named(kg, name, params)
        return json.dumps({"query": name, "params": params, "columns": [str(c) for c in frame.columns],
                           "rows": data.records(frame), "count": len(frame)}).encode()

    try:
        if format != "json":
            return download(run_named(kg, name, params), name, format)
        key = (name, tuple(sorted(params.items())))
        return Response(recent(kg, "query-json", key, answer), media_type="application/json")
    except Ambiguous as amb:
        return JSONResponse({"detail": str(amb.error), "parameter": amb.error.param,
                             "candidates": candidates(amb.error)}, status_code=409)


# -- exports -----------------------------------------------------------------------------------
EXPORTS = {"graphml": ("application/graphml+xml", "graphml"), "gexf": ("application/gexf+xml", "gexf"),
           "kumu": (XLSX, "xlsx"), "popolo": ("application/json", "json"), "xlsx": (XLSX, "xlsx")}


@router.get("/export/{fmt}", summary="The store for other tools: GraphML, GEXF, Kumu, Popolo or a workbook",
            response_class=Response, responses={404: {"description": "no such format or entity"}})
def export(request: Request,
           fmt: Annotated[str, Path(description="graphml, gexf, kumu, popolo or xlsx")],
           iri: Annotated[str | None, Query(description="xlsx: a workbook about this entity")] = None
           ) -> Response:
    """The accountability network as GraphML or GEXF (Gephi, yEd), Kumu's Elements and
    Connections workbook, people and bodies as Popolo JSON, or a workbook (one sheet per question
    about `iri`, or the store's plans, boards and gaps). Every cell is formula-safe."""
    from plangraph.graph.exports import network_file
    from plangraph.queries.views import workbook

    if fmt not in EXPORTS:
        raise HTTPException(404, f"no export called '{fmt}' (use one of {', '.join(EXPORTS)})")
    kg = kg_of(request)
    try:
        body = workbook(kg, iri) if fmt == "xlsx" else network_file(kg, fmt)
    except QueryError as err:
        raise HTTPException(404, str(err)) from None
    media, suffix = EXPORTS[fmt]
    name = "plangraph-" + (data.shorten_iri(iri).replace("/", "-") if iri else fmt)
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{suffix}"'})


# -- figures -----------------------------------------------------------------------------------
@router.get("/stats", summary="What the store holds")
def stats(request: Request) -> dict[str, Any]:
    """Quads, entities by class, documents with their triple counts."""
    return data.stats(kg_of(request))


@router.get("/documents", summary="Ingested documents")
def documents(request: Request) -> list[dict[str, Any]]:
    return [{**d, "ingestedAt": str(d["ingestedAt"]), "url": data.document_url(d["fileName"])}
            for d in kg_of(request).documents()]


@router.get("/documents/{name}", summary="The quoted passages of one document")
def document(request: Request, name: Annotated[str, Path(description="the document's file name")],
             lines: Annotated[str | None, Query(description="lines to mark, e.g. 12 or 12-14")] = None
             ) -> dict[str, Any]:
    """Every quoted passage in line order with the facts read from it (see the document page)."""
    try:
        view = document_view(kg_of(request), name, lines)
    except NoSuchDocument as err:
        raise HTTPException(404, str(err)) from None
    view["document"] = {**view["document"], "ingestedAt": str(view["document"]["ingestedAt"])}
    return view


@router.get("/gaps", summary="Accountability gaps")
def gaps(request: Request) -> list[dict[str, Any]]:
    """accountability-gaps, plus top-level outcomes that nothing feeds."""
    return data.gaps(kg_of(request))


@router.get("/analyses/{name}", summary="A network analysis")
def analysis(request: Request,
             name: Annotated[str, Path(description="an analysis: reporting-cycles, relied-upon, ...")]
             ) -> dict[str, Any]:
    """reporting-cycles, relied-upon, overload or plan-clusters (networkx)."""
    from plangraph.graph.analytics import ANALYSES

    if name not in ANALYSES:
        raise HTTPException(404, f"no analysis called '{name}' (try {', '.join(ANALYSES)})")
    frame = kg_of(request).analyse(name)
    return {"analysis": name, "title": ANALYSES[name][0], "rows": data.records(frame)}


# -- pictures ----------------------------------------------------------------------------------
@router.get("/graph/network", summary="The accountability network around an entity")
def network(request: Request, iri: Annotated[str, Query(description="the entity at the centre")],
            depth: Annotated[int, Query(ge=1, le=4, description="steps out from it")] = 2,
            limit: Annotated[int, Query(ge=5, le=graphs.MAX_NODES, description="at most so many nodes")] = 40
            ) -> dict[str, Any]:
    return graphs.neighbourhood(kg_of(request), iri, depth, limit)


@router.get("/graph/reporting", summary="Reporting lines between boards and organisations")
def reporting(request: Request) -> dict[str, Any]:
    return graphs.reporting(kg_of(request))


@router.get("/graph/alignment", summary="Alignment between elements of different plans")
def alignment(request: Request) -> dict[str, Any]:
    return graphs.alignment(kg_of(request))


# -- upload ------------------------------------------------------------------------------------
@router.post("/documents", summary="Upload and ingest one document", status_code=201,
             responses={200: {"description": "unchanged since the last ingest"},
                        401: {"description": "no token"}, 403: {"description": "wrong token, or uploads "
                                                                               "disabled"},
                        413: {"description": "over the size limit"},
                        422: {"description": "the file cannot be ingested; nothing was written"}})
async def upload(request: Request) -> JSONResponse:
    """multipart/form-data with `file` (and optionally `area`); the token goes in
    `Authorization: Bearer TOKEN`. Needs PLANGRAPH_TOKEN on the server."""
    state = request.app.state
    try:
        check_token(state.settings.token, header_token(request))
        received = await read_upload(request, state.settings.upload_max_bytes, state.settings.token)
        result = await run_in_threadpool(ingest_upload, state.kg, state.runner, state.write_lock, received)
    except UploadRefused as err:
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        return JSONResponse({"detail": err.message, "file": err.file}, status_code=err.status,
                            headers=headers)
    return JSONResponse({"file": result.file, "status": result.status, "triples": result.triples,
                         "warnings": result.warnings, "message": result.message},
                        status_code=200 if result.status == "unchanged" else 201)


# -- corrections -------------------------------------------------------------------------------
@router.post("/corrections", summary="Correct identity: merge, keep apart, or reject", status_code=201,
             responses={400: {"description": "not a correction"}, 401: {"description": "no token"},
                        403: {"description": "wrong token, or corrections disabled"}})
async def correct(request: Request) -> JSONResponse:
    """JSON `{"kind": "merge"|"never"|"reject", "class": "Person", "names": [...], "area": ...,
    "by": ...}`; the token goes in `Authorization: Bearer TOKEN` (PLANGRAPH_TOKEN on the
    server). The rule is written to the overrides file and the store settled again."""
    from plangraph.web.corrections import apply_correction, read_correction

    state = request.app.state
    try:
        check_token(state.settings.token, header_token(request))  # before any of the body is read
        rule, kind = await read_correction(request)
        await run_in_threadpool(apply_correction, state.kg, state.runner, state.write_lock, rule, kind)
    except UploadRefused as err:
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        return JSONResponse({"detail": err.message}, status_code=err.status, headers=headers)
    return JSONResponse({"kind": kind, **rule.as_data()}, status_code=201)

"""The HTML pages: server-rendered, one per question a user brings.

Every page works without JavaScript; only the pictures need it, and each picture has the same
nodes as a list of links beside it. Every fact links to the document view of its source lines.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from plangraph.graph.namespaces import ID
from plangraph.queries import load_queries
from plangraph.queries.columns import column_name
from plangraph.queries.views import ENTITY_QUERIES
from plangraph.web import cards, charts, data, graphs, lists
from plangraph.web.api import Ambiguous, candidates, download, kg_of, run_named, search_hits
from plangraph.web.caches import cached
from plangraph.web.documents import NoSuchDocument, document_view
from plangraph.web.endpoint import console_result
from plangraph.web.linked import entity_rdf, rdf_format
from plangraph.web.lists import Column
from plangraph.web.tables import table_view, thread_view
from plangraph.web.upload import UploadRefused, ingest_upload, read_upload
from plangraph.web.vocabulary import EXAMPLES, terms

router = APIRouter(include_in_schema=False)

SEARCH_KINDS = ["Plan", "Outcome", "Priority", "Action", "Indicator", "Board", "Organisation", "Person",
                "Post", "Principle", "Recommendation"]

def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


# -- home, search, lists -----------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    kg = kg_of(request)

    def build() -> dict[str, Any]:
        plans = data.plans(kg)
        by_gap: dict[str, int] = OrderedDict()
        for row in data.gaps(kg):
            by_gap[row["gap"]] = by_gap.get(row["gap"], 0) + 1
        return {"counts": data.class_counts(kg), "plans": [p for p in plans if p["elements"]],
                "referenced": [p for p in plans if not p["elements"]], "gap_counts": by_gap}

    return render(request, "home.html", kinds=SEARCH_KINDS, **cached(kg, "home", build))


SEARCH_COLUMNS = [Column("label", "name", "url"), Column("kindName", "kind"), Column("match", "match")]
SEARCH_FACETS = [Column("kindName", "Kind")]
BROWSE_COLUMNS = [Column("label", "name", "url"), Column("planLabel", "plan"), Column("area", "area")]
BROWSE_FACETS = [Column("planLabel", "Plan"), Column("area", "Area")]
GAP_COLUMNS = [Column("elementLabel", "element", "url"), Column("gap", "gap"), Column("planLabel", "plan"),
               Column("detail", "detail")]
GAP_FACETS = [Column("gap", "Kind of gap"), Column("planLabel", "Plan")]
# named-query columns with few values, worth narrowing by (the others are names or quotes)
QUERY_FACETS = ("kind", "planLabel", "path", "direction", "relation", "status", "method", "gap", "level",
                "organisation")
BROWSE_LIMIT = 10_000  # rows a browse page reads (facets count over these)


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if v}


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", type: str = "", format: str = "") -> Response:
    kind = type if type in SEARCH_KINDS else None
    hits = search_hits(kg_of(request), q[:500], kind, 200) if q.strip() else []
    for hit in hits:
        hit["kindName"] = data.KIND_NAMES.get(hit["kind"], hit["kind"].lower())
        hit["match"] = f"{hit['score'] * 100:.0f}%"
    if format in ("csv", "json"):
        return lists.download(hits, SEARCH_COLUMNS, _params(request), SEARCH_FACETS, "search", format)
    view = lists.listing(hits, SEARCH_COLUMNS, SEARCH_FACETS, _params(request), "/search")
    return render(request, "search.html", q=q, kind=kind or "", view=view, kinds=SEARCH_KINDS)


@router.get("/browse/{kind}", response_class=HTMLResponse)
def browse(request: Request, kind: str, format: str = "") -> Response:
    if kind not in data.KINDS or kind in {"SourceDocument", "Observation"}:
        raise HTTPException(404, f"nothing to browse called '{kind}'")
    kg = kg_of(request)
    rows = cached(kg, f"browse:{kind}", lambda: data.of_kind(kg, kind, limit=BROWSE_LIMIT))
    if format in ("csv", "json"):
        return lists.download(rows, BROWSE_COLUMNS, _params(request), BROWSE_FACETS, kind.lower(), format)
    view = lists.listing(rows, BROWSE_COLUMNS, BROWSE_FACETS, _params(request), f"/browse/{kind}")
    return render(request, "browse.html", kind=kind, view=view, capped=len(rows) >= BROWSE_LIMIT)


@router.get("/gaps", response_class=HTMLResponse)
def gaps(request: Request, format: str = "") -> Response:
    rows = data.gaps(kg_of(request))
    if format in ("csv", "json"):
        return lists.download(rows, GAP_COLUMNS, _params(request), GAP_FACETS, "gaps", format)
    view = lists.listing(rows, GAP_COLUMNS, GAP_FACETS, _params(request), "/gaps")
    return render(request, "gaps.html", view=view)


# -- entities ----------------------------------------------------------------------------------
@router.get("/entity", response_class=HTMLResponse)
def entity_by_iri(request: Request, iri: str, depth: int = 2, limit: int = 40) -> Response:
    if iri.startswith(ID):
        query = urlencode({k: v for k, v in request.query_params.items() if k != "iri"})
        return RedirectResponse(data.entity_url(iri) + (f"?{query}" if query else ""), status_code=307)
    return entity_page(request, iri, depth, limit)


@router.get("/id/{rest:path}", response_class=HTMLResponse)
def entity_by_path(request: Request, rest: str, depth: int = 2, limit: int = 40) -> Response:
    return entity_page(request, ID + rest, depth, limit)


def entity_page(request: Request, iri: str, depth: int, limit: int) -> Response:
    """A page shaped by the entity's kind, with the picture of its accountability network; RDF
    instead to a client that asks for it (Linked Data, see `linked`)."""
    kg = kg_of(request)
    fmt = rdf_format(request.headers.get("accept"), request.query_params.get("format"))
    if fmt:
        answer = entity_rdf(kg, iri, fmt)
        if answer is None:
            moved = kg.redirect(iri)
            if moved:
                return RedirectResponse(data.entity_url(moved), status_code=301)
            raise HTTPException(404, f"nothing in the store has the IRI <{iri}>")
        return answer
    try:
        found = data.entity(kg, iri)
    except data.NoSuchEntity as err:
        moved = kg.redirect(iri)  # a node merged into another since the link was made
        if moved:
            return RedirectResponse(data.entity_url(moved), status_code=301)
        raise HTTPException(404, str(err)) from None
    if found.kind == "SourceDocument":  # a source document's page is its document view
        return RedirectResponse(data.document_url(found.label), status_code=303)
    depth = max(1, min(depth, 4))
    limit = max(5, min(limit, graphs.MAX_NODES))
    sections: dict[str, list[dict[str, Any]]] = {}
    for query, param in ENTITY_QUERIES.get(found.kind, []):
        sections[query] = data.section(kg, query, **{param: iri})
    extra: dict[str, Any] = {}
    if found.kind == "Indicator":
        extra["observations"] = data.observations(kg, iri)
        extra["chart"] = charts.chart(extra["observations"])
    if found.kind in ("Board", "Organisation"):
        extra["meetings"] = data.meetings(kg, iri)
        extra["posts"] = data.posts(kg, iri)
    if found.kind == "Plan":
        extra["plan_gaps"] = sections.pop("accountability-gaps", [])
        extra["thread"] = thread_view(sections.get("outcome-thread", []))
    tables = {name: table_view(list(rows[0].keys()) if rows else [], rows) for name, rows in sections.items()}
    graph = graphs.neighbourhood(kg, iri, depth, limit)
    card = cards.card(found, sections, **extra)
    return render(request, "entity.html", e=found, sections=sections, tables=tables, graph=graph, card=card,
                  depth=depth, limit=limit, queries=load_queries(), **extra)


# -- pictures ----------------------------------------------------------------------------------
@router.get("/graphs/network", response_class=HTMLResponse)
def network_page(request: Request, iri: str = "", q: str = "", depth: int = 2, limit: int = 60) -> Response:
    kg = kg_of(request)
    if not iri and q.strip():
        hits = search_hits(kg, q, None, 1)
        if hits:
            return RedirectResponse("/graphs/network?" + urlencode({"iri": hits[0]["iri"], "depth": depth,
                                                                     "limit": limit}), status_code=303)
    depth = max(1, min(depth, 4))
    limit = max(5, min(limit, graphs.MAX_NODES))
    graph = graphs.neighbourhood(kg, iri, depth, limit) if iri else None
    label = None
    if iri and graph and graph["nodes"]:
        label = graph["nodes"][0]["full"]
    return render(request, "graph_network.html", iri=iri, q=q, graph=graph, depth=depth, limit=limit,
                  label=label)


@router.get("/graphs/reporting", response_class=HTMLResponse)
def reporting_page(request: Request) -> HTMLResponse:
    return render(request, "graph_reporting.html", graph=graphs.reporting(kg_of(request)))


@router.get("/graphs/alignment", response_class=HTMLResponse)
def alignment_page(request: Request) -> HTMLResponse:
    return render(request, "graph_alignment.html", graph=graphs.alignment(kg_of(request)))


# -- documents ---------------------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request) -> HTMLResponse:
    return render(request, "documents.html", documents=kg_of(request).documents(),
                  upload_enabled=bool(request.app.state.settings.token))


@router.get("/documents/{name}", response_class=HTMLResponse)
def document(request: Request, name: str, lines: str | None = None) -> HTMLResponse:
    try:
        view = document_view(kg_of(request), name, lines)
    except NoSuchDocument as err:
        raise HTTPException(404, str(err)) from None
    return render(request, "document.html", **view)


# -- named queries -----------------------------------------------------------------------------
@router.get("/queries", response_class=HTMLResponse)
def queries(request: Request) -> HTMLResponse:
    return render(request, "queries.html", queries=list(load_queries().values()))


@router.get("/queries/{name}", response_class=HTMLResponse)
def query_page(request: Request, name: str) -> Response:
    """The query's form; with its required parameters given, its results (and downloads)."""
    named = load_queries().get(name)
    if named is None:
        raise HTTPException(404, f"no query called '{name}'")
    params = {k: v for k, v in request.query_params.items()
              if k not in ("format", "page") and not k.startswith("f.") and v.strip()}
    fmt = request.query_params.get("format")
    ready = all(p.name in params for p in named.params if p.required)
    context: dict[str, Any] = {"query": named, "params": params, "ran": False, "status": 200}
    if ready and (params or not any(p.required for p in named.params)):
        try:
            frame = run_named(kg_of(request), name, params)
        except Ambiguous as amb:
            links = []
            for c in candidates(amb.error):
                chosen = {**params, amb.error.param: c["iri"]}
                links.append({**c, "choose": f"/queries/{name}?{urlencode(chosen)}"})
            context.update(ambiguous={"param": amb.error.param, "text": params.get(amb.error.param),
                                      "candidates": links}, status=409)
        except HTTPException as err:
            context.update(error=err.detail, status=err.status_code)
        else:
            if fmt in ("csv", "xlsx"):
                return download(frame, name, fmt)
            rows = data.records(frame)
            facets = [Column(c, column_name(c)) for c in QUERY_FACETS if c in frame.columns]
            view = lists.listing(rows, [], facets, _params(request), f"/queries/{name}", keep=params)
            context.update(ran=True, table=table_view([str(c) for c in frame.columns], view["rows"]),
                           view=view, count=len(rows),
                           downloads={f: f"/queries/{name}?{urlencode({**params, 'format': f})}"
                                      for f in ("csv", "xlsx")},
                           api=f"/api/queries/{name}?{urlencode(params)}")
    return render(request, "query.html", status=context.pop("status"), **context)


# -- SPARQL console ----------------------------------------------------------------------------
@router.get("/console", response_class=HTMLResponse)
async def console(request: Request, query: str = "") -> HTMLResponse:
    result = await console_result(request, query) if query.strip() else None
    status = result.get("status", 200) if result else 200
    links = {}
    if query.strip():
        kind = result.get("kind") if result else None
        formats = ("turtle", "ntriples", "jsonld") if kind == "triples" else ("json", "xml", "csv", "tsv")
        links = {f: "/sparql?" + urlencode({"query": query, "format": f}) for f in formats}
    return render(request, "console.html", status=status, query=query or next(iter(EXAMPLES.values())),
                  ran=bool(query.strip()), examples=EXAMPLES, vocabulary=terms(),
                  result=result, links=links, settings=request.app.state.settings)


# -- upload ------------------------------------------------------------------------------------
@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    return render(request, "upload.html", enabled=bool(settings.token), limit=settings.upload_max_bytes,
                  result=None, error=None)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> HTMLResponse:
    state = request.app.state
    enabled = bool(state.settings.token)
    try:
        received = await read_upload(request, state.settings.upload_max_bytes, state.settings.token)
        result = await run_in_threadpool(ingest_upload, state.kg, state.runner, state.write_lock, received)
    except UploadRefused as err:
        return render(request, "upload.html", status=err.status, enabled=enabled,
                      limit=state.settings.upload_max_bytes, result=None,
                      error={"file": err.file, "message": err.message})
    return render(request, "upload.html", status=201 if result.status != "unchanged" else 200,
                  enabled=enabled, limit=state.settings.upload_max_bytes, result=result, error=None)


# -- API documentation -------------------------------------------------------------------------
def _markdown(text: str) -> Markup:
    """An operation's description (docstring markdown: `code`, lists) as HTML. markdown-it-py
    with raw HTML off: a tag in the text is shown, never run."""
    from markdown_it import MarkdownIt

    return Markup(MarkdownIt("commonmark", {"html": False}).render(text))



@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI description as a plain page (Swagger UI would load its files from a CDN)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description", ""), "type": p.get("schema", {}).get("type", "")}
                      for p in op.get("parameters", [])]
            responses = {k: v.get("description", "") for k, v in op.get("responses", {}).items()}
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "description": _markdown(op.get("description", "")), "params": params,
                               "responses": responses})
    return render(request, "apidocs.html", spec=spec, operations=operations,
                  settings=request.app.state.settings)

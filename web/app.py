"""The web application: `create_app(kg)` returns the FastAPI app over one store.

Three faces on the same functions (`plangraph.web.data`, `plangraph.web.graphs`):

* pages (server-rendered Jinja2, usable without JavaScript except for the pictures);
* the JSON API under /api (documented at /docs from /openapi.json, both served here);
* the SPARQL 1.1 Protocol endpoint at /sparql (queries only, in killable worker processes).

Nothing a page needs comes from another host: the stylesheet, the picture script and
vis-network are files in `static/`, and a Content-Security-Policy tells the browser to load
nothing else. Jinja autoescaping is on for every template, and data reaches scripts as JSON.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plangraph import __version__
from plangraph.graph.labels import LabelIndex
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.config import Settings
from plangraph.web.pool import ClientSlots, Runner, cleanup_snapshots, runner_for

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
DESCRIPTION = """The JSON API of a plangraph store: search, entities with the evidence of every
relation, named queries, statistics, the data behind the pictures, and upload (with the token).
The SPARQL 1.1 Protocol endpoint is at `/sparql` (read-only; results as JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML)."""


class SecurityHeaders:
    """Adds CSP and friends to every response (pure ASGI, so uploads stream untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in ((b"content-security-policy", CSP.encode()),
                                   (b"x-content-type-options", b"nosniff"),
                                   (b"referrer-policy", b"same-origin"),
                                   (b"x-frame-options", b"DENY")):
                    if key not in names:
                        headers.append((key, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


def templates() -> Jinja2Templates:
    """Jinja2 with autoescaping for every template (labels come from documents)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    from plangraph.graph.passages import table_of
    from plangraph.web import data

    env.globals.update(entity_url=data.entity_url, document_url=data.document_url,
                       is_local=data.is_local, table_of=table_of,
                       version=__version__, kind_names=data.KIND_NAMES, plurals=data.PLURALS)
    env.filters["short"] = _short
    return Jinja2Templates(env=env)


def _short(value: Any) -> str:
    from plangraph.web.data import shorten_iri

    return shorten_iri(str(value)) if value is not None else ""


def create_app(kg: KnowledgeGraph, settings: Settings | None = None, runner: Runner | None = None
               ) -> FastAPI:
    """The app over `kg`. The caller owns `kg` (and closes it); the app owns its query workers."""
    settings = settings or Settings.from_env()
    runner = runner or runner_for(kg, settings.query_timeout, settings.query_workers,
                                  settings.worker_memory_mb)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner.start()
        # the label index behind search takes seconds on a large store: build it now, not
        # while the first visitor waits (a search arriving meanwhile waits for this build)
        threading.Thread(target=LabelIndex.of, args=(kg,), name="label-index", daemon=True).start()
        try:
            yield
        finally:
            runner.close()
            cleanup_snapshots(runner)

    app = FastAPI(title="plangraph", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.kg = kg
    app.state.settings = settings
    app.state.runner = runner
    app.state.client_slots = ClientSlots(settings.queries_per_client)
    app.state.write_lock = threading.Lock()
    app.state.templates = templates()
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:  # opt-in: other sites' pages may read answers, never write
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"],
                           max_age=600)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from plangraph.web import api, endpoint, linked, pages

    app.include_router(api.router)
    app.include_router(endpoint.router)
    app.include_router(linked.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        path = request.url.path
        if path.startswith("/api/") or path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        if path.startswith("/sparql") or path.startswith("/static/"):
            return PlainTextResponse(detail, status_code=exc.status_code, headers=exc.headers)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "message": detail},
            status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=400)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 400, "message": problems}, status_code=400)

    return app

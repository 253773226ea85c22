"""The FastAPI application factory.

Nothing happens at import time: :func:`create_app` builds the app, and the
store is opened when the app starts (its lifespan) and released when it stops.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from citygraph.api.cors import ReadOnlyCors
from citygraph.api.deps import ApiError
from citygraph.api.pages.site import PageError, error_response
from citygraph.api.response_cache import ResponseCache
from citygraph.api.routes import (
    agreement_pages,
    city_pages,
    downloads,
    event_pages,
    health,
    home,
    linked,
    network,
    query_page,
    rest,
    source_pages,
    sparql,
    timeline_page,
    visual_page,
)
from citygraph.api.settings import Settings
from citygraph.graph.guard import GuardedStore, QueryTimeout, UnknownGraph
from citygraph.graph.lookup import entity_iri
from citygraph.graph.store import QueryError, QueryRefused, Store
from citygraph.graph.stores import open_store
from citygraph.graph.update import Updater

__all__ = ["create_app"]


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """Build the web application.

    Parameters
    ----------
    settings
        Where the store lives and the guardrails of the SPARQL endpoint.
    store
        An already open store (tests pass an in-memory one); by default the
        current store under ``settings.home`` is opened read-only at start-up.

    Raises
    ------
    LookupError
        At start-up, when the focus city's key is not in the graph.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store if store is not None else open_store(
            settings.store, settings.home, user=settings.store_user,
            password=settings.store_password, timeout=settings.timeout,
            allow_service=settings.service,
        )
        app.state.focus = entity_iri(opened, settings.focus)
        guarded = GuardedStore.over(
            opened, timeout=settings.timeout, workers=settings.workers, row_cap=settings.row_cap,
            allow_service=settings.service, allow_datasets=settings.datasets, wait=False,
        )
        app.state.store = guarded
        # SPARQL Update only with a token (POST /sparql/update checks it)
        app.state.updater = (Updater(guarded, timeout=settings.timeout,
                                     allow_service=settings.service)
                             if settings.update_token else None)
        try:
            yield
        finally:
            app.state.store = None
            app.state.updater = None
            guarded.close()

    app = FastAPI(
        title="citygraph",
        summary="A knowledge graph of city partnerships, with a SPARQL 1.1 endpoint.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.updater = None
    app.add_middleware(ReadOnlyCors, paths=("/sparql",))
    app.add_middleware(ResponseCache, prefixes=("/api/", "/visual"), max_bytes=4_000_000)
    for pages in (home, city_pages, source_pages, agreement_pages, event_pages, timeline_page,
                  visual_page, query_page):
        app.include_router(pages.router)
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(rest.router)
    app.include_router(network.router)
    app.include_router(downloads.router)
    app.include_router(linked.router)  # last: it answers every /id/... path
    app.mount("/static", StaticFiles(packages=[("citygraph.api", "static")]), name="static")

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": exc.message}, exc.status)

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(QueryRefused)
    async def refused(_: Request, exc: QueryRefused) -> JSONResponse:
        return JSONResponse({"error": "refused", "message": str(exc)}, 403)

    @app.exception_handler(QueryTimeout)
    async def timed_out(_: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"error": "timeout", "message": str(exc)}, 503)

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": "bad_query", "message": str(exc)}, 400)

    @app.exception_handler(UnknownGraph)
    async def unknown_graph(_: Request, exc: UnknownGraph) -> JSONResponse:
        return JSONResponse({"error": "unknown_graph", "message": str(exc)}, 400)

    return app

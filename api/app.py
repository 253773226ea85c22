"""The FastAPI application factory.

Nothing happens at import time: :func:`create_app` builds the app, and its
lifespan opens the store, finds the focus city and builds the page templates
when the app starts (one typed :class:`~citygraph.api.state.Runtime`), follows
the home's ``current`` store while it runs (a build, an ingest or an update
made elsewhere goes live within seconds), and releases the store when it
stops.  Errors are answered in one place
(:mod:`citygraph.api.errors`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles

from citygraph.api import errors, openapi
from citygraph.api.accounts import Accounts
from citygraph.api.cors import ReadOnlyCors
from citygraph.api.drafts import Drafts
from citygraph.api.pages.site import environment
from citygraph.api.private import PrivateReading
from citygraph.api.response_cache import ResponseCache
from citygraph.api.routes import (
    agreement_pages,
    api_docs,
    city_pages,
    curation,
    diff_page,
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
    world,
    world_page,
)
from citygraph.api.security import SecurityHeaders
from citygraph.api.settings import Settings
from citygraph.api.state import Runtime
from citygraph.graph.home import curation_db
from citygraph.graph.read.lookup import entity_iri
from citygraph.graph.store.base import Store
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import home_of, open_store
from citygraph.graph.write.update import Updater
from citygraph.ingest.errors import CitygraphError

__all__ = ["create_app"]


#: how often a server looks whether a writer switched the home's ``current`` store
FOLLOW_SECONDS = 1.0


async def _follow(runtime: Runtime, home: Path) -> None:
    """Keep the app on the home's current store: a build or an ingest goes live by itself.

    Every :data:`FOLLOW_SECONDS` the guarded store compares its store with
    ``current`` and moves (requests in flight finish on the old store); the
    values derived from the old version go with it.
    """
    while True:
        await asyncio.sleep(FOLLOW_SECONDS)
        try:
            moved = await run_in_threadpool(runtime.store.follow, home)
        except CitygraphError:
            continue  # the store went while being opened: look again next time
        if moved:
            runtime.cache.clear()
            runtime.warm()


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
    citygraph.ingest.errors.NotFound
        At start-up, when the focus city's key is not in the graph.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store if store is not None else open_store(
            settings.store, settings.home, user=settings.store_user,
            password=settings.store_password, timeout=settings.timeout,
            allow_service=settings.service,
        )
        focus = entity_iri(opened, settings.focus)
        guarded = GuardedStore.over(
            opened, timeout=settings.timeout, workers=settings.workers, row_cap=settings.row_cap,
            allow_service=settings.service, allow_datasets=settings.datasets, wait=False,
            max_workers=settings.max_workers, memory=settings.worker_memory,
        )
        # SPARQL Update only with a token (POST /sparql/update checks it)
        updater = (Updater(guarded, timeout=settings.timeout, allow_service=settings.service,
                           memory=settings.worker_memory)
                   if settings.update_token else None)
        runtime = Runtime(settings, guarded, focus, environment(), updater)
        database = curation_db(home_of(settings.store, settings.home))
        accounts, drafts = Accounts(database), Drafts(database)
        runtime.accounts, runtime.drafts = accounts, drafts
        app.state.runtime = runtime
        runtime.warm()
        follower = (asyncio.create_task(_follow(runtime, home_of(settings.store, settings.home)))
                    if store is None else None)
        try:
            yield
        finally:
            runtime.stop_warming()
            if follower is not None:
                follower.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await follower
            del app.state.runtime
            guarded.close()
            accounts.close()
            drafts.close()

    app = FastAPI(
        title="citygraph",
        summary="A knowledge graph of city partnerships, with a SPARQL 1.1 endpoint.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by api_docs, from an installed package: no CDN
        redoc_url=None,
    )
    app.add_middleware(ReadOnlyCors, paths=("/sparql",))
    app.add_middleware(ResponseCache, prefixes=("/api/", "/visual"), max_bytes=4_000_000)
    app.add_middleware(PrivateReading)  # before the cache: a cached answer is no way around it
    app.add_middleware(SecurityHeaders)  # outermost: nosniff on every answer, cached or not
    for pages in (home, city_pages, source_pages, agreement_pages, event_pages, timeline_page,
                  visual_page, query_page, curation, diff_page, world_page):
        app.include_router(pages.router)
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(rest.router)
    app.include_router(network.router)
    app.include_router(world.router)
    app.include_router(downloads.router)
    app.include_router(api_docs.router)
    app.include_router(linked.router)  # last: it answers every /id/... path
    app.mount("/static", StaticFiles(packages=[("citygraph.api", "static")]), name="static")
    errors.install(app)
    openapi.install(app)
    return app

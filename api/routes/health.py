"""``/health``: can the service answer, which graph version it serves, and is it the current one."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from citygraph.api.errors import documented
from citygraph.api.state import RuntimeDep
from citygraph.graph.home import current_version
from citygraph.graph.store.opening import home_of, parse_store

router = APIRouter(tags=["health"])


@router.get("/health", responses=documented(503))
async def health(state: RuntimeDep) -> dict[str, object]:
    """Answer ``ok`` once a query has been answered, with the graph's size and version.

    ``version`` is the version served, ``current`` the home's current one
    (an embedded store), ``behind`` whether a build or an update has not gone
    live yet (it does within seconds).  A store that cannot answer a query
    makes this a 503 like any route's.
    """
    await run_in_threadpool(state.store.query, "ASK { }")
    quads = await run_in_threadpool(state.store.quad_count)
    served = state.store.version
    current = None
    if parse_store(state.settings.store)[0] == "oxigraph" and served is not None:
        current = current_version(home_of(state.settings.store, state.settings.home))
    return {"status": "ok", "quads": quads, "version": served, "current": current,
            "behind": current is not None and current != served}

"""``/health``: is the service up, and how big is its graph."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from citygraph.api.state import StoreDep

router = APIRouter(tags=["health"])


@router.get("/health")
async def health(store: StoreDep) -> dict[str, object]:
    """Answer ``ok`` with the number of quads in the store."""
    quads = await run_in_threadpool(store.quad_count)
    return {"status": "ok", "quads": quads}

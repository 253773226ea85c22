"""``/visual/world``: the world scope (every partnership, the focus city's highlighted).

The same page as ``citygraph visual --scope world``
(:mod:`citygraph.visuals.world_scope`), self-contained, with the visual's
Content-Security-Policy; the app's response cache keeps it per graph version
and address.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from citygraph.api.routes.visual_page import HEADERS
from citygraph.api.state import CacheDep, FocusDep, StoreDep
from citygraph.graph.network.world import world_network
from citygraph.visuals.world_scope import world_scope

__all__ = ["router"]

router = APIRouter(tags=["pages"])


@router.get("/visual/world", response_class=HTMLResponse, summary="The world scope (HTML)")
async def world_visual(
    store: StoreDep,
    derived: CacheDep,
    focus: FocusDep,
    lang: Annotated[Literal["ko", "en"], Query(description="Labels in ko or en.")] = "en",
    theme: Annotated[Literal["light", "dark"], Query(description="light or dark.")] = "light",
) -> Response:
    """Every partnership on one map; the focus city's first and second degree highlighted."""
    g = await derived.get("world", lambda: world_network(derived.source))
    page = world_scope(store, focus, lang=lang, theme=theme, graph=g)
    return HTMLResponse(page, headers=HEADERS)

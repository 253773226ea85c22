"""``/`` and ``/search``: the home page (search, key figures, the network) and search results.

``/?query=...``, the old address of the SPARQL page, redirects to ``/query?query=...``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from citygraph.api.errors import SearchTooLong
from citygraph.api.negotiation import wants_json
from citygraph.api.pages.agreements_page import group_link
from citygraph.api.pages.home_page import (
    MAX_QUERY,
    SearchPage,
    results,
)
from citygraph.api.pages.site import class_namer, language, respond
from citygraph.api.state import CacheDep, FocusDep, StoreDep
from citygraph.graph import read

__all__ = ["router"]

router = APIRouter(tags=["pages"], include_in_schema=False)

SEARCH_LIMIT = 50


async def _home(request: Request, derived: CacheDep, focus: FocusDep) -> Response:
    data = await derived.home(focus)  # made ahead when a new graph version goes live
    en = data.focus.name_en or data.focus.name_ko or data.focus.id
    ko = data.focus.name_ko or en
    return respond(request, "home.html", data,
                   title=(f"City partnerships of {en}", f"{ko}의 도시 교류"),
                   group_links={g.code: group_link(g.code) for g in data.figures.groups})


@router.get("/")
async def home(request: Request, derived: CacheDep, focus: FocusDep,
               query: Annotated[str | None, Query()] = None) -> Response:
    """The home page; an old shared link of the SPARQL page goes on to ``/query``."""
    if query is not None:
        return RedirectResponse(f"/query?{request.url.query}", status_code=307)
    return await _home(request, derived, focus)


@router.get("/favicon.ico")
async def favicon() -> Response:
    """No icon (and no 404 in the browser's console for the one it asks for)."""
    return Response(status_code=204, headers={"Cache-Control": "max-age=86400"})


@router.get("/index.json")
async def home_json(request: Request, derived: CacheDep, focus: FocusDep) -> Response:
    """The home page's figures as JSON."""
    return await _home(request, derived, focus)


async def _search(request: Request, derived: CacheDep, store: StoreDep, q: str) -> Response:
    text = q.strip()
    classes = await run_in_threadpool(read.class_labels, store)
    type_label = class_namer(classes, language(request))

    title = ("Search", "검색")
    if len(text) > MAX_QUERY:
        message = (f"The search text is {len(text)} characters long; "
                   f"at most {MAX_QUERY} are allowed.")
        if wants_json(request.url.path, request.headers.get("accept")):
            raise SearchTooLong(message)
        return respond(request, "search.html", SearchPage(text[:MAX_QUERY], 0, ()),
                       title=title, status=422, too_long=len(text), max_query=MAX_QUERY,
                       type_label=type_label)
    found = SearchPage("", 0, ())
    if text:
        index = await derived.index()
        g = await derived.network()
        hits = await run_in_threadpool(index.search, text, SEARCH_LIMIT)
        places: dict[str, Any] = {h.iri: g.nodes[h.iri] for h in hits if h.iri in g}
        found = results(text, hits, places)
    return respond(request, "search.html", found, title=title, too_long=0,
                   max_query=MAX_QUERY, type_label=type_label)


@router.get("/search")
async def search(request: Request, derived: CacheDep, store: StoreDep,
                 q: Annotated[str, Query(description="A name, in Korean or English.")] = ""
                 ) -> Response:
    """Entities whose name matches ``q``: cities first when one matches clearly."""
    return await _search(request, derived, store, q)


@router.get("/search.json")
async def search_json(request: Request, derived: CacheDep, store: StoreDep,
                      q: Annotated[str, Query(description="A name.")] = "") -> Response:
    """The search results as JSON."""
    return await _search(request, derived, store, q)

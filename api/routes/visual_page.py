"""``/visual``: the focus city's global network, the same page ``citygraph visual`` writes.

The page is self-contained (its script and style are inline, nothing comes
from other hosts), so its Content-Security-Policy allows inline code and
nothing else: no connection, no other origin.  Each city's card links to its
page (``/cities/{key}``), and the page links back home.  Like every page of
the site it speaks the visitor's language: without ``?lang=`` it answers a
redirect to the address with the language of the cookie (``citygraph_lang``)
or of ``Accept-Language`` (see :func:`citygraph.api.pages.site.language`),
so an answer depends on its address alone and the app's response cache,
which keeps answers per graph version and address, stays right; with
``?lang=`` it sets the cookie, as the site's switch does.  A projector's
reload costs nothing.  ``/visual.json`` (or
``Accept: application/json``) answers what the page draws: places with
their positions and ties, ties with kinds, years and sources, the legend.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from citygraph.api.negotiation import wants_json
from citygraph.api.pages.site import LANG_COOKIE, language
from citygraph.api.state import FocusDep, StoreDep
from citygraph.graph.read.lookup import entity_iri
from citygraph.ingest.errors import NotFound
from citygraph.visuals.draw import VisualOptions, visual_model
from citygraph.visuals.page import render_page

__all__ = ["HEADERS", "router"]

router = APIRouter(tags=["pages"])

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@router.get("/visual", response_class=HTMLResponse, summary="The network visual (HTML)")
@router.get("/visual.json", include_in_schema=False)
def visual(
    request: Request,
    store: StoreDep,
    default_focus: FocusDep,
    layout: Annotated[Literal["geo", "force"], Query(description="geo or force.")] = "geo",
    focus: Annotated[str | None, Query(max_length=300, description=(
        "Key of the city at the centre (as `citygraph visual --focus`); the configured "
        "focus city by default."), examples=["wellington"])] = None,
    kinds: Annotated[str | None, Query(max_length=200, description=(
        "Ties to show, comma-separated: sister, friendship, mou, other, meeting, forum, "
        "prize."))] = None,
    as_of: Annotated[int | None, Query(ge=1000, le=9999, description=(
        "Leave out ties dated after this year."))] = None,
    lang: Annotated[Literal["ko", "en"] | None, Query(description=(
        "Labels in ko or en; by default the site's language (cookie, then "
        "Accept-Language), by a redirect."))] = None,
    theme: Annotated[Literal["light", "dark"], Query(description="light or dark.")] = "light",
) -> Response:
    """Draw the network of the focus city as an interactive page (or its data as JSON)."""
    if lang is None:
        target = request.url.include_query_params(lang=language(request))
        return RedirectResponse(f"{target.path}?{target.query}", status_code=307,
                                headers={"Vary": "Cookie, Accept-Language"})
    options = VisualOptions(
        layout=layout, lang=lang, theme=theme, as_of=as_of, city_url="/cities/{key}",
        kinds=tuple(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None)
    centre = default_focus
    if focus is not None:
        try:
            centre = entity_iri(store, focus)
        except NotFound:
            raise NotFound(f"no city has the key {focus!r}") from None
    model = visual_model(store, centre, options)
    # the places, ties and legend, for programs
    if wants_json(request.url.path, request.headers.get("accept")):
        return JSONResponse(jsonable_encoder(model), headers={"Vary": "Accept"})
    response = HTMLResponse(render_page(model, home="/"), headers=HEADERS)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response

"""``/query``: the SPARQL query page, with the example queries (see :mod:`citygraph.api.pages`).

``/query?query=...`` opens the page with that query in the editor and runs it, as
``/sparql?query=...`` does for a browser.  ``/query.json`` lists the example
queries, as every page has its JSON twin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from citygraph.api.examples import EXAMPLES
from citygraph.api.negotiation import wants_json
from citygraph.api.pages.sparql_page import example_link, load_focus_names, render
from citygraph.api.state import FocusDep, StoreDep
from citygraph.ingest.errors import StoreUnavailable, TimedOut

router = APIRouter(tags=["pages"])


@router.get("/query", response_class=HTMLResponse)
@router.get("/query.json", include_in_schema=False)
async def query_page(
    request: Request,
    focus: FocusDep,
    store: StoreDep,
    query: Annotated[str | None, Query(description="A query to open and run.")] = None,
) -> Response:
    """The query page: an editor, the example queries (each a link that runs it), results.

    As JSON (``/query.json``): the example queries, written for the focus city.
    """
    if wants_json(request.url.path, request.headers.get("accept")):
        return JSONResponse([
            {"key": ex.key, "title_en": ex.title_en, "title_ko": ex.title_ko,
             "description_en": ex.description_en, "description_ko": ex.description_ko,
             "sparql": ex.sparql(focus), "href": example_link(ex, focus)}
            for ex in EXAMPLES
        ], headers={"Vary": "Accept"})
    try:
        names = await run_in_threadpool(load_focus_names, store, focus)
    except (TimedOut, StoreUnavailable):  # a busy store should not keep the page from opening
        names = {}
    return render(request, focus, query, focus_names=names)

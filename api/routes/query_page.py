"""``/query``: the SPARQL query page, with the example queries (see :mod:`citygraph.api.pages`).

``/query?query=...`` opens the page with that query in the editor and runs it, as
``/sparql?query=...`` does for a browser.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from citygraph.api.deps import FocusDep, StoreDep
from citygraph.api.pages.sparql_page import load_focus_names, render
from citygraph.graph.store import QueryError

router = APIRouter(tags=["pages"])


@router.get("/query", response_class=HTMLResponse)
async def query_page(
    request: Request,
    focus: FocusDep,
    store: StoreDep,
    query: Annotated[str | None, Query(description="A query to open and run.")] = None,
) -> HTMLResponse:
    """The query page: an editor, the example queries (each a link that runs it), results."""
    try:
        names = await run_in_threadpool(load_focus_names, store, focus)
    except QueryError:  # a busy store (timeout) should not keep the page from opening
        names = {}
    return render(request, focus, query, focus_names=names)

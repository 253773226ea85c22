"""Downloads: the whole graph as TriG, N-Quads and JSON-LD, and the vocabulary files.

``GET /downloads`` lists them (the page ``downloads.html`` for browsers, JSON
otherwise, and at ``/downloads.json``);
``GET /downloads/{name}`` answers one file with its media type and
``Content-Disposition: attachment``.  Dumps are generated once per graph
version and kept on the app (:mod:`citygraph.api.cache`); they need the
embedded store, so a server reading a remote SPARQL store answers 501 for
them (the ontology, shapes and context still download).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from citygraph.api.errors import documented
from citygraph.api.negotiation import wants_html
from citygraph.api.pages.site import render
from citygraph.api.samples import SAMPLES
from citygraph.api.state import CacheDep
from citygraph.graph.publish.dumps import FILES, Listing, listing, produce
from citygraph.ingest.errors import NotFound

router = APIRouter(tags=["downloads"])

_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file.",
          "content": {media: {} for media in sorted({f.media_type for f in FILES.values()})}},
    **documented(404, 501),
}


@router.get("/downloads", response_model=Listing,
            responses={200: {"content": {"text/html": {},
                                         "application/json": {"example": SAMPLES[Listing]}}}})
@router.get("/downloads.json", response_model=Listing, include_in_schema=False)
async def downloads(request: Request, derived: CacheDep) -> Response | Listing:
    """The downloads of the current graph (JSON, or HTML for browsers)."""
    quads = await run_in_threadpool(derived.store.quad_count)
    listed = listing(derived.version, quads)
    if request.url.path == "/downloads" and wants_html(request.headers.get("accept", "")):
        return render(request, "downloads.html", listed, title=("Downloads", "내려받기"))
    return listed


@router.get("/downloads/{name}", responses=_FILE_RESPONSES, response_class=Response)
async def download(name: str, derived: CacheDep) -> Response:
    """One file of the list (citygraph.trig, citygraph.nq, citygraph.jsonld, ...)."""
    item = FILES.get(name)
    if item is None:
        raise NotFound(f"No download is called {name!r}; see /downloads for the list.")
    body = await derived.get(f"download:{name}", lambda: produce(derived.store.store, name))
    media = item.media_type + ("; charset=utf-8" if item.media_type.startswith("text/") else "")
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{item.name}"',
        "ETag": f'"{derived.version}-{item.name}"',
    })

"""Linked data: every IRI citygraph mints dereferences here.

==================================  ==========================================
``/id/{path}``                      ``https://w3id.org/citygraph/id/{path}``:
                                    places, people, agreements, evidence ...
``/kind/{path}``                    SKOS concepts and schemes (``/kind/...``)
``/ontology``                       the ontology (``.../ontology#Term`` is an
                                    anchor on its page)
``/context.jsonld``                 the published JSON-LD context
==================================  ==========================================

Each answers, by ``Accept`` or ``format=`` (``html``, ``ttl``, ``jsonld``,
``nt``), an HTML page of the site (``resource.html`` and ``vocabulary.html``, in
the visitor's language; :mod:`citygraph.api.pages.linked_page` shapes their
data), Turtle, JSON-LD (compacted with the published
context) or N-Triples; ``*/*`` or no ``Accept`` gets Turtle.  A resource's
RDF holds the triples where it is the subject, the blank nodes under it, and
the triples where it is the object.  A resource the graph says nothing about
is a 404, as JSON or HTML by ``Accept``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from citygraph.api.cache import Derived
from citygraph.api.errors import documented
from citygraph.api.negotiation import representation
from citygraph.api.pages import linked_page
from citygraph.api.pages.site import language, render
from citygraph.api.state import CacheDep
from citygraph.graph.read.linked import (
    ID_BASE,
    KIND_BASE,
    describe,
    ontology_document,
    serialise,
    valid_iri,
    vocabulary,
)
from citygraph.ingest.errors import NotFound
from citygraph.ontology import ONTOLOGY_FILE, json_ld_context, read_text

router = APIRouter(tags=["linked data"])

FormatQuery = Annotated[str | None, Query(
    alias="format", description="Override Accept: html, ttl, jsonld or nt.")]

_MEDIA = {"html": "text/html; charset=utf-8", "ttl": "text/turtle; charset=utf-8",
          "jsonld": "application/ld+json", "nt": "application/n-triples"}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The resource, as HTML, Turtle, JSON-LD or N-Triples.",
          "content": {media: {} for media in _MEDIA.values()}},
    **documented(404, 406),
}


async def _resource(request: Request, derived: Derived, iri: str, fmt: str | None) -> Response:
    chosen = representation(request.headers.get("accept", ""), fmt)
    if not valid_iri(iri):
        raise NotFound(f"{iri!r} is not an IRI citygraph minted.")
    d = await run_in_threadpool(describe, derived.source, iri, max_rows=derived.store.row_cap)
    if d.empty:
        raise NotFound(f"The graph says nothing about <{iri}>.")
    truncated = {"X-Citygraph-Truncated": "true"} if d.truncated else {}
    if chosen == "html":
        path = request.url.path
        page = linked_page.resource_page(d, path, language(request))
        response = render(request, "resource.html", page, title=(page.name.text,) * 2,
                          json_url=f"{path}?format=jsonld")
        response.headers.update(truncated)
        return response
    body = await run_in_threadpool(serialise, d.triples(), chosen)
    return Response(body, media_type=_MEDIA[chosen], headers={"Vary": "Accept", **truncated})


@router.get("/id/{path:path}", responses=_RESPONSES, response_class=Response)
async def resource(request: Request, derived: CacheDep, path: str,
                   fmt: FormatQuery = None) -> Response:
    """A resource citygraph minted (``https://w3id.org/citygraph/id/{path}``)."""
    return await _resource(request, derived, ID_BASE + path, fmt)


@router.get("/kind/{path:path}", responses=_RESPONSES, response_class=Response)
async def concept(request: Request, derived: CacheDep, path: str,
                  fmt: FormatQuery = None) -> Response:
    """A SKOS concept or concept scheme (``https://w3id.org/citygraph/kind/{path}``)."""
    return await _resource(request, derived, KIND_BASE + path, fmt)


@router.get("/ontology", responses=_RESPONSES, response_class=Response)
async def ontology(request: Request, derived: CacheDep, fmt: FormatQuery = None) -> Response:
    """The ontology: OWL classes and properties, SKOS concept schemes."""
    chosen = representation(request.headers.get("accept", ""), fmt)
    text = read_text(ONTOLOGY_FILE)
    if chosen == "html":
        lang = language(request)
        page = await derived.get(f"ontology:page:{lang}", lambda: linked_page.vocabulary_page(
            vocabulary(text), lang))
        return render(request, "vocabulary.html", page, title=(page.title,) * 2,
                      json_url="/ontology?format=jsonld")
    body = await derived.get(f"ontology:{chosen}", lambda: ontology_document(text, chosen))
    return Response(body, media_type=_MEDIA[chosen], headers={"Vary": "Accept"})


@router.get("/context.jsonld", responses={200: {"content": {"application/ld+json": {}}}},
            response_class=JSONResponse)
async def context_document() -> JSONResponse:
    """The published JSON-LD context of the exports and of the resources' JSON-LD."""
    return JSONResponse({"@context": json_ld_context()}, media_type="application/ld+json")


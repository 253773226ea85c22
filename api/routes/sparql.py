"""``/sparql``: a SPARQL 1.1 Protocol endpoint, read-only; ``/sparql/update`` for updates.

Queries
    GET ``?query=``, POST a form (``query=``) or POST ``application/sparql-query``,
    with the protocol's ``default-graph-uri`` and ``named-graph-uri``
    (repeatable; they choose among the store's named graphs, 400 for any
    other IRI).  SELECT and ASK answer SPARQL results in JSON, XML, CSV or
    TSV; CONSTRUCT and DESCRIBE answer Turtle, N-Triples, JSON-LD, RDF/XML or
    TriG, chosen from ``Accept`` (q-values and wildcards) or by the ``format``
    parameter (see :mod:`citygraph.api.negotiation`); 406 when nothing fits.
    A browser (``text/html`` preferred) gets the query page instead.

Without a query
    GET ``/sparql`` answers the SPARQL 1.1 Service Description (Turtle unless
    ``Accept`` or ``format`` asks for another RDF format), or the query page
    for a browser.

Guardrails
    Queries pass :mod:`citygraph.graph.store.guard` (their tokens read, no
    parser): updates, ``SERVICE``, ``LOAD`` and ``FROM`` refused (403), too
    deep nesting refused (400); then they run in a worker process, which
    parses them (400 with line and column), bounds them in time (503 when it
    timed out), memory (503 "too much memory") and rows
    (``X-Citygraph-Truncated: true``, CONSTRUCT and DESCRIBE included), and
    writes the answer.  A body longer than the limit is refused (413) while it
    streams in.  Relative IRIs resolve against the endpoint's IRI.  Handlers
    wait in a thread, so the event loop keeps serving other requests.

Caching
    For an embedded store the answer carries ``ETag`` (a digest of the graph
    version, the query, the media type, the dataset and the row cap) and
    ``Cache-Control: public, max-age=60`` (``no-cache`` when updates are
    enabled, so clients revalidate); a GET with a matching ``If-None-Match``
    answers 304 without running the query.  A remote or in-memory store has
    no version: no ETag, ``Cache-Control: no-cache``.

Updates
    ``POST /sparql/update`` (form ``update=`` or ``application/sparql-update``)
    only when ``CITYGRAPH_UPDATE_TOKEN`` is set (else 403), with
    ``Authorization: Bearer <token>`` (else 401); see
    :mod:`citygraph.graph.write.update` for how the read-only store is changed.

CORS headers are added by :mod:`citygraph.api.cors` (reads only).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import inspect
import json
from collections.abc import Sequence
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from citygraph.api.errors import (
    BadEncoding,
    DuplicateQuery,
    MissingQuery,
    MissingUpdate,
    QueryTooLarge,
    ReadOnly,
    UnsupportedMediaType,
    UnsupportedParameter,
    UpdatesDisabled,
)
from citygraph.api.negotiation import (
    GRAPH,
    GRAPH_OFFERS,
    RESULT_OFFERS,
    RESULTS,
    choose,
    negotiate,
)
from citygraph.api.negotiation import format_names as _format_names
from citygraph.api.settings import Settings
from citygraph.api.state import RuntimeDep
from citygraph.graph.publish.service_description import SD, describe
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.guard import Checked
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.results import serialize
from citygraph.ingest.errors import NotAcceptable, NotAuthorized
from citygraph.ontology.vocab import PREFIXES

router = APIRouter(tags=["sparql"])

HTML = "text/html"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
CHECK_INLINE = 8192  # characters of a query checked on the event loop (about 2 ms at most)
GRAPHS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

DefaultGraphs = Annotated[list[str] | None, Query(
    alias="default-graph-uri",
    description="A named graph to merge into the default graph (repeatable).")]
NamedGraphs = Annotated[list[str] | None, Query(
    alias="named-graph-uri", description="A named graph GRAPH may address (repeatable).")]
Formats = Annotated[list[str] | None, Query(
    alias="format", description="Override Accept: json, xml, csv, tsv (SELECT, ASK); "
                                "ttl, nt, jsonld, rdfxml, trig, json, xml (CONSTRUCT, DESCRIBE).")]


# --- helpers ---------------------------------------------------------------------------------


def _too_large(limit: int) -> QueryTooLarge:
    return QueryTooLarge(f"The query is longer than the limit of {limit:,} bytes.")


def _kind(form: str) -> str:
    return GRAPH if form in ("construct", "describe") else RESULTS


def _media_type(accept: str | None, kind: str, formats: Sequence[str], what: str) -> str:
    media = negotiate(accept, kind, formats)
    if media is None:
        asked = f"format={formats[0]!r}" if formats else f"Accept: {accept}"
        raise NotAcceptable(f"Nothing acceptable for {asked}: {what} can be answered as "
                            f"{', '.join(_format_names(kind))} (the format parameter) or "
                            "by their media types.")
    return media


def _etag(store: GuardedStore, settings: Settings, *parts: object) -> str | None:
    if store.version is None:
        return None
    key = json.dumps([store.version, settings.row_cap, *parts], ensure_ascii=False)
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def _not_modified(request: Request, etag: str | None) -> bool:
    """Whether a GET's ``If-None-Match`` matches (weak comparison, RFC 9110 13.1.2)."""
    header = request.headers.get("if-none-match")
    if etag is None or header is None or request.method not in ("GET", "HEAD"):
        return False
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


def _cache_headers(settings: Settings, etag: str | None) -> dict[str, str]:
    headers = {"Vary": "Accept"}
    if etag is None:
        headers["Cache-Control"] = "no-cache"
    else:
        headers["ETag"] = etag
        headers["Cache-Control"] = ("public, no-cache" if settings.update_token
                                    else "public, max-age=60")
    return headers


async def _page(request: Request, focus: str, query: str | None) -> Response:
    """The query page, for a browser's GET (``text/html`` preferred)."""
    from citygraph.api.pages.sparql_page import render  # its templates load on first use

    page = render(request, focus, query)
    if inspect.isawaitable(page):
        page = await page
    response = page if isinstance(page, Response) else HTMLResponse(str(page))
    response.headers["Vary"] = "Accept"  # the same URL answers machines in other formats
    return response


def _wants_page(request: Request, offers: Sequence[str], formats: Sequence[str]) -> bool:
    if request.method not in ("GET", "HEAD") or formats:
        return False
    accept = request.headers.get("accept")
    # text/html must be asked for by name: "*/*" alone means a machine format
    named = any(r.strip().lower().startswith(HTML) for r in (accept or "").split(","))
    return named and choose(accept, [*offers, HTML]) == HTML


# --- queries ---------------------------------------------------------------------------------


async def _answer(request: Request, store: GuardedStore, settings: Settings, focus: str,
                  sparql: str | None, defaults: Sequence[str], named: Sequence[str],
                  formats: Sequence[str]) -> Response:
    """Run a query and write its answer; the service description when there is no query."""
    if sparql is None and request.method in ("GET", "HEAD") and not defaults and not named:
        return await _service_description(request, store, settings, focus, formats)
    if not sparql or not sparql.strip():
        raise MissingQuery("Give a SPARQL query in the 'query' parameter.")
    if len(sparql.encode()) > settings.max_query:
        raise _too_large(settings.max_query)
    if _wants_page(request, [*RESULT_OFFERS, *GRAPH_OFFERS], formats):
        return await _page(request, focus, sparql)  # the page shows the query and its answer
    dataset = bool(defaults or named)
    check = functools.partial(store.check, sparql,
                              default_graph=list(defaults) if dataset else None,
                              named_graphs=list(named) if dataset else None)
    # reading a short query's tokens takes less than a hop to a thread (both hold the GIL)
    checked: Checked = (check() if len(sparql) <= CHECK_INLINE
                        else await run_in_threadpool(check))
    kind = _kind(checked.form)
    media = _media_type(request.headers.get("accept"), kind, formats,
                        f"a {checked.form.upper()} query")
    etag = _etag(store, settings, "query", sparql, media, list(defaults), list(named))
    headers = _cache_headers(settings, etag)
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    answer = await run_in_threadpool(store.answer, checked, media, prefixes=PREFIXES,
                                     base_iri=_base_iri(settings), client=_client(request))
    if answer.truncated:
        headers["X-Citygraph-Truncated"] = "true"
    return Response(answer.body, media_type=media, headers=headers)


def _base_iri(settings: Settings) -> str:
    """The endpoint's own IRI, against which relative IRIs in a query resolve.

    From the configured public address, never from the request's ``Host``
    header: answers are kept and shared between clients.
    """
    return settings.public_url("/sparql")


def _client(request: Request) -> str | None:
    """Who asks, for the per-client limit on queries running at once."""
    return request.client.host if request.client else None


async def _service_description(request: Request, store: GuardedStore, settings: Settings,
                               focus: str, formats: Sequence[str]) -> Response:
    if _wants_page(request, GRAPH_OFFERS, formats):
        return await _page(request, focus, None)
    media = _media_type(request.headers.get("accept"), GRAPH, formats,
                        "the service description")
    endpoint = settings.public_url(request.url.path)  # never the Host header: answers are shared
    update_endpoint = endpoint + "/update" if settings.update_token else None
    etag = _etag(store, settings, "description", endpoint, media, update_endpoint)
    headers = _cache_headers(settings, etag)
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    counts = await run_in_threadpool(store.query, GRAPHS_QUERY, max_rows=1_000_000)
    graphs = ({row["g"].value: int(row["n"].value) for row in counts.rows if "g" in row}
              if isinstance(counts, SelectResult) else {})
    description = describe(endpoint, graphs, update_endpoint=update_endpoint,
                           row_cap=settings.row_cap, timeout=settings.timeout,
                           max_query=settings.max_query, allow_service=settings.service)
    prefixes = {**PREFIXES, "sd": SD, "void": "http://rdfs.org/ns/void#"}
    body = serialize(description, media, prefixes)
    return Response(body, media_type=media, headers=headers)


@router.api_route("/sparql", methods=["GET", "HEAD"])
async def sparql_get(
    request: Request,
    state: RuntimeDep,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
    format: Formats = None,
) -> Response:
    """Run a query given in the URL; without one, describe the service (HEAD: headers only)."""
    if "update" in request.query_params:
        raise ReadOnly("SPARQL Update is never sent with GET: POST it to /sparql/update "
                       "(where the operator enabled it).")
    _one_query(request.query_params.getlist("query"))
    return await _answer(request, state.store, state.settings, state.focus, query,
                         default_graph_uri or [], named_graph_uri or [], format or [])


def _one_query(queries: Sequence[str]) -> None:
    if len(queries) > 1:
        raise DuplicateQuery(f"Give one query, not {len(queries)}: the 'query' parameter "
                             "appears more than once.")


@router.post("/sparql")
async def sparql_post(request: Request, state: RuntimeDep) -> Response:
    """Run a query sent as a form (``query=``) or as ``application/sparql-query``."""
    settings = state.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = await _body(request, settings.max_query)
    params = parse_qs(request.url.query, keep_blank_values=True)
    if content_type == SPARQL_QUERY:
        if "query" in params:
            raise DuplicateQuery("Give the query once: in the body of an "
                                 "application/sparql-query POST, not also as a parameter.")
        sparql: str | None = text
    elif content_type == FORM:
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form:
            raise ReadOnly("This endpoint is read-only: send SPARQL Update to /sparql/update "
                           "(where the operator enabled it).")
        queries = form.get("query")
        _one_query([*(queries or ()), *params.get("query", [])])
        sparql = queries[0] if queries else None
        params = {**params, **{k: v for k, v in form.items() if k != "query"}}
    else:
        raise UnsupportedMediaType(
                       "Send the query as application/x-www-form-urlencoded (query=...) "
                       "or as application/sparql-query.")
    return await _answer(request, state.store, settings, state.focus, sparql,
                         params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                         params.get("format", []))


async def _body(request: Request, limit: int) -> str:
    """The request's body as text, read no further than the limit allows.

    A body longer than the limit (three times it for a form: percent-encoding
    triples the size at most) is refused as soon as it is seen to be, by its
    ``Content-Length`` or while it streams in: it is never held whole.
    """
    most = limit * 3 + 100
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > most:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > most:
            raise _too_large(limit)
        chunks.append(chunk)
    body = b"".join(chunks)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadEncoding("The request body is not UTF-8.") from None


# --- updates ---------------------------------------------------------------------------------


@router.post("/sparql/update")
async def sparql_update(request: Request, state: RuntimeDep) -> Response:
    """Apply a SPARQL Update, when the operator enabled updates; needs the bearer token."""
    settings, updater = state.settings, state.updater
    if not settings.update_token or updater is None:
        raise UpdatesDisabled(
                       "SPARQL Update is disabled on this server: the operator enables it by "
                       "setting CITYGRAPH_UPDATE_TOKEN.")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), settings.update_token.encode()):
        raise NotAuthorized("Send the update token as 'Authorization: Bearer <token>'.")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = await _body(request, settings.max_query)
    params = parse_qs(request.url.query, keep_blank_values=True)
    if content_type == SPARQL_UPDATE:
        sparql: str | None = text
    elif content_type == FORM:
        form = parse_qs(text, keep_blank_values=True)
        sparql = form["update"][0] if form.get("update") else None
        params = {**params, **form}
    else:
        raise UnsupportedMediaType(
                       "Send the update as application/x-www-form-urlencoded (update=...) "
                       "or as application/sparql-update.")
    if "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise UnsupportedParameter(
                       "using-graph-uri and using-named-graph-uri are not supported; write "
                       "USING or GRAPH in the update itself.")
    if not sparql or not sparql.strip():
        raise MissingUpdate("Give a SPARQL Update in the 'update' parameter.")
    if len(sparql.encode()) > settings.max_query:
        raise _too_large(settings.max_query)
    report = await run_in_threadpool(updater.update, sparql)
    state.warm()  # the pages' values for the new version, made ahead of their visitors
    return JSONResponse({"status": "updated", "version": report.version,
                         "quads": report.quads, "graphs": report.graphs,
                         "seconds": report.seconds}, headers={"Cache-Control": "no-store"})

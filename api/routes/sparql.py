"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint (GET and POST).

SELECT and ASK answer ``application/sparql-results+json`` (or ``text/csv``
when asked for); CONSTRUCT and DESCRIBE answer N-Triples.  Queries pass the
guards (:mod:`citygraph.graph.guard`): parsed first, updates, SERVICE and
FROM refused (403), bounded in time (503 on timeout, in a worker process) and
rows (``X-Citygraph-Truncated``).  The handler waits in a thread, so the event
loop keeps serving other requests.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from citygraph.api.deps import ApiError, SettingsDep, StoreDep
from citygraph.graph.formats import to_csv, to_sparql_json
from citygraph.graph.guard import GuardedStore
from citygraph.graph.store import GraphResult, Result

router = APIRouter(tags=["sparql"])

JSON_RESULTS = "application/sparql-results+json"


async def _run(store: GuardedStore, sparql: str | None, limit: int, row_cap: int) -> Result:
    if not sparql or not sparql.strip():
        raise ApiError(400, "missing_query", "Give a SPARQL query in the 'query' parameter.")
    if len(sparql.encode()) > limit:
        raise ApiError(413, "query_too_large",
                       f"The query is longer than the limit of {limit:,} bytes.")
    return await run_in_threadpool(store.query, sparql, max_rows=row_cap)


def _respond(result: Result, accept: str, fmt: str | None) -> Response:
    headers = {}
    if isinstance(result, GraphResult):
        return Response(result.ntriples, media_type="application/n-triples")
    if getattr(result, "truncated", False):
        headers["X-Citygraph-Truncated"] = "true"
    wants_csv = fmt == "csv" or (fmt is None and "text/csv" in accept
                                 and "json" not in accept)
    if wants_csv:
        return Response(to_csv(result), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(to_sparql_json(result), media_type=JSON_RESULTS, headers=headers)


@router.get("/sparql")
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    format: Annotated[str | None, Query(description="Override: json or csv.")] = None,
) -> Response:
    """Run a query given in the URL."""
    result = await _run(store, query, settings.max_query, settings.row_cap)
    return _respond(result, request.headers.get("accept", ""), format)


@router.post("/sparql")
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Run a query sent as a form (``query=``) or as ``application/sparql-query``."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > settings.max_query * 3 + 100:  # percent-encoding triples the size at most
        raise ApiError(413, "query_too_large",
                       f"The query is longer than the limit of {settings.max_query:,} bytes.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding", "The request body is not UTF-8.") from None
    fmt = request.query_params.get("format")
    if content_type == "application/sparql-query":
        sparql: str | None = text
    elif content_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        queries, formats = form.get("query"), form.get("format")
        sparql = queries[0] if queries else None
        fmt = formats[0] if formats else fmt
        if "update" in form:
            raise ApiError(403, "read_only", "This endpoint is read-only: SPARQL Update "
                           "is not accepted.")
    else:
        raise ApiError(415, "unsupported_media_type",
                       "Send the query as application/x-www-form-urlencoded (query=...) "
                       "or as application/sparql-query.")
    result = await _run(store, sparql, settings.max_query, settings.row_cap)
    return _respond(result, request.headers.get("accept", ""), fmt)

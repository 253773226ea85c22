"""Errors over HTTP: one table from error class to status and code, one handler.

Routes raise citygraph's errors (:mod:`citygraph.ingest.errors` and their
subclasses) and never build error responses themselves; :func:`install`
gives the app one handler for all of them, and one for FastAPI's
validation errors, so that every route answers an error the same way:

- JSON ``{"error": code, "message": sentence}`` for programs (``/api/``,
  ``/sparql``, a ``.json`` address, or ``Accept`` preferring JSON);
- the site's error page, with the same status, for people (see
  :func:`citygraph.api.negotiation.wants_page`).

The status and code of an error are those of the first class of its MRO in
:data:`ERRORS`, so a subclass without an entry answers like its kind.

The classes defined here are the SPARQL Protocol's own mistakes, raised only
by the web routes.

Examples
--------
>>> from citygraph.ingest.errors import NotFound, InvalidParameter
>>> status_of(NotFound("no city has the id 'x'"))
(404, 'not_found')
>>> status_of(QueryTooLarge("The query is longer than 100 bytes."))
(413, 'query_too_large')
>>> explain(RequestValidationError([{"loc": ("query", "limit"), "input": "-1",
...     "msg": "Input should be greater than or equal to 1"}]))
"limit: Input should be greater than or equal to 1 (got '-1')"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from citygraph.api.accounts import BadCsrf, Forbidden, TooManyAttempts
from citygraph.api.negotiation import UnknownFormat, wants_page
from citygraph.api.pages.site import error_page
from citygraph.graph.network.analysis import NoConnection, UnknownPlace
from citygraph.graph.store.base import QueryError, QueryTooMuchMemory
from citygraph.graph.store.pool import QueryBusy
from citygraph.ingest.errors import (
    BadInput,
    CitygraphError,
    Conflict,
    InputTooLarge,
    InvalidParameter,
    NotAcceptable,
    NotAuthorized,
    NotFound,
    Refused,
    StoreUnavailable,
    TimedOut,
    TooLarge,
    Unsupported,
)

__all__ = [
    "ERRORS",
    "BadEncoding",
    "ErrorResponse",
    "MissingQuery",
    "MissingUpdate",
    "QueryTooLarge",
    "ReadOnly",
    "SearchTooLong",
    "UnsupportedMediaType",
    "UnsupportedParameter",
    "UpdatesDisabled",
    "documented",
    "explain",
    "install",
    "status_of",
]


class MissingQuery(BadInput):
    """A SPARQL request without its query (or update) text."""


class BadEncoding(BadInput):
    """A request body that is not UTF-8."""


class MissingUpdate(MissingQuery):
    """A SPARQL Update request without its update text."""


class UnsupportedParameter(BadInput):
    """A protocol parameter citygraph does not implement."""


class UnsupportedMediaType(BadInput):
    """A request body of a media type the route does not take."""


class DuplicateQuery(BadInput):
    """A request that gives the query more than once."""


class QueryTooLarge(InputTooLarge):
    """A query longer than ``CITYGRAPH_MAX_QUERY``."""


class SearchTooLong(InvalidParameter):
    """Search text longer than the search page takes."""


class ReadOnly(Refused):
    """An update sent to the read-only query endpoint."""


class UpdatesDisabled(Refused):
    """An update while the operator has not enabled updates."""


#: error class -> (HTTP status, error code); the first class of an error's MRO wins
ERRORS: Mapping[type[CitygraphError], tuple[int, str]] = {
    QueryError: (400, "bad_query"),
    MissingUpdate: (400, "missing_update"),
    MissingQuery: (400, "missing_query"),
    DuplicateQuery: (400, "duplicate_query"),
    UnknownFormat: (400, "unknown_format"),
    BadEncoding: (400, "bad_encoding"),
    UnsupportedParameter: (400, "unsupported_parameter"),
    UnsupportedMediaType: (415, "unsupported_media_type"),
    QueryTooLarge: (413, "query_too_large"),
    SearchTooLong: (422, "query_too_long"),
    InputTooLarge: (413, "too_large_input"),
    NotAcceptable: (406, "not_acceptable"),
    InvalidParameter: (422, "invalid_parameter"),
    BadInput: (400, "bad_input"),
    UnknownPlace: (404, "unknown_city"),
    NoConnection: (404, "no_connection"),
    NotFound: (404, "not_found"),
    QueryTooMuchMemory: (503, "too_much_memory"),
    TooLarge: (503, "too_large"),
    TimedOut: (503, "timeout"),
    TooManyAttempts: (429, "too_many_attempts"),
    BadCsrf: (403, "bad_csrf"),
    Forbidden: (403, "forbidden"),
    NotAuthorized: (401, "unauthorized"),
    ReadOnly: (403, "read_only"),
    UpdatesDisabled: (403, "updates_disabled"),
    Refused: (403, "refused"),
    QueryBusy: (503, "busy"),
    StoreUnavailable: (503, "store_unavailable"),
    Unsupported: (501, "not_available"),
    Conflict: (409, "conflict"),
    CitygraphError: (500, "error"),
}

#: headers some statuses need (RFC 9110: a 401 names its authentication scheme)
HEADERS: Mapping[int, Mapping[str, str]] = {
    401: {"WWW-Authenticate": 'Bearer realm="citygraph"'},
    413: {"Connection": "close"},  # stop a client still sending a body past the limit
    503: {"Retry-After": "1"},  # every 503 is a moment's shortage: busy, timed out, too large
}


class ErrorResponse(BaseModel):
    """Every error's JSON body."""

    error: str
    message: str


def status_of(error: CitygraphError) -> tuple[int, str]:
    """The HTTP status and error code of an error, from :data:`ERRORS`."""
    for cls in type(error).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    return 500, "error"


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error statuses a route can answer, with their codes."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        codes = sorted({code for s, code in ERRORS.values() if s == status})
        out[status] = {"model": ErrorResponse,
                       "description": f"An error: {', '.join(codes)}; the message says why."}
    return out


def _short(value: object, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def explain(exc: RequestValidationError) -> str:
    """One sentence per invalid parameter: its name, what is wrong, what was sent."""
    parts = []
    for error in exc.errors():
        where = [str(x) for x in error.get("loc", ()) if x not in ("query", "path", "body")]
        text = f"{'.'.join(where) or 'request'}: {error.get('msg', 'is not valid')}"
        if "input" in error and isinstance(error["input"], str | int | float):
            text += f" (got {_short(error['input'])})"
        parts.append(text)
    return "; ".join(parts) or "The request is not valid."


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    headers = dict(HEADERS.get(status, {}))
    if wants_page(request):
        response = error_page(request, status, code, message)
        response.headers.update(headers)
        return response
    return JSONResponse({"error": code, "message": message}, status, headers=headers)


def install(app: FastAPI) -> None:
    """Answer citygraph's errors and FastAPI's validation errors through :data:`ERRORS`."""

    async def citygraph_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CitygraphError)  # noqa: S101 (registered for it alone)
        status, code = status_of(exc)
        return _answer(request, status, code, exc.message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)  # noqa: S101
        status, code = ERRORS[InvalidParameter]
        return _answer(request, status, code, explain(exc))

    app.add_exception_handler(CitygraphError, citygraph_error)
    app.add_exception_handler(RequestValidationError, validation_error)

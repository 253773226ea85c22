"""CORS for the read-only SPARQL endpoint, and for nothing else.

Web pages on other origins may query ``/sparql`` (GET, POST, and the
preflight ``OPTIONS`` that a POST of ``application/sparql-query`` needs), with
``Access-Control-Allow-Origin: *`` and therefore without credentials (the
Fetch standard forbids credentials with ``*``).  Other paths get no CORS
headers; in particular ``/sparql/update`` does not, so a browser refuses to
send it a token from another origin.

Errors answered by the endpoint (400, 403, 503 ...) carry the headers too, so
that a page can read their JSON message.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ReadOnlyCors"]

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Accept, Content-Type, If-None-Match"
EXPOSED_HEADERS = "ETag, X-Citygraph-Truncated"


class ReadOnlyCors:
    """ASGI middleware: ``Access-Control-Allow-Origin: *`` on the given paths only.

    Parameters
    ----------
    app
        The application to wrap.
    paths
        The exact request paths that allow cross-origin reads.
    max_age
        Seconds a browser may cache a preflight answer.
    """

    def __init__(self, app: ASGIApp, paths: Iterable[str] = ("/sparql",),
                 max_age: int = 600) -> None:
        self.app = app
        self.paths = frozenset(paths)
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer preflights on the paths, and add the headers to their responses."""
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self._preflight(send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = "*"
                headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def _preflight(self, send: Send) -> None:
        headers = [
            (b"access-control-allow-origin", b"*"),
            (b"access-control-allow-methods", ALLOWED_METHODS.encode()),
            (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
            (b"access-control-max-age", str(self.max_age).encode()),
            (b"allow", ALLOWED_METHODS.encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

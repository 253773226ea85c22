"""Security headers on every answer: ``nosniff`` everywhere, a CSP on any HTML without one.

Pages set their own Content-Security-Policy (the staff pages', the query page's,
the visual's, Swagger UI's); this middleware makes sure nothing leaves without
``X-Content-Type-Options: nosniff`` (JSON, CSV, RDF, static files, errors) and
that an HTML answer that set no policy gets the strictest one, which allows
nothing but this server's own files.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DEFAULT_CSP", "SecurityHeaders"]

#: For an HTML answer that chose no policy of its own.
DEFAULT_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'self'")


class SecurityHeaders:
    """ASGI middleware: ``nosniff`` on every response, :data:`DEFAULT_CSP` on bare HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if (headers.get("content-type", "").startswith("text/html")
                        and "content-security-policy" not in headers):
                    headers["Content-Security-Policy"] = DEFAULT_CSP
            await send(message)

        await self.app(scope, receive, send_with_headers)

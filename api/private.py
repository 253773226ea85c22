"""Private reading: with ``CITYGRAPH_PRIVATE``, every page and answer needs a signed-in user.

By default reading the graph is public and only the curation pages need a
session.  An operator who turns reading off sets ``CITYGRAPH_PRIVATE=1``:
then a visitor without a session gets 401 (a browser is sent to ``/login``)
everywhere but the sign-in page, the site's static files, ``/health`` and
``/sparql/update`` (which has its own bearer token, for machines).
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import quote

from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["OPEN", "PrivateReading"]

#: paths anyone may ask for, signed in or not
OPEN = ("/login", "/static/", "/health", "/sparql/update", "/favicon.ico")


class PrivateReading:
    """ASGI middleware: when the app's settings say private, refuse visitors not signed in."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the request through, or answer 401 / send a browser to the sign-in page."""
        runtime = getattr(scope["app"].state, "runtime", None) if "app" in scope else None
        if (scope["type"] != "http" or runtime is None or not runtime.settings.private
                or scope["path"].startswith(OPEN)):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        cookie = SimpleCookie(headers.get("cookie", ""))
        token = cookie["citygraph_session"].value if "citygraph_session" in cookie else ""
        if runtime.accounts is not None and runtime.accounts.session(token) is not None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            response: JSONResponse | RedirectResponse = RedirectResponse(
                "/login?next=" + quote(scope["path"]), status_code=303)
        else:
            response = JSONResponse({"error": "unauthorized", "message": "This citygraph is "
                                     "private: sign in at /login first."}, 401)
        await response(scope, receive, send)

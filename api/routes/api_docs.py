"""``/docs``: Swagger UI for the OpenAPI document, served by the app itself.

Swagger UI's files come from the ``swagger-ui-bundle-v2`` package (its
``swagger_ui_path``), so the page works with no network: nothing is fetched
from a CDN and nothing is downloaded at run time.  The page has no inline
script (``/static/swagger-init.js`` starts Swagger UI), so it runs under a
content security policy that allows only this server's scripts.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from citygraph.ingest.errors import NotFound

__all__ = ["ASSETS", "DOCS_HEADERS", "router"]

router = APIRouter(include_in_schema=False)

#: The files of Swagger UI the page loads, and their media types.
ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "favicon-32x32.png": "image/png"}

#: Swagger UI sets inline styles and draws data: images; scripts only from this server.
DOCS_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>citygraph API</title>
<link rel="icon" type="image/png" href="/swagger-ui/favicon-32x32.png">
<link rel="stylesheet" href="/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """Swagger UI, reading ``/openapi.json``."""
    return HTMLResponse(PAGE, headers=DOCS_HEADERS)


@router.get("/swagger-ui/{name}")
def asset(name: str) -> FileResponse:
    """One of Swagger UI's files, from the installed package."""
    if name not in ASSETS:
        raise NotFound(f"no Swagger UI file is called {name!r}")
    return FileResponse(Path(swagger_ui_path) / name, media_type=ASSETS[name],
                        headers={"Cache-Control": "public, max-age=86400",
                                 "X-Content-Type-Options": "nosniff"})

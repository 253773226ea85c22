"""``/``: a plain home page pointing at the SPARQL endpoint and its examples."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from citygraph.api.deps import FocusDep
from citygraph.api.examples import EXAMPLES

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse)
async def home(focus: FocusDep) -> str:
    """List the example queries, each a link that runs it."""
    items = "\n".join(
        f'<li><a href="/sparql?{escape(urlencode({"query": ex.sparql(focus), "format": "json"}))}">'
        f'{escape(ex.title_en)}</a><br><span lang="ko">{escape(ex.title_ko)}</span></li>'
        for ex in EXAMPLES
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>citygraph</title></head>
<body><main>
<h1>citygraph</h1>
<p>A knowledge graph of city partnerships. SPARQL 1.1 endpoint:
<a href="/sparql">/sparql</a> (GET <code>?query=</code> or POST).
Health: <a href="/health">/health</a>.</p>
<h2>Example queries <span lang="ko">예시 질의</span></h2>
<ul>
{items}
</ul>
</main></body></html>"""

r"""The visual as one self-contained HTML page: no request leaves the page.

:func:`render_page` fills ``templates/visual.html`` (Jinja2, autoescaped) with
vis-network's script and style read from the installed pyvis package, our own
``static/visual.js`` and ``static/visual.css``, and the model as a JSON island
(``<script type="application/json" id="citygraph-data">``) in which ``<``,
``>``, ``&``, U+2028 and U+2029 are written as ``\u`` escapes, so no label can
end the script.  The page's script builds everything with DOM calls and
``textContent``; a Content-Security-Policy forbids any fetch.  pyvis's own
template is not used: it loads Bootstrap and vis-network from CDNs and
renders some values as raw HTML.

Callers write the page with ``encoding="utf-8"``.

Examples
--------
>>> from citygraph.graph.network.project import city_network, example_store
>>> from citygraph.visuals.model import build_model
>>> g = city_network(example_store())
>>> html = render_page(build_model(g, "https://w3id.org/citygraph/id/place/seoul"))
>>> html.startswith("<!doctype html>"), 'id="citygraph-data"' in html
(True, True)
>>> json_island({"label": "</script>"})
'{"label": "\\u003c/script\\u003e"}'
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from citygraph.ingest.errors import Unsupported
from citygraph.visuals.model import VisualModel

__all__ = ["VIS_VERSION", "json_island", "model_data", "render_page"]

#: The vis-network shipped with pyvis, inlined into the page.
VIS_VERSION = "9.1.2"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_island(data: Any) -> str:
    r"""``data`` as JSON safe inside a ``<script>`` element (see the module docstring).

    >>> json_island(["a&b", "\u2028"])
    '["a\\u0026b", "\\u2028"]'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return "".join(_ESCAPES.get(c, c) for c in text)


def model_data(model: VisualModel) -> dict[str, Any]:
    """The model as the page reads it: plain JSON values, points as flat lists.

    Nodes leave their facts out: the page builds tooltips from the edges, so a
    tooltip follows the filters.

    >>> from citygraph.graph.network.project import city_network, example_store
    >>> from citygraph.visuals.model import build_model
    >>> g = city_network(example_store())
    >>> data = model_data(build_model(g, "https://w3id.org/citygraph/id/place/seoul"))
    >>> sorted(data["nodes"][0])[:4], data["edges"][0]["category"]
    (['anchor_x', 'anchor_y', 'color', 'continent'], 'sister')
    """
    nodes = [
        {name: getattr(n, name) for name in n.__slots__ if name != "facts"}
        for n in model.nodes
    ]
    edges = [
        {name: getattr(e, name) for name in e.__slots__}
        for e in model.edges
    ]
    return {
        "focus": model.focus, "title": model.title, "title_ko": model.title_ko,
        "layout": model.layout, "lang": model.lang, "theme": model.theme, "scope": model.scope,
        "first_year": model.first_year, "last_year": model.last_year,
        "default_year": model.default_year, "center_lon": model.center_lon,
        "width": model.width, "height": model.height, "unplaced_top": model.unplaced_top,
        "sources": model.sources, "version": model.version,
        "data_date": max((e.date for e in model.edges if e.date), default=None),
        "categories": [
            {"code": c.code, "label": c.label, "label_ko": c.label_ko, "color": c.color,
             "dashes": list(c.dashes), "count": c.count}
            for c in model.categories
        ],
        "continents": [
            {"code": c.code, "label": c.label, "label_ko": c.label_ko, "color": c.color}
            for c in model.continents
        ],
        "nodes": nodes,
        "edges": [{**e, "sources": list(e["sources"])} for e in edges],
        "background": [
            {"kind": line.kind, "closed": line.closed,
             "points": [v for point in line.points for v in point]}
            for line in model.background
        ],
    }


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("citygraph.visuals", "templates"),
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)


@cache
def _assets() -> dict[str, str]:
    # pyvis's own files, found without importing pyvis (and the modules it pulls in)
    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise Unsupported("pyvis is not installed; it ships the vis-network the page inlines")
    vis = Path(spec.origin).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    static = files("citygraph.visuals").joinpath("static")
    assets = {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "search_js": static.joinpath("search.js").read_text(encoding="utf-8"),
        "labels_js": static.joinpath("labels.js").read_text(encoding="utf-8"),
        "card_js": static.joinpath("card.js").read_text(encoding="utf-8"),
        "js": static.joinpath("visual.js").read_text(encoding="utf-8"),
        "css": static.joinpath("visual.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        end = "</style" if name.endswith("css") else "</script"
        if end in text.lower():
            raise RuntimeError(f"{name} holds {end}> and cannot be inlined")
    return assets


def render_page(model: VisualModel, *, home: str | None = None) -> str:
    """The whole page for ``model``: one HTML document with everything inline.

    ``home``, when given (the site serves the page), is the address of the
    site's home page, linked at the top in the page's language.

    The page exposes ``window.citygraph`` (``ready``, ``visibleEdges()`` (ties
    counted now), ``drawnEdges()`` (ids of the lines drawn), ``visibleNodes()``,
    ``setYear(y)``, ``setUndated(on)``, ``setKinds(list)``, ``setLang(l)``,
    ``setTheme(t)``, ``present(on)``, ``showControls(on)``, ``search(text)``,
    ``tooltip(id)``, ``label(id)``, ``lane(id)``, ``palette()``) and sets
    ``document.body.dataset.ready`` once drawn (after the force layout's
    stabilisation).  ``?export=1`` draws the slide (no controls, type for the
    room), ``?embed=1`` the framed view (a click on a city opens its page in
    the whole window).
    """
    assets = {name: Markup(text) for name, text in _assets().items()}  # noqa: S704 (files we ship)
    korean = model.lang == "ko"
    return _environment().get_template("visual.html").render(
        lang=model.lang,
        theme=model.theme,
        home=home,
        home_text="홈" if korean else "Home",
        controls_text="조작" if korean else "Controls",
        title=model.title_ko if korean else model.title,
        data=Markup(json_island(model_data(model))),  # noqa: S704 (escaped for <script>)
        **assets,
    )

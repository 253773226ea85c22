"""``/agreements``: agreements with facets (kind, years, continent, country); CSV and JSON.

``/agreements.json`` and ``/agreements.csv`` answer exactly the rows the page
shows for the same query string.  An invalid filter value is a 422 page (or
JSON ``{"error": "invalid_parameter", "message": ...}``) naming the parameter.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from citygraph.api.pages import agreements_page as ap
from citygraph.api.pages.site import language, pick_name, respond
from citygraph.api.state import FocusDep, StoreDep
from citygraph.graph import read
from citygraph.graph.network.groups import group_labels
from citygraph.graph.store.guarded import GuardedStore

__all__ = ["router"]

router = APIRouter(tags=["pages"])

ALL = 1_000_000  # every agreement and place: the page filters and counts itself
TITLE = ("Agreements", "협약")


def _page(request: Request, store: GuardedStore, focus: str) -> ap.AgreementsPage:
    filters = ap.parse_filters(request.query_params)
    agreements = read.list_agreements(store, focus, limit=ALL).items
    places = {c.iri: ap.Place(c.country, c.continent)
              for c in read.list_cities(store, focus, limit=ALL).items}
    return ap.build_page(ap.to_rows(agreements, places, focus), filters)


@router.get("/agreements", response_class=HTMLResponse)
@router.get("/agreements.json", include_in_schema=False)
def agreements(request: Request, store: StoreDep, focus: FocusDep) -> Response:
    """The focus city's agreements, filtered by the facets of a GET form."""
    page = _page(request, store, focus)
    lang = language(request)
    kinds, continents = read.concepts(store, "agreement", "continent")
    query = urlencode(page.filters)
    suffix = f"?{query}" if query else ""

    def link(**changes: object) -> str:
        params = {**page.filters, **{k: str(v) for k, v in changes.items()}}
        params = {k: v for k, v in params.items() if changes.get(k, v) is not None}
        return "/agreements" + (f"?{urlencode(params)}" if params else "")

    countries = sorted(page.facets.country.items(),
                       key=lambda item: (item[0] == ap.UNKNOWN, ap.country_label(item[0], lang)))
    return respond(
        request, "agreements.html", page, title=TITLE,
        csv_url=f"/agreements.csv{suffix}", data_json_url=f"/agreements.json{suffix}",
        kind_label=lambda kind: ap.kind_label(kind, lang, kinds),
        continent_label=lambda code: ap.continent_label(code, lang, continents),
        country_label=lambda code: ap.country_label(code, lang),
        unknown=ap.UNKNOWN, link=link, countries=countries,
        filters=page.filters,
        group_label=lambda code: pick_name(dict(zip(("label_en", "label_ko"),
                                                     group_labels()[code], strict=True)), lang),
        figures=read.figures(store, focus),
    )


@router.get("/agreements.csv", response_class=Response, responses={
    200: {"content": {"text/csv": {}}, "description": "The rows the page shows, as CSV."}})
def agreements_csv(request: Request, store: StoreDep, focus: FocusDep) -> Response:
    """The rows ``/agreements`` shows for the same query string, as CSV (UTF-8 with BOM)."""
    page = _page(request, store, focus)
    text = ap.to_csv(page.rows)
    return Response(("\ufeff" + text).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=agreements.csv",
                             "X-Content-Type-Options": "nosniff"})

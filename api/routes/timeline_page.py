"""``/timeline``: agreements per year by kind, as a server-drawn SVG chart.

The chart is inline SVG (laid out by :mod:`citygraph.api.pages.timeline_chart`,
written by the template ``timeline_chart.svg``), with the same numbers in a
table below it; ``/timeline.json`` answers them as JSON.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from citygraph.api.pages import timeline_chart as tc
from citygraph.api.pages.site import language, pick_name, respond
from citygraph.api.state import FocusDep, StoreDep
from citygraph.graph import read
from citygraph.graph.network.groups import group_labels

__all__ = ["router"]

router = APIRouter(tags=["pages"])


@router.get("/timeline", response_class=HTMLResponse)
@router.get("/timeline.json", include_in_schema=False)
def timeline(request: Request, store: StoreDep, focus: FocusDep) -> Response:
    """The focus city's agreements per year, stacked by kind, and the same as a table."""
    counted = read.timeline(store, focus)
    labels = {code: tc.KindLabel(code, en, ko) for code, (en, ko) in group_labels().items()}
    chart = tc.chart_data(counted, labels)
    lang = language(request)
    city = pick_name(counted.focus, lang)
    span = (f"{chart.years[0].year}–{chart.years[-1].year}" if chart.years else "")
    label = (f"{city}의 연도별·종류별 협약 수 {span}: 모두 {chart.total}건" if lang == "ko"
             else f"Agreements of {city} per year and kind, {span}: {chart.total} in all")
    return respond(request, "timeline.html", chart, title=("Timeline", "연표"),
                   drawing=tc.draw(chart, lang, title=label), chart_label=label, city=city,
                   figures=read.figures(store, focus))

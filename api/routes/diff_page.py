"""``/diff``: the focus city's ties, curated against a list's; ``/diff.csv`` and JSON.

The page is the staff's to-do list after a build with the world's twin-town
list: ties only curated (the list lacks them), only listed (to check and
curate), in both, disagreements, and the ties of the focus city's districts
(:mod:`citygraph.graph.read.diff`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from citygraph.api.pages.site import respond
from citygraph.api.state import FocusDep, StoreDep
from citygraph.graph.read.diff import diff_csv, tie_diff

__all__ = ["router"]

router = APIRouter(tags=["pages"])
TITLE = ("Curated and listed ties", "큐레이션 결연과 목록상의 결연")


@router.get("/diff", response_class=HTMLResponse)
@router.get("/diff.json", include_in_schema=False)
def diff(request: Request, store: StoreDep, focus: FocusDep) -> Response:
    """The focus city's ties: only curated, only listed, both; disagreements; districts'."""
    return respond(request, "diff.html", tie_diff(store, focus), title=TITLE,
                   csv_url="/diff.csv", data_json_url="/diff.json")


@router.get("/diff.csv", response_class=Response, responses={
    200: {"content": {"text/csv": {}}, "description": "One row per tie, its status first."}})
def diff_as_csv(store: StoreDep, focus: FocusDep) -> Response:
    """The diff as CSV (UTF-8 with BOM)."""
    text = diff_csv(tie_diff(store, focus))
    return Response(("\ufeff" + text).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=diff.csv",
                             "X-Content-Type-Options": "nosniff"})

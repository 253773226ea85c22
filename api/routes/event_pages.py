"""``/events`` and ``/events/{id}``: forums, prizes and laureates; a forum's page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from citygraph.api.pages import event_page
from citygraph.api.pages.city_page import agreement_anchor, shown_date
from citygraph.api.pages.site import class_namer, language, respond, strip_json
from citygraph.api.state import FocusDep, StoreDep
from citygraph.graph import read
from citygraph.graph.network.groups import GROUPS, group_of

__all__ = ["router"]

router = APIRouter(tags=["pages"])

ALL = 1_000_000


def _helpers(lang: str) -> dict[str, Any]:
    """The events templates' own functions, in the page's language."""
    return {
        "when": lambda start, end=None: event_page.date_range(start, end, lang),
        "day_label": lambda day: event_page.day_label(day, lang),
        "ordinal": event_page.ordinal,
        "is_place": lambda ref: ref.type in ("City", "Region"),
    }


@router.get("/events")
@router.get("/events.json")
def events(request: Request, store: StoreDep) -> Response:
    """The forum editions, other top-level events, and every prize with its laureates."""
    overview = event_page.events_overview(store)
    return respond(request, "events.html", overview,
                   title=("Forums and prizes", "포럼과 상"), **_helpers(language(request)))


@router.get("/events/{id}")
def event(request: Request, store: StoreDep, focus: FocusDep, id: str) -> Response:
    """One event: programme by day, participants, exhibitors, agreements, sources."""
    id_, _ = strip_json(id)
    detail = read.event_detail(store, focus, id_)
    (kinds,) = read.concepts(store, "event")
    classes = read.class_labels(store)
    title_en = detail.name_en or detail.name_ko or detail.id
    parts = (*detail.sessions, *detail.side_events)
    side = event_page.programme(detail.id, detail.side_events)
    earlier = {a.id: a for a in read.list_agreements(store, focus, limit=ALL).items}
    meetings = [p for p in detail.participants if p.event.kind == "bilateral_meeting"]
    signed = sorted(detail.agreements, key=lambda a: (
        GROUPS.index(group_of(a.kind.code, a.kind.broader)), a.year or 9999, a.id))
    return respond(
        request, "event.html", detail, title=(title_en, detail.name_ko or title_en),
        days=event_page.programme(detail.id, parts),
        side_by_kind=event_page.by_kind(item for day in side for item in day.items),
        roles=event_page.by_role(detail.participants), kinds=kinds,
        type_label=class_namer(classes, language(request)),
        parties=lambda a: event_page.focus_first(a.parties, focus), earlier=earlier,
        meetings=meetings, focus=focus, partner_href=lambda a: _partner_href(a, focus),
        shown_date=shown_date, signed=signed,
        **_helpers(language(request)),
    )


def _partner_href(a: read.AgreementView, focus: str) -> str:
    """The city page of the agreement's partner, at the agreement's entry."""
    partner = next((p for p in a.parties if p.iri != focus), a.parties[0])
    return f"/cities/{partner.id}#{agreement_anchor(a.id)}"

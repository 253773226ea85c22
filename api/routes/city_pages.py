"""``/cities/{id}``: a city's page: its tie with the focus city first, then names and ties.

``/cities/{id}.json`` (or ``Accept: application/json``) answers the same data:
the city's :class:`~citygraph.graph.read.read.CityDetail`, the focus city and the
dated list of ties (:func:`~citygraph.api.pages.city_page.city_timeline`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool

from citygraph.api.pages.city_page import (
    Entry,
    Tie,
    agreement_anchor,
    city_timeline,
    current_ties,
    land_path,
    mini_map,
    shown_date,
)
from citygraph.api.pages.site import respond, strip_json
from citygraph.api.state import CacheDep, FocusDep, StoreDep
from citygraph.graph import read
from citygraph.ontology.vocab import local_path

__all__ = ["CityPageData", "router"]

router = APIRouter(tags=["pages"], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class CityPageData:
    """The city page: the city, the focus city, and their ties in date order."""

    city: read.CityDetail
    focus: read.Ref
    is_focus: bool
    ties: tuple[Tie, ...]
    """The agreements in force with the focus city, with what they upgraded: the first screen."""
    timeline: tuple[Entry, ...]


@router.get("/cities/{id}")
async def city(request: Request, store: StoreDep, focus: FocusDep, derived: CacheDep,
               id: Annotated[str, Path(min_length=1, max_length=300)]) -> Response:
    """One city or region: names, map, identifiers, its ties with the focus city, sources."""
    key, _ = strip_json(id)
    detail = await run_in_threadpool(read.city_detail, store, focus, key)
    event_kinds, themes = await run_in_threadpool(read.concepts, store, "event", "theme")
    g = await derived.network()
    shared: set[str] = set()
    if detail.iri in g and focus in g and detail.iri != focus:
        shared = {str(d["event"]) for d in g.get_edge_data(detail.iri, focus, default={}).values()
                  if d.get("event")}
    here = g.nodes[focus] if focus in g else {}
    focus_ref = read.Ref(str(here.get("key") or read.path_id(focus)), focus, "City",
                          here.get("label"), here.get("label_ko"))
    data = CityPageData(detail, focus_ref, detail.iri == focus, current_ties(detail),
                        city_timeline(detail, focus, shared))
    where = mini_map(detail.location.lat, detail.location.lon, here.get("lat"), here.get("lon"))
    en = detail.name_en or detail.name_ko or detail.id
    return respond(request, "city.html", data, title=(en, detail.name_ko or en),
                   where=where, land=land_path(), local_path=local_path,
                   anchor=agreement_anchor, event_kinds=event_kinds, themes=themes,
                   shown_date=shown_date)

"""``/api/...``: the entities as JSON (cities, agreements, events, people, sources ...).

Thin routes over :mod:`citygraph.graph.read`: each checks its parameters
(FastAPI, from the annotations), calls one view in the thread pool (the
routes are plain functions, so queries never block the event loop) and
returns the view's dataclass as it is: the read model is the API's model, so
a field added to a view is in the answer and in the OpenAPI schema (whose
examples are :mod:`citygraph.api.samples`).  Every error is
JSON ``{"error": code, "message": ...}`` (:mod:`citygraph.api.errors`):
unknown ids 404, invalid parameters 422, answers larger than the row cap or
slower than the time limit 503.  Filters that exclude each other (``since`` after
``until``) give an empty list, not an error.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Query

from citygraph.api.samples import responses
from citygraph.api.settings import Settings
from citygraph.api.state import FocusDep, SettingsDep, StoreDep
from citygraph.graph import read
from citygraph.graph.home import documents_dir
from citygraph.graph.store.opening import home_of
from citygraph.ingest.facts import AgreementKind, Continent, EventKind, OrgKind, PolicyTheme

__all__ = ["router"]


router = APIRouter(prefix="/api")


def _documents(settings: Settings) -> FilePath:
    return documents_dir(home_of(settings.store, settings.home))


# -- parameters ------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).",
                             examples=[50])]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.",
                              examples=[0])]
Since = Annotated[int | None, Query(ge=1, le=9999, description=(
    "Earliest year (inclusive): keep agreements with a reading in or after it."),
    examples=[2010])]
Until = Annotated[int | None, Query(ge=1, le=9999, description=(
    "Latest year (inclusive): keep agreements with a reading in or before it."),
    examples=[2023])]
Search = Annotated[str | None, Query(max_length=200, description=(
    "Case-insensitive substring of an English or Korean name."), examples=["웰링턴"])]
CountryCode = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description=(
    "ISO 3166-1 alpha-2 country code (any case)."), examples=["NZ"])]
KindOfAgreement = Annotated[AgreementKind | None, Query(description=(
    "Agreement kind; a narrower kind counts too (sister takes chinseon)."),
    examples=["sister"])]
CityId = Annotated[str, Path(min_length=1, max_length=300, description=(
    "The data key (e.g. wellington) or the last segment of the IRI (e.g. gn2179537)."),
    examples=["wellington"])]
EventId = Annotated[str, Path(min_length=1, max_length=300, description=(
    "The data key of the event (the last segment of its IRI)."), examples=["wcsmf-12"])]
SourceId = Annotated[str, Path(min_length=1, max_length=300, description=(
    "The id /api/sources lists: a document key, or url- and 12 hex digits."),
    examples=["wcsmf-2023-seoul.ko"])]


# -- cities ------------------------------------------------------------------------------------


@router.get(
    "/cities", tags=["cities"], responses=responses(read.CityPage),
    summary="Cities and regions, with filters and facets",
    description=(
        "Every city and region, sorted by English name. `kind`, `since` and `until` are about "
        "agreements with the focus city (a city passes when one of its agreements with the "
        "focus city matches all three; a reading's year counts); `q` matches English and "
        "Korean labels and aliases. `facets` count every match (not only this page) per "
        "country, continent and agreement kind."
    ),
)
def cities(
    store: StoreDep,
    focus: FocusDep,
    country: CountryCode = None,
    continent: Annotated[Continent | None, Query(description="Continent code.",
                                                 examples=["OC"])] = None,
    kind: KindOfAgreement = None,
    since: Since = None,
    until: Until = None,
    q: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.CityPage:
    """List cities and regions."""
    page = read.list_cities(
        store, focus, country=country, continent=continent.value if continent else None,
        kind=kind.value if kind else None, since=since, until=until, q=q, limit=limit,
        offset=offset,
    )
    return page


@router.get(
    "/cities/{id}", tags=["cities"], responses=responses(read.CityDetail, 404),
    summary="One city or region, with its agreements and their sources",
    description=(
        "Names and aliases, location, Wikidata and GeoNames links; every agreement it is a "
        "party to (those with the focus city first), each with its readings (the date each "
        "source gives, with the document, locator and data row) and the agreements it "
        "upgrades or that upgrade it; bilateral meetings and other events it, its mayor or its "
        "government took part in; people in office; policies; prizes."
    ),
)
def city(store: StoreDep, focus: FocusDep, id: CityId) -> read.CityDetail:
    """Show one city or region."""
    detail = read.city_detail(store, focus, id)
    return detail


# -- agreements --------------------------------------------------------------------------------


@router.get(
    "/agreements", tags=["agreements"],
    responses=responses(read.Page[read.AgreementView], 404),
    summary="Agreements, with their readings and sources",
    description=(
        "Every agreement, sorted by the year of its earliest reading. `kind` takes narrower "
        "kinds too; `since`/`until` keep agreements with a reading in the range; `party` is "
        "the id of a city, region, country or organisation that is a party."
    ),
)
def agreements(
    store: StoreDep,
    focus: FocusDep,
    kind: KindOfAgreement = None,
    since: Since = None,
    until: Until = None,
    party: Annotated[str | None, Query(min_length=1, max_length=300, description=(
        "Id of a party (data key or IRI segment)."), examples=["wellington"])] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.Page[read.AgreementView]:
    """List agreements."""
    page = read.list_agreements(store, focus, kind=kind.value if kind else None,
                                 since=since, until=until, party=party, limit=limit,
                                 offset=offset)
    return page


# -- events ------------------------------------------------------------------------------------


@router.get(
    "/events", tags=["events"], responses=responses(read.Page[read.EventSummary]),
    summary="Events: forums, sessions, exhibitions, visits, meetings",
    description=(
        "Every event, sorted by start date. `since`/`until` are years of the start date; "
        "`part_of` keeps the direct parts of one event."
    ),
)
def events(
    store: StoreDep,
    kind: Annotated[EventKind | None, Query(description="Event kind.",
                                            examples=["forum"])] = None,
    since: Annotated[int | None, Query(ge=1, le=9999, description="Earliest start year.",
                                       examples=[2020])] = None,
    until: Annotated[int | None, Query(ge=1, le=9999, description="Latest start year.",
                                       examples=[2025])] = None,
    part_of: Annotated[str | None, Query(min_length=1, max_length=300, description=(
        "Id of the enclosing event."), examples=["wcsmf-12"])] = None,
    q: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.Page[read.EventSummary]:
    """List events."""
    page = read.list_events(store, kind=kind.value if kind else None, since=since,
                             until=until, part_of=part_of, q=q, limit=limit, offset=offset)
    return page


@router.get(
    "/events/{id}", tags=["events"], responses=responses(read.EventDetail, 404),
    summary="One event, with its sessions, participants and exhibitors by zone",
    description=(
        "`sessions` are its direct parts of kind forum_session; `side_events` every other "
        "part, at any depth; `participants` every participation in it or its parts, with "
        "roles (exhibitors aside); `exhibitors` grouped by the exhibition or theme zone they "
        "are listed under; `stated_counts` the numbers sources give; `agreements` those "
        "signed at it."
    ),
)
def event(store: StoreDep, focus: FocusDep, id: EventId) -> read.EventDetail:
    """Show one event."""
    detail = read.event_detail(store, focus, id)
    return detail


# -- people, organisations, policies -----------------------------------------------------------


@router.get(
    "/people", tags=["people"], responses=responses(read.Page[read.PersonItem]),
    summary="People and their offices",
    description="Every person, sorted by English name, with the offices the graph knows.",
)
def people(store: StoreDep, q: Search = None, limit: Limit = 50,
           offset: Offset = 0) -> read.Page[read.PersonItem]:
    """List people."""
    page = read.list_people(store, q=q, limit=limit, offset=offset)
    return page


@router.get(
    "/organizations", tags=["organizations"],
    responses=responses(read.Page[read.OrganizationItem]), summary="Organisations",
    description="Every organisation, sorted by English name; filters by kind and country.",
)
def organizations(
    store: StoreDep,
    kind: Annotated[OrgKind | None, Query(description="Organisation kind.",
                                          examples=["government"])] = None,
    country: CountryCode = None,
    q: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.Page[read.OrganizationItem]:
    """List organisations."""
    page = read.list_organizations(store, kind=kind.value if kind else None,
                                    country=country, q=q, limit=limit, offset=offset)
    return page


@router.get(
    "/policies", tags=["policies"], responses=responses(read.Page[read.PolicyItem]),
    summary="Policies", description="Every policy, sorted by English name; filters by theme "
                                    "and owner (a city or organisation id).",
)
def policies(
    store: StoreDep,
    theme: Annotated[PolicyTheme | None, Query(description="Policy theme.",
                                               examples=["companionship"])] = None,
    owner: Annotated[str | None, Query(min_length=1, max_length=300,
                                       description="Id of the owner.",
                                       examples=["seoul"])] = None,
    q: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.Page[read.PolicyItem]:
    """List policies."""
    page = read.list_policies(store, theme=theme.value if theme else None, owner=owner,
                               q=q, limit=limit, offset=offset)
    return page


# -- sources -----------------------------------------------------------------------------------


@router.get(
    "/sources", tags=["sources"], responses=responses(read.Page[read.SourceItem]),
    summary="Source documents",
    description=(
        "Every document cited as evidence, sorted by id, with the named graphs whose facts "
        "cite it and how many facts; `q` matches title, publisher, URL or id; `dataset` keeps "
        "the documents one named graph cites (e.g. partners, document/{id})."
    ),
)
def sources(
    store: StoreDep,
    settings: SettingsDep,
    q: Search = None,
    dataset: Annotated[str | None, Query(min_length=1, max_length=300, description=(
        "Key of a named graph."), examples=["partners"])] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> read.Page[read.SourceItem]:
    """List source documents."""
    page = read.list_sources(store, _documents(settings), q=q, dataset=dataset,
                              limit=limit, offset=offset)
    return page


@router.get(
    "/sources/{id}", tags=["sources"], responses=responses(read.SourceDetail, 404),
    summary="One source document with its facts and evidence",
    description=(
        "Every fact the document supports with the evidence of each: for an ingested document "
        "the character span (`start`, `end`) and, when its text is kept in the home folder, "
        "the quoted `quote`; for a curated source the dataset, file and line of each row "
        "citing it (`rows`)."
    ),
)
def source(store: StoreDep, settings: SettingsDep, id: SourceId) -> read.SourceDetail:
    """Show one source document."""
    detail = read.source_detail(store, id, _documents(settings))
    return detail


# -- timeline and stats ------------------------------------------------------------------------


@router.get(
    "/timeline", tags=["timeline"], responses=responses(read.Timeline),
    summary="The focus city's agreements per year, kind and continent",
    description=(
        "Each agreement of the focus city counts once, in the year of its earliest reading "
        "(`unknown` when no source dates it), under its own kind (chinseon apart from sister) "
        "and its partner's continent."
    ),
)
def timeline(store: StoreDep, focus: FocusDep) -> read.Timeline:
    """Count the focus city's agreements over time."""
    found = read.timeline(store, focus)
    return found


@router.get(
    "/stats", tags=["stats"], responses=responses(read.Stats),
    summary="Size of the graph",
    description=(
        "Quads, the graph's version (embedded stores), resources per citygraph class, "
        "agreements per kind and triples per named graph."
    ),
)
def stats(store: StoreDep, focus: FocusDep) -> read.Stats:
    """Count what the graph holds."""
    version = getattr(store, "version", None)
    found = read.stats(store, focus, quads=store.quad_count(),
                        version=version if isinstance(version, str) else None)
    return found

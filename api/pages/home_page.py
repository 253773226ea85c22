"""The home page's and the search page's data: key figures, recent agreements, results.

:func:`home_data` gathers, in one worker thread, what the home page shows:
the key figures (:func:`citygraph.graph.read.figures`, each with what it
counts), agreements per decade and the latest agreements.  :func:`results`
shapes the search index's hits for the search page, a clear city match
first (:func:`city_first`).

Examples
--------
>>> decades({"1968": 1, "1975": 2, "2023": 5, "unknown": 11})
(DecadeCount(decade=1960, count=1), DecadeCount(decade=1970, count=2), \
DecadeCount(decade=2020, count=5))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from citygraph.api.pages.city_page import shown_date
from citygraph.graph import read
from citygraph.graph.read.search import Hit, normalise
from citygraph.graph.store.base import Store

__all__ = ["MAX_QUERY", "PLACE_TYPES", "DecadeCount", "HomeData", "RecentAgreement", "Result",
           "SearchPage", "city_first", "decades", "home_data", "results"]

PLACE_TYPES = ("City", "Region")
MAX_QUERY = 200  # characters, as /api/search
RECENT = 8
TOP_COUNTRIES = 6


@dataclass(frozen=True, slots=True)
class DecadeCount:
    """Agreements first dated in one decade."""

    decade: int
    count: int


@dataclass(frozen=True, slots=True)
class RecentAgreement:
    """One of the latest agreements, with the partner it links to."""

    id: str
    date: str | None
    year: int | None
    kind: read.Kind
    partners: tuple[read.Ref, ...]
    readings: tuple[read.Evidence, ...]


@dataclass(frozen=True, slots=True)
class HomeData:
    """What the home page shows about the focus city's partnerships."""

    focus: read.Ref
    figures: read.Figures
    """The key figures, each with what it counts (:func:`citygraph.graph.read.figures`)."""
    top_countries: tuple[read.PlaceCount, ...]
    by_decade: tuple[DecadeCount, ...]
    recent: tuple[RecentAgreement, ...]


def decades(by_year: Mapping[str, int]) -> tuple[DecadeCount, ...]:
    """Counts per year (``unknown`` left out) summed per decade, oldest first."""
    found: Counter[int] = Counter()
    for year, count in by_year.items():
        if year.lstrip("-").isdigit():
            found[int(year) // 10 * 10] += count
    return tuple(DecadeCount(d, n) for d, n in sorted(found.items()))


def _recent(agreements: Sequence[read.AgreementView], focus: str) -> tuple[RecentAgreement, ...]:
    def latest(a: read.AgreementView) -> tuple[int, str, str]:
        return (a.year or 0, max(a.dates, default=""), a.id)

    dated = sorted((a for a in agreements if a.with_focus and a.year is not None), key=latest,
                   reverse=True)
    return tuple(
        RecentAgreement(a.id, shown_date(a.dates), a.year, a.kind,
                        tuple(p for p in a.parties if p.iri != focus), a.readings)
        for a in dated[:RECENT]
    )


def home_data(store: Store, focus: str) -> HomeData:
    """Gather the home page's figures (run it in a worker thread: it queries the store)."""
    figures = read.figures(store, focus)
    tl = read.timeline(store, focus)
    agreements = read.list_agreements(store, focus, limit=100_000).items
    return HomeData(focus=figures.focus, figures=figures,
                    top_countries=figures.by_country[:TOP_COUNTRIES],
                    by_decade=decades(tl.by_year), recent=_recent(agreements, focus))


# -- search ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Result:
    """One search result, with where it links and the country of a place."""

    id: str | None
    iri: str
    type: str
    label_en: str
    label_ko: str
    matched: str
    score: float
    href: str
    country_en: str | None = None
    country_ko: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """The search page: what was asked and what was found."""

    query: str
    count: int
    results: tuple[Result, ...]


def city_first(hits: Sequence[Hit], query: str) -> list[Hit]:
    """Put the clear city match first: one whose name is the query, else the only city.

    Only a city or region moves; the others keep the index's order.
    """
    wanted = normalise(query)
    places = [h for h in hits if h.type in PLACE_TYPES]
    exact = [h for h in places if wanted and wanted in {
        normalise(h.matched), normalise(h.label_en), normalise(h.label_ko), normalise(h.id or "")}]
    first = exact[0] if exact else places[0] if len(places) == 1 else None
    if first is None:
        return list(hits)
    return [first, *(h for h in hits if h is not first)]


def _href(hit: Hit) -> str:
    key = hit.id or read.path_id(hit.iri)
    if hit.type in PLACE_TYPES:
        return f"/cities/{key}"
    if hit.type == "Event":
        return f"/events/{key}"
    return hit.url or hit.iri


def results(query: str, hits: Sequence[Hit], places: Mapping[str, Mapping[str, Any]]) -> SearchPage:
    """The search page's data; ``places`` are the network's nodes (for countries)."""
    found = []
    for h in city_first(hits, query):
        node = places.get(h.iri, {})
        found.append(Result(
            id=h.id, iri=h.iri, type=h.type, label_en=h.label_en, label_ko=h.label_ko,
            matched=h.matched, score=h.score, href=_href(h),
            country_en=node.get("country_label"), country_ko=node.get("country_label_ko"),
        ))
    return SearchPage(query, len(found), tuple(found))

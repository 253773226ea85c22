"""The key figures, each with one definition, as every page and answer counts them.

The home page, the agreements page, the timeline, the visual's legend,
``/api/stats`` and the README show these numbers.

Every figure is counted here, once, from the projection the visual draws
(:func:`citygraph.graph.network.project.city_network`), and carries a short
sentence, in English and Korean, saying what it counts; pages print that
sentence beside the number.

=============  ================================================================
figure         counts
=============  ================================================================
agreements     agreements the focus city is a party to, each once however many
               sources state it; an upgraded agreement and its upgrade are two
sister ...     those agreements per group (:mod:`citygraph.graph.network.groups`):
               ``sister`` takes 친선도시 (chinseon), ``other`` every kind but
               sister, friendship and MOU
partners       cities and regions that are a party to one of those agreements
places         every city and region in the graph (``/api/cities``): the
               partners, the focus city, and forum or prize cities without an
               agreement
countries,     of the partners (a region counts in its country)
continents
undated        agreements no source dates
=============  ================================================================

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> f = figures(example_store(), "https://w3id.org/citygraph/id/place/seoul")
>>> f.agreements.count, [(g.code, g.count) for g in f.groups], f.partners.count
(1, [('sister', 1), ('friendship', 0), ('mou', 0), ('other', 0)], 1)
>>> f.groups[0].means_ko
'자매도시와 친선도시 협약, 출처가 여럿이어도 한 번씩'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from citygraph.graph.network.groups import GROUPS, focus_agreements, group_labels
from citygraph.graph.network.project import city_network
from citygraph.graph.read.common import UNKNOWN, Ref, focus_ref
from citygraph.graph.read.places import list_cities
from citygraph.graph.store.base import Store

__all__ = ["MEANS", "Figure", "Figures", "KindCount", "PlaceCount", "figures"]

ONCE_EN, ONCE_KO = "each once however many sources state it", "출처가 여럿이어도 한 번씩"

#: What each figure counts, in English and Korean (the line a page prints beside it).
MEANS: dict[str, tuple[str, str]] = {
    "agreements": (f"agreements {{focus}} is a party to, {ONCE_EN}; an upgrade and the "
                   "agreement it raises count as two",
                   f"{{focus}}의 협약, {ONCE_KO}; 격상 협약과 그 전 협약은 따로 셈"),
    "sister": (f"sister-city and 친선도시 (sister-level) agreements, {ONCE_EN}",
               f"자매도시와 친선도시 협약, {ONCE_KO}"),
    "friendship": (f"friendship-city agreements, {ONCE_EN}", f"우호도시 협약, {ONCE_KO}"),
    "mou": (f"memorandums of understanding, {ONCE_EN}", f"양해각서(MOU), {ONCE_KO}"),
    "other": (f"cooperation agreements, memorandums of exchange, common declarations and "
              f"agreements of a kind no source states, {ONCE_EN}",
              f"협력 협약·교류 각서·공동선언과 종류가 알려지지 않은 협약, {ONCE_KO}"),
    "partners": ("cities and regions with at least one agreement with {focus}",
                 "{focus}의 협약 상대인 도시와 지역 (협약이 하나 이상)"),
    "places": ("every city and region in the graph: the partners, {focus} itself, and "
               "forum and prize cities with no agreement",
               "그래프의 모든 도시와 지역: 교류 도시, {focus}, "
               "협약 없이 포럼·상으로만 이어진 도시"),
    "countries": ("countries of the partner cities and regions",
                  "교류 도시·지역이 속한 국가"),
    "continents": ("continents of the partner cities and regions",
                   "교류 도시·지역이 속한 대륙"),
    "undated": ("agreements no source gives a date for", "어느 출처도 날짜를 밝히지 않은 협약"),
}


@dataclass(frozen=True, slots=True)
class KindCount:
    """Agreements of one kind within a group."""

    code: str
    label_en: str | None
    label_ko: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Figure:
    """One number, its name and what it counts, in English and Korean."""

    code: str
    count: int
    label_en: str
    label_ko: str
    means_en: str
    means_ko: str
    kinds: tuple[KindCount, ...] = ()
    """For a group of agreements: its kinds and their counts (they sum to ``count``)."""


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """Partners on one continent or in one country."""

    code: str
    name_en: str | None
    name_ko: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Figures:
    """The key figures of the focus city's partnerships, each with its definition."""

    focus: Ref
    agreements: Figure
    groups: tuple[Figure, ...]
    """``sister``, ``friendship``, ``mou``, ``other``: they sum to ``agreements``."""
    partners: Figure
    places: Figure
    countries: Figure
    continents: Figure
    undated: Figure
    by_continent: tuple[PlaceCount, ...]
    """Partners per continent, most first (``unknown`` when none is known)."""
    by_country: tuple[PlaceCount, ...]
    """Partners per country, most first."""


def _figure(code: str, count: int, label: tuple[str, str], focus: tuple[str, str],
            kinds: tuple[KindCount, ...] = ()) -> Figure:
    en, ko = MEANS[code]
    return Figure(code, count, label[0], label[1], en.format(focus=focus[0]),
                  ko.format(focus=focus[1]), kinds)


def _ranked(counts: Counter[str], names: dict[str, tuple[str | None, str | None]]
            ) -> tuple[PlaceCount, ...]:
    return tuple(PlaceCount(code, *names.get(code, (None, None)), n)
                 for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def figures(store: Store, focus: str) -> Figures:
    """Count the key figures of the focus city (see the module's table).

    Raises
    ------
    TooLarge
        The store cut the projection at its row cap.
    """
    g = city_network(store, kinds={"agreement"})
    ref = focus_ref(store, focus)
    names = (ref.name_en or ref.id, ref.name_ko or ref.name_en or ref.id)
    found = focus_agreements(g, focus)
    labels = group_labels()
    groups = []
    for code in GROUPS:
        mine = [a for a in found if a.group == code]
        per_kind = Counter(a.kind for a in mine)
        kind_names = {a.kind: (a.kind_en, a.kind_ko) for a in mine}
        kinds = tuple(KindCount(k, *kind_names[k], n)
                      for k, n in sorted(per_kind.items(), key=lambda kv: (-kv[1], kv[0])))
        groups.append(_figure(code, len(mine), labels[code], names, kinds))
    partners = sorted({p for a in found for p in a.partners})
    continents: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    place_names: dict[str, tuple[str | None, str | None]] = {}
    for p in partners:
        d = g.nodes[p]
        cont = str(d.get("continent") or UNKNOWN)
        country = str(d.get("country") or UNKNOWN).rsplit("/", 1)[-1]
        continents[cont] += 1
        countries[country] += 1
        place_names.setdefault(cont, (d.get("continent_label"), d.get("continent_label_ko")))
        place_names.setdefault(country, (d.get("country_label"), d.get("country_label_ko")))
    places = list_cities(store, focus, limit=1).total
    return Figures(
        focus=ref,
        agreements=_figure("agreements", len(found), ("agreements", "협약"), names),
        groups=tuple(groups),
        partners=_figure("partners", len(partners), ("partner cities and regions",
                                                     "교류 도시·지역"), names),
        places=_figure("places", places, ("cities and regions in the graph",
                                          "그래프의 도시·지역"), names),
        countries=_figure("countries", len(set(countries) - {UNKNOWN}),
                          ("countries", "국가"), names),
        continents=_figure("continents", len(set(continents) - {UNKNOWN}),
                           ("continents", "대륙"), names),
        undated=_figure("undated", sum(a.year is None for a in found),
                        ("undated agreements", "날짜 모르는 협약"), names),
        by_continent=_ranked(continents, place_names),
        by_country=_ranked(countries, place_names),
    )

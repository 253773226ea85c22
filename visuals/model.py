"""What the visual shows: the focus city's network as plain frozen data.

:func:`build_model` reads a :func:`citygraph.graph.network.project.city_network`
graph and returns a :class:`VisualModel` that :func:`citygraph.visuals.page.render_page`
turns into a page.  Every tie falls into one **category**, which sets its
colour, dash pattern, legend entry and filter checkbox:

==========  ==============================================================
sister      agreement of kind ``sister`` or with ``sister`` among its
            broader kinds (``chinseon``)
friendship  agreement of kind ``friendship``
mou         agreement of kind ``mou``
other       any other agreement kind (cooperation, exchange, ...)
meeting     a bilateral meeting both took part in
forum       a forum (top-level event) both took part in
prize       a prize both won
==========  ==============================================================

Scope ``ego`` (the default) keeps the focus, every place tied to it and only
the ties of the focus (forum cliques among the others would clutter); scope
``all`` keeps every place and tie.  A tie with no known year has
``year=None``: the page shows it, marked undated, at the latest year and
hides it at earlier ones unless asked.  ``default_year``, where the page's
year slider starts, is the year of the latest dated agreement or meeting
(a prize or a forum does not move it); ``last_year`` is the latest of all.

Examples
--------
>>> from citygraph.graph.network.project import city_network, example_store
>>> g = city_network(example_store())
>>> model = build_model(g, "https://w3id.org/citygraph/id/place/seoul", lang="en")
>>> model.title, [e.category for e in model.edges], model.first_year, model.default_year
("Seoul's global network", ['sister'], 1968, 1968)
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import networkx as nx

from citygraph.graph.network.groups import group_labels, group_of
from citygraph.ingest.errors import InvalidParameter, NotFound
from citygraph.ontology import labels as ontology_labels
from citygraph.ontology import styles
from citygraph.visuals import layout as geo
from citygraph.visuals.world import land

__all__ = [
    "CATEGORIES",
    "CONTINENT_COLORS",
    "FOCUS_COLOR",
    "Category",
    "Continent",
    "Fact",
    "VisualEdge",
    "VisualModel",
    "VisualNode",
    "build_model",
    "category_labels",
    "category_of",
]

#: The categories of tie, in legend order: agreement kinds (``sister`` takes the narrower
#: ``chinseon``; ``other`` every kind not listed) and kinds of tie.  Their colours and
#: dashes are those of ``ontology/presentation.csv``, their names the ontology's labels.
CATEGORIES = ("sister", "friendship", "mou", "other", "meeting", "forum", "prize")
CONTINENT_COLORS = {
    "AS": "#4E79A7", "EU": "#59A14F", "NA": "#E15759", "SA": "#F28E2B",
    "AF": "#B07AA1", "OC": "#76B7B2", "AN": "#9C755F",
}
UNKNOWN_COLOR = "#8C8C8C"
FOCUS_COLOR = "#FFC20A"
FONT = 18.0  # label size in canvas pixels, for the declutter's boxes
LAYOUTS, LANGS, THEMES, SCOPES = ("geo", "force"), ("ko", "en"), ("light", "dark"), ("ego", "all")


@dataclass(frozen=True, slots=True)
class Category:
    """A legend and filter entry for one kind of tie."""

    code: str
    label: str
    label_ko: str
    color: str
    dashes: tuple[int, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Continent:
    """A legend entry for node colours (``code`` ``focus`` for the focus city)."""

    code: str
    label: str
    label_ko: str
    color: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One tie of a place, for its tooltip."""

    category: str
    other: str
    label: str
    label_ko: str
    date: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VisualEdge:
    """One tie: category, year (``None``: unknown), labels and sources."""

    id: str
    source: str
    target: str
    category: str
    relation: str
    kind: str | None
    year: int | None
    date: str | None
    label: str
    label_ko: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VisualNode:
    """One place: labels, colour, size, link, position (geo layout) and facts."""

    id: str
    key: str
    label: str
    label_ko: str
    country_label: str
    country_label_ko: str
    continent: str
    focus: bool
    ties: int
    size: float
    color: str
    url: str | None
    x: float | None
    y: float | None
    anchor_x: float | None
    anchor_y: float | None
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class VisualModel:
    """Everything the page shows; see :func:`build_model`."""

    focus: str
    title: str
    title_ko: str
    layout: str
    lang: str
    theme: str
    scope: str
    nodes: tuple[VisualNode, ...]
    edges: tuple[VisualEdge, ...]
    categories: tuple[Category, ...]
    continents: tuple[Continent, ...]
    first_year: int | None
    last_year: int | None
    default_year: int | None
    width: float
    height: float
    center_lon: float | None
    unplaced_top: float | None
    background: tuple[geo.Polyline, ...]
    sources: int
    version: str | None


def category_labels() -> dict[str, tuple[str, str]]:
    """The English and Korean names of the categories, as the ontology has them.

    Agreement categories are the groups every figure counts in
    (:func:`citygraph.graph.network.groups.group_labels`), the others are named by
    the kinds of tie (``kind/tie``); English names start with a capital, as legend
    entries do.

    >>> category_labels()["sister"], category_labels()["forum"]
    (('Sister city', '자매도시'), ('Shared forum', '공동 참여 포럼'))
    """
    known = {**ontology_labels("tie"), **group_labels()}
    return {code: (known[code][0][:1].upper() + known[code][0][1:], known[code][1])
            for code in CATEGORIES if code in known}


def category_of(attrs: Mapping[str, Any]) -> str:
    """The category of an edge of the city network.

    >>> category_of({"relation": "agreement", "kind": "chinseon", "broader": ("sister",)})
    'sister'
    >>> category_of({"relation": "agreement", "kind": "cooperation", "broader": ()})
    'other'
    """
    relation = attrs["relation"]
    if relation != "agreement":
        return str(relation)
    return group_of(attrs.get("kind"), attrs.get("broader", ()))


def _labels(attrs: Mapping[str, Any]) -> tuple[str, str]:
    name = {"agreement": "kind_label", "prize": "prize_label"}.get(attrs["relation"],
                                                                    "event_label")
    en = attrs.get(name) or attrs.get("kind") or attrs["relation"]
    return str(en), str(attrs.get(f"{name}_ko") or en)


def _choose(value: str, name: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidParameter(f"unknown {name} {value!r}; use one of: {', '.join(allowed)}")


def _text_width(text: str) -> float:
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return FONT * (wide + 0.58 * (len(text) - wide))


def build_model(
    graph: nx.MultiGraph,
    focus: str,
    *,
    layout: str = "geo",
    kinds: Iterable[str] | None = None,
    lang: str = "ko",
    theme: str = "light",
    scope: str = "ego",
    city_url: str | None = None,
    version: str | None = None,
    labels: Mapping[str, tuple[str, str]] | None = None,
) -> VisualModel:
    """The visual model of ``focus``'s network in ``graph``.

    Parameters
    ----------
    graph
        A :func:`~citygraph.graph.network.project.city_network` graph.
    focus
        IRI of the focus city (Seoul: ``.../place/gn1835848``).
    layout
        ``geo`` (positions from :mod:`citygraph.visuals.layout`) or ``force``
        (no positions: the page runs physics once, then stands still).
    kinds
        Keep only these categories (see the module docstring); all when ``None``.
    lang, theme
        The page's first language (``ko`` or ``en``) and colours (``light``, ``dark``).
    scope
        ``ego``: the focus, its neighbours and its ties; ``all``: everything.
    city_url
        A link per place, e.g. ``"/cities/{key}"`` (``key``: the place's data
        key, else the IRI's last segment; URL-quoted); ``None``: no links.
    labels
        The categories' English and Korean names; by default
        :func:`category_labels`, the ontology's.
    version
        The data version for the caption.

    Raises
    ------
    InvalidParameter
        When ``focus`` is not in ``graph``, or a category or option is unknown.

    Examples
    --------
    >>> from citygraph.graph.network.project import city_network, example_store
    >>> g = city_network(example_store())
    >>> model = build_model(g, "https://w3id.org/citygraph/id/place/seoul", city_url="/c/{key}")
    >>> [(n.label_ko, n.url, n.anchor_x) for n in model.nodes]  # no coordinates: no anchor
    [('서울', '/c/seoul', None), ('Taipei', '/c/taipei', None)]
    >>> build_model(g, "https://w3id.org/citygraph/id/place/seoul", kinds=["sisters"])
    Traceback (most recent call last):
    ...
    citygraph.ingest.errors.InvalidParameter: unknown category 'sisters'; use one of: ...
    """
    for value, name, allowed in ((layout, "layout", LAYOUTS), (lang, "lang", LANGS),
                                 (theme, "theme", THEMES), (scope, "scope", SCOPES)):
        _choose(value, name, allowed)
    if focus not in graph:
        raise NotFound(f"focus {focus!r} is not a place in the graph")
    wanted = set(CATEGORIES) if kinds is None else set(kinds)
    unknown = sorted(wanted - set(CATEGORIES))
    if unknown:
        raise InvalidParameter(f"unknown category {', '.join(map(repr, unknown))}; "
                         f"use one of: {', '.join(CATEGORIES)}")
    ties = graph.edges(focus, keys=True, data=True) if scope == "ego" else \
        graph.edges(keys=True, data=True)
    edges: list[VisualEdge] = []
    for u, v, _key, attrs in ties:
        category = category_of(attrs)
        if category in wanted:
            en, ko = _labels(attrs)
            edges.append(VisualEdge(
                f"e{len(edges)}", u, v, category, attrs["relation"], attrs.get("kind"),
                attrs.get("year"), attrs.get("date"), en, ko, tuple(attrs.get("sources", ())),
            ))
    if scope == "ego":
        ids = [focus, *sorted({e.target if e.source == focus else e.source for e in edges}
                              - {focus}, key=lambda n: (graph.nodes[n].get("label", ""), n))]
    else:
        ids = [focus, *sorted((n for n in graph if n != focus),
                              key=lambda n: (graph.nodes[n].get("label", ""), n))]
    nodes, frame = _nodes(graph, focus, ids, edges, layout, city_url)
    first, last = _years(edges)
    dated = [e.year for e in edges if e.year is not None and e.relation in ("agreement",
                                                                            "meeting")]
    data = graph.nodes[focus]
    en, ko = data.get("label") or focus, data.get("label_ko") or data.get("label") or focus
    counts: dict[str, int] = defaultdict(int)
    for e in edges:
        counts[e.category] += 1
    names = category_labels() if labels is None else labels
    categories = tuple(
        Category(c, *names.get(c, (c, c)), styles()[c].colour, styles()[c].dashes, counts[c])
        for c in CATEGORIES if c in wanted)
    return VisualModel(
        focus, f"{en}'s global network", f"{ko}의 글로벌 네트워크", layout, lang, theme, scope,
        nodes, tuple(edges), categories, _continents(graph, ids), first, last,
        max(dated) if dated else last, frame.width, frame.height, frame.center_lon,
        frame.unplaced_top, frame.background, len({s for e in edges for s in e.sources}),
        version,
    )


def _years(edges: list[VisualEdge]) -> tuple[int | None, int | None]:
    years = [e.year for e in edges if e.year is not None]
    return (min(years), max(years)) if years else (None, None)


def _continents(graph: nx.MultiGraph, ids: list[str]) -> tuple[Continent, ...]:
    focus = graph.nodes[ids[0]]
    found = {"focus": Continent("focus", focus.get("label") or ids[0],
                                focus.get("label_ko") or focus.get("label") or ids[0],
                                FOCUS_COLOR)}
    for n in ids[1:]:
        d = graph.nodes[n]
        code = d.get("continent") or "?"
        if code not in found:
            en = d.get("continent_label") or ("Unknown" if code == "?" else code)
            found[code] = Continent(code, en, d.get("continent_label_ko") or
                                    ("미상" if code == "?" else en),
                                    CONTINENT_COLORS.get(code, UNKNOWN_COLOR))
    order = ["focus", *CONTINENT_COLORS, "?"]
    return tuple(sorted(found.values(), key=lambda c: (order.index(c.code)
                                                       if c.code in order else 99, c.code)))


def _nodes(
    graph: nx.MultiGraph, focus: str, ids: list[str], edges: list[VisualEdge],
    layout: str, city_url: str | None,
) -> tuple[tuple[VisualNode, ...], geo.GeoLayout]:
    facts: dict[str, list[Fact]] = defaultdict(list)
    for e in edges:
        for end, other in ((e.source, e.target), (e.target, e.source)):
            facts[end].append(Fact(e.category, other, e.label, e.label_ko, e.date, e.sources))
    sizes = {n: round(min(40.0, 8.0 + 4.0 * math.sqrt(len(facts[n]))), 1) for n in ids}
    places: dict[str, geo.Placed] = {}
    frame = geo.GeoLayout(0.0, 0.0, None, (), ())  # the force layout has no map
    if layout == "geo":
        boxes = []
        for n in ids:
            d, s = graph.nodes[n], sizes[n]
            label = max(_text_width(d.get("label") or ""), _text_width(d.get("label_ko") or ""))
            boxes.append(geo.Box(n, d.get("lon"), d.get("lat"), max(2 * s, label) + 8,
                                 2 * s + FONT * 1.4, fixed=n == focus))
        center = geo.seam_center([b.lon for b in boxes if b.lon is not None and
                                  b.lat is not None], land(),
                                 default=float(graph.nodes[focus].get("lon") or 0.0))
        frame = geo.geo_layout(boxes, center, land=land())
        places = {p.id: p for p in frame.places}
    nodes = []
    for n in ids:
        d = graph.nodes[n]
        key = d.get("key") or n.rstrip("/").rsplit("/", 1)[-1]
        place = places.get(n)
        nodes.append(VisualNode(
            n, key, d.get("label") or key, d.get("label_ko") or d.get("label") or key,
            d.get("country_label") or "", d.get("country_label_ko") or d.get("country_label") or "",
            d.get("continent") or "?", n == focus, len(facts[n]), sizes[n],
            FOCUS_COLOR if n == focus else CONTINENT_COLORS.get(d.get("continent") or "",
                                                                UNKNOWN_COLOR),
            city_url.format(key=quote(key, safe="")) if city_url else None,
            place.x if place else None, place.y if place else None,
            place.anchor_x if place else None, place.anchor_y if place else None,
            tuple(sorted(facts[n], key=lambda f: (f.date or "", f.category, f.other))),
        ))
    return tuple(nodes), frame

"""Project the RDF graph onto NetworkX graphs: one SPARQL SELECT per view.

Two views:

:func:`city_network`
    An undirected :class:`networkx.MultiGraph` of places (cities, regions, and
    countries that are an end of some tie) with one edge per relation between
    two of them: agreements, shared events (``forum``), bilateral meetings
    (``meeting``) and shared prizes (``prize``).  Parallel relations stay
    parallel edges, each with its own key, so nothing is collapsed.
:func:`full_graph`
    A directed :class:`networkx.MultiDiGraph` of every resource typed with a
    ``cg:`` class, one edge per triple between two of them, keyed by the
    predicate's local name; literals (and IRIs that are not nodes, such as
    SKOS kinds) become node attributes.  Evidence nodes are left out and
    counted on the node they support instead.

Node ids are IRIs (strings).  Each view runs one standard SPARQL 1.1 SELECT
(no per-node queries, no Oxigraph extensions) through anything that has the
store's ``query`` method, so a remote SPARQL store works too.  Rows come back
in a long ``(part, s, p, o, x)`` shape: ``part`` names the branch of the
``UNION`` a row comes from and the others are read per branch (see
``NETWORK_QUERY``).  The queries hold only our own vocabulary; no user value
reaches the query text.

Edges of the city network
-------------------------
Every edge has ``relation``, ``year`` (an ``int``, or ``None`` when unknown)
and ``date`` (ISO text as precise as known, or ``None``):

============  ================================================================
relation      one edge per ...
============  ================================================================
agreement     agreement node and pair of its place parties (an agreement of
              three places gives three edges).  ``agreement`` (IRI), ``kind``
              (SKOS code: sister, chinseon, friendship, mou, ...),
              ``broader`` (codes of the broader kinds: chinseon -> sister),
              ``kind_label``/``kind_label_ko``, ``dates`` (every reading,
              sorted), ``date`` and ``year`` (the earliest reading),
              ``readings`` (``(date or None, source document)`` pairs),
              ``sources`` (the documents cited by its evidence),
              ``upgrades`` / ``superseded_by`` (IRIs of the agreement it
              raises / that raises it, or ``None``).  Sources that disagree
              on the date (San Francisco: 1975 and 1976) stay one edge with
              both ``dates``; ``date``, ``year`` and ``as_of`` use the earliest.
forum         pair of places and *top-level* event both took part in, in any
              role, themselves or in one of its parts (``schema:superEvent``):
              a city at a forum's breakfast meeting took part in the forum.
              ``event`` (the top-level IRI), ``event_label``,
              ``event_label_ko``, ``event_kind``, ``shared_events`` (the
              events, top-level or parts, in which both took part directly),
              ``year`` and ``date`` from the event's ``schema:startDate``.
meeting       pair of places and event of kind ``bilateral_meeting`` both took
              part in (attributes as for ``forum``; the event itself).
prize         pair of laureates of the same prize: ``prize``, ``prize_label``,
              ``prize_label_ko``, ``award_years`` (laureate IRI -> first award
              year) and ``year``: the later of the two first awards, the year
              from which both were laureates.
============  ================================================================

Edge keys are the IRI of the agreement, event or prize behind the edge.

Examples
--------
>>> store = example_store()
>>> g = city_network(store)
>>> sorted(g.nodes[n]["label"] for n in g)
['Seoul', 'Taipei']
>>> [(d["relation"], d["kind"], d["year"]) for _, _, d in g.edges(data=True)]
[('agreement', 'sister', 1968)]
>>> city_network(store, as_of=1960).number_of_edges()
0
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import InvalidParameter, TooLarge
from citygraph.ingest.facts import PartialDate
from citygraph.ontology.vocab import CG, GEO, KIND, SCHEMA, kind_iri, sparql_prefixes

__all__ = [
    "EXAMPLE_TRIG",
    "FULL_QUERY",
    "MAX_ROWS",
    "NETWORK_QUERY",
    "RELATIONS",
    "Relation",
    "city_network",
    "example_store",
    "full_graph",
]

_CG = str(CG._NS)
RDF_TYPE = str(RDF.type)
RDFS_LABEL = str(RDFS.label)
SKOS_BROADER = str(SKOS.broader)
SKOS_PREF = str(SKOS.prefLabel)
DCTERMS_ID = str(DCTERMS.identifier)
DCTERMS_TITLE = str(DCTERMS.title)
SCHEMA_START = str(SCHEMA.startDate)
SCHEMA_SUPER = str(SCHEMA.superEvent)
GEO_LAT = str(GEO.lat)
GEO_LONG = str(GEO.long)

class Relation(StrEnum):
    """What an edge of the city network stands for: the concepts of ``kind/tie``."""

    AGREEMENT = "agreement"
    FORUM = "forum"
    MEETING = "meeting"
    PRIZE = "prize"


#: Relation names of the city network's edges.
RELATIONS = tuple(r.value for r in Relation)
PLACE_TYPES = {str(CG.City): "City", str(CG.Region): "Region", str(CG.Country): "Country"}
MEETING_KIND = "bilateral_meeting"

#: Row cap asked of the store; a store that cuts the answer shorter is an error.
MAX_ROWS = 5_000_000

#: Two places, a sister-city agreement and its evidence (see :func:`example_store`).
EXAMPLE_TRIG = """\
@prefix cg: <https://w3id.org/citygraph/ontology#> .
@prefix id: <https://w3id.org/citygraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:source\\/x {
    id:place\\/seoul a cg:City ; rdfs:label "Seoul"@en , "서울"@ko .
    id:place\\/taipei a cg:City ; rdfs:label "Taipei"@en .
    id:agreement\\/seoul--taipei\\/sister a cg:Agreement ;
        cg:party id:place\\/seoul , id:place\\/taipei ;
        cg:agreementKind <https://w3id.org/citygraph/kind/agreement/sister> ;
        cg:dateSigned "1968"^^xsd:gYear ;
        cg:evidence id:agreement\\/seoul--taipei\\/sister\\/evidence\\/1 .
    id:agreement\\/seoul--taipei\\/sister\\/evidence\\/1 a cg:Evidence ;
        dcterms:source <https://example.org/news> .
}
"""


def example_store() -> OxigraphStore:
    """An in-memory store holding :data:`EXAMPLE_TRIG`, for the examples.

    >>> example_store().quad_count()
    13
    """
    store = OxigraphStore.in_memory()
    quads = ox.parse(EXAMPLE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    store.load_nquads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return store


_PREFIXES = sparql_prefixes("cg", "rdf", "rdfs", "skos", "dcterms", "schema", "geo", "kind")

#: The one query behind :func:`city_network`.  Rows per ``?part``:
#: ``place`` (s, attribute predicate, value); ``agreement`` (s, predicate,
#: value); ``reading`` (agreement, evidence node, source document, stated
#: date); ``concept`` (kind or continent concept, prefLabel|broader, value);
#: ``took_part`` (place, event, the event or one of its super events, role);
#: ``event`` (s, predicate, value); ``award`` (s, predicate, value); ``prize``
#: (s, rdfs:label, label).
NETWORK_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?part ?s ?p ?o ?x WHERE {
  {
    VALUES ?class { cg:City cg:Region cg:Country }
    VALUES ?p { rdf:type rdfs:label dcterms:identifier cg:country cg:continent geo:lat geo:long }
    ?s a ?class ; ?p ?o .
    MINUS { ?s cg:evidence ?listed . ?listed cg:rule "listed" }
    BIND("place" AS ?part)
  } UNION {
    VALUES ?p { cg:party cg:agreementKind cg:dateSigned cg:upgrades }
    ?s a cg:Agreement ; ?p ?o .
    BIND("agreement" AS ?part)
  } UNION {
    ?s a cg:Agreement ; cg:evidence ?p .
    ?p dcterms:source ?o .
    OPTIONAL { ?p cg:statesDate ?x }
    BIND("reading" AS ?part)
  } UNION {
    VALUES ?scheme { kind:agreement kind:continent }
    VALUES ?p { skos:prefLabel skos:broader }
    ?s skos:inScheme ?scheme ; ?p ?o .
    BIND("concept" AS ?part)
  } UNION {
    VALUES ?class { cg:City cg:Region cg:Country }
    ?taking a cg:Participation ; cg:participant ?s ; cg:event ?p .
    ?s a ?class .
    ?p schema:superEvent* ?o .
    OPTIONAL { ?taking cg:participationRole ?x }
    BIND("took_part" AS ?part)
  } UNION {
    VALUES ?p { rdfs:label cg:eventKind schema:startDate schema:superEvent }
    ?s a cg:Event ; ?p ?o .
    BIND("event" AS ?part)
  } UNION {
    VALUES ?p { cg:prize cg:laureate cg:awardYear }
    ?s a cg:PrizeAward ; ?p ?o .
    BIND("award" AS ?part)
  } UNION {
    ?s a cg:Prize ; rdfs:label ?o .
    BIND(rdfs:label AS ?p)
    BIND("prize" AS ?part)
  }
}
"""
)

#: The one query behind :func:`full_graph`: every triple whose subject has a
#: ``cg:`` type, except the triples of evidence nodes.
FULL_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?s ?p ?o WHERE {
  {
    SELECT DISTINCT ?s WHERE {
      ?s a ?class .
      FILTER(STRSTARTS(STR(?class), "https://w3id.org/citygraph/ontology#"))
      FILTER NOT EXISTS { ?s a cg:Evidence }
    }
  }
  ?s ?p ?o .
}
"""
)


def select_all(
    store: Store, sparql: str, what: str = "the projection"
) -> list[dict[str, Term]]:
    """The rows of a SELECT, all of them: an answer cut by a row cap raises."""
    result = store.query(sparql, max_rows=MAX_ROWS)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    if result.truncated:
        raise TooLarge(
            f"The store cut {what} at {len(result.rows):,} rows; "
            "raise its row cap (CITYGRAPH_ROW_CAP) to read the whole graph."
        )
    return result.rows


def _local(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _code(iri: str) -> str:
    """The code of a SKOS concept ``kind/{scheme}/{code}``, else the local name."""
    return iri.rsplit("/", 1)[-1] if iri.startswith(str(KIND)) else _local(iri)


_INTEGERS = {
    str(XSD) + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {str(XSD) + t for t in ("decimal", "double", "float")}


def _python(term: Term) -> str | int | float | bool:
    """A literal's value as Python: numbers and booleans typed, the rest text."""
    if term.type != "literal":
        return term.value
    try:
        if term.datatype in _INTEGERS:
            return int(term.value)
        if term.datatype in _FLOATS:
            return float(term.value)
    except ValueError:
        return term.value
    if term.datatype == str(XSD.boolean):
        return term.value in ("true", "1")
    return term.value


def _date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text[:10])
    except ValueError:
        return None


def _date_key(date: PartialDate) -> tuple[int, int, int]:
    # a partial date sorts before the days it may be (2023-09 < 2023-09-26)
    return (date.year, date.month or 0, date.day or 0)


@dataclass
class _Labels:
    en: list[str] = field(default_factory=list)
    ko: list[str] = field(default_factory=list)

    def add(self, term: Term) -> None:
        if term.lang and term.lang.lower().startswith("ko"):
            self.ko.append(term.value)
        elif not term.lang or term.lang.lower().startswith("en"):
            self.en.append(term.value)

    def pick(self) -> tuple[str, str]:
        """One English and one Korean label, each the first when sorted."""
        en = min(self.en) if self.en else ""
        ko = min(self.ko) if self.ko else ""
        return en, ko


@dataclass
class _Place:
    type: str = ""
    labels: _Labels = field(default_factory=_Labels)
    key: str = ""
    country: str = ""
    continent: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass
class _Agreement:
    parties: set[str] = field(default_factory=set)
    kind: str = ""
    dates: set[str] = field(default_factory=set)
    upgrades: str | None = None
    readings: set[tuple[str | None, str]] = field(default_factory=set)


@dataclass
class _Event:
    labels: _Labels = field(default_factory=_Labels)
    kind: str = ""
    start: str | None = None
    parents: set[str] = field(default_factory=set)


@dataclass
class _Rows:
    """The query's rows, sorted by what they describe."""

    places: dict[str, _Place] = field(default_factory=lambda: defaultdict(_Place))
    agreements: dict[str, _Agreement] = field(default_factory=lambda: defaultdict(_Agreement))
    concepts: dict[str, _Labels] = field(default_factory=lambda: defaultdict(_Labels))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    events: dict[str, _Event] = field(default_factory=lambda: defaultdict(_Event))
    # place -> event it took part in directly; place -> event or super event
    direct: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    within: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    awards: dict[str, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    prizes: dict[str, _Labels] = field(default_factory=lambda: defaultdict(_Labels))


def _read(rows: Iterable[dict[str, Term]]) -> _Rows:
    out = _Rows()
    for row in rows:
        part, s, p, o = row["part"].value, row["s"].value, row["p"].value, row["o"]
        if part == "place":
            place = out.places[s]
            if p == RDF_TYPE and o.value in PLACE_TYPES:
                # a resource typed twice keeps the first in City, Region, Country
                known = list(PLACE_TYPES.values())
                new = PLACE_TYPES[o.value]
                if not place.type or known.index(new) < known.index(place.type):
                    place.type = new
            elif p == RDFS_LABEL:
                place.labels.add(o)
            elif p == DCTERMS_ID:
                place.key = min(place.key or o.value, o.value)
            elif p == str(CG.country):
                place.country = min(place.country or o.value, o.value)
            elif p == str(CG.continent):
                place.continent = _code(o.value)
            elif p in (GEO_LAT, GEO_LONG):
                value = _python(o)
                number = float(value) if isinstance(value, int | float) else None
                if p == GEO_LAT:
                    place.lat = number
                else:
                    place.lon = number
        elif part == "agreement":
            agreement = out.agreements[s]
            if p == str(CG.party):
                agreement.parties.add(o.value)
            elif p == str(CG.agreementKind):
                agreement.kind = _code(o.value)
            elif p == str(CG.dateSigned):
                agreement.dates.add(o.value)
            elif p == str(CG.upgrades):
                agreement.upgrades = o.value
        elif part == "reading":
            stated = row.get("x")
            out.agreements[s].readings.add((stated.value if stated else None, o.value))
        elif part == "concept":
            if p == SKOS_PREF:
                out.concepts[s].add(o)
            elif p == SKOS_BROADER:
                out.broader[_code(s)].add(_code(o.value))
        elif part == "took_part":
            if o.value == p:
                out.direct[s].add(p)
            out.within[s].add(o.value)
        elif part == "event":
            event = out.events[s]
            if p == RDFS_LABEL:
                event.labels.add(o)
            elif p == str(CG.eventKind):
                event.kind = _code(o.value)
            elif p == SCHEMA_START:
                event.start = min(event.start or o.value, o.value)
            elif p == SCHEMA_SUPER:
                event.parents.add(o.value)
        elif part == "award":
            award = out.awards[s]
            if p == str(CG.awardYear):
                value = _python(o)
                award["year"] = value if isinstance(value, int) else None
            else:
                award[_local(p)] = o.value
        elif part == "prize":
            out.prizes[s].add(o)
    return out


def _ancestors(code: str, broader: Mapping[str, set[str]]) -> tuple[str, ...]:
    seen: set[str] = set()
    todo = list(broader.get(code, ()))
    while todo:
        up = todo.pop()
        if up not in seen:
            seen.add(up)
            todo.extend(broader.get(up, ()))
    return tuple(sorted(seen))


def _event_attrs(rows: _Rows, event: str) -> dict[str, Any]:
    info = rows.events.get(event, _Event())
    en, ko = info.labels.pick()
    date = _date(info.start) if info.start else None
    return {
        "event": event,
        "event_label": en,
        "event_label_ko": ko,
        "event_kind": info.kind or None,
        "date": date.iso if date else None,
        "year": date.year if date else None,
    }


def _edges(rows: _Rows, places: set[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every tie between two places as ``(u, v, key, attributes)``, u < v."""
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    superseded: dict[str, str] = {}
    for iri, agreement in rows.agreements.items():
        if agreement.upgrades:
            superseded[agreement.upgrades] = iri
    for iri, agreement in sorted(rows.agreements.items()):
        parsed = sorted((d for d in map(_date, agreement.dates) if d), key=_date_key)
        first = parsed[0] if parsed else None
        en, ko = rows.concepts.get(str(kind_iri("agreement", agreement.kind)), _Labels()).pick()
        readings = sorted(agreement.readings, key=lambda r: (r[0] or "", r[1]))
        attrs = {
            "relation": "agreement",
            "agreement": iri,
            "kind": agreement.kind,
            "broader": _ancestors(agreement.kind, rows.broader),
            "kind_label": en,
            "kind_label_ko": ko,
            "date": first.iso if first else None,
            "dates": [d.iso for d in parsed],
            "year": first.year if first else None,
            "readings": readings,
            "sources": sorted({source for _, source in readings}),
            "upgrades": agreement.upgrades,
            "superseded_by": superseded.get(iri),
        }
        for u, v in combinations(sorted(agreement.parties & places), 2):
            edges.append((u, v, iri, copy.deepcopy(attrs)))  # no lists shared between edges

    roots = {e for e, info in rows.events.items() if not info.parents}
    forum: dict[str, set[str]] = defaultdict(set)
    meeting: dict[str, set[str]] = defaultdict(set)
    for place in sorted(rows.within.keys() & places):
        for event in rows.within[place] & roots:
            if rows.events[event].kind != MEETING_KIND:
                forum[event].add(place)
        for event in rows.direct[place]:
            if rows.events.get(event, _Event()).kind == MEETING_KIND:
                meeting[event].add(place)
    for event, members in sorted(forum.items()):
        attrs = {"relation": "forum", **_event_attrs(rows, event)}
        for u, v in combinations(sorted(members), 2):
            shared = {e for e in rows.direct[u] & rows.direct[v] if _under(rows, e, event)}
            edges.append((u, v, event, {**attrs, "shared_events": sorted(shared)}))
    for event, members in sorted(meeting.items()):
        attrs = {"relation": "meeting", **_event_attrs(rows, event)}
        for u, v in combinations(sorted(members), 2):
            edges.append((u, v, event, {**attrs, "shared_events": [event]}))

    laureates: dict[str, dict[str, int | None]] = defaultdict(dict)
    for award in rows.awards.values():
        prize, laureate = award.get("prize"), award.get("laureate")
        if prize and laureate in places:
            year = award.get("year")
            known = laureates[prize].get(laureate)
            laureates[prize][laureate] = (
                year if known is None else known if year is None else min(known, year)
            )
    for prize, winners in sorted(laureates.items()):
        en, ko = rows.prizes.get(prize, _Labels()).pick()
        for u, v in combinations(sorted(winners), 2):
            yu, yv = winners[u], winners[v]
            year = max(yu, yv) if yu is not None and yv is not None else None
            edges.append(
                (
                    u,
                    v,
                    prize,
                    {
                        "relation": "prize",
                        "prize": prize,
                        "prize_label": en,
                        "prize_label_ko": ko,
                        "award_years": {u: yu, v: yv},
                        "year": year,
                        "date": None if year is None else f"{year:04d}",
                    },
                )
            )
    return edges


def _under(rows: _Rows, event: str, root: str) -> bool:
    """Whether ``event`` is ``root`` or one of its parts (any depth)."""
    seen: set[str] = set()
    todo = [event]
    while todo:
        e = todo.pop()
        if e == root:
            return True
        if e not in seen:
            seen.add(e)
            todo.extend(rows.events.get(e, _Event()).parents)
    return False


def _keep(attrs: Mapping[str, Any], as_of: int | None, kinds: set[str] | None) -> bool:
    if as_of is not None and (attrs["year"] is None or attrs["year"] > as_of):
        return False
    if kinds is None:
        return True
    if attrs["relation"] in kinds:
        return True
    return attrs["relation"] == "agreement" and bool(kinds & {attrs["kind"], *attrs["broader"]})


def city_network(
    store: Store,
    *,
    as_of: int | None = None,
    kinds: Iterable[str] | None = None,
) -> nx.MultiGraph:
    """Project places and the ties between them onto a MultiGraph.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.
    as_of
        Keep only ties whose year is known and not later than this year.
        Ties with an unknown year (some agreements have no date) are dropped
        under ``as_of``; an agreement whose sources disagree counts from its
        earliest reading.  Upgraded agreements stay (marked ``superseded_by``).
    kinds
        Keep only ties of these relations (``agreement``, ``forum``,
        ``meeting``, ``prize``) or agreement kinds (``sister``, ``chinseon``,
        ``friendship``, ``mou``, ...).  An agreement passes when its kind or
        a broader kind is named: ``{"sister"}`` keeps chinseon ties too.

    Returns
    -------
    networkx.MultiGraph
        Nodes are place IRIs with ``iri``, ``key`` (the data key),
        ``label`` (English), ``label_ko``, ``type`` (``City``, ``Region`` or
        ``Country``), ``country`` (IRI), ``country_label``,
        ``country_label_ko``, ``continent``
        (code such as ``EU``), ``continent_label``, ``continent_label_ko``,
        ``lat`` and ``lon``.  Every city and region is a node, tied or not;
        a country only when it is an end of some tie (before filtering).  Edges
        are described in the module docstring; filters never remove nodes.

    Raises
    ------
    InvalidParameter
        When ``kinds`` names neither a relation nor a known agreement kind.
    TooLarge
        When the store cuts the answer (row cap).

    Examples
    --------
    >>> store = example_store()
    >>> g = city_network(store, kinds={"sister"})
    >>> [d["sources"] for _, _, d in g.edges(data=True)]
    [['https://example.org/news']]
    >>> city_network(store, kinds={"sisters"})
    Traceback (most recent call last):
    ...
    citygraph.ingest.errors.InvalidParameter: unknown kind 'sisters'; use one of: agreement, ...
    """
    rows = _read(select_all(store, NETWORK_QUERY))
    places = {iri for iri, p in rows.places.items() if p.type}
    edges = _edges(rows, places)
    wanted: set[str] | None = None
    if kinds is not None:
        wanted = set(kinds)
        known = set(RELATIONS) | {_code(c) for c in rows.concepts if "/agreement/" in c}
        known |= {a.kind for a in rows.agreements.values()}
        unknown = sorted(wanted - known)
        if unknown:
            raise InvalidParameter(
                f"unknown kind {', '.join(map(repr, unknown))}; use one of: "
                + ", ".join(sorted(known, key=lambda k: (k not in RELATIONS, k)))
            )
    ends = {u for u, *_ in edges} | {v for _, v, *_ in edges}
    g = nx.MultiGraph()
    for iri in sorted(places):
        place = rows.places[iri]
        if place.type == "Country" and iri not in ends:
            continue
        en, ko = place.labels.pick()
        country = rows.places.get(place.country) if place.country else None
        continent = place.continent or (country.continent if country else "")
        concept = rows.concepts.get(str(kind_iri("continent", continent)), _Labels())
        continent_en, continent_ko = concept.pick()
        g.add_node(
            iri,
            iri=iri,
            key=place.key,
            label=en or ko or _local(iri),
            label_ko=ko or en or _local(iri),
            type=place.type,
            country=place.country or None,
            country_label=(country.labels.pick()[0] if country else "") or None,
            country_label_ko=(country.labels.pick()[1] if country else "") or None,
            continent=continent or None,
            continent_label=continent_en or continent or None,
            continent_label_ko=continent_ko or continent_en or continent or None,
            lat=place.lat,
            lon=place.lon,
        )
    for u, v, key, attrs in edges:
        if u in g and v in g and _keep(attrs, as_of, wanted):
            g.add_edge(u, v, key=key, **attrs)
    return g


def _attribute(predicate: str, term: Term) -> str:
    name = _local(predicate)
    lang = (term.lang or "").lower()
    if lang and not lang.startswith("en"):
        name = f"{name}_{lang.split('-')[0]}"
    return name


def full_graph(store: Store) -> nx.MultiDiGraph:
    """Project every ``cg:``-typed resource and the triples between them.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are IRIs with ``iri``, ``type`` (local name of the ``cg:``
        class), ``label`` (English, else ``dcterms:title``), ``label_ko``,
        ``evidence`` (how many ``cg:Evidence`` nodes support it) and one
        attribute per other predicate, named by its local name (``_ko`` added
        for Korean literals): a literal's value (``int``, ``float``, ``bool``
        or text) or, for IRIs that are not nodes (SKOS kinds, Wikidata), the
        IRI; a list when the predicate repeats.  Each triple between two nodes
        is an edge from subject to object with key the predicate's local name
        (the full IRI if two predicates share it) and ``predicate`` the IRI.
        Evidence nodes and ``cg:evidence`` triples are left out.

    Examples
    --------
    >>> store = example_store()
    >>> g = full_graph(store)
    >>> a = "https://w3id.org/citygraph/id/agreement/seoul--taipei/sister"
    >>> sorted(k for _, _, k in g.out_edges(a, keys=True))
    ['party', 'party']
    >>> g.nodes[a]["dateSigned"], g.nodes[a]["evidence"], g.nodes[a]["type"]
    ('1968', 1, 'Agreement')
    """
    rows = select_all(store, FULL_QUERY)
    types: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["p"].value == RDF_TYPE and row["o"].value.startswith(_CG):
            types[row["s"].value].append(_local(row["o"].value))
    g = nx.MultiDiGraph()
    labels: dict[str, _Labels] = defaultdict(_Labels)
    titles: dict[str, _Labels] = defaultdict(_Labels)
    evidence: dict[str, int] = defaultdict(int)
    attributes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for iri in sorted(types):
        g.add_node(iri, iri=iri, type=sorted(types[iri])[0])
    triples = sorted(rows, key=lambda r: (r["s"].value, r["p"].value, r["o"].value))
    for row in triples:
        s, p, o = row["s"].value, row["p"].value, row["o"]
        if p == RDF_TYPE:
            continue
        if p == str(CG.evidence):
            evidence[s] += 1
        elif o.type in ("uri", "bnode") and o.value in types:
            key = _local(p)
            if g.has_edge(s, o.value, key=key) and g.edges[s, o.value, key]["predicate"] != p:
                key = p
            g.add_edge(s, o.value, key=key, predicate=p)
        elif p == RDFS_LABEL:
            labels[s].add(o)
        else:
            if p == DCTERMS_TITLE:
                titles[s].add(o)
            attributes[s][_attribute(p, o)].append(_python(o))
    for iri in types:
        node = g.nodes[iri]
        for name, values in attributes[iri].items():
            if name not in node:
                node[name] = values[0] if len(values) == 1 else values
        en, ko = labels[iri].pick()
        title_en, title_ko = titles[iri].pick()
        node["label"] = en or title_en or title_ko
        node["label_ko"] = ko or title_ko
        node["evidence"] = evidence[iri]
    return g
